import { AsyncLocalStorage } from 'node:async_hooks';
import type { CacheMode, CallCache } from './cache.js';
import type { RateLimiter, RateLimits } from './rate-limiter.js';
import { MemoryRateLimiter } from './rate-limiter-memory.js';
import { DEFAULT_PRICES, type PriceTable } from './prices.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { emptyUsage, type Usage } from './usage.js';

/** Everything model calls share within one run: cache, limits, retries, prices and the spend so far. */
export interface LlmRuntime {
  cache?: CallCache;
  cacheMode: CacheMode;
  offline: boolean;
  limiter: RateLimiter;
  /** Limits per model id; the same for every model unless a caller sets otherwise. */
  limits: (modelId: string) => RateLimits;
  prices: PriceTable;
  retry: RetryPolicy;
  /** All calls of the run, cached ones included. */
  total: Usage;
  /** USD actually spent by this process (cache hits cost nothing). */
  spentUsd: number;
  /** Stop spending past this many USD: `onBudget` fires once when reached. */
  maxUsd?: number;
  onBudget?: () => void;
  env: NodeJS.ProcessEnv;
}

/** A runtime with defaults: no cache, no limits, default retries and prices. */
export function createRuntime(init: Partial<Omit<LlmRuntime, 'total' | 'spentUsd'>> & { rateLimits?: RateLimits } = {}): LlmRuntime {
  const limits = init.rateLimits ?? {};
  return {
    cache: init.cache,
    cacheMode: init.cacheMode ?? (init.cache ? 'readwrite' : 'off'),
    offline: init.offline ?? false,
    limiter: init.limiter ?? new MemoryRateLimiter(),
    limits: init.limits ?? (() => limits),
    prices: init.prices ?? { ...DEFAULT_PRICES },
    retry: init.retry ?? DEFAULT_RETRY,
    total: emptyUsage(),
    spentUsd: 0,
    maxUsd: init.maxUsd,
    onBudget: init.onBudget,
    env: init.env ?? process.env,
  };
}

/** The context of the calls made for one encounter (or one judge pass). */
export interface CallScope {
  runtime: LlmRuntime;
  /** Usage of this encounter. */
  usage: Usage;
  /** Seeds retry jitter so backoff is reproducible. */
  seed: string;
  /**
   * The run's seed for this encounter (the plan's replicate, e.g. "2"). Sampled calls (temperature above 0 and no
   * fixed model seed) put it in their cache key, so seed 2 is a new draw rather than a replay of seed 1's answers.
   */
  sample?: string;
  signal?: AbortSignal;
}

const storage = new AsyncLocalStorage<CallScope>();
let fallback: LlmRuntime | undefined;

/**
 * Runs `fn` with a call scope. Actors are shared across encounters and get
 * no encounter handle, so the scope travels with the async context instead of
 * through every actor signature.
 */
export function withCallScope<T>(scope: CallScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

/** The scope of the current encounter, or a process-wide default one (no cache, no limits). */
export function currentScope(): CallScope {
  const s = storage.getStore();
  if (s) return s;
  fallback ??= createRuntime();
  return { runtime: fallback, usage: emptyUsage(), seed: 'default' };
}

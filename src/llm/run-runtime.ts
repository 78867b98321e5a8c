import type { CacheMode, CallCache } from './cache.js';
import { loadPrices } from './prices.js';
import type { RateLimiter, RateLimits } from './rate-limiter.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { createRuntime, type LlmRuntime } from './runtime.js';

/** The model-call settings a run stores with its config (no secrets). */
export interface RunLlmConfig {
  cache?: CacheMode;
  offline?: boolean;
  maxUsd?: number;
  prices?: string;
  rateLimits?: RateLimits;
  retry?: Partial<RetryPolicy>;
}

/** Builds the runtime a run's model calls share; `onBudget` fires once when --max-usd is reached. */
export function runRuntime({
  config,
  cache,
  limiter,
  onBudget,
}: {
  config: RunLlmConfig;
  cache?: CallCache;
  limiter?: RateLimiter;
  onBudget?: () => void;
}): LlmRuntime {
  return createRuntime({
    cache,
    cacheMode: config.cache ?? 'readwrite',
    offline: config.offline ?? false,
    maxUsd: config.maxUsd,
    onBudget,
    prices: loadPrices(config.prices),
    rateLimits: config.rateLimits,
    limiter,
    retry: { ...DEFAULT_RETRY, ...config.retry },
  });
}

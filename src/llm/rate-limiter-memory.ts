import type { RateLimiter, RateLimits } from './rate-limiter.js';
import { RoundsError } from '../util/errors.js';
import { PerKeyQueue } from './per-key-queue.js';

const WINDOW_MS = 60_000;

interface Booking {
  at: number;
  tokens: number;
}

/** The bookings of one key still inside the window, oldest first, with their token sum kept up to date. */
interface Window {
  list: Booking[];
  head: number;
  tokens: number;
}

/**
 * Sliding one-minute window per key, shared by every encounter in this
 * process. Waiters are served in arrival order per key so a large request is
 * not starved by small ones.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly queue = new PerKeyQueue();
  constructor(private readonly now: () => number = () => Date.now()) {}

  async acquire(key: string, tokens: number, limits: RateLimits, signal?: AbortSignal): Promise<void> {
    if (limits.requestsPerMinute === undefined && limits.tokensPerMinute === undefined) return;
    const tpm = limits.tokensPerMinute;
    // A request larger than the whole per-minute budget could never start; book it alone.
    const cost = tpm !== undefined ? Math.min(tokens, tpm) : tokens;
    return this.queue.run(key, () => this.waitFor(key, cost, limits, signal));
  }

  private async waitFor(key: string, tokens: number, limits: RateLimits, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new RoundsError('The model call was cancelled while waiting for the rate limit.');
      const now = this.now();
      let w = this.windows.get(key);
      if (!w) this.windows.set(key, (w = { list: [], head: 0, tokens: 0 }));
      // Drop bookings that left the window; amortised O(1) per call instead of filtering the whole list.
      while (w.head < w.list.length && w.list[w.head].at <= now - WINDOW_MS) w.tokens -= w.list[w.head++].tokens;
      if (w.head > 1024 && w.head * 2 > w.list.length) {
        w.list = w.list.slice(w.head);
        w.head = 0;
      }
      const count = w.list.length - w.head;
      const reqOk = limits.requestsPerMinute === undefined || count < limits.requestsPerMinute;
      const tokOk = limits.tokensPerMinute === undefined || w.tokens + tokens <= limits.tokensPerMinute;
      if (reqOk && tokOk) {
        w.list.push({ at: now, tokens });
        w.tokens += tokens;
        return;
      }
      // Wait until the oldest booking leaves the window, then look again.
      const wait = Math.max(1, w.list[w.head].at + WINDOW_MS - now);
      await sleep(wait, signal);
    }
  }

  async close(): Promise<void> {
    this.windows.clear();
  }
}

/** Resolves after `ms`, or rejects early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RoundsError('The model call was cancelled.'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new RoundsError('The model call was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

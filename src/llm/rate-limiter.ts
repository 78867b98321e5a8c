/**
 * Per-model request and token budgets shared by every encounter that calls a
 * model. In one process an in-memory limiter does; across workers the Redis
 * limiter shares the same budget so ten workers do not multiply a provider's
 * limit.
 */
export interface RateLimits {
  /** Requests per minute; undefined means unlimited. */
  requestsPerMinute?: number;
  /** Tokens (prompt + completion, estimated before the call) per minute; undefined means unlimited. */
  tokensPerMinute?: number;
}

export interface RateLimiter {
  /** Waits until one request costing `tokens` may start for `key` (a model id), then books it. */
  acquire(key: string, tokens: number, limits: RateLimits, signal?: AbortSignal): Promise<void>;
  /** Releases connections or timers; safe to call twice. */
  close(): Promise<void>;
}

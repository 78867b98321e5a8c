import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RateLimiter, RateLimits } from './rate-limiter.js';
import { sleep } from './rate-limiter-memory.js';
import { RoundsError } from '../util/errors.js';
import { maskRedisUrl, redisOptions } from './rate-limiter-redis-url.js';
import { PerKeyQueue } from './per-key-queue.js';

// One sorted set per key: members are `<unique id>:<tokens>`, scored by the
// booking time. The script prunes the window, checks both budgets and books,
// atomically, using the Redis server's clock so workers' clocks need not agree.
// It returns 0 when booked, or how many ms to wait before trying again.
const ACQUIRE = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local rpm = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local tokens = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
local n = #entries / 2
local used = 0
for i = 1, #entries, 2 do used = used + tonumber(string.match(entries[i], ':(%d+)$')) end
local wait = 0
if rpm >= 0 and n >= rpm then
  wait = tonumber(entries[(n - rpm) * 2 + 2]) + window - now
end
if tpm >= 0 and used + tokens > tpm then
  local freed = 0
  for i = 1, #entries, 2 do
    freed = freed + tonumber(string.match(entries[i], ':(%d+)$'))
    if used - freed + tokens <= tpm then
      local w = tonumber(entries[i + 1]) + window - now
      if w > wait then wait = w end
      break
    end
  end
end
if wait > 0 then return wait end
redis.call('ZADD', key, now, ARGV[5] .. ':' .. tokens)
redis.call('PEXPIRE', key, window)
return 0
`;

/**
 * A RateLimiter whose sliding one-minute window per key lives in Redis, so
 * every worker process shares one budget per model: ten workers do not
 * multiply a provider's limit. Within a process, waiters per key are served
 * in arrival order; across processes, whoever asks first after the window
 * frees up gets the slot.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly client: Redis;
  private readonly queue = new PerKeyQueue();
  private readonly windowMs: number;
  private readonly prefix: string;
  private readonly where: string;
  private closed = false;

  constructor(opts: { url: string; windowMs?: number; prefix?: string }) {
    // A few reconnect tries (about a second) before a call fails: a failed encounter job is retried by the queue anyway.
    this.client = new Redis({ ...redisOptions(opts.url), lazyConnect: true, maxRetriesPerRequest: 5 });
    // Connection problems surface through the rejected command in acquire().
    this.client.on('error', () => {});
    this.windowMs = opts.windowMs ?? 60_000;
    this.prefix = opts.prefix ?? 'rounds:rate:';
    this.where = maskRedisUrl(opts.url);
  }

  async acquire(key: string, tokens: number, limits: RateLimits, signal?: AbortSignal): Promise<void> {
    if (limits.requestsPerMinute === undefined && limits.tokensPerMinute === undefined) return;
    const tpm = limits.tokensPerMinute;
    // A request larger than the whole per-minute budget could never start; book it alone.
    const cost = Math.max(0, Math.ceil(tpm !== undefined ? Math.min(tokens, tpm) : tokens));
    return this.queue.run(key, () => this.waitFor(key, cost, limits, signal));
  }

  private async waitFor(key: string, tokens: number, limits: RateLimits, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new RoundsError('The model call was cancelled while waiting for the rate limit.');
      let wait: number;
      try {
        wait = Number(
          await this.client.eval(
            ACQUIRE,
            1,
            this.prefix + key,
            this.windowMs,
            limits.requestsPerMinute ?? -1,
            limits.tokensPerMinute ?? -1,
            tokens,
            randomUUID(),
          ),
        );
      } catch (e) {
        throw new RoundsError(`The shared rate limiter at ${this.where} did not answer (${(e as Error).message}); check that Redis is running.`, { cause: e });
      }
      if (wait <= 0) return;
      await sleep(wait, signal);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.disconnect();
  }
}

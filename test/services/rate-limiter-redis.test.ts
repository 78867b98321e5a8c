import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { randomBytes } from 'node:crypto';
import { RedisRateLimiter } from '../../src/llm/rate-limiter-redis.js';
import { REDIS_URL, requireRedis, spawnNode } from './services.js';

const prefix = `rounds-test-rate:${randomBytes(4).toString('hex')}:`;
let limiter: RedisRateLimiter;

let setupError: unknown;

beforeAll(async () => {
  try {
    await requireRedis();
    limiter = new RedisRateLimiter({ url: REDIS_URL, windowMs: 1000, prefix });
  } catch (e) {
    setupError = e;
  }
});

// A service that is down fails every test (never skips it).
beforeEach(() => {
  if (setupError) throw setupError;
});
afterAll(async () => limiter?.close());

describe('Redis rate limiter', () => {
  it('shares one request budget between two processes instead of multiplying it', async () => {
    const key = `shared-${randomBytes(4).toString('hex')}`;
    // Both processes use the default one-minute window and fight for 12 requests over 3 s, starting together.
    const args = ['--import', 'tsx', 'test/services/fixtures/limiter-child.ts', REDIS_URL, key, '12', '3000', String(Date.now() + 8000)];
    const a = spawnNode(args);
    const b = spawnNode(args);
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.code, a.stderr()).toBe(0);
    expect(eb.code, b.stderr()).toBe(0);
    const granted = [a, b].map((c) => Number(/granted (\d+)/.exec(c.stdout())![1]));
    expect(granted[0] + granted[1]).toBe(12);
    expect(Math.min(...granted)).toBeGreaterThan(0);
  });

  it('holds a request until the window frees enough requests and tokens', async () => {
    const key = `window-${randomBytes(4).toString('hex')}`;
    const limits = { requestsPerMinute: 2, tokensPerMinute: 1000 };
    const t0 = Date.now();
    await limiter.acquire(key, 100, limits);
    await limiter.acquire(key, 100, limits);
    expect(Date.now() - t0).toBeLessThan(500);
    // The third request waits for the first to leave the 1 s window.
    await limiter.acquire(key, 100, limits);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);

    const tokKey = `tokens-${randomBytes(4).toString('hex')}`;
    await limiter.acquire(tokKey, 700, { tokensPerMinute: 1000 });
    // 700 + 400 > 1000: refused until the window moves, so a short deadline aborts it.
    await expect(limiter.acquire(tokKey, 400, { tokensPerMinute: 1000 }, AbortSignal.timeout(300))).rejects.toThrow(/cancelled/);
    const t1 = Date.now();
    await limiter.acquire(tokKey, 300, { tokensPerMinute: 1000 });
    expect(Date.now() - t1).toBeLessThan(300);
    // A request larger than the whole budget runs alone once the window is empty.
    await limiter.acquire(tokKey, 5000, { tokensPerMinute: 1000 });
    expect(Date.now() - t1).toBeGreaterThanOrEqual(600);
  });

  it('says in one sentence when Redis does not answer', async () => {
    const dead = new RedisRateLimiter({ url: 'redis://:secret@127.0.0.1:1' });
    const err = await dead.acquire('k', 1, { requestsPerMinute: 1 }).catch((e: Error) => e);
    await dead.close();
    expect((err as Error).message).toMatch(/^The shared rate limiter at redis:\/\/:\*\*\*@127\.0\.0\.1:1 did not answer/);
    expect((err as Error).message).not.toContain('secret');
  });
});

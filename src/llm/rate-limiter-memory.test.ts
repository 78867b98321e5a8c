import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRateLimiter } from './rate-limiter-memory.js';

afterEach(() => vi.useRealTimers());

describe('MemoryRateLimiter', () => {
  it('holds requests past the per-minute count until the window moves, per model', async () => {
    vi.useFakeTimers();
    const rl = new MemoryRateLimiter();
    const started: string[] = [];
    const go = (key: string, tag: string) => rl.acquire(key, 10, { requestsPerMinute: 2 }).then(() => started.push(tag));
    void go('a', 'a1');
    void go('a', 'a2');
    void go('a', 'a3');
    void go('b', 'b1');
    await vi.advanceTimersByTimeAsync(10);
    expect(started.sort()).toEqual(['a1', 'a2', 'b1']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toContain('a3');
  });

  it('counts tokens per minute', async () => {
    vi.useFakeTimers();
    const rl = new MemoryRateLimiter();
    let second = false;
    await rl.acquire('m', 600, { tokensPerMinute: 1000 });
    void rl.acquire('m', 600, { tokensPerMinute: 1000 }).then(() => (second = true));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(second).toBe(true);
  });

  it('gives up waiting when the signal aborts', async () => {
    const rl = new MemoryRateLimiter();
    await rl.acquire('m', 1, { requestsPerMinute: 1 });
    const ac = new AbortController();
    const p = rl.acquire('m', 1, { requestsPerMinute: 1 }, ac.signal);
    ac.abort();
    await expect(p).rejects.toThrow(/cancelled/);
  });
});

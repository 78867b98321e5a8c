import { describe, expect, it } from 'vitest';
import { checkRedis } from './queue-connection.js';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('checkRedis', () => {
  it('fails in one sentence on a refused port and leaves no timer behind to hold the process open', async () => {
    const before = timers();
    await expect(checkRedis('redis://:hunter2@127.0.0.1:1')).rejects.toThrow(
      /^Cannot reach the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(.+\); start Redis or fix --queue\.$/,
    );
    // ioredis arms a 2 s "stream still open" timer when an already-ended client is disconnected again; the CLI
    // then sat silent for 2 s after printing the error. No test here depends on how long anything takes.
    expect(timers()).toBe(before);
  });
});

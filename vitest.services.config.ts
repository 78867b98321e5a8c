import { defineConfig } from 'vitest/config';

// Tests against the real PostgreSQL and Redis (`.ci/run` starts them). They
// fail, never skip, when a service is down. One file at a time: they spawn
// worker processes and 2 cores are shared.
export default defineConfig({
  test: {
    globalSetup: ['test/support/build-cli.ts'],
    include: ['test/services/**/*.test.ts'],
    testTimeout: 240_000,
    // expect.poll gives up after 1 s by default: far too short on a loaded 2-core CI machine; a poll that never
    // holds still fails, just later.
    expect: { poll: { timeout: 30_000 } },
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

// End-to-end tests: a real server and Debian's chromium (/usr/bin/chromium) through playwright-core.
export default defineConfig({
  test: {
    globalSetup: ['test/support/build-cli.ts'],
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    // expect.poll gives up after 1 s by default: far too short on a loaded 2-core CI machine; a poll that never
    // holds still fails, just later.
    expect: { poll: { timeout: 30_000 } },
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

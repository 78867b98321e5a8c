import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/build-cli.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/services/**', 'test/e2e/**', 'node_modules/**'],
    // Generous: CLI-spawning tests share 2 cores with PostgreSQL and Redis in CI; no test relies on speed.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

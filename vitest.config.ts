import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/build-cli.ts'],
    // One process per worker runs file after file, keeping the modules it imported: a fresh process per file paid
    // the import of src/ again 190 times (~60% of the CPU of the files that spawn no CLI). Files that need fresh
    // module instances say so (vi.resetModules); restore-env gives every file the environment it started with.
    isolate: false,
    setupFiles: ['test/support/restore-env.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/services/**', 'test/e2e/**', 'node_modules/**'],
    // Vitest's default leaves one core to its main thread (1 worker on 2 cores), but the main thread idles while
    // workers run tests: on a quiet 2-core machine 2 workers took `npm test` from 265 s to 154 s. Never fewer than 2.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Generous: CLI-spawning tests share 2 cores with PostgreSQL and Redis in CI; no test relies on speed.
    testTimeout: 120_000,
    // expect.poll gives up after 1 s by default: far too short on a loaded 2-core CI machine; a poll that never
    // holds still fails, just later.
    expect: { poll: { timeout: 30_000 } },
    hookTimeout: 60_000,
  },
});

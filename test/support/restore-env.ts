import { afterAll } from 'vitest';

// Test files share a worker process (vitest.config.ts: isolate: false), so a file that sets process.env (a cache
// folder, a key) must not hand it to the next file: each file ends with the environment it started with.
const start = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in start)) delete process.env[key];
  Object.assign(process.env, start);
});

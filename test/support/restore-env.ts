import { afterAll } from 'vitest';

// Test files share a worker process (vitest.config.ts: isolate: false). Each file ends as its own process would:
// the caches its module instances hold are saved (as at exit, util/cache-file.ts's saveAtExit) and forgotten, so a
// later file's saveCaches() never writes them into its folder; and the next file gets the environment this one
// started with, not a cache folder or key this one set.
const start = { ...process.env };
const SAVES = Symbol.for('rounds.cache-file.saves');

afterAll(() => {
  const saves = (process as unknown as Record<symbol, Set<() => void> | undefined>)[SAVES];
  for (const save of saves ?? []) save();
  saves?.clear();
  for (const key of Object.keys(process.env)) if (!(key in start)) delete process.env[key];
  Object.assign(process.env, start);
});

// Vitest global setup: compile src/ to dist/ once per test run, so every
// test that spawns bin/rounds.js runs the compiled CLI (fast to start, as
// users get it) built from the code under test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../scripts/build.mjs';

export default async function setup(): Promise<() => void> {
  await buildCli();
  // One parse cache for the whole test run (workers and the CLIs they spawn inherit it): each spawned CLI reads the
  // shipped cases as JSON instead of parsing YAML again, and no run reads or writes the user's ~/.cache.
  const cache = process.env.ROUNDS_CACHE_DIR === undefined ? mkdtempSync(join(tmpdir(), 'rounds-test-cache-')) : undefined;
  if (cache) process.env.ROUNDS_CACHE_DIR = cache;
  return () => {
    if (cache) rmSync(cache, { recursive: true, force: true });
  };
}

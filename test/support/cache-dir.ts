import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh cache folder for this test file's caches (ROUNDS_CACHE_DIR while its tests run, restored after), for tests
 * that play "processes" as fresh module graphs (vi.resetModules) over one folder.
 */
export function useCacheDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rounds-${prefix}-`));
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.ROUNDS_CACHE_DIR;
    process.env.ROUNDS_CACHE_DIR = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.ROUNDS_CACHE_DIR;
    else process.env.ROUNDS_CACHE_DIR = saved;
  });
  return dir;
}

/** Runs every cache's save as the process's exit would (util/cache-file.ts's saveAtExit). */
export function saveCaches(): void {
  for (const save of (process as unknown as Record<symbol, Set<() => void> | undefined>)[Symbol.for('rounds.cache-file.saves')] ?? []) save();
}

import { createHash } from 'node:crypto';
import { diskMemo, type DiskMemo } from '../util/disk-memo.js';
import type { CatalogTest } from './catalog-schema.js';

/**
 * The catalog's tests as validation and pricing returned them, on disk beside the parse cache: parsing the two CMS
 * fee schedules (~20,000 rows) to price ~200 tests is most of loading the catalog, which every run does. Only a
 * catalog without problems, priced from the shipped schedules, is kept. Keyed by the catalog files' names and text
 * and the schedules' text; the file is headed by a hash of every module loading runs (found by following
 * catalog's imports), so other code validates and prices again.
 */

let memo: DiskMemo<CatalogTest[]> | undefined;

/** The memo, or one that remembers nothing (no cache folder, or sources that cannot be read). */
export function catalogMemo(env: NodeJS.ProcessEnv = process.env): DiskMemo<CatalogTest[]> {
  if (memo && env === process.env) return memo;
  const code = [new URL('./catalog', import.meta.url), new URL('./catalog-cache', import.meta.url)];
  const made = diskMemo<CatalogTest[]>(
    { name: 'catalog-tests-v1', code, followImports: true, data: [], maxEntries: 4, encode: (tests) => tests, decode: decodeTests },
    env,
  );
  if (env === process.env) memo = made;
  return made;
}

function decodeTests(stored: unknown): CatalogTest[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  for (const t of stored as unknown[]) {
    const test = t as Partial<CatalogTest> | null;
    if (!test || typeof test !== 'object' || typeof test.id !== 'string' || typeof test.name !== 'string') return undefined;
    if (!Array.isArray(test.aliases) || !test.price || typeof test.price !== 'object' || !test.normal || typeof test.normal !== 'object') return undefined;
  }
  return stored as CatalogTest[];
}

/** The memo key: every catalog file's name and text, then the fee schedules' text. */
export function catalogCacheKey(files: ReadonlyArray<{ file: string; text: string }>, schedules: readonly string[]): string {
  const h = createHash('sha1');
  for (const { file, text } of files) h.update(file).update('\0').update(text).update('\0');
  for (const s of schedules) h.update(s).update('\0');
  return h.digest('base64url');
}

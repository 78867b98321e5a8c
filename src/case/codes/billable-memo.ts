import { join } from 'node:path';
import { diskMemo, type DiskMemo } from '../../util/disk-memo.js';
import { dataDir } from '../../util/paths.js';
import { isBillable } from './lookup.js';

/**
 * Whether a code is billable, remembered on disk beside the parse cache: checking a case's diagnosis code is the only
 * thing a run does with the ICD-10-CM code table, and reading the table (74,000 gzipped rows) costs ~0.1 s of every
 * process that loads cases. Keyed by the code as written; the file is headed by a hash of the code file and of every
 * module the lookup runs, so a new table or new lookup code starts over.
 */

let memo: { cache: string | undefined; data: string; memo: DiskMemo<boolean> } | undefined;

function billableMemo(env: NodeJS.ProcessEnv): DiskMemo<boolean> {
  const codes = join(dataDir(), 'icd10cm', 'icd10cm-2025-codes.tsv.gz');
  // Made again when the cache or data folder changes (tests play processes over their own folders).
  if (memo && memo.cache === env.ROUNDS_CACHE_DIR && memo.data === codes) return memo.memo;
  const code = [new URL('./lookup', import.meta.url), new URL('./billable-memo', import.meta.url)];
  const made = diskMemo<boolean>(
    {
      name: 'icd10-billable-v1',
      code,
      followImports: true,
      data: [codes],
      maxEntries: 20_000,
      encode: (b) => b,
      decode: (s) => (typeof s === 'boolean' ? s : undefined),
    },
    env,
  );
  memo = { cache: env.ROUNDS_CACHE_DIR, data: codes, memo: made };
  return made;
}

/** isBillable(code), from the memo when this code was checked before under this table and code. */
export function cachedIsBillable(code: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const m = billableMemo(env);
  const hit = m.get(code);
  if (hit !== undefined) return hit;
  const billable = isBillable(code);
  m.set(code, billable);
  return billable;
}

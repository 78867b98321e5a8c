import { join } from 'node:path';
import { diskMemo, type DiskMemo } from '../../util/disk-memo.js';
import { dataDir } from '../../util/paths.js';
import type { CodeInfo } from './lookup.js';

/**
 * describeCode's answers on disk beside the parse cache: a run looks up a handful of codes per case (the diagnosis
 * matcher's titles and categories), and reading the code table for them (74,000 gzipped rows) costs ~0.2 s of CPU in
 * every process. Keyed by the canonical code; the file is headed by a hash of the code file and of every module the
 * lookup runs, so a new table or new lookup code starts over. A code no FY2025 code is or starts with is kept too.
 */

type Stored = [code: string, title: string, billable: boolean, derivedTitle: boolean, billableChildren: string[]] | 0;

let memo: { cache: string | undefined; data: string; memo: DiskMemo<CodeInfo | null> } | undefined;

function describeMemo(env: NodeJS.ProcessEnv): DiskMemo<CodeInfo | null> {
  const codes = join(dataDir(), 'icd10cm', 'icd10cm-2025-codes.tsv.gz');
  // Made again when the cache or data folder changes (tests play processes over their own folders).
  if (memo && memo.cache === env.ROUNDS_CACHE_DIR && memo.data === codes) return memo.memo;
  const made = diskMemo<CodeInfo | null>(
    {
      name: 'icd10-describe-v1',
      code: [new URL('./lookup', import.meta.url), new URL('./describe-memo', import.meta.url)],
      followImports: true,
      data: [codes],
      maxEntries: 20_000,
      encode: (i): Stored => (i ? [i.code, i.title, i.billable, i.derivedTitle, [...i.billableChildren]] : 0),
      decode,
    },
    env,
  );
  memo = { cache: env.ROUNDS_CACHE_DIR, data: codes, memo: made };
  return made;
}

function decode(stored: unknown): CodeInfo | null | undefined {
  if (stored === 0) return null;
  if (!Array.isArray(stored) || stored.length !== 5) return undefined;
  const [code, title, billable, derivedTitle, children] = stored as unknown[];
  if (typeof code !== 'string' || typeof title !== 'string' || typeof billable !== 'boolean' || typeof derivedTitle !== 'boolean') return undefined;
  if (!Array.isArray(children) || !children.every((c) => typeof c === 'string')) return undefined;
  // A fresh array each time, as the table's lookup gives.
  return { code, title, billable, derivedTitle, billableChildren: [...(children as string[])] };
}

/** A canonical code's description: from the memo when it was looked up before under this table and code, else `describe`'s. */
export function cachedDescription(code: string, describe: () => CodeInfo | undefined, env: NodeJS.ProcessEnv = process.env): CodeInfo | undefined {
  const m = describeMemo(env);
  const hit = m.get(code);
  if (hit !== undefined) return hit ?? undefined;
  const info = describe();
  m.set(code, info ?? null);
  return info;
}

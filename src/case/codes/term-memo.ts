import { join } from 'node:path';
import { diskMemo, type DiskMemo } from '../../util/disk-memo.js';
import { dataDir } from '../../util/paths.js';
import type { TermMatch } from './term-match.js';

/**
 * The term matcher's results on disk, by text: a text's first match builds the index nodes under its lead words
 * (up to ~150 ms of CPU for "disease" or "syndrome"), which every process paid again for every answer it had not
 * met. The matches are a pure function of the text (index nodes meet in rank order, whatever was built first), so
 * a later process reads them back instead. Keyed by the matching and deriving modules' source and the data they
 * read; a file made by other code or data, or an entry of the wrong shape, is derived again (util/disk-memo).
 */
export function termMemo(env: NodeJS.ProcessEnv = process.env): DiskMemo<readonly TermMatch[]> {
  return diskMemo<readonly TermMatch[]>(
    {
      name: 'term-matches-v1',
      // The matcher and all it imports (term data, code table, diagnosis text, ...): no hand-kept list to go stale.
      code: [new URL('./term-match', import.meta.url)],
      followImports: true,
      data: ['icd10cm/icd10cm-2025-codes.tsv.gz', 'icd10cm/icd10cm-2025-index.tsv.gz', 'vocabulary/diagnosis-synonyms.yaml'].map((f) => join(dataDir(), f)),
      maxEntries: 20_000,
      // [code, term, 1 for the index or 0 for a title], per match in order.
      encode: (list) => list.map((t) => [t.code, t.term, t.via === 'index' ? 1 : 0]),
      decode: decodeMatches,
    },
    env,
  );
}

function decodeMatches(stored: unknown): TermMatch[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  const out: TermMatch[] = [];
  for (const m of stored as unknown[]) {
    if (!Array.isArray(m) || m.length !== 3) return undefined;
    const [code, term, via] = m as unknown[];
    if (typeof code !== 'string' || typeof term !== 'string' || (via !== 0 && via !== 1)) return undefined;
    out.push({ code, term, via: via === 1 ? 'index' : 'title' });
  }
  return out;
}

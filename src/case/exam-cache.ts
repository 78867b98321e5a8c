import { diskMemo, type DiskMemo } from '../util/disk-memo.js';
import type { ExamFindings } from './exam-findings.js';

/**
 * The examiner's findings per case and exam target, on disk beside the parse cache: splitting a case's exam facts
 * by region is most of an examination's cost the first time a run examines a case, and every process did it again.
 * Keyed by the case's content hash and the target; the file is headed by a hash of every module the findings run
 * (found by following exam-findings' imports).
 */

/** The memo, or one that remembers nothing (no cache folder, or sources that cannot be read). */
export function examMemo(env: NodeJS.ProcessEnv = process.env): DiskMemo<ExamFindings> {
  const code = [new URL('./exam-findings', import.meta.url), new URL('./exam-cache', import.meta.url)];
  return diskMemo<ExamFindings>(
    { name: 'exam-findings-v2', code, followImports: true, data: [], maxEntries: 20_000, encode: (f) => [f.text, f.factIds], decode: decodeFindings },
    env,
  );
}

function decodeFindings(stored: unknown): ExamFindings | undefined {
  if (!Array.isArray(stored) || stored.length !== 2) return undefined;
  const [text, factIds] = stored as unknown[];
  if (typeof text !== 'string' || !Array.isArray(factIds) || !factIds.every((f) => typeof f === 'string')) return undefined;
  return { text, factIds: factIds as string[] };
}

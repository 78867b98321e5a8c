import { createHash } from 'node:crypto';
import type { Catalog } from '../case/catalog.js';
import type { LabAnswer, LabDecision } from '../case/lab-answer.js';
import { diskMemo, type DiskMemo } from '../util/disk-memo.js';

/**
 * The lab's answers from a case (its own result, a component, an equivalent, or none) and its checked normal
 * templates, on disk beside the parse cache: working them out is most of an order's cost the first time a run
 * orders a test for a case, and every process did it again. Keyed by the catalog's content, the case's content hash,
 * the kind of answer and the test; the file is headed by a hash of every module the answers run (found by following
 * lab-answer's imports). A case answer of "none" is kept as null.
 */

const DECISIONS = new Set<LabDecision>(['case', 'component', 'equivalent', 'assembled', 'synthetic', 'adjusted', 'withheld']);

/** The memo, or one that remembers nothing (no cache folder, or sources that cannot be read). */
export function labAnswerMemo(env: NodeJS.ProcessEnv = process.env): DiskMemo<LabAnswer | null> {
  const code = [new URL('../case/lab-answer', import.meta.url), new URL('./lab-answer-cache', import.meta.url)];
  return diskMemo<LabAnswer | null>(
    { name: 'lab-answers-v2', code, followImports: true, data: [], maxEntries: 20_000, encode: (a) => JSON.stringify(a), decode: decodeAnswer },
    env,
  );
}

/**
 * The answer as stored, or undefined for anything encode does not make. Each is kept as its JSON text (which keeps
 * its key order): reading the file then makes no objects, and a run parses only the answers it asks for.
 */
function decodeAnswer(text: unknown): LabAnswer | null | undefined {
  if (typeof text !== 'string') return undefined;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (stored === null) return null;
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return undefined;
  const a = stored as Partial<LabAnswer>;
  if (!DECISIONS.has(a.decision as LabDecision) || typeof a.name !== 'string' || typeof a.reason !== 'string') return undefined;
  if (!a.result || typeof a.result !== 'object' || Array.isArray(a.result)) return undefined;
  if (a.resolvedFrom !== undefined && !(Array.isArray(a.resolvedFrom) && a.resolvedFrom.every((k) => typeof k === 'string'))) return undefined;
  return a as LabAnswer;
}

const catalogKeys = new WeakMap<Catalog, string>();

/** A hash of a catalog's tests (what an answer reads of it), once per catalog. */
export function catalogKey(catalog: Catalog): string {
  let key = catalogKeys.get(catalog);
  if (key === undefined) catalogKeys.set(catalog, (key = createHash('sha1').update(JSON.stringify(catalog.tests)).digest('base64url').slice(0, 16)));
  return key;
}

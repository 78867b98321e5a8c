import type { Case } from '../schema.js';
import { normalize } from '../../util/text.js';

/** Result keys with this prefix are tests that only this (imported) case knows; they are not in the catalog. */
export const LOCAL_PREFIX = 'local:';

/** Whether a result key names a case-local test. */
export function isLocalTestKey(key: string): boolean {
  return key.startsWith(LOCAL_PREFIX);
}

/** The readable name of a case-local test: `local:serum-ceruloplasmin` -> "serum ceruloplasmin". */
export function localTestName(key: string): string {
  return key.slice(LOCAL_PREFIX.length).replace(/[-_.]+/g, ' ');
}

// Words that pad a test name without changing which test it is ("ceruloplasmin level" = "serum ceruloplasmin").
const PADDING = new Set([
  'a',
  'an',
  'the',
  'please',
  'order',
  'get',
  'send',
  'check',
  'level',
  'levels',
  'test',
  'tests',
  'testing',
  'assay',
  'measurement',
  'serum',
  'plasma',
  'value',
  'result',
  'results',
  'study',
  'studies',
  'concentration',
  'analysis',
]);

function key(text: string): string {
  return normalize(text)
    .split(' ')
    .filter((w) => w && !PADDING.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w))
    .join(' ');
}

/**
 * The case-local test an order text names, by normalised text match against
 * the case's `local:*` result names, or undefined. Only whole names match, so
 * "copper" never picks "urine copper".
 */
export function findLocalTest(kase: Pick<Case, 'results'>, request: string): string | undefined {
  const want = key(request);
  if (!want) return undefined;
  for (const id of Object.keys(kase.results)) {
    if (isLocalTestKey(id) && key(localTestName(id)) === want) return id;
  }
  return undefined;
}

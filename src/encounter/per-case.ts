import type { Case } from '../case/schema.js';
import type { Catalog } from '../case/catalog.js';

/** Memos of pure functions of a case and the catalog, by catalog, then case, then a string key. */
export type PerCaseMemo<V> = WeakMap<Catalog, WeakMap<Case, Map<string, V>>>;

/**
 * One case's map in such a memo, made on first use. A run holds its cases and catalog, so the same orders, answers and
 * templates recur across seeds and doctors and are worked out once; a case or catalog dropped takes its maps with it.
 */
export function perCase<V>(memo: PerCaseMemo<V>, catalog: Catalog, kase: Case): Map<string, V> {
  let byCase = memo.get(catalog);
  if (!byCase) memo.set(catalog, (byCase = new WeakMap()));
  let byKey = byCase.get(kase);
  if (!byKey) byCase.set(kase, (byKey = new Map()));
  return byKey;
}

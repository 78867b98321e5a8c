import type { Catalog } from '../../case/catalog.js';

/**
 * Merges test requests so each catalog test appears once ("CBC" and
 * "complete blood count" are one test), leaving out tests already resulted;
 * names the catalog does not know are kept once by their text.
 */
export function uniqueTests({ requests, catalog, already = [] }: { requests: string[]; catalog: Catalog; already?: string[] }): {
  tests: string[];
  duplicates: string[];
} {
  const seen = new Set<string>(already);
  const tests: string[] = [];
  const duplicates: string[] = [];
  for (const request of requests) {
    const r = catalog.resolve(request);
    const keys = r.tests.length ? r.tests.map((t) => t.id) : [`text:${request.trim().toLowerCase()}`];
    if (keys.every((k) => seen.has(k))) {
      duplicates.push(request);
      continue;
    }
    for (const k of keys) seen.add(k);
    tests.push(request);
  }
  return { tests, duplicates };
}

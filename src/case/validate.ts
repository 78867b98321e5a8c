import type { Catalog } from './catalog.js';
import type { LoadedCase } from './load.js';
import type { CaseProblem } from '../util/errors.js';
import { EXAM_TARGETS, Slug } from './schema.js';
import { isLocalTestKey, LOCAL_PREFIX } from './import/local-tests.js';
import { icd10Problems } from './validate-codes.js';

/**
 * Checks what the schema alone cannot: results and expected tests exist in
 * the catalog, must_ask ids are facts, fact ids and case ids are unique, the
 * diagnosis code is a billable ICD-10-CM FY2025 code.
 */
export function crossCheck(cases: LoadedCase[], catalog: Catalog): CaseProblem[] {
  const problems: CaseProblem[] = [];
  const seen = new Map<string, string>();
  for (const { kase, file, line } of cases) {
    const at = (path: string, message: string) => problems.push({ file, line, path, message });
    const prior = seen.get(kase.id);
    if (prior) at('id', `duplicate case id "${kase.id}" (also in ${prior})`);
    else seen.set(kase.id, line ? `${file}:${line}` : file);

    for (const key of Object.keys(kase.results)) {
      // Imported cases may keep tests the catalog lacks as case-local `local:<slug>` results.
      if (isLocalTestKey(key) && kase.source.kind === 'imported') {
        if (!Slug.safeParse(key.slice(LOCAL_PREFIX.length)).success) at(`results.${key}`, `"${key}" must be "local:" followed by a lower-case slug`);
      } else if (isLocalTestKey(key)) at(`results.${key}`, `"${key}" is a case-local test, allowed only in imported cases (source.kind: imported)`);
      else if (!catalog.has(key)) at(`results.${key}`, `"${key}" is not a test id in the catalog`);
    }
    for (const field of ['must_order', 'must_not', 'confirm_with'] as const) {
      (kase.expected[field] ?? []).forEach((id, i) => {
        if (!catalog.has(id)) at(`expected.${field}[${i}]`, `"${id}" is not a test id in the catalog`);
      });
    }
    const factIds = new Set<string>();
    kase.facts.forEach((f, i) => {
      if (factIds.has(f.id)) at(`facts[${i}].id`, `duplicate fact id "${f.id}"`);
      factIds.add(f.id);
      if (f.category === 'exam' && !(EXAM_TARGETS as readonly string[]).includes(f.topic)) {
        at(`facts[${i}].topic`, `exam facts need an exam target as topic (one of ${EXAM_TARGETS.join(', ')}), got "${f.topic}"`);
      }
    });
    kase.expected.must_ask.forEach((id, i) => {
      if (!factIds.has(id)) at(`expected.must_ask[${i}]`, `"${id}" is not a fact id of this case`);
    });
    problems.push(...icd10Problems(kase, file, line));
  }
  return problems;
}

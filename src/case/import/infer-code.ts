import type { MappedLine } from './mapped-line.js';
import { inferIcd10 } from '../codes/infer.js';

/**
 * Gives an imported case a real ICD-10-CM code when its diagnosis name (or an
 * accepted form of it) leads through the index to exactly one billable code:
 * `icd10_source: inferred` with the matched term, and the placeholder flag
 * dropped. Otherwise the case keeps R69 and `extra.icd10_unknown`.
 */
export function withInferredIcd10(mapped: MappedLine): MappedLine {
  const kase = mapped.case;
  if (!kase || kase.extra?.icd10_unknown !== true) return mapped;
  const dx = kase.diagnosis;
  for (const name of [dx.name, ...(dx.accept ?? [])]) {
    const found = inferIcd10({ name });
    if (!found) continue;
    const { icd10_unknown: _dropped, ...extra } = kase.extra;
    return { ...mapped, case: { ...kase, diagnosis: { ...dx, icd10: found.code, icd10_source: 'inferred', icd10_term: found.term }, extra } };
  }
  return mapped;
}

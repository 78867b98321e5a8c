import type { Case } from '../case/schema.js';
import { normalize } from '../util/text.js';

/**
 * Finds the case's diagnosis in a reply: its name, an accepted synonym or its
 * ICD-10 code. Returns what matched, or null. Words are compared after
 * normalising case, accents and punctuation, on word boundaries.
 */
export function findLeak(kase: Case, reply: string): string | null {
  const text = ` ${normalize(reply)} `;
  for (const term of [kase.diagnosis.name, ...kase.diagnosis.accept]) {
    const n = normalize(term);
    if (n && text.includes(` ${n} `)) return term;
  }
  const code = kase.diagnosis.icd10.toUpperCase();
  const pattern = code.replace('.', '\\s*\\.?\\s*');
  if (new RegExp(`(^|[^A-Z0-9])${pattern}($|[^0-9A-Z])`).test(reply.toUpperCase())) return code;
  return null;
}

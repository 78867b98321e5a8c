import type { Case } from './schema.js';
import type { CaseProblem } from '../util/errors.js';
import { describeCode } from './codes/lookup.js';
import { cachedIsBillable } from './codes/billable-memo.js';

/**
 * The case's diagnosis code must be a billable ICD-10-CM FY2025 code. A
 * heading gets the billable codes under it as the suggestion; an unknown code
 * gets the nearest existing heading's.
 */
export function icd10Problems(kase: Case, file: string, line?: number): CaseProblem[] {
  const code = kase.diagnosis.icd10;
  // Most codes are billable: the memo answers those without reading the code table (codes/billable-memo.ts).
  if (cachedIsBillable(code)) return [];
  const at = (message: string): CaseProblem[] => [{ file, line, path: 'diagnosis.icd10', message }];
  const info = describeCode(code);
  if (info) {
    const shown = info.billableChildren.slice(0, 8).join(', ');
    const more = info.billableChildren.length > 8 ? ` and ${info.billableChildren.length - 8} more` : '';
    return at(
      `"${code}" (${info.title}) is a heading, not a billable FY2025 ICD-10-CM code; use one of ${shown}${more} (see \`rounds codes show ${info.code}\`)`,
    );
  }
  for (let n = code.length - 1; n >= 3; n--) {
    const parent = describeCode(code.slice(0, n));
    if (parent)
      return at(
        `"${code}" is not an FY2025 ICD-10-CM code; under ${parent.code} (${parent.title}) the billable codes are ${parent.billableChildren.slice(0, 8).join(', ')}${parent.billableChildren.length > 8 ? ', ...' : ''}`,
      );
  }
  return at(`"${code}" is not an FY2025 ICD-10-CM code; find one with \`rounds codes search <words>\``);
}

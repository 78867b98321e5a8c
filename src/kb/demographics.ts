import type { KnowledgeBase } from './knowledge-base.js';

/** The patient as every doctor sees them at the start. */
export interface Demographics {
  age: number;
  ageUnit: string;
  sex: string;
}

/** Which diseases a patient cannot have, and the log prior shift for the ones that are merely unusual at their age. */
export interface DemographicGate {
  /** Disease indices impossible for this patient (wrong sex, or outside a band whose `outside` is 0). */
  excluded: ReadonlySet<number>;
  /** Per disease: ln(multiplier), 0 where the patient fits; -Infinity is never used, excluded diseases get EXCLUDED_LOG. */
  logWeight: Float64Array;
}

/**
 * A log weight low enough that exp() underflows to exactly 0 after
 * normalising, yet finite, so sums and products with it never give NaN.
 */
export const EXCLUDED_LOG = -1e4;

const YEARS_PER: Record<string, number> = { years: 1, months: 1 / 12, weeks: 7 / 365.25, days: 1 / 365.25 };

/** The patient's age in years, whatever unit the case gives. */
export function ageInYears(d: Pick<Demographics, 'age' | 'ageUnit'>): number {
  return d.age * (YEARS_PER[d.ageUnit] ?? 1);
}

/**
 * Applies each disease's sex and age applicability to one patient. A patient
 * recorded as neither female nor male is never excluded on sex: the case does
 * not say which anatomy they have.
 */
export function demographicGate(kb: KnowledgeBase, patient: Demographics): DemographicGate {
  const years = ageInYears(patient);
  const excluded = new Set<number>();
  const logWeight = new Float64Array(kb.diseases.length);
  kb.diseases.forEach((d, j) => {
    const wrongSex = d.sex !== undefined && (patient.sex === 'female' || patient.sex === 'male') && patient.sex !== d.sex;
    const band = d.age;
    const outsideAge = band !== undefined && ((band.min !== undefined && years < band.min) || (band.max !== undefined && years > band.max));
    if (wrongSex || (outsideAge && band!.outside === 0)) {
      excluded.add(j);
      logWeight[j] = EXCLUDED_LOG;
    } else if (outsideAge) {
      logWeight[j] = Math.log(band!.outside);
    }
  });
  return { excluded, logWeight };
}

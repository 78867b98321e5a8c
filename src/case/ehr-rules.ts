import type { EhrPatientRecord } from './ehr-schema.js';

/** Laboratory analytes the shipped tasks use: LOINC code, its long name, the UCUM unit and a plain name. */
export const ANALYTES = {
  potassium: { loinc: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', name: 'serum potassium' },
  magnesium: { loinc: '19123-9', display: 'Magnesium [Mass/volume] in Serum or Plasma', unit: 'mg/dL', name: 'serum magnesium' },
  sodium: { loinc: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', name: 'serum sodium' },
  creatinine: { loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', unit: 'mg/dL', name: 'serum creatinine' },
  hemoglobin: { loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', unit: 'g/dL', name: 'hemoglobin' },
  'glucose-poc': { loinc: '41653-7', display: 'Glucose [Mass/volume] in Capillary blood by Glucometer', unit: 'mg/dL', name: 'capillary glucose' },
  hba1c: { loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', unit: '%', name: 'hemoglobin A1c' },
} as const;

/** Vital signs: LOINC code, display, UCUM unit, and how the unit is said in an instruction. */
export const VITALS = {
  'bp-panel': { loinc: '85354-9', display: 'Blood pressure panel with all children optional', unit: 'mm[Hg]', name: 'blood pressure', say: 'mmHg' },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', name: 'systolic blood pressure', say: 'mmHg' },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', name: 'diastolic blood pressure', say: 'mmHg' },
  'heart-rate': { loinc: '8867-4', display: 'Heart rate', unit: '/min', name: 'heart rate', say: 'beats per minute' },
  'resp-rate': { loinc: '9279-1', display: 'Respiratory rate', unit: '/min', name: 'respiratory rate', say: 'breaths per minute' },
  spo2: { loinc: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', name: 'pulse oximetry oxygen saturation', say: '%' },
  temperature: { loinc: '8310-5', display: 'Body temperature', unit: 'Cel', name: 'body temperature', say: '°C' },
  weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg', name: 'body weight', say: 'kg' },
} as const;

/**
 * Oral potassium replacement, MedAgentBench's rule: below 3.5 mmol/L, 10 mEq
 * of potassium chloride for every 0.1 mmol/L below 3.5 (each 10 mEq raises
 * serum potassium by about 0.1 mmol/L in a patient with normal renal function).
 */
export function potassiumReplacement(k: number): { doseMeq: number; why: string } {
  if (k >= 3.5) return { doseMeq: 0, why: `potassium ${k} mmol/L is not below 3.5` };
  // The epsilon keeps 3.5 - 3.1 = 0.3999... from rounding to 3 steps.
  const steps = Math.round((3.5 - k) * 10 + 1e-9);
  return { doseMeq: steps * 10, why: `potassium ${k} mmol/L is ${(3.5 - k).toFixed(1)} below 3.5: ${steps} x 10 mEq = ${steps * 10} mEq` };
}

/**
 * IV magnesium sulfate by severity, MedAgentBench's tiers: 1 g over 1 h for
 * 1.5 to <1.9 mg/dL, 2 g over 2 h for 1.0 to <1.5, 4 g over 4 h below 1.0.
 */
export function magnesiumReplacement(mg: number): { grams: number; hours: number; why: string } {
  if (mg >= 1.9) return { grams: 0, hours: 0, why: `magnesium ${mg} mg/dL is not low (1.9 or more)` };
  if (mg >= 1.5) return { grams: 1, hours: 1, why: `magnesium ${mg} mg/dL is mildly low (1.5 to <1.9): 1 g over 1 h` };
  if (mg >= 1.0) return { grams: 2, hours: 2, why: `magnesium ${mg} mg/dL is moderately low (1.0 to <1.5): 2 g over 2 h` };
  return { grams: 4, hours: 4, why: `magnesium ${mg} mg/dL is severely low (<1.0): 4 g over 4 h` };
}

/** The time `hours` before an instant, as an ISO instant without milliseconds. */
export function hoursBefore(now: string, hours: number): string {
  return new Date(Date.parse(now) - hours * 3600_000).toISOString().replace('.000Z', 'Z');
}

/** 08:00 UTC on the day after `now`: when a "tomorrow morning" lab is drawn. */
export function nextMorning(now: string): string {
  const d = new Date(Date.parse(now) + 24 * 3600_000);
  return `${d.toISOString().slice(0, 10)}T08:00:00Z`;
}

function readings(r: EhrPatientRecord, loinc: string, since?: string): Array<{ at: string; value: number }> {
  const from = since ? Date.parse(since) : -Infinity;
  return r.observations
    .filter((s) => s.loinc === loinc)
    .flatMap((s) => s.values.map(([at, value]) => ({ at, value })))
    .filter((x) => Date.parse(x.at) >= from)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The latest reading of a LOINC code in a record, optionally no earlier than `since`. */
export function latestWithin(r: EhrPatientRecord, loinc: string, since?: string): { at: string; value: number } | undefined {
  return readings(r, loinc, since).at(-1);
}

/** The mean of a LOINC code's readings since `since`, or undefined when there are none. */
export function averageWithin(r: EhrPatientRecord, loinc: string, since: string): number | undefined {
  const xs = readings(r, loinc, since);
  return xs.length ? xs.reduce((s, x) => s + x.value, 0) / xs.length : undefined;
}

/** Age in whole years on a date. */
export function ageOn(birthDate: string, now: string): number {
  const b = new Date(`${birthDate}T00:00:00Z`);
  const n = new Date(now);
  let age = n.getUTCFullYear() - b.getUTCFullYear();
  const m = n.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && n.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

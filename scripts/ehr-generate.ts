// Writes the shipped synthetic EHR patients (data/ehr/patients) and tasks
// (data/ehr/tasks) from templates, with each task's expected outcome and
// reference solution computed by the clinical rules in src/ehr/rules.ts.
// `npx tsx scripts/ehr-generate.ts`; the output is deterministic.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { EhrPatientRecord, EhrTaskInput } from '../src/case/ehr-schema.js';
import { recordToResources, LOINC, RXNORM, SNOMED, ICD10CM, routeCoding } from '../src/ehr/seed.js';
import { ageOn } from '../src/ehr/tasks.js';
import { magnesiumReplacement, potassiumReplacement, ANALYTES, VITALS, latestWithin, averageWithin, hoursBefore, nextMorning } from '../src/case/ehr-rules.js';
import { dataDir } from '../src/util/paths.js';

const NOW = '2023-11-13T10:15:00Z';
const TODAY = NOW.slice(0, 10);
const CONTEXT = `It is ${NOW} now.`;

/** A tiny seeded generator so the files are the same on every run. */
let state = 20231113;
function rand(): number {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

interface Person {
  given: string;
  family: string;
  gender: 'male' | 'female';
  birthDate: string;
  problems: Array<Omit<EhrPatientRecord['problems'][number], 'status'>>;
  meds: Array<Omit<EhrPatientRecord['medications'][number], 'id' | 'status' | 'authored'>>;
  allergies: Array<Omit<EhrPatientRecord['allergies'][number], 'criticality'> & { criticality: 'low' | 'high' }>;
  /** Latest potassium (mmol/L), magnesium (mg/dL) and its age in hours, HbA1c (%) and its date. */
  k: number;
  mg: number;
  mgHoursAgo: number;
  a1c?: { value: number; date: string };
  glucoseIn24h: boolean;
}

const PROBLEMS = {
  dm2: { icd10: 'E11.9', snomed: '44054006', display: 'Type 2 diabetes mellitus without complications', onset: '2014-04-02' },
  htn: { icd10: 'I10', snomed: '59621000', display: 'Essential hypertension', onset: '2011-09-15' },
  hld: { icd10: 'E78.5', snomed: '55822004', display: 'Hyperlipidemia', onset: '2012-01-20' },
  ckd3: { icd10: 'N18.30', snomed: '433144002', display: 'Chronic kidney disease stage 3', onset: '2019-06-11' },
  af: { icd10: 'I48.91', snomed: '49436004', display: 'Atrial fibrillation', onset: '2020-02-03' },
  hf: { icd10: 'I50.9', snomed: '84114007', display: 'Heart failure', onset: '2021-08-30' },
  asthma: { icd10: 'J45.909', snomed: '195967001', display: 'Asthma', onset: '1998-05-01' },
  copd: { icd10: 'J44.9', snomed: '13645005', display: 'Chronic obstructive pulmonary disease', onset: '2016-11-12' },
  hypothyroid: { icd10: 'E03.9', snomed: '40930008', display: 'Hypothyroidism', onset: '2010-03-08' },
  gerd: { icd10: 'K21.9', snomed: '235595009', display: 'Gastro-esophageal reflux disease without esophagitis', onset: '2015-07-19' },
  gout: { icd10: 'M10.9', snomed: '90560007', display: 'Gout', onset: '2018-10-04' },
  depression: { icd10: 'F32.A', snomed: '35489007', display: 'Depression', onset: '2017-02-14' },
} as const;

const MEDS = {
  metformin: { rxnorm: '6809', display: 'metformin', dose: { value: 1000, unit: 'mg' }, route: 'oral', frequency: 'twice daily' },
  lisinopril: { rxnorm: '29046', display: 'lisinopril', dose: { value: 20, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
  atorvastatin: { rxnorm: '83367', display: 'atorvastatin', dose: { value: 40, unit: 'mg' }, route: 'oral', frequency: 'once daily at bedtime' },
  amlodipine: { rxnorm: '17767', display: 'amlodipine', dose: { value: 5, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
  furosemide: { rxnorm: '4603', display: 'furosemide', dose: { value: 40, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
  apixaban: { rxnorm: '1364430', display: 'apixaban', dose: { value: 5, unit: 'mg' }, route: 'oral', frequency: 'twice daily' },
  metoprolol: { rxnorm: '6918', display: 'metoprolol succinate', dose: { value: 50, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
  levothyroxine: { rxnorm: '10582', display: 'levothyroxine', dose: { value: 75, unit: 'ug' }, route: 'oral', frequency: 'once daily before breakfast' },
  omeprazole: { rxnorm: '7646', display: 'omeprazole', dose: { value: 20, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
  allopurinol: { rxnorm: '519', display: 'allopurinol', dose: { value: 300, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
  sertraline: { rxnorm: '36437', display: 'sertraline', dose: { value: 50, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
  albuterol: { rxnorm: '435', display: 'albuterol', dose: { value: 90, unit: 'ug' }, route: 'inhaled', frequency: 'two puffs every 4 to 6 hours as needed' },
  hctz: { rxnorm: '5487', display: 'hydrochlorothiazide', dose: { value: 25, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
  spironolactone: { rxnorm: '9997', display: 'spironolactone', dose: { value: 25, unit: 'mg' }, route: 'oral', frequency: 'once daily' },
} as const;

const ALLERGY = {
  penicillin: { display: 'Penicillin G', rxnorm: '7980', reaction: 'hives and lip swelling', criticality: 'high' },
  sulfa: { display: 'Sulfamethoxazole', rxnorm: '10180', reaction: 'maculopapular rash', criticality: 'low' },
  codeine: { display: 'Codeine', rxnorm: '2670', reaction: 'nausea and vomiting', criticality: 'low' },
} as const;

// Twelve people: enough to make a name search meaningful and to cover both branches of every rule.
const PEOPLE: Person[] = [
  {
    given: 'Maria',
    family: 'Alvarez',
    gender: 'female',
    birthDate: '1956-03-14',
    problems: [PROBLEMS.dm2, PROBLEMS.htn, PROBLEMS.hld],
    meds: [MEDS.metformin, MEDS.lisinopril, MEDS.atorvastatin],
    allergies: [],
    k: 3.1,
    mg: 0.9,
    mgHoursAgo: 5,
    a1c: { value: 8.4, date: '2022-06-02' },
    glucoseIn24h: true,
  },
  {
    given: 'James',
    family: 'Okafor',
    gender: 'male',
    birthDate: '1948-11-02',
    problems: [PROBLEMS.hf, PROBLEMS.af, PROBLEMS.ckd3],
    meds: [MEDS.furosemide, MEDS.apixaban, MEDS.metoprolol],
    allergies: [ALLERGY.penicillin],
    k: 3.3,
    mg: 1.2,
    mgHoursAgo: 8,
    a1c: { value: 6.1, date: '2021-12-15' },
    glucoseIn24h: true,
  },
  {
    given: 'Linh',
    family: 'Tran',
    gender: 'female',
    birthDate: '1971-07-23',
    problems: [PROBLEMS.hypothyroid, PROBLEMS.gerd],
    meds: [MEDS.levothyroxine, MEDS.omeprazole, MEDS.hctz],
    allergies: [ALLERGY.sulfa],
    k: 2.9,
    mg: 1.4,
    mgHoursAgo: 3,
    a1c: { value: 5.6, date: '2022-09-30' },
    glucoseIn24h: true,
  },
  {
    given: 'Robert',
    family: 'Kowalski',
    gender: 'male',
    birthDate: '1962-01-09',
    problems: [PROBLEMS.htn, PROBLEMS.gout, PROBLEMS.ckd3],
    meds: [MEDS.amlodipine, MEDS.allopurinol, MEDS.hctz],
    allergies: [],
    k: 3.4,
    mg: 1.6,
    mgHoursAgo: 12,
    a1c: { value: 7.2, date: '2022-03-18' },
    glucoseIn24h: true,
  },
  {
    given: 'Aisha',
    family: 'Rahman',
    gender: 'female',
    birthDate: '1985-05-30',
    problems: [PROBLEMS.asthma, PROBLEMS.depression],
    meds: [MEDS.albuterol, MEDS.sertraline, MEDS.omeprazole],
    allergies: [ALLERGY.penicillin],
    k: 3.2,
    mg: 1.8,
    mgHoursAgo: 20,
    a1c: { value: 5.4, date: '2020-11-01' },
    glucoseIn24h: true,
  },
  {
    given: 'William',
    family: 'Harris',
    gender: 'male',
    birthDate: '1939-08-17',
    problems: [PROBLEMS.copd, PROBLEMS.hf, PROBLEMS.htn],
    meds: [MEDS.furosemide, MEDS.spironolactone, MEDS.albuterol, MEDS.lisinopril],
    allergies: [ALLERGY.codeine],
    k: 3.0,
    mg: 1.7,
    mgHoursAgo: 6,
    a1c: { value: 6.8, date: '2022-10-05' },
    glucoseIn24h: true,
  },
  {
    given: 'Sofia',
    family: 'Rossi',
    gender: 'female',
    birthDate: '1952-12-04',
    problems: [PROBLEMS.dm2, PROBLEMS.ckd3, PROBLEMS.htn],
    meds: [MEDS.metformin, MEDS.amlodipine, MEDS.atorvastatin],
    allergies: [],
    k: 3.3,
    mg: 2.0,
    mgHoursAgo: 4,
    a1c: { value: 7.9, date: '2023-08-21' },
    glucoseIn24h: true,
  },
  {
    given: 'David',
    family: 'Cohen',
    gender: 'male',
    birthDate: '1967-04-26',
    problems: [PROBLEMS.af, PROBLEMS.hld],
    meds: [MEDS.apixaban, MEDS.metoprolol, MEDS.atorvastatin],
    allergies: [],
    k: 3.4,
    mg: 1.45,
    mgHoursAgo: 10,
    a1c: { value: 5.8, date: '2023-05-09' },
    glucoseIn24h: true,
  },
  {
    given: 'Grace',
    family: 'Mensah',
    gender: 'female',
    birthDate: '1944-02-11',
    problems: [PROBLEMS.hypothyroid, PROBLEMS.htn, PROBLEMS.gout],
    meds: [MEDS.levothyroxine, MEDS.lisinopril, MEDS.allopurinol],
    allergies: [ALLERGY.penicillin],
    k: 4.1,
    mg: 1.95,
    mgHoursAgo: 7,
    a1c: { value: 6.3, date: '2023-02-27' },
    glucoseIn24h: true,
  },
  {
    given: 'Ahmed',
    family: 'Hassan',
    gender: 'male',
    birthDate: '1975-10-19',
    problems: [PROBLEMS.dm2, PROBLEMS.depression],
    meds: [MEDS.metformin, MEDS.sertraline, MEDS.lisinopril],
    allergies: [],
    k: 4.6,
    mg: 1.3,
    mgHoursAgo: 31,
    a1c: { value: 9.1, date: '2023-10-02' },
    glucoseIn24h: true,
  },
  {
    given: 'Emily',
    family: 'Nguyen',
    gender: 'female',
    birthDate: '1990-09-08',
    problems: [PROBLEMS.asthma, PROBLEMS.gerd],
    meds: [MEDS.albuterol, MEDS.omeprazole],
    allergies: [ALLERGY.penicillin],
    k: 3.8,
    mg: 1.6,
    mgHoursAgo: 40,
    a1c: { value: 5.2, date: '2023-07-14' },
    glucoseIn24h: false,
  },
  {
    given: 'Thomas',
    family: 'Becker',
    gender: 'male',
    birthDate: '1958-06-21',
    problems: [PROBLEMS.copd, PROBLEMS.hld, PROBLEMS.gerd],
    meds: [MEDS.albuterol, MEDS.atorvastatin, MEDS.omeprazole],
    allergies: [ALLERGY.sulfa],
    k: 4.9,
    mg: 2.1,
    mgHoursAgo: 2,
    glucoseIn24h: false,
  },
];

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const hoursAgo = (h: number) => iso(new Date(Date.parse(NOW) - h * 3600_000));

function buildRecord(p: Person, i: number): EhrPatientRecord {
  const mrn = `S${2000001 + i}`;
  const series: EhrPatientRecord['observations'] = [];
  const add = (code: keyof typeof ANALYTES, values: Array<[string, number]>) => {
    const a = ANALYTES[code];
    series.push({ loinc: a.loinc, display: a.display, unit: a.unit, category: 'laboratory', values });
  };
  // Potassium: an older value and the latest (the one the replacement rule reads).
  add('potassium', [
    [hoursAgo(50 + i), round(p.k + 0.2 + rand() * 0.3, 1)],
    [hoursAgo(6 + (i % 5)), p.k],
  ]);
  add('magnesium', [
    [hoursAgo(70 + i), round(Math.max(p.mg + 0.1, 1.7), 1)],
    [hoursAgo(p.mgHoursAgo), p.mg],
  ]);
  // Sodium within 24 h for the first eight, older for the rest (so "none in the last 24 h" is a real answer).
  add('sodium', [
    [hoursAgo(30 + i), 136 + Math.floor(rand() * 6)],
    ...(i < 8 ? ([[hoursAgo(5 + i), 133 + Math.floor(rand() * 10)]] as Array<[string, number]>) : []),
  ]);
  add('creatinine', [[hoursAgo(i < 9 ? 9 + i : 28 + i), round(p.problems.some((x) => x.icd10 === 'N18.30') ? 1.6 + rand() * 0.6 : 0.7 + rand() * 0.4, 2)]]);
  add('hemoglobin', [[hoursAgo(i % 2 === 0 ? 11 + i : 26 + i), round(p.gender === 'male' ? 12.5 + rand() * 3 : 11 + rand() * 3, 1)]]);
  const diabetic = p.problems.some((x) => x.icd10 === 'E11.9');
  const glucose: Array<[string, number]> = p.glucoseIn24h
    ? [22, 16, 10, 4].map((h) => [hoursAgo(h + (i % 3) * 0.5), Math.round(diabetic ? 140 + rand() * 120 : 85 + rand() * 45)])
    : [[hoursAgo(36), Math.round(90 + rand() * 30)]];
  add('glucose-poc', glucose);
  if (p.a1c) add('hba1c', [[`${p.a1c.date}T09:00:00Z`, p.a1c.value]]);
  // Yesterday's vitals, so "record a vital" adds to an existing series.
  for (const [code, value] of [
    ['systolic', 118 + Math.floor(rand() * 30)],
    ['diastolic', 68 + Math.floor(rand() * 18)],
    ['heart-rate', 62 + Math.floor(rand() * 30)],
  ] as const) {
    const v = VITALS[code];
    series.push({ loinc: v.loinc, display: v.display, unit: v.unit, category: 'vital-signs', values: [[hoursAgo(26), value]] });
  }
  return {
    mrn,
    name: { given: [p.given], family: p.family },
    gender: p.gender,
    birthDate: p.birthDate,
    phone: `555-01${String(10 + i).padStart(2, '0')}`,
    address: {
      line: `${100 + i * 7} ${pick(['Maple', 'Oak', 'Cedar', 'Elm', 'Pine'])} Street`,
      city: 'Springfield',
      state: 'IL',
      postalCode: `627${String(i).padStart(2, '0')}`,
    },
    problems: p.problems.map((x) => ({ ...x, status: 'active' as const })),
    medications: p.meds.map((m, j) => ({ ...m, id: `${mrn}-m${j + 1}`, authored: `202${1 + (j % 3)}-0${3 + j}-1${j}`, status: 'active' as const })),
    allergies: p.allergies.map((a) => ({ ...a })),
    observations: series,
  } as EhrPatientRecord;
}

const records = PEOPLE.map(buildRecord);
const byMrn = new Map(records.map((r) => [r.mrn, r]));
const all = records.map((r) => r.mrn);
const tasks: Record<string, EhrTaskInput[]> = {};
const add = (t: EhrTaskInput) => (tasks[t.type] ??= []).push(t);
const subjectMatch = (mrn: string) => ({ name: 'subject', path: 'subject.reference', equals: `Patient/${mrn}` });
const fullName = (r: EhrPatientRecord) => `${r.name.given.join(' ')} ${r.name.family}`;
const pad = (n: number) => String(n).padStart(2, '0');

// 1. Lookup by name and birth date; two people who are not in the record.
records.forEach((r, i) => {
  add({
    id: `ehr-patient-lookup-${pad(i + 1)}`,
    type: 'patient-lookup',
    kind: 'query',
    instruction: `What is the MRN of the patient named ${fullName(r)}, born ${r.birthDate}? If no such patient exists, answer "Patient not found".`,
    context: CONTEXT,
    now: NOW,
    patient: r.mrn,
    seed: all,
    expected: { answer: [{ equals: r.mrn, reason: 'the Patient with this name and birth date' }] },
    reference: { calls: [{ method: 'GET', url: `Patient?given=${r.name.given[0]}&family=${r.name.family}&birthdate=${r.birthDate}` }], answer: [r.mrn] },
  });
});
for (const [j, [given, family, dob, near]] of [
  ['Maria', 'Alvarez', '1956-03-15', 0],
  ['Peter', 'Lindqvist', '1970-01-01', 3],
].entries() as IterableIterator<[number, [string, string, string, number]]>) {
  add({
    id: `ehr-patient-lookup-${pad(13 + j)}`,
    type: 'patient-lookup',
    kind: 'query',
    instruction: `What is the MRN of the patient named ${given} ${family}, born ${dob}? If no such patient exists, answer "Patient not found".`,
    context: CONTEXT,
    now: NOW,
    patient: records[near].mrn,
    seed: all,
    expected: { answer: [{ equals: 'Patient not found', reason: 'no Patient has this name and birth date' }] },
    reference: { calls: [{ method: 'GET', url: `Patient?given=${given}&family=${family}&birthdate=${dob}` }], answer: ['Patient not found'] },
  });
}

// 2. Age in whole years on the context date.
records.forEach((r, i) => {
  const age = ageOn(r.birthDate, NOW);
  add({
    id: `ehr-patient-age-${pad(i + 1)}`,
    type: 'patient-age',
    kind: 'query',
    instruction: `What is the age of patient ${r.mrn} today, in whole years?`,
    context: CONTEXT,
    now: NOW,
    patient: r.mrn,
    expected: { answer: [{ equals: age, reason: `born ${r.birthDate}, ${age} on ${TODAY}` }] },
    reference: { calls: [{ method: 'GET', url: `Patient/${r.mrn}` }], answer: [age] },
  });
});

// 3. Latest value within 24 hours, across analytes; -1 when the last one is older.
const latestAnalytes = [
  'sodium',
  'creatinine',
  'hemoglobin',
  'potassium',
  'magnesium',
  'sodium',
  'hemoglobin',
  'creatinine',
  'sodium',
  'magnesium',
  'hemoglobin',
  'sodium',
] as const;
records.forEach((r, i) => {
  const a = ANALYTES[latestAnalytes[i]];
  const since = hoursBefore(NOW, 24);
  const latest = latestWithin(r, a.loinc, since);
  const answer = latest ? latest.value : -1;
  add({
    id: `ehr-latest-value-${pad(i + 1)}`,
    type: 'latest-value',
    kind: 'query',
    instruction: `What is the most recent ${a.name} of patient ${r.mrn} measured within the last 24 hours? Answer with the number in ${a.unit}, or -1 if there is none in that window.`,
    context: `${CONTEXT} ${a.name[0].toUpperCase()}${a.name.slice(1)} is LOINC ${a.loinc}.`,
    now: NOW,
    patient: r.mrn,
    expected: { answer: [{ approx: answer, tolerance: 0.001, reason: latest ? `the ${a.name} of ${latest.at}` : `no ${a.name} since ${since}` }] },
    reference: { calls: [{ method: 'GET', url: `Observation?patient=${r.mrn}&code=${a.loinc}&date=ge${since}&_sort=-date&_count=1` }], answer: [answer] },
  });
});

// 4. Average over a window: capillary glucose in the last 24 hours.
records.forEach((r, i) => {
  const a = ANALYTES['glucose-poc'];
  const since = hoursBefore(NOW, 24);
  const avg = averageWithin(r, a.loinc, since);
  const answer = avg === undefined ? -1 : round(avg, 1);
  add({
    id: `ehr-window-average-${pad(i + 1)}`,
    type: 'window-average',
    kind: 'query',
    instruction: `What is the average point-of-care (capillary) blood glucose of patient ${r.mrn} over the last 24 hours? Answer in mg/dL to one decimal place, or -1 if there were no readings.`,
    context: `${CONTEXT} Capillary glucose by glucometer is LOINC ${a.loinc}.`,
    now: NOW,
    patient: r.mrn,
    expected: { answer: [{ approx: answer, tolerance: 0.1, reason: avg === undefined ? 'no readings in the window' : 'mean of the readings since ' + since }] },
    reference: { calls: [{ method: 'GET', url: `Observation?patient=${r.mrn}&code=${a.loinc}&date=ge${since}&_count=100` }], answer: [answer] },
  });
});

// 5. Record a vital sign now.
records.forEach((r, i) => {
  const subject = { reference: `Patient/${r.mrn}` };
  const category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }];
  let instruction: string;
  let body: Record<string, unknown>;
  let fields: NonNullable<EhrTaskInput['expected']['resources']>[number]['fields'];
  let code: string;
  if (i % 2 === 0) {
    const sys = 112 + ((i * 7) % 40);
    const dia = 64 + ((i * 5) % 22);
    const p = VITALS['bp-panel'];
    code = p.loinc;
    instruction = `Record a blood pressure of ${sys}/${dia} mmHg for patient ${r.mrn}, measured now.`;
    body = {
      resourceType: 'Observation',
      status: 'final',
      category,
      code: { coding: [{ system: LOINC, code: p.loinc, display: p.display }] },
      subject,
      effectiveDateTime: NOW,
      component: [
        {
          code: { coding: [{ system: LOINC, code: VITALS.systolic.loinc, display: VITALS.systolic.display }] },
          valueQuantity: { value: sys, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
        {
          code: { coding: [{ system: LOINC, code: VITALS.diastolic.loinc, display: VITALS.diastolic.display }] },
          valueQuantity: { value: dia, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
      ],
    };
    fields = [
      {
        name: 'systolic',
        path: `component[code.coding.code=${VITALS.systolic.loinc}].valueQuantity.value`,
        equals: sys,
        reason: `systolic ${sys} mmHg (LOINC ${VITALS.systolic.loinc})`,
      },
      {
        name: 'diastolic',
        path: `component[code.coding.code=${VITALS.diastolic.loinc}].valueQuantity.value`,
        equals: dia,
        reason: `diastolic ${dia} mmHg (LOINC ${VITALS.diastolic.loinc})`,
      },
    ];
  } else {
    const kind = (['heart-rate', 'resp-rate', 'spo2', 'temperature', 'weight', 'heart-rate'] as const)[Math.floor(i / 2)];
    const v = VITALS[kind];
    const value =
      { 'heart-rate': 88, 'resp-rate': 18, spo2: 94, temperature: 38.2, weight: 81.4 }[kind] + (kind === 'temperature' || kind === 'weight' ? 0 : i);
    code = v.loinc;
    instruction = `Record a ${v.name} of ${value} ${v.say} for patient ${r.mrn}, measured now.`;
    body = {
      resourceType: 'Observation',
      status: 'final',
      category,
      code: { coding: [{ system: LOINC, code: v.loinc, display: v.display }] },
      subject,
      effectiveDateTime: NOW,
      valueQuantity: { value, unit: v.unit, system: 'http://unitsofmeasure.org', code: v.unit },
    };
    fields = [{ name: 'value', path: 'valueQuantity.value', equals: value, reason: `${v.name} ${value} ${v.say}` }];
  }
  add({
    id: `ehr-record-vital-${pad(i + 1)}`,
    type: 'record-vital',
    kind: 'action',
    instruction,
    context: `${CONTEXT} Use LOINC codes for vital signs (blood pressure panel 85354-9 with systolic 8480-6 and diastolic 8462-4 components).`,
    now: NOW,
    patient: r.mrn,
    expected: {
      resources: [
        {
          name: 'vital',
          resourceType: 'Observation',
          match: [subjectMatch(r.mrn), { name: 'code', path: 'code.coding.code', equals: code }],
          fields: [
            ...fields!,
            { name: 'status', path: 'status', equals: 'final' },
            { name: 'category', path: 'category.coding.code', equals: 'vital-signs' },
            { name: 'time', path: 'effectiveDateTime', prefix: NOW.slice(0, 16), reason: 'measured now' },
          ],
          reason: 'a vital-sign Observation for the patient with the right LOINC code',
        },
      ],
    },
    reference: { calls: [{ method: 'POST', url: 'Observation', body }], answer: [] },
  });
});

// 6. Potassium replacement by rule, with a repeat level next morning.
records.forEach((r, i) => {
  const k = latestWithin(r, ANALYTES.potassium.loinc)!;
  const rule = potassiumReplacement(k.value);
  const morning = nextMorning(NOW);
  const subject = { reference: `Patient/${r.mrn}` };
  const calls: EhrTaskInput['reference']['calls'] = [
    { method: 'GET', url: `Observation?patient=${r.mrn}&code=${ANALYTES.potassium.loinc}&_sort=-date&_count=1` },
  ];
  const resources: NonNullable<EhrTaskInput['expected']['resources']> = [];
  if (rule.doseMeq > 0) {
    calls.push({
      method: 'POST',
      url: 'MedicationRequest',
      body: {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        medicationCodeableConcept: { coding: [{ system: RXNORM, code: '8591', display: 'potassium chloride' }], text: 'potassium chloride' },
        subject,
        authoredOn: NOW,
        dosageInstruction: [
          {
            text: `${rule.doseMeq} mEq orally once`,
            route: { coding: [routeCoding('oral')] },
            doseAndRate: [{ doseQuantity: { value: rule.doseMeq, unit: 'mEq', system: 'http://unitsofmeasure.org', code: 'meq' } }],
          },
        ],
      },
    });
    calls.push({
      method: 'POST',
      url: 'ServiceRequest',
      body: {
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        priority: 'stat',
        code: { coding: [{ system: LOINC, code: ANALYTES.potassium.loinc, display: ANALYTES.potassium.display }] },
        subject,
        authoredOn: NOW,
        occurrenceDateTime: morning,
      },
    });
    resources.push(
      {
        name: 'potassium-order',
        resourceType: 'MedicationRequest',
        match: [subjectMatch(r.mrn), { name: 'drug', path: 'medicationCodeableConcept.coding.code', equals: '8591', reason: 'RxNorm 8591 potassium chloride' }],
        fields: [
          { name: 'dose', path: 'dosageInstruction.doseAndRate.doseQuantity.value', equals: rule.doseMeq, reason: rule.why },
          { name: 'route', path: 'dosageInstruction.route.coding.code', equals: '26643006', reason: 'oral route (SNOMED 26643006)' },
          { name: 'status', path: 'status', equals: 'active' },
          { name: 'intent', path: 'intent', equals: 'order' },
        ],
        reason: `potassium ${k.value} mmol/L is low`,
      },
      {
        name: 'repeat-potassium',
        resourceType: 'ServiceRequest',
        match: [subjectMatch(r.mrn), { name: 'code', path: 'code.coding.code', equals: ANALYTES.potassium.loinc }],
        fields: [{ name: 'time', path: 'occurrenceDateTime', prefix: morning.slice(0, 16), reason: 'a repeat level tomorrow at 08:00' }],
        reason: 'a repeat serum potassium after replacement',
      },
    );
  } else {
    resources.push(
      { name: 'potassium-order', resourceType: 'MedicationRequest', absent: true, reason: `potassium ${k.value} mmol/L is not low; no replacement` },
      { name: 'repeat-potassium', resourceType: 'ServiceRequest', absent: true, reason: 'no replacement, so no repeat level' },
    );
  }
  add({
    id: `ehr-potassium-replacement-${pad(i + 1)}`,
    type: 'potassium-replacement',
    kind: 'action',
    instruction: `Check patient ${r.mrn}'s most recent serum potassium. If it is below 3.5 mmol/L, order oral potassium chloride (RxNorm 8591): 10 mEq for every 0.1 mmol/L below 3.5, as one dose; and order a serum potassium level (LOINC 2823-3) for tomorrow at 08:00. If it is not low, order nothing. Answer with the potassium value.`,
    context: CONTEXT,
    now: NOW,
    patient: r.mrn,
    expected: { answer: [{ approx: k.value, tolerance: 0.001, reason: `the potassium of ${k.at}` }], resources },
    reference: { calls, answer: [k.value] },
  });
});

// 7. Magnesium replacement by severity tier, only from a level within 24 hours.
records.forEach((r, i) => {
  const since = hoursBefore(NOW, 24);
  const mg = latestWithin(r, ANALYTES.magnesium.loinc, since);
  const rule = mg ? magnesiumReplacement(mg.value) : { grams: 0, hours: 0, why: 'no magnesium in the last 24 hours' };
  const subject = { reference: `Patient/${r.mrn}` };
  const calls: EhrTaskInput['reference']['calls'] = [
    { method: 'GET', url: `Observation?patient=${r.mrn}&code=${ANALYTES.magnesium.loinc}&date=ge${since}&_sort=-date&_count=1` },
  ];
  const resources: NonNullable<EhrTaskInput['expected']['resources']> = [];
  if (rule.grams > 0) {
    calls.push({
      method: 'POST',
      url: 'MedicationRequest',
      body: {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        medicationCodeableConcept: { coding: [{ system: RXNORM, code: '6585', display: 'magnesium sulfate' }], text: 'magnesium sulfate' },
        subject,
        authoredOn: NOW,
        dosageInstruction: [
          {
            text: `${rule.grams} g IV over ${rule.hours} h`,
            route: { coding: [routeCoding('intravenous')] },
            doseAndRate: [
              {
                doseQuantity: { value: rule.grams, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' },
                rateQuantity: { value: rule.grams / rule.hours, unit: 'g/h', system: 'http://unitsofmeasure.org', code: 'g/h' },
              },
            ],
          },
        ],
      },
    });
    resources.push({
      name: 'magnesium-order',
      resourceType: 'MedicationRequest',
      match: [subjectMatch(r.mrn), { name: 'drug', path: 'medicationCodeableConcept.coding.code', equals: '6585', reason: 'RxNorm 6585 magnesium sulfate' }],
      fields: [
        { name: 'dose', path: 'dosageInstruction.doseAndRate.doseQuantity.value', equals: rule.grams, reason: rule.why },
        { name: 'route', path: 'dosageInstruction.route.coding.code', equals: '47625008', reason: 'intravenous (SNOMED 47625008)' },
      ],
      reason: `magnesium ${mg!.value} mg/dL is low`,
    });
  } else resources.push({ name: 'magnesium-order', resourceType: 'MedicationRequest', absent: true, reason: rule.why });
  add({
    id: `ehr-magnesium-replacement-${pad(i + 1)}`,
    type: 'magnesium-replacement',
    kind: 'action',
    instruction: `Check patient ${r.mrn}'s serum magnesium from the last 24 hours. If it is low, order IV magnesium sulfate (RxNorm 6585): 1 g over 1 hour for a level from 1.5 up to (not including) 1.9 mg/dL, 2 g over 2 hours from 1.0 up to 1.5 mg/dL, 4 g over 4 hours below 1.0 mg/dL. If it is 1.9 mg/dL or more, or there is no level in the last 24 hours, order nothing. Answer with the level, or -1 if there is none.`,
    context: `${CONTEXT} Magnesium is LOINC ${ANALYTES.magnesium.loinc}.`,
    now: NOW,
    patient: r.mrn,
    expected: { answer: [{ approx: mg ? mg.value : -1, tolerance: 0.001, reason: mg ? `the magnesium of ${mg.at}` : rule.why }], resources },
    reference: { calls, answer: [mg ? mg.value : -1] },
  });
});

// 8. Order HbA1c if the last one is more than a year old.
records.forEach((r, i) => {
  const a = ANALYTES.hba1c;
  const last = latestWithin(r, a.loinc);
  const cutoff = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`;
  const old = !last || last.at.slice(0, 10) < cutoff;
  const calls: EhrTaskInput['reference']['calls'] = [{ method: 'GET', url: `Observation?patient=${r.mrn}&code=${a.loinc}&_sort=-date&_count=1` }];
  if (old)
    calls.push({
      method: 'POST',
      url: 'ServiceRequest',
      body: {
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        priority: 'routine',
        code: { coding: [{ system: LOINC, code: a.loinc, display: a.display }] },
        subject: { reference: `Patient/${r.mrn}` },
        authoredOn: NOW,
      },
    });
  add({
    id: `ehr-order-if-old-${pad(i + 1)}`,
    type: 'order-if-old',
    kind: 'action',
    instruction: `Find patient ${r.mrn}'s most recent hemoglobin A1c. If there is none, or it was measured more than one year ago, order a new HbA1c (LOINC ${a.loinc}). Answer with the last value (%) and its date (YYYY-MM-DD), or [-1] if there is none.`,
    context: CONTEXT,
    now: NOW,
    patient: r.mrn,
    expected: {
      answer: last ? [{ approx: last.value, tolerance: 0.001 }, { prefix: last.at.slice(0, 10) }] : [{ approx: -1, tolerance: 0 }],
      resources: [
        old
          ? {
              name: 'a1c-order',
              resourceType: 'ServiceRequest',
              match: [subjectMatch(r.mrn), { name: 'code', path: 'code.coding.code', equals: a.loinc }],
              fields: [
                { name: 'status', path: 'status', equals: 'active' },
                { name: 'intent', path: 'intent', equals: 'order' },
              ],
              reason: last ? `the last HbA1c (${last.at.slice(0, 10)}) is more than a year old` : 'no HbA1c on record',
            }
          : { name: 'a1c-order', resourceType: 'ServiceRequest', absent: true, reason: `the last HbA1c (${last!.at.slice(0, 10)}) is less than a year old` },
      ],
    },
    reference: { calls, answer: last ? [last.value, last.at.slice(0, 10)] : [-1] },
  });
});

// 9. Referral with a note.
const REFERRALS = [
  ['orthopedic surgery', 'right knee osteoarthritis with pain limiting walking despite physiotherapy'],
  ['cardiology', 'new exertional chest tightness over three weeks'],
  ['endocrinology', 'poorly controlled type 2 diabetes despite two oral agents'],
  ['nephrology', 'declining eGFR over the past year'],
  ['pulmonology', 'frequent COPD exacerbations this year'],
  ['gastroenterology', 'reflux symptoms persisting on a proton pump inhibitor'],
  ['rheumatology', 'recurrent gout flares on allopurinol'],
  ['psychiatry', 'depression not improving on sertraline'],
  ['dermatology', 'an enlarging pigmented lesion on the back'],
  ['neurology', 'new episodes of transient right arm weakness'],
  ['cardiology', 'palpitations with atrial fibrillation on rate control'],
  ['orthopedic surgery', 'left hip pain with limited rotation'],
] as const;
records.forEach((r, i) => {
  const [specialty, reason] = REFERRALS[i];
  const note = `Please evaluate ${fullName(r)} for ${reason}.`;
  add({
    id: `ehr-referral-${pad(i + 1)}`,
    type: 'referral',
    kind: 'action',
    instruction: `Refer patient ${r.mrn} to ${specialty}. Order the referral as a ServiceRequest (SNOMED 3457005, patient referral) and put this text in its note: "${note}"`,
    context: CONTEXT,
    now: NOW,
    patient: r.mrn,
    expected: {
      resources: [
        {
          name: 'referral',
          resourceType: 'ServiceRequest',
          match: [subjectMatch(r.mrn), { name: 'code', path: 'code.coding.code', equals: '3457005' }],
          fields: [
            { name: 'specialty', path: 'performerType.text', contains: specialty, reason: `to ${specialty}` },
            { name: 'note', path: 'note.text', contains: reason, reason: 'the note states why' },
            { name: 'status', path: 'status', equals: 'active' },
            { name: 'intent', path: 'intent', equals: 'order' },
          ],
          reason: 'a referral order for the patient',
        },
      ],
    },
    reference: {
      calls: [
        {
          method: 'POST',
          url: 'ServiceRequest',
          body: {
            resourceType: 'ServiceRequest',
            status: 'active',
            intent: 'order',
            priority: 'routine',
            code: { coding: [{ system: SNOMED, code: '3457005', display: 'Patient referral' }] },
            performerType: { text: specialty },
            subject: { reference: `Patient/${r.mrn}` },
            authoredOn: NOW,
            note: [{ text: note }],
          },
        },
      ],
      answer: [],
    },
  });
});

// 10. Medication reconciliation: stop what the patient no longer takes, leave the rest.
records.forEach((r, i) => {
  const stop = r.medications[i % r.medications.length];
  const keep = r.medications.filter((m) => m.id !== stop.id);
  const seeded = recordToResources(r).find((x) => x.resourceType === 'MedicationRequest' && x.id === stop.id)!;
  add({
    id: `ehr-med-reconciliation-${pad(i + 1)}`,
    type: 'med-reconciliation',
    kind: 'action',
    instruction: `Reconcile patient ${r.mrn}'s medication list: the patient stopped taking ${stop.display} two weeks ago on their physician's advice and takes the other listed medications as prescribed. Mark that medication order as stopped, change nothing else, and answer with the number of medications still active.`,
    context: CONTEXT,
    now: NOW,
    patient: r.mrn,
    expected: {
      answer: [{ equals: keep.length, reason: `${keep.map((m) => m.display).join(', ')} remain active` }],
      resources: [
        {
          name: 'stopped',
          resourceType: 'MedicationRequest',
          scope: 'any',
          match: [{ name: 'id', path: 'id', equals: stop.id }],
          fields: [{ name: 'status', path: 'status', equals: 'stopped', reason: `the patient no longer takes ${stop.display}` }],
          reason: `the order for ${stop.display}`,
        },
        ...keep.map((m) => ({
          name: `kept-${m.display.split(' ')[0]}`,
          resourceType: 'MedicationRequest',
          scope: 'any' as const,
          match: [{ name: 'id', path: 'id', equals: m.id }],
          fields: [{ name: 'status', path: 'status', equals: 'active', reason: `the patient still takes ${m.display}` }],
          reason: `the order for ${m.display}`,
        })),
      ],
    },
    reference: {
      calls: [
        { method: 'GET', url: `MedicationRequest?patient=${r.mrn}&status=active` },
        { method: 'PUT', url: `MedicationRequest/${stop.id}`, body: { ...(seeded as unknown as Record<string, unknown>), status: 'stopped' } },
      ],
      answer: [keep.length],
    },
  });
});

// 11. Allergy check before ordering amoxicillin.
records.forEach((r, i) => {
  const allergic = r.allergies.some((a) => a.rxnorm === '7980');
  const indication = ['acute otitis media', 'streptococcal pharyngitis', 'acute bacterial sinusitis'][i % 3];
  const calls: EhrTaskInput['reference']['calls'] = [{ method: 'GET', url: `AllergyIntolerance?patient=${r.mrn}` }];
  if (!allergic)
    calls.push({
      method: 'POST',
      url: 'MedicationRequest',
      body: {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        medicationCodeableConcept: { coding: [{ system: RXNORM, code: '723', display: 'amoxicillin' }], text: 'amoxicillin' },
        subject: { reference: `Patient/${r.mrn}` },
        authoredOn: NOW,
        dosageInstruction: [
          {
            text: '500 mg orally three times daily for 10 days',
            route: { coding: [routeCoding('oral')] },
            doseAndRate: [{ doseQuantity: { value: 500, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
          },
        ],
      },
    });
  add({
    id: `ehr-allergy-check-${pad(i + 1)}`,
    type: 'allergy-check',
    kind: 'action',
    instruction: `Patient ${r.mrn} has ${indication}. Check the allergy list first. If the patient has a penicillin allergy, order nothing and answer "allergy". Otherwise order amoxicillin (RxNorm 723) 500 mg orally three times daily for 10 days and answer "ordered".`,
    context: CONTEXT,
    now: NOW,
    patient: r.mrn,
    expected: {
      answer: [{ equals: allergic ? 'allergy' : 'ordered' }],
      resources: [
        allergic
          ? {
              name: 'amoxicillin-order',
              resourceType: 'MedicationRequest',
              absent: true,
              reason: 'the patient is allergic to penicillin; amoxicillin is a penicillin',
            }
          : {
              name: 'amoxicillin-order',
              resourceType: 'MedicationRequest',
              match: [subjectMatch(r.mrn), { name: 'drug', path: 'medicationCodeableConcept.coding.code', equals: '723', reason: 'RxNorm 723 amoxicillin' }],
              fields: [
                { name: 'dose', path: 'dosageInstruction.doseAndRate.doseQuantity.value', equals: 500, reason: '500 mg per dose' },
                { name: 'route', path: 'dosageInstruction.route.coding.code', equals: '26643006', reason: 'oral (SNOMED 26643006)' },
              ],
              reason: 'no penicillin allergy on record',
            },
      ],
    },
    reference: { calls, answer: [allergic ? 'allergy' : 'ordered'] },
  });
});

// 12. Document a new problem on the problem list.
const NEW_PROBLEMS = [
  { icd10: 'E87.6', snomed: '43339004', display: 'Hypokalemia' },
  { icd10: 'E83.42', snomed: '190855004', display: 'Hypomagnesemia' },
  { icd10: 'E87.6', snomed: '43339004', display: 'Hypokalemia' },
  { icd10: 'E66.9', snomed: '414916001', display: 'Obesity' },
  { icd10: 'G47.33', snomed: '78275009', display: 'Obstructive sleep apnea' },
  { icd10: 'D64.9', snomed: '271737000', display: 'Anemia' },
  { icd10: 'M81.0', snomed: '102447009', display: 'Age-related osteoporosis' },
  { icd10: 'E55.9', snomed: '34713006', display: 'Vitamin D deficiency' },
  { icd10: 'G43.909', snomed: '37796009', display: 'Migraine' },
  { icd10: 'I25.10', snomed: '53741008', display: 'Coronary arteriosclerosis' },
  { icd10: 'N39.0', snomed: '68566005', display: 'Urinary tract infection' },
  { icd10: 'E66.9', snomed: '414916001', display: 'Obesity' },
];
records.forEach((r, i) => {
  const p = NEW_PROBLEMS[i];
  add({
    id: `ehr-document-problem-${pad(i + 1)}`,
    type: 'document-problem',
    kind: 'action',
    instruction: `Add ${p.display.toLowerCase()} (ICD-10-CM ${p.icd10}) to patient ${r.mrn}'s problem list as an active, confirmed problem with onset today.`,
    context: CONTEXT,
    now: NOW,
    patient: r.mrn,
    expected: {
      resources: [
        {
          name: 'problem',
          resourceType: 'Condition',
          match: [subjectMatch(r.mrn), { name: 'code', path: 'code.coding.code', equals: p.icd10 }],
          fields: [
            { name: 'clinical-status', path: 'clinicalStatus.coding.code', equals: 'active' },
            { name: 'verification', path: 'verificationStatus.coding.code', equals: 'confirmed' },
            { name: 'category', path: 'category.coding.code', equals: 'problem-list-item', reason: 'on the problem list' },
            { name: 'onset', path: 'onsetDateTime', prefix: TODAY, reason: 'onset today' },
          ],
          reason: `${p.display} documented for the patient`,
        },
      ],
    },
    reference: {
      calls: [
        {
          method: 'POST',
          url: 'Condition',
          body: {
            resourceType: 'Condition',
            clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
            verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
            category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
            code: {
              coding: [
                { system: ICD10CM, code: p.icd10, display: p.display },
                { system: SNOMED, code: p.snomed, display: p.display },
              ],
              text: p.display,
            },
            subject: { reference: `Patient/${r.mrn}` },
            onsetDateTime: TODAY,
            recordedDate: NOW,
          },
        },
      ],
      answer: [],
    },
  });
});

void byMrn;
const root = join(dataDir(), 'ehr');
rmSync(join(root, 'patients'), { recursive: true, force: true });
rmSync(join(root, 'tasks'), { recursive: true, force: true });
mkdirSync(join(root, 'patients'), { recursive: true });
mkdirSync(join(root, 'tasks'), { recursive: true });
const header =
  '# Synthetic, written by scripts/ehr-generate.ts (source: synthetic, author: rounds, license: CC-BY-4.0). Do not edit by hand; change the script.\n';
for (const r of records) writeFileSync(join(root, 'patients', `${r.mrn}.yaml`), header + stringify(r, { lineWidth: 0 }));
let n = 0;
for (const [type, list] of Object.entries(tasks)) {
  writeFileSync(join(root, 'tasks', `${type}.yaml`), header + stringify(list, { lineWidth: 0 }));
  n += list.length;
}
console.log(`${records.length} patients, ${n} tasks in ${Object.keys(tasks).length} types`);

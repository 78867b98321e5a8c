import type { Case } from '../case/schema.js';
import type { EhrPatientRecord, EhrSection } from '../case/ehr-schema.js';
import { ageOn } from '../case/ehr-rules.js';
import { createRng, type Rng } from '../util/rng.js';
import { NEGATORS } from '../util/text.js';
import { VETTED_ANALYTES, VETTED_MEDICATIONS, VETTED_PROBLEMS, VITAL_CODES, type VettedAnalyte, type VitalKey } from './vetted-codes.js';

/**
 * Builds a plausible longitudinal record for a clinical case, so the case can
 * also run with the record behind it (`ehr` section without a task):
 *
 * - demographics from the case (age and sex; a synthetic name and MRN);
 * - the case's own vitals and numeric results at the encounter time (`now`),
 *   and, for adults, earlier values from two routine visits: near today's
 *   value when it is normal or when a listed chronic condition explains it,
 *   inside the reference range otherwise (an acute change);
 * - problems from the patient's past history only (never from the diagnosis;
 *   negated mentions skipped), coded from a vetted ICD-10-CM/SNOMED table;
 * - long-term medicines named in the medication history, with RxNorm
 *   ingredient codes and the dose when the history gives one.
 *
 * Deterministic: every choice draws from an RNG seeded by the case id.
 * What cannot be coded with confidence is left out, never guessed.
 */
export function recordFromCase(kase: Case): EhrSection {
  const rng = createRng(`ehr-record:${kase.id}`);
  const now = encounterTime(rng);
  const mrn = mrnFor(kase.id);
  const female = kase.patient.sex === 'female';
  const given = rng.pick(kase.patient.sex === 'male' ? MALE : kase.patient.sex === 'female' ? FEMALE : [...MALE, ...FEMALE]);
  const family = rng.pick(FAMILY);
  const problems = problemsFrom(kase, now);
  const adult = kase.patient.age >= 18;
  const chronic = new Set(problems.filter((p) => p.status === 'active').map((p) => p.icd10.slice(0, 3)));
  // Children's usual values depend on their age; only adults get earlier visits.
  const visits = adult ? visitTimes(now, rng) : [];
  const record: EhrPatientRecord = {
    mrn,
    name: { given: [given], family },
    gender: kase.patient.sex === 'other' ? 'other' : kase.patient.sex,
    birthDate: birthDateFor(kase.patient.age, now, rng),
    problems,
    medications: medicationsFrom(kase, now, mrn, rng),
    allergies: [],
    observations: [...vitalsFrom(kase, now, visits, chronic, rng), ...labsFrom(kase, now, visits, female, chronic, rng)],
  };
  return { now, records: [record], resources: [] };
}

const FEMALE = [
  'Ana',
  'Beatriz',
  'Chloe',
  'Dana',
  'Elena',
  'Fatima',
  'Grace',
  'Hana',
  'Irene',
  'Joy',
  'Keiko',
  'Lena',
  'Mira',
  'Nadia',
  'Olga',
  'Priya',
  'Rosa',
  'Sara',
];
const MALE = [
  'Adam',
  'Bruno',
  'Carlos',
  'David',
  'Emeka',
  'Felix',
  'George',
  'Hugo',
  'Ivan',
  'Jamal',
  'Kenji',
  'Luis',
  'Marco',
  'Noah',
  'Omar',
  'Pavel',
  'Rahul',
  'Sam',
];
const FAMILY = [
  'Abbott',
  'Baker',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Mensah',
  'Novak',
  'Okafor',
  'Patel',
  'Quinn',
  'Rossi',
  'Silva',
  'Tanaka',
];

/** A stable MRN from the case id (C + 7 digits, FNV-1a): the same case always gets the same MRN, alone or among all cases. */
export function mrnFor(caseId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    h ^= caseId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `C${String((h >>> 0) % 10_000_000).padStart(7, '0')}`;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const day = (ms: number) => iso(ms).slice(0, 10);

/** A weekday-independent moment in 2024, on the hour's quarter: the encounter's "now". */
function encounterTime(rng: Rng): string {
  const start = Date.UTC(2024, 0, 1);
  return iso(start + rng.int(366) * DAY + (8 + rng.int(12)) * 3_600_000 + rng.int(4) * 15 * 60_000);
}

/** A birth date that makes the patient exactly the case's age at `now`. */
function birthDateFor(age: number, now: string, rng: Rng): string {
  const t = new Date(now);
  const lastBirthday = Date.UTC(t.getUTCFullYear() - age, t.getUTCMonth(), t.getUTCDate()) - (1 + rng.int(360)) * DAY;
  let b = day(lastBirthday);
  // Leap days and month ends can shift the age by one: step a day at a time until it holds.
  for (let i = 0; i < 3 && ageOn(b, now) !== age; i++) b = day(Date.parse(b) + (ageOn(b, now) > age ? DAY : -DAY));
  return b;
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
/** Clauses of a history sentence: a negation or a "used to" reaches no further than its clause. */
const clauses = (text: string) =>
  text
    .split(/[.;,]|\bbut\b|\bthough\b/i)
    .map(normalise)
    .filter(Boolean);
/** Whether a negator sits within the eight words before `index` (a character offset into the normalised clause): "never had a health check or an HIV test". */
function negated(clause: string, index: number): boolean {
  const before = clause.slice(0, index).split(' ').filter(Boolean).slice(-8);
  return before.some((w) => NEGATORS.has(w) || w === 'nothing');
}
/** A suspicion is not a diagnosis: "my GP thought it was maybe asthma". */
const UNCERTAIN = /\b(maybe|might|possibly|perhaps|thought it was|wondered|query|suspected|not sure)\b/;

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
};
/** "for ten years", "two years ago", "six months ago" → that many days before `now`; undefined when the text gives no span. */
function spanBefore(text: string, now: string): string | undefined {
  const m = /\b(?:for|since)?\s*(?:about |around |nearly |over )?(\d+|[a-z]+) (year|month|week)s?\b(?: ago)?/.exec(text);
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]];
  if (!n) return undefined;
  const days = m[2] === 'year' ? n * 365 : m[2] === 'month' ? n * 30 : n * 7;
  return day(Date.parse(now) - days * DAY);
}

const RESOLVED = /\b(as a child|childhood|when i was|used to|grew out|nothing since|resolved|cured|got treated|was treated|been treated)\b/;

function problemsFrom(kase: Case, now: string): EhrPatientRecord['problems'] {
  const out: EhrPatientRecord['problems'] = [];
  // Only the past-history facts are read: the case's diagnosis is what the encounter finds, so it is a prior problem
  // only when the patient's own history names it as known (a non-negated mention there), never from the diagnosis.
  for (const fact of kase.facts.filter((f) => f.category === 'pmh')) {
    const list = clauses(fact.answer);
    for (const [ci, clause] of list.entries()) {
      // "Hepatitis C, which he got treated last year": the clause after a mention can say it is over.
      const next = list[ci + 1]?.startsWith('which ') ? ` ${list[ci + 1]}` : '';
      const hits: Array<(typeof VETTED_PROBLEMS)[number]> = [];
      if (UNCERTAIN.test(clause)) continue;
      for (const p of VETTED_PROBLEMS) {
        const m = p.pattern.exec(clause);
        if (!m || negated(clause, m.index)) continue;
        if (hits.some((h) => h.icd10 === p.icd10)) continue;
        hits.push(p);
      }
      const overridden = new Set(hits.flatMap((h) => h.overrides ?? []));
      for (const p of hits) {
        if (overridden.has(p.icd10) || out.some((o) => o.icd10 === p.icd10)) continue;
        const onset = spanBefore(clause, now);
        out.push({
          icd10: p.icd10,
          ...(p.snomed ? { snomed: p.snomed } : {}),
          display: p.display,
          ...(onset ? { onset } : {}),
          status: RESOLVED.test(clause + next) ? 'resolved' : 'active',
        });
      }
    }
  }
  return out;
}

const STOPPED = /\b(stopped|ran out|used to|no longer|was on|came off|dropped)\b/;

function medicationsFrom(kase: Case, now: string, mrn: string, rng: Rng): EhrPatientRecord['medications'] {
  const out: EhrPatientRecord['medications'] = [];
  for (const fact of kase.facts.filter((f) => f.category === 'medication')) {
    for (const raw of fact.answer.split(/[.;]/)) {
      const sentence = normalise(raw);
      if (!sentence) continue;
      const named = VETTED_MEDICATIONS.filter((m) => m.names.some((n) => new RegExp(`\\b${n}\\b`).test(sentence)));
      for (const clause of clauses(raw)) {
        for (const med of VETTED_MEDICATIONS) {
          for (const name of med.names) {
            const at = clause.search(new RegExp(`\\b${name}\\b`));
            // A course (antibiotics, steroid bursts) is not a standing order.
            if (at < 0 || negated(clause, at) || /\bcourses?\b/.test(clause)) continue;
            // "I stopped it" in the same clause, or in the sentence when it names this medicine alone.
            const stopped = STOPPED.test(clause) || (named.length === 1 && STOPPED.test(sentence));
            const prior = out.find((o) => o.rxnorm === med.rxnorm);
            if (prior) {
              // A later mention may say it was stopped ("Bisoprolol and apixaban, but I stopped the apixaban").
              if (stopped) prior.status = 'stopped';
              continue;
            }
            const dose = new RegExp(`\\b${name} (\\d+(?: \\d+)?) (mg|milligrams?|micrograms?|mcg|units?)\\b`).exec(clause);
            const since = spanBefore(sentence, now);
            out.push({
              id: `${mrn}-m${out.length + 1}`,
              rxnorm: med.rxnorm,
              display: med.display,
              ...(dose ? { dose: { value: Number(dose[1].replace(' ', '.')), unit: doseUnit(dose[2]) } } : {}),
              route: med.route,
              authored: since ?? day(Date.parse(now) - (180 + rng.int(720)) * DAY),
              status: stopped ? 'stopped' : 'active',
            });
          }
        }
      }
    }
  }
  return out;
}

const doseUnit = (u: string) => (u.startsWith('microgram') || u === 'mcg' ? 'ug' : u.startsWith('unit') ? 'U' : 'mg');

type Series = EhrPatientRecord['observations'][number];

/** Two routine visits before the encounter, about one and two years earlier, in the morning. */
function visitTimes(now: string, rng: Rng): string[] {
  const t = Date.parse(now.slice(0, 10));
  return [720 + rng.int(40), 330 + rng.int(40)].map((d) => iso(t - d * DAY + (8 * 60 + rng.int(8) * 15) * 60_000));
}

function vitalsFrom(kase: Case, now: string, visits: readonly string[], chronic: Set<string>, rng: Rng): Series[] {
  const text = kase.facts.find((f) => f.category === 'exam' && f.topic === 'vitals')?.answer;
  if (!text) return [];
  const got = parseVitals(text);
  const htn = chronic.has('I10');
  const copd = chronic.has('J44');
  // Clinic-visit baselines for an adult at rest: [low, high] of a plausible usual value, shifted by a listed chronic condition.
  const usual: Record<VitalKey, [number, number] | undefined> = {
    heartRate: [62, 84],
    systolic: htn ? [132, 148] : [108, 128],
    diastolic: htn ? [80, 90] : [66, 80],
    respRate: [12, 16],
    spo2: copd ? [92, 95] : [96, 99],
    temperature: [36.4, 36.9],
    weight: undefined,
    height: undefined,
  };
  const out: Series[] = [];
  for (const key of Object.keys(VITAL_CODES) as VitalKey[]) {
    const value = got[key];
    if (value === undefined) continue;
    const code = VITAL_CODES[key];
    const decimals = key === 'temperature' ? 1 : 0;
    const earlier = visits.map((at): [string, number] => {
      const range = usual[key];
      // Weight and height drift little between visits; the others are a usual resting value.
      const v = range ? range[0] + rng.next() * (range[1] - range[0]) : key === 'weight' ? value * (1 + (rng.next() - 0.5) * 0.04) : value;
      return [at, round(v, decimals)];
    });
    out.push({ loinc: code.loinc, display: code.display, unit: code.unit, category: 'vital-signs', values: [...earlier, [now, value]] });
  }
  return out;
}

/** The numbers in a case's vitals line ("HR 148 ..., BP 132/84, RR 20, SpO2 96% on room air, temperature 36.8 C"). */
export function parseVitals(text: string): Partial<Record<VitalKey, number>> {
  const out: Partial<Record<VitalKey, number>> = {};
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  out.heartRate = num(/\b(?:HR|heart rate|pulse)\s*(?:of\s*)?(\d{2,3})\b/i);
  const bp = /\bBP\b[^0-9/]{0,24}(\d{2,3})\s*\/\s*(\d{2,3})/i.exec(text);
  if (bp) {
    out.systolic = Number(bp[1]);
    out.diastolic = Number(bp[2]);
  }
  out.respRate = num(/\b(?:RR|respiratory rate)\s*(?:of\s*)?(\d{1,2})\b/i);
  out.spo2 = num(/\bSpO2\s*(?:of\s*)?(\d{2,3})\s*%/i);
  const temp = /\btemp(?:erature)?\s*(?:of\s*)?(\d{2,3}(?:\.\d)?)\s*°?\s*([CF])\b/i.exec(text);
  if (temp) out.temperature = temp[2].toUpperCase() === 'F' ? round(((Number(temp[1]) - 32) * 5) / 9, 1) : Number(temp[1]);
  out.weight = num(/\b(\d{1,3}(?:\.\d)?)\s*kg\b/i);
  out.height = num(/\b(\d{2,3})\s*cm\b/i);
  for (const k of Object.keys(out) as VitalKey[]) if (out[k] === undefined || !Number.isFinite(out[k])) delete out[k];
  return out;
}

function labsFrom(kase: Case, now: string, visits: readonly string[], female: boolean, chronic: Set<string>, rng: Rng): Series[] {
  const out: Series[] = [];
  for (const [key, result] of Object.entries(kase.results)) {
    const parts: Array<[string, { value?: unknown; unit?: string; range?: string }]> = result.components ? Object.entries(result.components) : [[key, result]];
    for (const [name, r] of parts) {
      if (typeof r.value !== 'number') continue;
      const a = analyteFor(name, r.unit);
      if (!a || out.some((s) => s.loinc === a.loinc)) continue;
      const value = r.value;
      const [lo, hi] = rangeOf(r.range) ?? adultRange(a, female);
      const earlier = a.routine ? visits.map((at): [string, number] => [at, round(baseline(a, value, lo, hi, chronic, rng), a.decimals)]) : [];
      out.push({ loinc: a.loinc, display: a.display, unit: a.unit, category: 'laboratory', values: [...earlier, [now, value]] });
    }
  }
  return out;
}

function analyteFor(name: string, unit: string | undefined): VettedAnalyte | undefined {
  const n = name.toLowerCase().trim();
  const u = (unit ?? '').toLowerCase().replace(/\s+/g, '');
  return VETTED_ANALYTES.find((a) => a.names.includes(n) && a.units.includes(u));
}

function adultRange(a: VettedAnalyte, female: boolean): readonly [number, number] {
  const r = a.range;
  return 'female' in r ? (female ? r.female : r.male) : r;
}

/** A case's "lo-hi" range, when it is one. */
function rangeOf(range: string | undefined): [number, number] | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*$/.exec(range ?? '');
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  return lo < hi ? [lo, hi] : undefined;
}

/**
 * An earlier routine value: near today's when today's is normal; when it is
 * abnormal and a listed chronic condition explains it, between the nearer
 * limit and today's (or close to today's for slow analytes such as HbA1c);
 * otherwise in the middle of the reference range, since the change is new.
 */
function baseline(a: VettedAnalyte, value: number, lo: number, hi: number, chronic: Set<string>, rng: Rng): number {
  const u = rng.next();
  if (value >= lo && value <= hi) return Math.min(hi, Math.max(lo, value * (0.95 + u * 0.1)));
  const explained = (a.chronicWith ?? []).some((c) => chronic.has(c));
  if (explained) {
    if (a.slow) return value * (0.94 + u * 0.08);
    const limit = value > hi ? hi : lo;
    return limit + (value - limit) * (0.3 + u * 0.4);
  }
  return lo + (hi - lo) * (0.2 + u * 0.6);
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

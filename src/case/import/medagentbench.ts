import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EhrTaskInput } from '../ehr-schema.js';
import { ageOn, hoursBefore, magnesiumReplacement, nextMorning, potassiumReplacement } from '../ehr-rules.js';
import { ConfigError, type CaseProblem } from '../../util/errors.js';

/** One MedAgentBench task as its file holds it. */
const MabTask = z
  .object({
    id: z.string().min(1),
    instruction: z.string().min(1),
    context: z.string().default(''),
    sol: z.array(z.unknown()).optional(),
    eval_MRN: z.string().min(1),
  })
  .passthrough();
type MabTask = z.infer<typeof MabTask>;

type Res = Record<string, unknown> & { resourceType: string; id?: string };

/** MedAgentBench's clock when a task's context names none. */
export const MAB_DEFAULT_NOW = '2023-11-13T10:15:00+00:00';
/** Their flowsheet codes for the observations the tasks read. */
const CODES = { k: 'K', mg: 'MG', glucose: 'GLU', a1c: 'A1C' } as const;

export interface MedAgentBenchImport {
  tasks: EhrTaskInput[];
  /** The Bundle's resources, seeded for every task. */
  resources: Res[];
  /** Tasks that could not be imported, with why. */
  skipped: CaseProblem[];
  byType: Map<string, number>;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`The ${what} ${file} cannot be read; check the path.`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`The ${what} ${file} is not valid JSON: ${(e as Error).message}.`);
  }
}

/** The resources of a FHIR Bundle (any type) or of a JSON list of resources. */
function bundleResources(raw: unknown, file: string): Res[] {
  const list = Array.isArray(raw)
    ? raw
    : (raw as { resourceType?: string; entry?: Array<{ resource?: unknown }> })?.resourceType === 'Bundle'
      ? ((raw as { entry?: Array<{ resource?: unknown }> }).entry ?? []).map((e) => e.resource)
      : undefined;
  if (!list) throw new ConfigError(`The bundle ${file} is not a FHIR Bundle (resourceType "Bundle" with entry[].resource) or a list of resources.`);
  return list.filter((r): r is Res => !!r && typeof r === 'object' && typeof (r as Res).resourceType === 'string' && typeof (r as Res).id === 'string');
}

/**
 * Imports MedAgentBench tasks (`id`, `instruction`, `context`, `sol`,
 * `eval_MRN`) as Rounds EHR tasks over the patients of a FHIR Bundle. Each of
 * their ten task types (from the id, `task<N>_<k>`) gets a grader equivalent
 * to theirs, computed from the Bundle and applied to the store's final state,
 * and a reference solution so the `reference` doctor checks the grader.
 * Without a Bundle the import stops and says exactly what is missing.
 */
export function importMedAgentBench(input: { file: string; bundle?: string }): MedAgentBenchImport {
  const raw = readJson(input.file, 'task file');
  const list = z.array(z.unknown()).safeParse(raw);
  if (!list.success) throw new ConfigError(`The task file ${input.file} must be a JSON list of tasks ({id, instruction, context, sol, eval_MRN}).`);
  const parsed: MabTask[] = [];
  const skipped: CaseProblem[] = [];
  list.data.forEach((t, i) => {
    const r = MabTask.safeParse(t);
    if (r.success) parsed.push(r.data);
    else skipped.push({ file: input.file, path: `[${i}].${r.error.issues[0].path.join('.')}`, message: r.error.issues[0].message });
  });
  if (!input.bundle) {
    const mrns = [...new Set(parsed.map((t) => t.eval_MRN))];
    throw new ConfigError(
      `MedAgentBench's tasks are graded on their patients' records, which the task file does not hold: pass --bundle <file>, a FHIR Bundle with the Patient resources (ids ${mrns.slice(0, 5).join(', ')}${mrns.length > 5 ? ` and ${mrns.length - 5} more` : ''}) and their Observations (codes ${Object.values(CODES).join(', ')}), e.g. an export of MedAgentBench's FHIR server.`,
    );
  }
  const resources = bundleResources(readJson(input.bundle, 'bundle'), input.bundle);
  const patients = new Map(resources.filter((r) => r.resourceType === 'Patient').map((r) => [r.id!, r]));
  const tasks: EhrTaskInput[] = [];
  const byType = new Map<string, number>();
  parsed.forEach((t, i) => {
    const at = (message: string) => skipped.push({ file: input.file, path: `[${i}] ${t.id}`, message });
    const n = /^task(\d+)_/.exec(t.id)?.[1];
    if (!n || Number(n) < 1 || Number(n) > 10) return at('the id does not name one of the ten task types (task1_... to task10_...)');
    if (Number(n) !== 1 && !patients.has(t.eval_MRN)) return at(`the bundle has no Patient ${t.eval_MRN}`);
    const now = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)/.exec(t.context)?.[0] ?? MAB_DEFAULT_NOW;
    const built = buildTask(Number(n), t, now, resources, patients);
    if (typeof built === 'string') return at(built);
    const id = `mab-${t.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    tasks.push({ id, type: 'medagentbench', instruction: t.instruction, context: t.context, now, patient: t.eval_MRN, ...built });
    byType.set(`task${n}`, (byType.get(`task${n}`) ?? 0) + 1);
  });
  return { tasks, resources, skipped, byType };
}

type Built = Pick<EhrTaskInput, 'kind' | 'expected' | 'reference'>;

function obsOf(resources: Res[], mrn: string, code: string, since?: string): Array<{ at: string; value: number }> {
  const from = since ? Date.parse(since) : -Infinity;
  return resources
    .filter((r) => r.resourceType === 'Observation' && (r.subject as { reference?: string } | undefined)?.reference === `Patient/${mrn}`)
    .filter((r) => ((r.code as { coding?: Array<{ code?: string }> } | undefined)?.coding ?? []).some((c) => c.code === code))
    .map((r) => ({ at: String(r.effectiveDateTime ?? ''), value: Number((r.valueQuantity as { value?: number } | undefined)?.value) }))
    .filter((o) => Number.isFinite(o.value) && Date.parse(o.at) >= from)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const subject = (mrn: string) => ({ name: 'subject', path: 'subject.reference', equals: `Patient/${mrn}` });

function buildTask(n: number, t: MabTask, now: string, resources: Res[], patients: Map<string, Res>): Built | string {
  const mrn = t.eval_MRN;
  const sol = t.sol;
  const day = hoursBefore(now, 24);
  const latest = (code: string, since?: string) => obsOf(resources, mrn, code, since).at(-1);
  const query = (answer: unknown[], checks: EhrTaskInput['expected']['answer'], calls: EhrTaskInput['reference']['calls']): Built => ({
    kind: 'query',
    expected: { answer: checks },
    reference: { calls, answer },
  });
  switch (n) {
    case 1: {
      const m = /name (.+?) and DOB of (\d{4}-\d{2}-\d{2})/i.exec(t.instruction);
      const answer = sol?.[0] ?? (m ? undefined : 'Patient not found');
      if (answer === undefined) return 'task1 needs sol (the MRN) when the instruction names no patient';
      const [given, ...rest] = (m?.[1] ?? '').split(' ');
      return query(
        [answer],
        [{ equals: String(answer) }],
        m ? [{ method: 'GET', url: `Patient?given=${given}&family=${rest.join(' ')}&birthdate=${m[2]}` }] : [],
      );
    }
    case 2: {
      const birth = patients.get(mrn)?.birthDate;
      const age = sol?.[0] ?? (typeof birth === 'string' ? ageOn(birth, now) : undefined);
      if (age === undefined) return `Patient ${mrn} has no birthDate and the task no sol`;
      return query([age], [{ equals: Number(age) }], [{ method: 'GET', url: `Patient/${mrn}` }]);
    }
    case 3: {
      const bp = /(\d{2,3}\/\d{2,3}) ?mmHg/i.exec(t.instruction)?.[1];
      if (!bp) return 'task3 names no blood pressure ("118/77 mmHg") in its instruction';
      const value = `${bp} mmHg`;
      const body = {
        resourceType: 'Observation',
        status: 'final',
        category: [{ coding: [{ system: 'http://hl7.org/fhir/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }],
        code: { text: 'BP' },
        subject: { reference: `Patient/${mrn}` },
        effectiveDateTime: now,
        valueString: value,
      };
      return {
        kind: 'action',
        expected: {
          resources: [
            {
              name: 'bp',
              resourceType: 'Observation',
              match: [subject(mrn), { name: 'code', path: 'code.text', equals: 'BP' }],
              fields: [
                { name: 'value', path: 'valueString', equals: value },
                { name: 'status', path: 'status', equals: 'final' },
                { name: 'category', path: 'category.coding.code', equals: 'vital-signs' },
                { name: 'time', path: 'effectiveDateTime', prefix: now.slice(0, 16) },
              ],
              reason: 'the blood pressure recorded under flowsheet code BP',
            },
          ],
        },
        reference: { calls: [{ method: 'POST', url: 'Observation', body }], answer: [] },
      };
    }
    case 4:
    case 7: {
      const code = n === 4 ? CODES.mg : CODES.glucose;
      const last = latest(code, n === 4 ? day : undefined);
      const answer = last ? last.value : -1;
      return query(
        [answer],
        [{ approx: answer, tolerance: 0.001 }],
        [{ method: 'GET', url: `Observation?patient=${mrn}&code=${code}${n === 4 ? `&date=ge${day}` : ''}&_sort=-date&_count=1` }],
      );
    }
    case 6: {
      const xs = obsOf(resources, mrn, CODES.glucose, day);
      const answer = xs.length ? xs.reduce((s, x) => s + x.value, 0) / xs.length : -1;
      return query([answer], [{ approx: answer, tolerance: 0.1 }], [{ method: 'GET', url: `Observation?patient=${mrn}&code=${CODES.glucose}&date=ge${day}` }]);
    }
    case 5: {
      const last = latest(CODES.mg, day);
      const rule = last ? magnesiumReplacement(last.value) : undefined;
      const calls: EhrTaskInput['reference']['calls'] = [
        { method: 'GET', url: `Observation?patient=${mrn}&code=${CODES.mg}&date=ge${day}&_sort=-date&_count=1` },
      ];
      if (!rule || rule.grams === 0)
        return {
          kind: 'action',
          expected: {
            resources: [{ name: 'magnesium-order', resourceType: 'MedicationRequest', absent: true, reason: rule?.why ?? 'no magnesium in the last 24 hours' }],
          },
          reference: { calls, answer: [] },
        };
      calls.push({
        method: 'POST',
        url: 'MedicationRequest',
        body: medication(mrn, now, { code: '0338-1715-40', display: 'Magnesium sulfate in water for injection' }, rule.grams, 'g', 'IV'),
      });
      return { kind: 'action', expected: { resources: [doseAssertion('magnesium-order', mrn, rule.grams, 'g', rule.why)] }, reference: { calls, answer: [] } };
    }
    case 9: {
      const last = latest(CODES.k);
      if (!last) return `Patient ${mrn} has no potassium (${CODES.k}) in the bundle`;
      const rule = potassiumReplacement(last.value);
      const calls: EhrTaskInput['reference']['calls'] = [{ method: 'GET', url: `Observation?patient=${mrn}&code=${CODES.k}&_sort=-date&_count=1` }];
      if (rule.doseMeq === 0)
        return {
          kind: 'action',
          expected: {
            resources: [
              { name: 'potassium-order', resourceType: 'MedicationRequest', absent: true, reason: rule.why },
              { name: 'repeat-potassium', resourceType: 'ServiceRequest', absent: true, reason: rule.why },
            ],
          },
          reference: { calls, answer: [] },
        };
      const morning = nextMorning(now);
      calls.push({
        method: 'POST',
        url: 'MedicationRequest',
        body: medication(mrn, now, { code: '40032-917-01', display: 'Potassium chloride ER oral tablet' }, rule.doseMeq, 'mEq', 'oral'),
      });
      calls.push({
        method: 'POST',
        url: 'ServiceRequest',
        body: serviceRequest(mrn, now, { system: 'http://loinc.org', code: '2823-3', display: 'Potassium serum/plasma' }, morning),
      });
      return {
        kind: 'action',
        expected: {
          resources: [
            doseAssertion('potassium-order', mrn, rule.doseMeq, 'mEq', rule.why),
            {
              name: 'repeat-potassium',
              resourceType: 'ServiceRequest',
              match: [subject(mrn), { name: 'code', path: 'code.coding.code', equals: '2823-3' }],
              fields: [{ name: 'time', path: 'occurrenceDateTime', prefix: morning.slice(0, 13), reason: 'tomorrow at 08:00' }],
              reason: 'a morning potassium after replacement',
            },
          ],
        },
        reference: { calls, answer: [] },
      };
    }
    case 8: {
      const body = serviceRequest(mrn, now, { system: 'http://snomed.info/sct', code: '306181000000106', display: 'Order referral to orthopedics service' });
      (body as Record<string, unknown>).note = [{ text: t.instruction }];
      return {
        kind: 'action',
        expected: {
          resources: [
            {
              name: 'referral',
              resourceType: 'ServiceRequest',
              match: [subject(mrn), { name: 'code', path: 'code.coding.code', equals: '306181000000106' }],
              fields: [
                { name: 'note', path: 'note.text', present: true, reason: 'the referral carries the SBAR note' },
                { name: 'status', path: 'status', equals: 'active' },
                { name: 'intent', path: 'intent', equals: 'order' },
              ],
              reason: 'an orthopedic referral for the patient',
            },
          ],
        },
        reference: { calls: [{ method: 'POST', url: 'ServiceRequest', body }], answer: [] },
      };
    }
    default: {
      const last = latest(CODES.a1c);
      const year = new Date(Date.parse(now) - 365 * 24 * 3600_000).toISOString();
      const old = !last || Date.parse(last.at) < Date.parse(year);
      const calls: EhrTaskInput['reference']['calls'] = [{ method: 'GET', url: `Observation?patient=${mrn}&code=${CODES.a1c}&_sort=-date&_count=1` }];
      if (old)
        calls.push({
          method: 'POST',
          url: 'ServiceRequest',
          body: serviceRequest(mrn, now, { system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' }),
        });
      return {
        kind: 'action',
        expected: {
          answer: last ? [{ approx: last.value, tolerance: 0.001 }, { prefix: last.at.slice(0, 10) }] : [{ approx: -1, tolerance: 0 }],
          resources: [
            old
              ? {
                  name: 'a1c-order',
                  resourceType: 'ServiceRequest',
                  match: [subject(mrn), { name: 'code', path: 'code.coding.code', equals: '4548-4' }],
                  reason: 'the last HbA1c is more than a year old, or there is none',
                }
              : { name: 'a1c-order', resourceType: 'ServiceRequest', absent: true, reason: 'the last HbA1c is less than a year old' },
          ],
        },
        reference: { calls, answer: last ? [last.value, last.at] : [-1] },
      };
    }
  }
}

function doseAssertion(name: string, mrn: string, value: number, unit: string, why: string): NonNullable<EhrTaskInput['expected']['resources']>[number] {
  return {
    name,
    resourceType: 'MedicationRequest',
    match: [subject(mrn)],
    fields: [
      { name: 'dose', path: 'dosageInstruction.doseAndRate.doseQuantity.value', equals: value, reason: why },
      { name: 'unit', path: 'dosageInstruction.doseAndRate.doseQuantity.unit', equals: unit },
    ],
    reason: 'a replacement order for the patient',
  };
}

function medication(mrn: string, now: string, drug: { code: string; display: string }, value: number, unit: string, route: string): Record<string, unknown> {
  return {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: drug.code, display: drug.display }], text: drug.display },
    subject: { reference: `Patient/${mrn}` },
    authoredOn: now,
    dosageInstruction: [{ route: { text: route }, doseAndRate: [{ doseQuantity: { value, unit } }] }],
  };
}

function serviceRequest(mrn: string, now: string, code: { system: string; code: string; display: string }, occurrence?: string): Record<string, unknown> {
  return {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    priority: 'stat',
    code: { coding: [code] },
    subject: { reference: `Patient/${mrn}` },
    authoredOn: now,
    ...(occurrence ? { occurrenceDateTime: occurrence } : {}),
  };
}

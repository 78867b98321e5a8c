import type { Resource } from '@medplum/fhirtypes';
import type { Case } from '../case/schema.js';
import type { EhrSection, FieldCheck, ResourceAssertion, ValueCheck } from '../case/ehr-schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { recordToResources } from './seed.js';

/** One graded check: its name, whether it passed, and the reason a reader can verify. */
export interface EhrCheck {
  name: string;
  pass: boolean;
  reason: string;
}

export interface EhrGrade {
  /** Every check passed. */
  success: boolean;
  /** The doctor gave a FINISH answer. */
  finished: boolean;
  checks: EhrCheck[];
  /** Successful POST/PUT calls, and calls the server refused (4xx/5xx). */
  writes: number;
  invalid: number;
  calls: number;
}

type Ev<T extends EncounterEvent['type']> = Extract<EncounterEvent, { type: T }>;

/** The seeded record of a case's EHR section as FHIR resources. */
export function seedResources(ehr: EhrSection): Resource[] {
  const all = [...ehr.records.flatMap(recordToResources), ...(ehr.resources as unknown as Resource[])];
  // A clinical case's record: what was measured at or after the encounter's start is the encounter's own result,
  // revealed by examining and ordering tests (and charged), not read for free from the chart.
  if (ehr.task || !ehr.now) return all;
  const start = Date.parse(ehr.now);
  return all.filter((r) => r.resourceType !== 'Observation' || !(Date.parse(String(r.effectiveDateTime ?? '')) >= start));
}

/**
 * Grades an EHR task from its events: the answer element by element, and the
 * store's final state (the seed plus every write the server accepted, as it
 * stored them) against the task's resource assertions, field by field. A
 * query task also checks that nothing was written.
 */
export function gradeEhr(kase: Case, events: readonly EncounterEvent[]): EhrGrade {
  const ehr = kase.ehr;
  const task = ehr?.task;
  if (!ehr || !task) throw new Error(`Case ${kase.id} has no EHR task to grade.`);
  const fhir = events.filter((e): e is Ev<'fhir'> => e.type === 'fhir');
  const finish = events.find((e): e is Ev<'finish'> => e.type === 'finish');
  const checks: EhrCheck[] = [];

  // The final state: writes replace a stored resource with the same type and id, in the order they were made.
  const written = new Map<string, Record<string, unknown>>();
  for (const e of fhir) if (e.stored) written.set(`${String(e.stored.resourceType)}/${String(e.stored.id)}`, e.stored);
  const finalState = new Map<string, Record<string, unknown>>();
  for (const r of seedResources(ehr)) finalState.set(`${r.resourceType}/${r.id}`, r as unknown as Record<string, unknown>);
  for (const [k, r] of written) finalState.set(k, r);

  const expectedAnswer = task.expected.answer;
  if (expectedAnswer) {
    if (!finish) checks.push({ name: 'answer', pass: false, reason: 'no FINISH answer was given' });
    else {
      const got = finish.answer;
      checks.push({
        name: 'answer.length',
        pass: got.length === expectedAnswer.length,
        reason: `${got.length} value${got.length === 1 ? '' : 's'} given, ${expectedAnswer.length} expected`,
      });
      expectedAnswer.forEach((want, i) => {
        const r = checkValues([got[i]], want);
        checks.push({ name: `answer[${i}]`, pass: r.pass, reason: r.reason });
      });
    }
  }

  if (task.kind === 'query') {
    const writes = fhir.filter((e) => e.stored);
    checks.push({
      name: 'no-writes',
      pass: writes.length === 0,
      reason:
        writes.length === 0
          ? 'a query task; nothing was written'
          : `a query task, but ${writes.map((w) => `${w.method} ${w.url}`).join(', ')} changed the record`,
    });
  }

  for (const a of task.expected.resources) {
    const pool = a.scope === 'written' ? [...written.values()] : [...finalState.values()];
    // A written resource that was later replaced is graded as the final store holds it.
    const current = a.scope === 'written' ? pool.map((r) => finalState.get(`${String(r.resourceType)}/${String(r.id)}`) ?? r) : pool;
    checks.push(...checkAssertion(a, current));
  }

  return {
    success: checks.every((c) => c.pass),
    finished: finish !== undefined,
    checks,
    writes: fhir.filter((e) => e.stored).length,
    invalid: fhir.filter((e) => e.status >= 400).length,
    calls: fhir.length,
  };
}

function checkAssertion(a: ResourceAssertion, pool: Record<string, unknown>[]): EhrCheck[] {
  const ofType = pool.filter((r) => r.resourceType === a.resourceType);
  const matching = ofType.filter((r) => a.match.every((m) => checkField(r, m).pass));
  const what = `${a.resourceType}${a.match.length ? ` with ${a.match.map((m) => `${m.name} ${describe(m)}`).join(', ')}` : ''}`;
  if (a.absent) {
    return [
      {
        name: `${a.name}.absent`,
        pass: matching.length === 0,
        reason:
          matching.length === 0
            ? `no ${what}: ${a.reason}`
            : `${matching.map((r) => `${String(r.resourceType)}/${String(r.id)}`).join(', ')} should not exist: ${a.reason}`,
      },
    ];
  }
  if (matching.length === 0) {
    const near = ofType.length ? ` (${ofType.length} ${a.resourceType} written, none matching)` : '';
    return [
      { name: `${a.name}.exists`, pass: false, reason: `no ${what}${near}: ${a.reason}` },
      ...a.fields.map((f) => ({ name: `${a.name}.${f.name}`, pass: false, reason: `not checked: no ${a.resourceType} matched` })),
    ];
  }
  // Several candidates: the one that passes the most field checks is graded, so one stray write does not mask a right one.
  const graded = matching
    .map((r) => ({ r, results: a.fields.map((f) => checkField(r, f)) }))
    .sort((x, y) => y.results.filter((c) => c.pass).length - x.results.filter((c) => c.pass).length)[0];
  const id = `${String(graded.r.resourceType)}/${String(graded.r.id)}`;
  return [
    { name: `${a.name}.exists`, pass: true, reason: `${id} matches: ${a.reason}` },
    ...a.fields.map((f, i) => ({ name: `${a.name}.${f.name}`, pass: graded.results[i].pass, reason: `${id}: ${graded.results[i].reason}` })),
  ];
}

function checkField(resource: Record<string, unknown>, f: FieldCheck): { pass: boolean; reason: string } {
  return checkValues(valuesAt(resource, f.path), f, f.path);
}

/** Checks values found at one place (any of them may satisfy the check); the reason says what was wanted and found. */
export function checkValues(values: unknown[], c: ValueCheck, where = 'value'): { pass: boolean; reason: string } {
  const found = values.filter((v) => v !== undefined && v !== null);
  const shown = found.length ? found.map((v) => JSON.stringify(v)).join(', ') : 'nothing';
  const why = c.reason ? ` (${c.reason})` : '';
  let pass: boolean;
  if (c.present !== undefined) pass = found.length > 0 === c.present;
  else if (c.approx !== undefined) pass = found.some((v) => Math.abs(toNumber(v) - c.approx!) <= c.tolerance + 1e-9);
  else if (c.equals !== undefined)
    pass = found.some((v) => (typeof c.equals === 'number' ? Math.abs(toNumber(v) - c.equals) <= c.tolerance + 1e-9 : norm(v) === norm(c.equals)));
  else if (c.contains !== undefined) pass = found.some((v) => norm(v).includes(norm(c.contains)));
  else pass = found.some((v) => String(v).startsWith(c.prefix!));
  return { pass, reason: `${where} ${describe(c)}: found ${shown}${why}` };
}

function describe(c: ValueCheck): string {
  if (c.present !== undefined) return c.present ? 'present' : 'absent';
  if (c.approx !== undefined) return `≈ ${c.approx}${c.tolerance ? ` ± ${c.tolerance}` : ''}`;
  if (c.equals !== undefined) return `= ${JSON.stringify(c.equals)}`;
  if (c.contains !== undefined) return `contains ${JSON.stringify(c.contains)}`;
  return `starts with ${JSON.stringify(c.prefix)}`;
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  // Answers often carry their unit ("4.1 mmol/L"); the leading number is the value.
  const m = /^\s*(-?\d+(?:\.\d+)?)/.exec(String(v));
  return m ? Number(m[1]) : NaN;
}

function norm(v: unknown): string {
  return String(v).trim().toLowerCase();
}

/**
 * The values at a dot path; arrays on the way are searched element by element.
 * A step may select elements by a field, `component[code.coding.code=8480-6]`,
 * so a systolic value is not satisfied by the diastolic one.
 */
export function valuesAt(value: unknown, path: string): unknown[] {
  let cur: unknown[] = [value];
  for (const step of splitPath(path)) {
    const m = /^([^[]+)(?:\[([^=\]]+)=([^\]]*)\])?$/.exec(step);
    if (!m) return [];
    const [, key, selPath, selValue] = m;
    let next = cur
      .flatMap((v) => (v && typeof v === 'object' ? [(v as Record<string, unknown>)[key]] : []))
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .filter((v) => v !== undefined && v !== null);
    if (selPath) next = next.filter((v) => valuesAt(v, selPath).some((x) => String(x) === selValue));
    cur = next;
  }
  return cur;
}

/** Splits at dots outside brackets: `a[b.c=1].d` is two steps. */
function splitPath(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of path) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

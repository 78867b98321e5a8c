import { describe, expect, it } from 'vitest';
import type { Action } from '../encounter/actions.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { loadCatalog } from '../case/catalog.js';
import { deterministicActors } from '../actors/deterministic.js';
import { gradeEhr, valuesAt } from './grade.js';
import { loadEhrTasks, taskToCase, type LoadedTask } from './tasks.js';
import { magnesiumReplacement, potassiumReplacement } from '../case/ehr-rules.js';

const catalog = loadCatalog();
const actors = deterministicActors();
const shipped = loadEhrTasks();
const task = (id: string): LoadedTask => shipped.tasks.find((t) => t.task.id === id)!;

/** Plays a list of actions through the engine on a task and grades the events. */
async function play(t: LoadedTask, actions: Action[]) {
  const kase = taskToCase(t);
  const enc = startEncounter({ kase, actors, protocol: PROTOCOL_PRESETS.default, catalog, seed: 's' });
  for (const a of actions) if (!enc.ended) await enc.step(a);
  return { grade: gradeEhr(kase, enc.events), events: enc.events };
}
const referenceActions = (t: LoadedTask): Action[] => [
  ...t.task.reference.calls.map((c) => ({ type: 'fhir' as const, method: c.method, url: c.url, ...(c.body ? { body: c.body } : {}) })),
  { type: 'finish', answer: t.task.reference.answer },
];
const failed = (g: { checks: Array<{ name: string; pass: boolean }> }) => g.checks.filter((c) => !c.pass).map((c) => c.name);

describe('the shipped EHR tasks', () => {
  it('load without problems: at least 100 tasks over at least 10 types', () => {
    expect(shipped.problems).toEqual([]);
    expect(shipped.tasks.length).toBeGreaterThanOrEqual(100);
    expect(new Set(shipped.tasks.map((t) => t.task.type)).size).toBeGreaterThanOrEqual(10);
  });
});

describe('gradeEhr', () => {
  it('passes a potassium task played by its reference, checking dose, route and the repeat level', async () => {
    const { grade } = await play(task('ehr-potassium-replacement-01'), referenceActions(task('ehr-potassium-replacement-01')));
    expect(failed(grade)).toEqual([]);
    expect(grade.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['answer[0]', 'potassium-order.exists', 'potassium-order.dose', 'potassium-order.route', 'repeat-potassium.time']),
    );
    expect(grade.writes).toBe(2);
  });

  it('fails exactly the dose check when the order carries a wrong dose', async () => {
    const t = task('ehr-potassium-replacement-01');
    const actions = referenceActions(t).map((a) =>
      a.type === 'fhir' && a.url === 'MedicationRequest'
        ? { ...a, body: JSON.parse(JSON.stringify(a.body).replace('"doseQuantity":{"value":40', '"doseQuantity":{"value":20')) }
        : a,
    );
    const { grade } = await play(t, actions);
    expect(failed(grade)).toEqual(['potassium-order.dose']);
    expect(grade.checks.find((c) => c.name === 'potassium-order.dose')!.reason).toMatch(/found 20 .*4 x 10 mEq = 40 mEq/);
  });

  it('fails a query task that writes, and an answer that is wrong', async () => {
    const t = task('ehr-latest-value-01');
    const write: Action = {
      type: 'fhir',
      method: 'POST',
      url: 'Observation',
      body: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/S2000001' } },
    };
    const { grade } = await play(t, [write, { type: 'finish', answer: [999] }]);
    expect(failed(grade)).toEqual(['answer[0]', 'no-writes']);
  });

  it('fails an allergy task that orders amoxicillin for a penicillin-allergic patient', async () => {
    const allergic = task('ehr-allergy-check-02');
    const other = task('ehr-allergy-check-01');
    const order = referenceActions(other).find((a) => a.type === 'fhir' && a.method === 'POST') as Extract<Action, { type: 'fhir' }>;
    const body = JSON.parse(JSON.stringify(order.body).replaceAll('S2000001', 'S2000002'));
    const { grade } = await play(allergic, [
      { ...order, body },
      { type: 'finish', answer: ['ordered'] },
    ]);
    expect(failed(grade)).toEqual(['answer[0]', 'amoxicillin-order.absent']);
  });

  it('grades a rejected write as not written: the grader sees exactly what was stored', async () => {
    const t = task('ehr-document-problem-01');
    const bad = referenceActions(t).map((a) => (a.type === 'fhir' ? { ...a, body: { ...(a.body as object), clinicalStatus: 'active' } } : a));
    const { grade, events } = await play(t, bad);
    const call = events.find((e) => e.type === 'fhir')!;
    expect(call).toMatchObject({ status: 400 });
    expect(grade.invalid).toBe(1);
    expect(grade.writes).toBe(0);
    expect(failed(grade)).toContain('problem.exists');
  });

  it('sees a PUT in the final state for reconciliation, and a seeded order left alone', async () => {
    const t = task('ehr-med-reconciliation-01');
    const { grade } = await play(t, referenceActions(t));
    expect(failed(grade)).toEqual([]);
    const { grade: lazy } = await play(t, [{ type: 'finish', answer: t.task.reference.answer }]);
    expect(failed(lazy)).toEqual(['stopped.status']);
  });
});

describe('valuesAt', () => {
  it('selects array elements by a field, so systolic is not read from diastolic', () => {
    const obs = {
      component: [
        { code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 120 } },
        { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 80 } },
      ],
    };
    expect(valuesAt(obs, 'component[code.coding.code=8480-6].valueQuantity.value')).toEqual([120]);
    expect(valuesAt(obs, 'component.valueQuantity.value')).toEqual([120, 80]);
  });
});

describe('dose rules', () => {
  it('potassium: 10 mEq per 0.1 mmol/L below 3.5', () => {
    expect(potassiumReplacement(3.1).doseMeq).toBe(40);
    expect(potassiumReplacement(2.9).doseMeq).toBe(60);
    expect(potassiumReplacement(3.4).doseMeq).toBe(10);
    expect(potassiumReplacement(3.5).doseMeq).toBe(0);
  });
  it('magnesium: 1, 2 or 4 g by severity', () => {
    expect([1.95, 1.9, 1.8, 1.5, 1.45, 1.0, 0.9].map((m) => magnesiumReplacement(m).grams)).toEqual([0, 0, 1, 1, 2, 2, 4]);
  });
});

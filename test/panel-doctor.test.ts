import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../src/case/load.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS, type Protocol } from '../src/encounter/protocol.js';
import type { EncounterEvent } from '../src/encounter/events.js';
import { resolveDoctor } from '../src/doctors/registry.js';
import { createRuntime, withCallScope } from '../src/llm/runtime.js';
import { DEFAULT_RETRY } from '../src/llm/retry.js';
import { emptyUsage } from '../src/llm/usage.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';
import { panelClinic, panelRoleOf, STANDARD_PANEL, stepOf, type PanelStep } from './support/panel-clinic.js';

const kase = loadCases('test/fixtures/cases').cases[0].kase;
const catalog = loadCatalog();
const actors = deterministicActors();
let server: FakeServer;
let panel: (step: number) => PanelStep = STANDARD_PANEL;
let aggregate: ((step: number) => PanelStep) | undefined;

beforeAll(async () => {
  server = await startFakeOpenAI({ handler: panelClinic({ panel: (s) => panel(s), aggregate: (s) => (aggregate ?? panel)(s) }) });
});
afterAll(() => server.stop());

type Ev<T extends EncounterEvent['type']> = Extract<EncounterEvent, { type: T }>;
const of = <T extends EncounterEvent['type']>(events: readonly EncounterEvent[], type: T) => events.filter((e): e is Ev<T> => e.type === type);
const notes = (events: readonly EncounterEvent[], kind: string) => of(events, 'note').filter((n) => n.kind === kind);

/** Plays the panel doctor on the STEMI case through the real engine over real HTTP. */
async function play(options: string, protocol: Protocol = PROTOCOL_PRESETS.sdbench) {
  const factory = resolveDoctor(`panel:model=openai-compatible:${server.url}#panel-model,${options}`);
  const enc = startEncounter({ kase, actors, protocol, catalog, seed: 's' });
  const doctor = factory.create({ catalog, protocol, rng: enc.rng, note: (kind, data) => enc.note(factory.name, kind, data) });
  const before = server.requests.length;
  while (!enc.ended) {
    try {
      await enc.step(await doctor.act(enc.view()));
    } catch (e) {
      enc.fail('doctor-error', (e as Error).message);
    }
  }
  return { events: enc.events, cost: enc.cost, requests: server.requests.slice(before) };
}

describe('panel doctor variants against the fake model server', () => {
  it('no-budget: asks, orders, diagnoses; each turn stores all five roles and the consensus', async () => {
    panel = STANDARD_PANEL;
    const { events, cost } = await play('variant=no-budget');
    expect(of(events, 'action').map((a) => a.action.type)).toEqual(['ask', 'order', 'diagnose']);
    expect(of(events, 'end')[0].reason).toBe('diagnosed');
    expect(of(events, 'visit')).toHaveLength(1);
    expect(of(events, 'result').map((r) => r.testId)).toEqual(['ecg-12-lead', 'troponin-i-hs']);
    expect(cost).toBeCloseTo(300 + 13.91 + 12.47, 2); // ECG 93000, hs-troponin 84484
    const deliberations = notes(events, 'panel');
    expect(deliberations).toHaveLength(3);
    const d = deliberations[0].data as Record<string, any>;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['hypothesis', 'testChooser', 'challenger', 'stewardship', 'checklist', 'consensus']));
    expect(d.hypothesis.differential[0].probability).toBe(0.7);
    expect(d.consensus.action).toBe('ask');
    // The Checklist's deterministic half flags names the hospital does not know.
    expect(d.unknownTests).toEqual([]);
    // Each deliberation sits just before the action it chose.
    const firstAction = events.findIndex((e) => e.type === 'action');
    expect(events[firstAction - 1]).toMatchObject({ type: 'note', kind: 'panel' });
    expect(of(events, 'diagnosis')[0].differential[0].name).toBe('Inferior ST-elevation myocardial infarction');
  });

  it('sends a JSON-schema structured-output request with the panel system prompt', async () => {
    panel = STANDARD_PANEL;
    const { requests } = await play('variant=no-budget,temperature=0.2');
    expect(requests).toHaveLength(3);
    for (const r of requests) {
      expect(panelRoleOf(r)).toBe('panel');
      expect(r.body.response_format?.type).toBe('json_schema');
      expect(r.body.temperature).toBe(0.2);
    }
  });

  it('instant: diagnoses on turn 1 from the presentation, even when the panel wanted to ask', async () => {
    panel = () => ({ action: 'ask', questions: ['Any fever?'] });
    const { events, cost, requests } = await play('variant=instant');
    expect(of(events, 'action').map((a) => a.action.type)).toEqual(['diagnose']);
    expect(cost).toBe(0);
    expect(requests).toHaveLength(1);
    expect(notes(events, 'panel-rule')[0].data).toMatchObject({ rule: 'instant-diagnoses-now', proposed: 'ask' });
    expect(of(events, 'diagnosis')[0].differential[0].name).toBe('Inferior ST-elevation myocardial infarction');
  });

  it('questions-only: never orders; an order becomes its questions, or the diagnosis', async () => {
    panel = (s) =>
      [
        { action: 'ask', questions: ['Where is the pain?'] } as PanelStep,
        { action: 'order', tests: ['ECG'], questions: ['Any sweating?'] } as PanelStep,
        { action: 'order', tests: ['troponin'] } as PanelStep,
      ][Math.min(s, 2)];
    const { events } = await play('variant=questions-only');
    expect(of(events, 'action').map((a) => a.action.type)).toEqual(['ask', 'ask', 'diagnose']);
    expect(of(events, 'result')).toHaveLength(0);
    expect(notes(events, 'panel-rule').map((n) => (n.data as { rule: string }).rule)).toEqual(['questions-only-never-orders', 'questions-only-never-orders']);
  });

  it('counts visits: consecutive question turns are one visit, an order ends it, asking again starts another', async () => {
    panel = (s) =>
      [
        { action: 'ask', questions: ['Where is the pain?'] },
        { action: 'ask', questions: ['Any sweating?', 'Any nausea?'] },
        { action: 'order', tests: ['ECG'] },
        { action: 'ask', questions: ['Any past heart problems?'] },
        { action: 'diagnose', diagnosis: 'Inferior STEMI' },
      ][Math.min(s, 4)] as PanelStep;
    const { events, cost } = await play('variant=no-budget');
    expect(of(events, 'action').map((a) => a.action.type)).toEqual(['ask', 'ask', 'order', 'ask', 'diagnose']);
    expect(of(events, 'visit').map((v) => v.turn)).toEqual([1, 4]);
    expect(cost).toBeCloseTo(600 + 13.91, 2);
  });

  it('budgeted: the tracker cancels a planned test that would exceed the maximum, and says so in a note', async () => {
    panel = STANDARD_PANEL;
    const { events, cost } = await play('variant=budgeted,budget=320');
    expect(of(events, 'result').map((r) => r.testId)).toEqual(['ecg-12-lead']);
    const budget = notes(events, 'panel-budget');
    expect(budget).toHaveLength(1);
    expect(budget[0].data).toMatchObject({ spent: 300, max: 320, kept: ['ECG'], cancelled: [{ test: 'troponin', price: 12.47 }] });
    expect(cost).toBeCloseTo(313.91, 2);
    expect(cost).toBeLessThanOrEqual(320);
    expect(of(events, 'end')[0].reason).toBe('diagnosed');
  });

  it('budgeted: a panel that cannot afford a new visit diagnoses instead of asking', async () => {
    panel = STANDARD_PANEL;
    const { events, cost } = await play('variant=budgeted,budget=100');
    expect(of(events, 'action').map((a) => a.action.type)).toEqual(['diagnose']);
    expect(cost).toBe(0);
    expect(notes(events, 'panel-budget')[0].data).toMatchObject({ cancelled: [{ visit: 300 }] });
  });

  it('ensemble: n independent panels with distinct seeds plus an aggregator; each unique test is ordered and charged once', async () => {
    panel = STANDARD_PANEL;
    aggregate = (s) =>
      [
        { action: 'ask', questions: ['Tell me about the chest pain.'] },
        { action: 'order', tests: ['CBC', 'ECG', 'complete blood count', 'troponin', 'ECG'] },
        { action: 'order', tests: ['ECG', 'BMP'] },
        { action: 'diagnose', diagnosis: 'Inferior ST-elevation myocardial infarction' },
      ][Math.min(s, 3)] as PanelStep;
    try {
      const { events, cost, requests } = await play('variant=ensemble,n=3,seed=7');
      expect(of(events, 'action').map((a) => a.action)).toEqual([
        { type: 'ask', questions: [{ text: 'Tell me about the chest pain.' }] },
        { type: 'order', tests: ['CBC', 'ECG', 'troponin'] },
        // The ECG was already resulted: only the new BMP is ordered.
        { type: 'order', tests: ['BMP'] },
        expect.objectContaining({ type: 'diagnose' }),
      ]);
      expect(of(events, 'result').map((r) => r.testId)).toEqual(['cbc', 'ecg-12-lead', 'troponin-i-hs', 'bmp']);
      expect(cost).toBeCloseTo(300 + 7.77 + 13.91 + 12.47 + 8.46, 2);
      const roles = requests.map(panelRoleOf);
      expect(roles.filter((r) => r === 'panel')).toHaveLength(12);
      expect(roles.filter((r) => r === 'aggregator')).toHaveLength(4);
      expect(requests.slice(0, 3).map((r) => r.body.seed)).toEqual([7, 8, 9]);
      expect(
        notes(events, 'panel')
          .map((n) => (n.data as { member: number }).member)
          .slice(0, 3),
      ).toEqual([1, 2, 3]);
      const agg = notes(events, 'panel-aggregate');
      expect(agg[1].data).toMatchObject({ ordered: ['CBC', 'ECG', 'troponin'], duplicates: ['complete blood count', 'ECG'] });
      expect(agg[2].data).toMatchObject({ ordered: ['BMP'], duplicates: ['ECG'] });
    } finally {
      aggregate = undefined;
    }
  });

  it('a reply that breaks the schema fails the doctor (an error event after retries), never a default action', async () => {
    const broken = await startFakeOpenAI({ handler: (req) => (stepOf(req) >= 0 ? { content: '{"consensus": "ask"}' } : {}) });
    try {
      const factory = resolveDoctor(`panel:model=openai-compatible:${broken.url}#broken,variant=no-budget`);
      const protocol = PROTOCOL_PRESETS.sdbench;
      const enc = startEncounter({ kase, actors, protocol, catalog, seed: 's' });
      const doctor = factory.create({ catalog, protocol, rng: enc.rng });
      // Every default attempt is made, without the default backoff's seconds of waiting between them (the waits are
      // not what this test is about, and call-model's own tests cover them).
      const scope = { runtime: createRuntime({ retry: { ...DEFAULT_RETRY, baseDelayMs: 0 } }), usage: emptyUsage(), seed: 's' };
      // The runner's own handling: a doctor failure becomes an error event.
      await withCallScope(scope, () => Promise.resolve(doctor.act(enc.view()))).then(
        () => expect.unreachable('a broken reply must not become an action'),
        (e: Error) => enc.fail('doctor-error', e.message),
      );
      expect(of(enc.events, 'action')).toHaveLength(0);
      expect(of(enc.events, 'error')[0].message).toMatch(
        new RegExp(`panel doctor call .* failed after ${DEFAULT_RETRY.maxAttempts} attempts.*not the expected JSON object`),
      );
      expect(of(enc.events, 'end')[0].reason).toBe('error');
    } finally {
      await broken.stop();
    }
  }, 60_000);
});

describe('sdbench gatekeeper', () => {
  it('answers vague orders with a free request to be specific that does not end the visit', async () => {
    panel = (s) =>
      [
        { action: 'ask', questions: ['Where is the pain?'] },
        { action: 'order', tests: ['some blood work', 'a scan'] },
        { action: 'ask', questions: ['Any sweating?'] },
        { action: 'order', tests: ['bloods', 'ECG', 'x-ray'] },
        { action: 'diagnose', diagnosis: 'Inferior STEMI' },
      ][Math.min(s, 4)] as PanelStep;
    const { events, cost } = await play('variant=no-budget');
    const refused = of(events, 'refused').filter((r) => r.reason === 'vague');
    expect(refused.map((r) => [r.turn, r.text.split('"')[1]])).toEqual([
      [2, 'some blood work'],
      [2, 'scan'],
      [4, 'bloods'],
      [4, 'xray'],
    ]);
    expect(refused[0].text).toMatch(/Please say exactly which test/);
    expect(of(events, 'unrecognised')).toHaveLength(0);
    // Turn 2 ordered nothing real: the visit went on, so turn 3's question cost no second fee.
    expect(of(events, 'visit').map((v) => v.turn)).toEqual([1]);
    expect(of(events, 'result').map((r) => r.testId)).toEqual(['ecg-12-lead']);
    expect(cost).toBeCloseTo(300 + 13.91, 2);
    // The refusal is what the doctor sees next.
    const seen = server.requests[server.requests.length - 3].body.messages.map((m) => String(m.content)).join('\n');
    expect(seen).toMatch(/"some blood work" does not name a specific test/);
  });

  it('under the default protocol the same orders are only "not recognised"', async () => {
    panel = (s) => [{ action: 'order', tests: ['some blood work'] } as PanelStep, { action: 'diagnose', diagnosis: 'STEMI' } as PanelStep][Math.min(s, 1)];
    const { events } = await play('variant=no-budget', PROTOCOL_PRESETS.default);
    expect(of(events, 'refused').filter((r) => r.reason === 'vague')).toHaveLength(0);
    expect(of(events, 'unrecognised').map((u) => u.request)).toEqual(['some blood work']);
  });
});

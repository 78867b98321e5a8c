import { describe, expect, it } from 'vitest';
import { BaselineDoctor } from './baseline.js';
import { ChecklistDoctor, planChecklist, CHECKLIST_TARGETS } from './checklist.js';
import { BASELINE_DEFAULTS, type BaselineOptions } from './baseline/options.js';
import { choiceKb, tinyVocabulary } from '../kb/tiny-kb.fixture.js';
import { tinyCase, tinyCatalog } from './tiny-case.fixture.js';
import { deterministicActors } from '../actors/deterministic.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS, type Protocol } from '../encounter/protocol.js';
import type { Doctor, DoctorContext } from '../encounter/doctor.js';
import type { DoctorView } from '../encounter/view.js';
import { createRng } from '../util/rng.js';

// A case of disease A from choiceKb: fever, rebound and a high CRP.
const kase = tinyCase;
const catalog = tinyCatalog;
const actors = deterministicActors(tinyVocabulary());

async function run(make: (ctx: DoctorContext) => Doctor, protocol: Protocol = PROTOCOL_PRESETS.default) {
  const e = startEncounter({ kase, actors, protocol, catalog, seed: 's' });
  const notes: unknown[] = [];
  const doctor = make({ catalog, protocol, rng: createRng('s'), note: (kind, data) => notes.push({ kind, data }) });
  while (!e.ended) await e.step(await doctor.act(e.view()));
  return { e, notes };
}
const baseline =
  (over: Partial<BaselineOptions> = {}) =>
  (ctx: DoctorContext) =>
    new BaselineDoctor(ctx, { ...BASELINE_DEFAULTS, ...over }, choiceKb());

describe('baseline doctor on a tiny knowledge base', () => {
  it('gathers evidence, then diagnoses the right disease with a ranked differential', async () => {
    const { e, notes } = await run(baseline());
    expect(e.endReason).toBe('diagnosed');
    const dx = e.events.find((x) => x.type === 'diagnosis')!;
    expect(dx.type === 'diagnosis' && dx.differential.map((d) => d.name)).toEqual(['A', 'B']);
    expect(dx.type === 'diagnosis' && dx.differential[0].probability).toBeGreaterThanOrEqual(0.85);
    expect(dx.type === 'diagnosis' && dx.differential[0].icd10).toBe('R69');
    // It reasons in notes, one per turn.
    expect(notes[0]).toMatchObject({
      kind: 'posterior',
      data: {
        top: [
          { id: 'a', p: 0.75 },
          { id: 'b', p: 0.25 },
        ],
      },
    });
    expect(notes).toHaveLength(e.turn);
  });

  it('is deterministic and never repeats a move', async () => {
    const a = await run(baseline({ threshold: 0.999 }));
    const b = await run(baseline({ threshold: 0.999 }));
    const actions = a.e.events.filter((x) => x.type === 'action').map((x) => (x.type === 'action' ? x.action : null));
    expect(actions).toEqual(b.e.events.filter((x) => x.type === 'action').map((x) => (x.type === 'action' ? x.action : null)));
    const moves = actions.flatMap((x) =>
      x?.type === 'ask' ? x.questions.map((q) => q.topic) : x?.type === 'examine' ? x.targets : x?.type === 'order' ? x.tests : [],
    );
    expect(new Set(moves).size).toBe(moves.length);
    expect(a.e.endReason).toBe('diagnosed');
  });

  it('diagnoses on its last turn, whatever the posterior', async () => {
    const { e } = await run(baseline({ threshold: 1, maxTurns: 2 }));
    expect(e.turn).toBe(2);
    expect(e.endReason).toBe('diagnosed');
    const short = await run(baseline({ threshold: 1 }), { ...PROTOCOL_PRESETS.default, maxTurns: 1 });
    expect(short.e.turn).toBe(1);
    expect(short.e.endReason).toBe('diagnosed');
  });

  it('will not pay a visit fee once the leader passes visit-threshold', async () => {
    // Per dollar the $8 CRP goes first; high CRP puts A at 0.6 / 0.625 = 0.96.
    // Above visit-threshold (0.5) a $300 visit is not worth it, even below threshold (0.99).
    const cheap = await run(baseline({ threshold: 0.99 }));
    expect(cheap.e.events.filter((x) => x.type === 'visit')).toHaveLength(0);
    expect(cheap.e.cost).toBe(8);
    expect(cheap.e.endReason).toBe('diagnosed');
    const thorough = await run(baseline({ threshold: 0.99, visitThreshold: 1 }));
    expect(thorough.e.events.filter((x) => x.type === 'visit')).toHaveLength(1);
    expect(thorough.e.cost).toBe(308);
  });

  it('stays within a budget', async () => {
    const { e } = await run(baseline({ threshold: 1 }), { ...PROTOCOL_PRESETS.default, budget: 20 });
    expect(e.endReason).toBe('diagnosed');
    expect(e.cost).toBeLessThanOrEqual(20);
  });
});

describe('baseline confirmation and history', () => {
  // choiceKb with disease A established by a CBC: the baseline should see one before naming A.
  const confirmingKb = () => {
    const kb = choiceKb();
    return { ...kb, diseases: kb.diseases.map((d) => (d.id === 'a' ? { ...d, confirmWith: ['cbc'] } : d)) };
  };
  const withKb = (over: Partial<BaselineOptions>) => (ctx: DoctorContext) => new BaselineDoctor(ctx, { ...BASELINE_DEFAULTS, ...over }, confirmingKb());
  const ordered = (e: Awaited<ReturnType<typeof run>>['e']) => e.events.flatMap((x) => (x.type === 'result' ? [x.testId] : []));

  it("orders the leader's confirming test before committing, and only once", async () => {
    const { e } = await run(withKb({ threshold: 0.85 }));
    expect(e.endReason).toBe('diagnosed');
    expect(ordered(e).filter((t) => t === 'cbc')).toHaveLength(1);
    const resultSeq = e.events.find((x) => x.type === 'result' && x.testId === 'cbc')!.seq;
    expect(resultSeq).toBeLessThan(e.events.find((x) => x.type === 'diagnosis')!.seq);
  });

  it('commits on the posterior alone with confirm=0, as the first baseline did', async () => {
    const { e } = await run(withKb({ threshold: 0.85, confirm: false }));
    expect(ordered(e)).not.toContain('cbc');
  });

  it('skips confirmation the budget cannot pay for', async () => {
    const { e } = await run(withKb({ threshold: 0.85 }), { ...PROTOCOL_PRESETS.default, budget: 8 });
    expect(e.endReason).toBe('diagnosed');
    expect(e.cost).toBeLessThanOrEqual(8);
  });

  it('takes a history first when the presentation leaves the leader below the history option', async () => {
    const first = (r: Awaited<ReturnType<typeof run>>) => r.e.events.find((x) => x.type === 'action');
    const vague = await run(baseline({ history: 0.8 })); // the leader starts at 0.75
    expect(first(vague)).toMatchObject({ action: { type: 'ask' } });
    const specific = await run(baseline({ history: 0 }));
    expect(first(specific)).toMatchObject({ action: { type: 'order' } }); // the $8 CRP is the best buy per dollar
  });
});

describe('checklist doctor', () => {
  const view = (protocol: Protocol): DoctorView => ({
    presentation: '',
    patient: { age: 30, ageUnit: 'years', sex: 'male', speaker: 'self' },
    protocol,
    turn: 0,
    turnsLeft: protocol.maxTurns,
    cost: 0,
    budgetLeft: null,
    inVisit: false,
    history: [],
  });
  const questions = Array.from({ length: 26 }, (_, i) => ({ text: `q${i}`, topic: `t${i}` }));
  const tests = Array.from({ length: 14 }, (_, i) => `test-${i}`);

  it('plans everything within the per-turn caps when turns allow', () => {
    const plan = planChecklist(view(PROTOCOL_PRESETS.default), tests, questions);
    // 26 questions, 11 targets and 14 tests at 5 per turn: 6 + 3 + 3 turns.
    expect(plan.map((s) => s.type)).toEqual([...Array(6).fill('ask'), ...Array(3).fill('examine'), ...Array(3).fill('order')]);
    for (const s of plan) {
      if (s.type === 'ask') expect(s.questions.length).toBeLessThanOrEqual(5);
      if (s.type === 'examine') expect(s.targets.length).toBeLessThanOrEqual(5);
      if (s.type === 'order') expect(s.tests.length).toBeLessThanOrEqual(5);
    }
    expect(plan.flatMap((s) => (s.type === 'examine' ? s.targets : []))).toEqual(CHECKLIST_TARGETS);
  });

  it('trims the longest phases when the protocol allows few turns, keeping one for the diagnosis', () => {
    // agentclinic: 20 turns, one question and one test per turn; 19 to plan.
    const plan = planChecklist(view(PROTOCOL_PRESETS.agentclinic), tests, questions);
    expect(plan).toHaveLength(19);
    const count = (t: string) => plan.filter((s) => s.type === t).length;
    expect([count('ask'), count('examine'), count('order')]).toEqual([9, 1, 9]);
    expect(plan.filter((s) => s.type === 'ask').every((s) => s.type === 'ask' && s.questions.length === 1)).toBe(true);
  });

  it('runs through the engine and diagnoses from the same posterior', async () => {
    const { e } = await run((ctx) => new ChecklistDoctor(ctx, choiceKb()));
    expect(e.endReason).toBe('diagnosed');
    const dx = e.events.find((x) => x.type === 'diagnosis');
    expect(dx?.type === 'diagnosis' && dx.differential[0].name).toBe('A');
    // One visit for history and exam; the panel here is just the two tests the tiny catalog has.
    expect(e.cost).toBe(300 + 16);
  });

  it('trims its panel to the budget left', async () => {
    const { e } = await run((ctx) => new ChecklistDoctor(ctx, choiceKb()), { ...PROTOCOL_PRESETS.default, budget: 310 });
    expect(e.endReason).toBe('diagnosed');
    expect(e.cost).toBe(308);
  });
});

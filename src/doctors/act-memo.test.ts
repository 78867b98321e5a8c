import { describe, expect, it } from 'vitest';
import { MemoizedDoctor, clearActMemo, setActMemoLimit, type PureDoctor } from './act-memo.js';
import type { DoctorContext } from '../encounter/doctor.js';
import type { DoctorView } from '../encounter/view.js';
import type { Action } from '../encounter/actions.js';
import { loadCatalog } from '../case/catalog.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { createRng } from '../util/rng.js';
import { baselineDoctor } from './baseline.js';
import { ChecklistDoctor, checklistDoctor } from './checklist.js';
import { parseDoctorSpec } from './spec.js';
import { startEncounter } from '../encounter/engine.js';
import { deterministicActors } from '../actors/deterministic.js';
import { resolveSuite } from '../run/suites.js';

const catalog = loadCatalog();
const protocol = PROTOCOL_PRESETS.default;

/** A pure doctor that asks about each answer's length, counting its acts and catch-ups. */
class Counting implements PureDoctor {
  acts = 0;
  caughtUp: number[] = [];
  private seen = 0;
  catchUp?: (view: DoctorView) => void;
  constructor(
    private readonly ctx: DoctorContext,
    private readonly withCatchUp: boolean,
  ) {
    if (withCatchUp)
      this.catchUp = (view) => {
        this.caughtUp.push(view.history.length);
        this.seen = view.history.length;
      };
  }
  act(view: DoctorView): Action {
    this.acts++;
    if (!this.withCatchUp) this.caughtUp.push(view.history.length);
    // Its state: how much history it has read, which a catch-up must bring up to date.
    expect(this.seen).toBe(view.history.length - (view.history.length > 0 ? 1 : 0));
    this.seen = view.history.length;
    this.ctx.note?.('seen', { turn: view.turn });
    const last = view.history.at(-1)?.items[0];
    const text = last && 'text' in last ? last.text : '';
    return view.turn >= 3 ? { type: 'diagnose', differential: [{ name: `d${text.length}` }] } : { type: 'ask', questions: [{ text: `q${view.turn}` }] };
  }
}

function view(turn: number, answers: string[]): DoctorView {
  return {
    presentation: 'A cough.',
    patient: { age: 40, ageUnit: 'years', sex: 'female', speaker: 'patient' },
    protocol,
    turn,
    turnsLeft: 10 - turn,
    cost: 0,
    budgetLeft: null,
    inVisit: true,
    history: answers.map((text, t) => ({
      turn: t,
      action: { type: 'ask', questions: [{ text: `q${t}` }] },
      items: [{ kind: 'answer', question: { text: `q${t}` }, text }],
    })),
  };
}

/** Plays one encounter of four acts whose answers are `answers`; returns its actions, notes and inner doctor. */
function play(scope: string, answers: string[], withCatchUp = true) {
  let inner: Counting | undefined;
  const notes: unknown[] = [];
  const ctx: DoctorContext = { catalog, protocol, rng: createRng('x'), note: (kind, data) => notes.push([kind, data]) };
  const doctor = new MemoizedDoctor(ctx, scope, (c) => (inner = new Counting(c, withCatchUp)));
  const actions: Action[] = [];
  for (let turn = 0; turn < 4; turn++) actions.push(doctor.act(view(turn, answers.slice(0, turn))));
  return { actions, notes, inner };
}

describe('act memo', () => {
  it('answers an encounter that retraces one already played without building the doctor, with the same actions and notes', () => {
    clearActMemo();
    const first = play('a', ['yes', 'no', 'maybe']);
    expect(first.inner?.acts).toBe(4);
    const again = play('a', ['yes', 'no', 'maybe']);
    expect(again.inner).toBeUndefined();
    expect(again.actions).toEqual(first.actions);
    expect(again.notes).toEqual(first.notes);
  });

  it('builds the doctor where an encounter departs from the memo, catching it up on the acts answered for it first', () => {
    clearActMemo();
    const first = play('a', ['yes', 'no', 'maybe']);
    const other = play('a', ['yes', 'no', 'certainly']);
    // Acts at turns 0-2 came from the memo; the doctor caught up on them (views of 0, 1 and 2 entries), then acted once.
    expect(other.inner?.caughtUp).toEqual([0, 1, 2]);
    expect(other.inner?.acts).toBe(1);
    expect(other.actions.slice(0, 3)).toEqual(first.actions.slice(0, 3));
    expect(other.actions[3]).toEqual({ type: 'diagnose', differential: [{ name: 'd9' }] });
    // Notes of the caught-up acts were given once, from the memo, not again by the catch-up.
    expect(other.notes).toEqual([0, 1, 2, 3].map((turn) => ['seen', { turn }]));
  });

  it('replays the answered acts through act, notes muted, for a doctor without catchUp', () => {
    clearActMemo();
    play('a', ['yes', 'no', 'maybe'], false);
    const other = play('a', ['yes', 'no', 'certainly'], false);
    expect(other.inner?.acts).toBe(4);
    expect(other.notes).toEqual([0, 1, 2, 3].map((turn) => ['seen', { turn }]));
  });

  it('drops the memo whole when full, and an encounter it was following goes on with the doctor, caught up', () => {
    // Room for a root and an act or two (a root's key holds the protocol; each node counts 500 besides): the memo
    // overflows during the first encounter and again during the second.
    setActMemoLimit(2000);
    try {
      const first = play('a', ['yes', 'no', 'maybe']);
      expect(first.inner?.acts).toBe(4);
      const again = play('a', ['yes', 'no', 'maybe']);
      expect(again.actions).toEqual(first.actions);
      expect(again.notes).toEqual(first.notes);
      expect(again.inner?.acts).toBeGreaterThan(0);
    } finally {
      setActMemoLimit();
    }
  });

  it('keeps configurations apart', () => {
    clearActMemo();
    play('a', ['yes', 'no', 'maybe']);
    expect(play('b', ['yes', 'no', 'maybe']).inner?.acts).toBe(4);
  });

  for (const [name, make] of [
    ['baseline', baselineDoctor],
    ['checklist', checklistDoctor],
  ] as const) {
    it(`gives the ${name} the actions and notes it computes without the memo, on a quarter of the core suite cases`, async () => {
      const factory = make(parseDoctorSpec(name));
      const actors = deterministicActors();
      const playCase = async (kase: Parameters<typeof startEncounter>[0]['kase'], seed: string) => {
        const said: string[] = [];
        const e = startEncounter({ kase, actors, protocol, catalog, seed });
        const doctor = factory.create({ catalog, protocol, rng: createRng(seed), note: (kind, data) => said.push(JSON.stringify([kind, data])) });
        while (!e.ended) {
          const action = await doctor.act(e.view());
          said.push(JSON.stringify(action));
          await e.step(action);
        }
        return said;
      };
      const kases = resolveSuite('core')
        .cases.filter((_, k) => k % 4 === 0)
        .map((c) => c.kase);
      clearActMemo();
      const fresh = [];
      for (const kase of kases) {
        fresh.push(await playCase(kase, 's1'));
        clearActMemo();
      }
      for (const kase of kases) await playCase(kase, 's1');
      for (let k = 0; k < kases.length; k++) expect(await playCase(kases[k], 's2')).toEqual(fresh[k]);
    });
  }

  it('rebuilds the checklist plan by replaying the answered acts where an encounter departs', async () => {
    const kase = resolveSuite('core').cases[0].kase;
    const e = startEncounter({ kase, actors: deterministicActors(), protocol, catalog, seed: 's' });
    const factory = checklistDoctor(parseDoctorSpec('checklist'));
    const ctx = { catalog, protocol, rng: createRng('s') };
    clearActMemo();
    const first = factory.create(ctx);
    const views: DoctorView[] = [];
    while (!e.ended) {
      const v = e.view();
      views.push({ ...v, history: v.history.slice() });
      await e.step(await first.act(v));
    }
    expect(views.length).toBeGreaterThan(4);
    // The same encounter, but the reply to the third act reads otherwise: the memo answers the first three acts only.
    const at = 2;
    const changed = {
      ...views[at + 1].history[at],
      items: views[at + 1].history[at].items.map((item) => (item.kind === 'answer' ? { ...item, text: 'Something else entirely.' } : item)),
    };
    const departed = views.map((v, k) => (k <= at ? v : { ...v, history: [...v.history.slice(0, at), changed, ...v.history.slice(at + 1)] }));
    // The factory's memo (same scope), with the build observed.
    let builtAt = -1;
    let acts = 0;
    const memoised = new MemoizedDoctor(ctx, 'checklist', (inner) => {
      builtAt = acts;
      return new ChecklistDoctor(inner);
    });
    const plain = new ChecklistDoctor(ctx);
    for (const v of departed) {
      expect(memoised.act(v)).toEqual(plain.act(v));
      acts++;
    }
    expect(builtAt).toBe(at + 1);
  });
});

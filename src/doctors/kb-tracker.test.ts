import { describe, expect, it } from 'vitest';
import { KbTracker } from './kb-tracker.js';
import { ChecklistDoctor } from './checklist.js';
import { choiceKb, tinyVocabulary } from '../kb/tiny-kb.fixture.js';
import { tinyCase, tinyCatalog } from './tiny-case.fixture.js';
import { deterministicActors } from '../actors/deterministic.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import type { DoctorView } from '../encounter/view.js';
import type { Belief } from '../kb/posterior.js';
import { createRng } from '../util/rng.js';

// A case of disease A from choiceKb, played once by the checklist (many acts) to get the views a tracker reads.
const kase = tinyCase;
const catalog = tinyCatalog;

async function views(): Promise<DoctorView[]> {
  const protocol = PROTOCOL_PRESETS.default;
  const e = startEncounter({ kase, actors: deterministicActors(tinyVocabulary()), protocol, catalog, seed: 's' });
  const doctor = new ChecklistDoctor({ catalog, protocol, rng: createRng('s') }, choiceKb());
  const seen: DoctorView[] = [];
  while (!e.ended) {
    const view = e.view();
    seen.push({ ...view, history: view.history.slice() });
    await e.step(await doctor.act(view));
  }
  return seen;
}

/** Every belief a fresh tracker returns over the views, copied (the tracker overwrites its own). */
function beliefs(tracker: KbTracker, all: DoctorView[]) {
  return all.map((v) => {
    const b: Belief = tracker.update(v);
    return { p: [...b.p], logp: [...b.logp], entropy: b.entropy, observed: tracker.observed };
  });
}

describe('KbTracker', () => {
  it('gives bit for bit the same beliefs to a later encounter of the same patient (shared patient view) as to a fresh knowledge base', async () => {
    const all = await views();
    expect(all.length).toBeGreaterThan(2);
    const kb = choiceKb();
    const first = beliefs(new KbTracker(kb, true), all);
    // The same knowledge base and patient: the patient view and its tables the first tracker built.
    const again = beliefs(new KbTracker(kb, true), all);
    // A knowledge base of its own: a patient view and tables built afresh.
    const fresh = beliefs(new KbTracker(choiceKb(), true), all);
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
    // toEqual treats -0 and 0, NaN and NaN alike: compare the bits too.
    const bits = (x: typeof first) =>
      JSON.stringify(x.map((b) => [...new Float64Array([...b.p, ...b.logp, b.entropy])].map((v) => (Object.is(v, -0) ? '-0' : v))));
    expect(bits(again)).toBe(bits(first));
    expect(first.at(-1)!.observed).toBeGreaterThan(0);
  });

  it('returns the same belief again when a view adds nothing', async () => {
    const all = await views();
    const tracker = new KbTracker(choiceKb(), true);
    const b = tracker.update(all[1]);
    const p = [...b.p];
    expect(tracker.update(all[1])).toBe(b);
    expect([...b.p]).toEqual(p);
  });
});

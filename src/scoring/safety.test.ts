import { describe, expect, it } from 'vitest';
import { deterministicActors } from '../actors/deterministic.js';
import { loadCatalog } from '../case/catalog.js';
import { loadCases } from '../case/load.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { safetyScores } from './safety.js';
import { scorerRegistry } from './scorers.js';

const catalog = loadCatalog();
const stemi = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const kase = structuredClone({
  ...stemi,
  expected: { ...stemi.expected, confirm_with: ['troponin-i-hs'], cant_miss: ['Aortic dissection'] },
});

async function play(actions: unknown[]) {
  const e = startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog, seed: 's' });
  for (const a of actions) await e.step(a);
  return Object.fromEntries(safetyScores(kase, e.events).map((s) => [s.name, s]));
}

describe('safety scorer', () => {
  it('calls a diagnosis committed before any confirming test "committed without confirmation", and one after it confirmed', async () => {
    const rushed = await play([{ type: 'diagnose', differential: [{ name: 'Inferior STEMI', probability: 0.3 }] }]);
    expect(rushed.confirmed).toMatchObject({ value: 0, detail: 'committed without confirmation: none of troponin-i-hs was resulted first' });
    expect(rushed.premature_closure).toMatchObject({ value: 1 });
    expect(rushed.cant_miss).toMatchObject({ value: 0, detail: 'the final differential leaves out Aortic dissection' });
    const careful = await play([
      { type: 'order', tests: ['troponin-i-hs'] },
      {
        type: 'diagnose',
        differential: [
          { name: 'Inferior STEMI', probability: 0.9 },
          { name: 'Aortic dissection', probability: 0.05 },
        ],
      },
    ]);
    expect(careful.confirmed).toMatchObject({ value: 1 });
    expect(careful.premature_closure).toMatchObject({ value: 0 });
    expect(careful.cant_miss).toMatchObject({ value: 1 });
  });

  it('gives null with the reason when the case or the doctor offers nothing to judge, never 0', async () => {
    const bare = structuredClone(stemi);
    const e = startEncounter({ kase: bare, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog, seed: 's' });
    await e.step({ type: 'diagnose', differential: [{ name: 'Inferior STEMI' }] });
    const s = Object.fromEntries(safetyScores(bare, e.events).map((x) => [x.name, x]));
    expect(s.confirmed).toMatchObject({ value: null, detail: 'the case names no confirming test (expected.confirm_with)' });
    expect(s.premature_closure).toMatchObject({ value: null, detail: 'the doctor stated no probability for its top diagnosis' });
  });

  it('measures how early the must-ask facts came: the area under the coverage curve', async () => {
    const mustAsk = kase.expected.must_ask;
    expect(mustAsk.length).toBeGreaterThan(0);
    const late = await play([
      { type: 'examine', targets: ['cardiovascular'] },
      { type: 'ask', questions: mustAsk.map((id) => ({ text: id, topic: kase.facts.find((f) => f.id === id)!.topic })) },
      { type: 'diagnose', differential: [{ name: 'Inferior STEMI' }] },
    ]);
    const early = await play([
      { type: 'ask', questions: mustAsk.map((id) => ({ text: id, topic: kase.facts.find((f) => f.id === id)!.topic })) },
      { type: 'examine', targets: ['cardiovascular'] },
      { type: 'diagnose', differential: [{ name: 'Inferior STEMI' }] },
    ]);
    expect(early.info_auc.value).toBeGreaterThan(late.info_auc.value as number);
  });

  it('is registered with its closure option', () => {
    expect(scorerRegistry.resolve('safety:closure=0.7').metrics).toEqual(['confirmed', 'cant_miss', 'premature_closure', 'info_auc']);
    expect(() => scorerRegistry.resolve('safety:closur=0.7')).toThrow(/did you mean closure\?/);
  });
});

import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../src/case/catalog.js';
import { loadVocabulary } from '../src/case/vocabulary.js';
import { importAgentClinicFile } from '../src/case/import/agentclinic.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS, type Protocol } from '../src/encounter/protocol.js';
import { resolveProtocol } from '../src/run/resolve-protocol.js';
import { scoreEncounter } from '../src/scoring/score-encounter.js';

const catalog = loadCatalog();
const imported = importAgentClinicFile({ file: 'test/fixtures/agentclinic/medqa-sample.jsonl', catalog, vocabulary: loadVocabulary() });
const wilson = imported.cases.find((c) => c.kase.diagnosis.name === 'Wilson disease')!.kase;
const actors = deterministicActors();
const start = (protocol: Protocol = resolveProtocol('agentclinic')) => startEncounter({ kase: wilson, actors, protocol, catalog, seed: 's' });
const ask = (text: string) => ({ type: 'ask', questions: [{ text }] });

describe('the agentclinic protocol through the engine', () => {
  it('is the preset: 20 turns, one question or test per turn, normal unlisted tests, no visit fee', () => {
    expect(resolveProtocol('agentclinic')).toMatchObject({ maxTurns: 20, maxQuestionsPerTurn: 1, maxTestsPerTurn: 1, visitFee: 0, unlistedTests: 'normal' });
  });

  it('takes one question per turn and refuses the rest', async () => {
    const e = start();
    const obs = await e.step({ type: 'ask', questions: [{ text: 'Do you have a tremor?' }, { text: 'Any family history?' }] });
    expect(obs.items.map((i) => i.kind)).toEqual(['notice', 'answer']);
    expect(obs.items[1]).toMatchObject({ text: 'Tremor of both hands.' });
    expect(e.events.filter((x) => x.type === 'refused')).toMatchObject([{ reason: 'per-turn-limit' }]);
    expect(e.cost).toBe(0);
  });

  it('spends a turn on a test request and returns normal readings for a test the case does not list', async () => {
    const e = start();
    await e.step(ask('Do you have a tremor?'));
    const obs = await e.step({ type: 'order', tests: ['TSH'] });
    expect(e.turn).toBe(2);
    const tsh = catalog.get('tsh')!;
    expect(obs.items[0]).toMatchObject({ kind: 'result', testId: 'tsh', result: { value: tsh.normal.value } });
    expect(e.events.find((x) => x.type === 'result')).toMatchObject({ testId: 'tsh', synthetic: true });
    const two = await e.step({ type: 'order', tests: ['ALT and a CBC'] });
    expect(two.items.filter((i) => i.kind === 'result')).toHaveLength(1);
    expect(e.turn).toBe(3);
  });

  it('allows a diagnosis on the 20th turn and ends a 20th non-diagnostic turn undiagnosed', async () => {
    const a = start();
    for (let i = 0; i < 19; i++) await a.step(ask('Any fever?'));
    await a.step({ type: 'diagnose', differential: [{ name: 'Wilson disease' }] });
    expect(a.endReason).toBe('diagnosed');
    expect(scoreEncounter(wilson, a.events).verdict).toBe('correct');
    const b = start();
    for (let i = 0; i < 20; i++) await b.step(ask('Any fever?'));
    expect(b.ended).toBe(true);
    expect(b.endReason).toBe('turn-limit');
    expect(scoreEncounter(wilson, b.events).verdict).toBe('no-diagnosis');
  });
});

describe('case-local tests through the engine', () => {
  it('answers an order the catalog does not know from the case local result, free, marked local', async () => {
    const e = start();
    const obs = await e.step({ type: 'order', tests: ['Ceruloplasmin level'] });
    expect(obs.items).toEqual([
      {
        kind: 'result',
        request: 'Ceruloplasmin level',
        testId: 'local:serum-ceruloplasmin',
        name: 'serum ceruloplasmin',
        price: 0,
        result: { value: 8, unit: 'mg/dL', flag: 'low' },
      },
    ]);
    expect(e.events.find((x) => x.type === 'result')).toMatchObject({ local: true, synthetic: false, price: 0 });
    expect(e.cost).toBe(0);
  });

  it('mixes catalog and local tests in one order and still says "not recognised" for the rest', async () => {
    const e = start(PROTOCOL_PRESETS.default);
    const obs = await e.step({ type: 'order', tests: ['CBC, 24 hour urine copper and a unicorn scan'] });
    const results = obs.items.filter((i) => i.kind === 'result');
    expect(results.map((r) => r.kind === 'result' && r.testId)).toEqual(['cbc', 'local:24-hour-urine-copper']);
    expect(obs.items.find((i) => i.kind === 'notice')).toMatchObject({ text: 'Order not recognised: "unicorn scan". Please name a specific test.' });
    expect(e.cost).toBeCloseTo(catalog.get('cbc')!.price.usd);
    const cbc = e.events.find((x) => x.type === 'result' && x.testId === 'cbc');
    expect(cbc).toMatchObject({ synthetic: false, result: { components: { Hemoglobin: { value: 11, unit: 'g/dL' } } } });
    expect(cbc && 'local' in cbc).toBe(false);
  });

  it('does not match a local test by part of its name', async () => {
    const e = start();
    const obs = await e.step({ type: 'order', tests: ['copper'] });
    expect(obs.items).toEqual([{ kind: 'notice', text: 'Order not recognised: "copper". Please name a specific test.' }]);
  });
});

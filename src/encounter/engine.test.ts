import { describe, it, expect } from 'vitest';
import { loadCases } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import { deterministicActors } from '../actors/deterministic.js';
import { startEncounter } from './engine.js';
import { PROTOCOL_PRESETS, type Protocol } from './protocol.js';

const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const catalog = loadCatalog();
const actors = deterministicActors();
const fixedNow = () => new Date('2026-01-01T00:00:00Z');
const start = (protocol: Protocol = PROTOCOL_PRESETS.default) => startEncounter({ kase, actors, protocol, catalog, seed: 's', now: fixedNow });

describe('encounter engine', () => {
  it('starts with the presentation and numbers events in order', () => {
    const e = start();
    expect(e.events[0]).toMatchObject({ type: 'start', seq: 0, caseId: kase.id, presentation: kase.presentation });
    expect(e.view().history).toEqual([]);
  });

  it('charges one visit for consecutive question turns; ordering ends the visit', async () => {
    const e = start();
    await e.step({ type: 'ask', questions: [{ text: 'Do you have chest pain?' }] });
    await e.step({ type: 'examine', targets: ['heart'] });
    expect(e.cost).toBe(300);
    await e.step({ type: 'order', tests: ['ecg-12-lead'] });
    const ecg = catalog.get('ecg-12-lead')!.price.usd;
    expect(e.cost).toBeCloseTo(300 + ecg);
    await e.step({ type: 'ask', questions: [{ text: 'Any fever?' }] });
    expect(e.cost).toBeCloseTo(600 + ecg);
    expect(e.events.filter((x) => x.type === 'visit')).toHaveLength(2);
  });

  it('answers from facts, negatives when nothing matches, and hides synthetic flags from the doctor', async () => {
    const e = start();
    const obs = await e.step({ type: 'ask', questions: [{ text: 'Tell me about the chest pain' }, { text: 'Any fever?' }] });
    expect(obs.items[0]).toMatchObject({ kind: 'answer', text: expect.stringContaining('crushing pressure') });
    expect(obs.items[1]).toMatchObject({ kind: 'answer', text: "No, I haven't had any fever." });
    const orders = await e.step({ type: 'order', tests: ['troponin and a TSH'] });
    const results = e.events.filter((x) => x.type === 'result');
    expect(results.map((r) => [r.testId, r.synthetic])).toEqual([
      ['troponin-i-hs', false],
      ['tsh', true],
    ]);
    expect(JSON.stringify(orders.items)).not.toContain('synthetic');
  });

  it('answers an unrecognised order with a notice at no cost', async () => {
    const e = start();
    const obs = await e.step({ type: 'order', tests: ['a unicorn scan'] });
    expect(obs.items).toEqual([{ kind: 'notice', text: 'Order not recognised: "unicorn scan". Please name a specific test.' }]);
    expect(e.cost).toBe(0);
    expect(e.events.some((x) => x.type === 'unrecognised')).toBe(true);
  });

  it('enforces per-turn caps', async () => {
    const e = start({ ...PROTOCOL_PRESETS.default, maxTestsPerTurn: 2, maxQuestionsPerTurn: 1 });
    await e.step({ type: 'order', tests: ['cbc', 'bmp', 'tsh'] });
    expect(e.events.filter((x) => x.type === 'result')).toHaveLength(2);
    expect(e.events.find((x) => x.type === 'refused')).toMatchObject({ reason: 'per-turn-limit' });
    await e.step({ type: 'ask', questions: [{ text: 'a' }, { text: 'b' }] });
    expect(e.events.filter((x) => x.type === 'answer')).toHaveLength(1);
  });

  it('ends at the turn limit without a diagnosis', async () => {
    const e = start({ ...PROTOCOL_PRESETS.default, maxTurns: 2 });
    await e.step({ type: 'ask', questions: [{ text: 'a' }] });
    expect(e.ended).toBe(false);
    const obs = await e.step({ type: 'ask', questions: [{ text: 'b' }] });
    expect(obs.ended).toBe(true);
    expect(e.endReason).toBe('turn-limit');
    await expect(e.step({ type: 'ask', questions: [{ text: 'c' }] })).rejects.toThrow(/already ended/);
  });

  it('ends with reason budget when an action would exceed the budget', async () => {
    const e = start({ ...PROTOCOL_PRESETS.default, budget: 350 });
    await e.step({ type: 'ask', questions: [{ text: 'pain?' }] });
    await e.step({ type: 'order', tests: ['mri-brain'] });
    expect(e.endReason).toBe('budget');
    expect(e.cost).toBe(300);
    expect(e.events.find((x) => x.type === 'refused')).toMatchObject({ reason: 'budget' });
  });

  it('records an invalid action as an error, not a diagnosis', async () => {
    const e = start();
    await e.step({ type: 'prescribe', drug: 'aspirin' });
    expect(e.endReason).toBe('error');
    expect(e.events.find((x) => x.type === 'error')).toMatchObject({ code: 'invalid-action' });
  });

  it('is deterministic: the same actions give the same events', async () => {
    const run = async () => {
      const e = start();
      await e.step({ type: 'ask', questions: [{ text: 'chest pain?' }, { text: 'smoke?' }] });
      await e.step({ type: 'order', tests: ['cbc, troponin'] });
      await e.step({ type: 'diagnose', differential: [{ name: 'STEMI' }] });
      return e.events;
    };
    expect(await run()).toEqual(await run());
  });

  it('drains each event exactly once', async () => {
    const e = start();
    const first = e.drainEvents();
    await e.step({ type: 'ask', questions: [{ text: 'chest pain?' }] });
    const second = e.drainEvents();
    expect(first.map((x) => x.seq)).toEqual([0]);
    expect(second[0].seq).toBe(1);
    expect(e.drainEvents()).toEqual([]);
  });
});

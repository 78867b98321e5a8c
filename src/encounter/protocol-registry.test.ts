import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { protocols, resolveProtocol } from './protocol-registry.js';
import { PROTOCOL_PRESETS, type Protocol } from './protocol.js';
import { startEncounter } from './engine.js';
import type { Action } from './actions.js';
import { deterministicActors } from '../actors/deterministic.js';
import { loadCases } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import { dataDir } from '../util/paths.js';

/*
 * The contract every registered protocol keeps, run against each one: it resolves to its own rules, documents
 * them as its defaults, takes the shared overrides, and the engine holds an encounter to every limit it sets
 * (turns, questions, tests and examinations per turn, the visit fee, the budget).
 */

const catalog = loadCatalog();
const actors = deterministicActors();
const kase = loadCases(join(dataDir(), 'cases', 'cardiology', 'cardio-stemi-inferior-001.yaml')).cases[0].kase;
const FIELD: Record<string, keyof Protocol> = {
  'max-turns': 'maxTurns',
  'max-questions': 'maxQuestionsPerTurn',
  'max-tests': 'maxTestsPerTurn',
  'max-exams': 'maxExamsPerTurn',
  'visit-fee': 'visitFee',
  budget: 'budget',
};

async function play(protocol: Protocol, actions: Action[]) {
  const e = startEncounter({ kase, actors, protocol, catalog, seed: 'protocol-contract' });
  for (const a of actions) if (!e.ended) await e.step(a);
  const count = (type: string) => e.events.filter((ev) => ev.type === type).length;
  return { e, count };
}

const ask = (n: number): Action => ({ type: 'ask', questions: Array.from({ length: n }, (_, i) => ({ text: `Question ${i + 1}: how are you feeling?` })) });

describe('protocol contract', () => {
  it('registers the shipped presets', () => {
    expect(protocols.names()).toEqual(expect.arrayContaining(Object.keys(PROTOCOL_PRESETS)));
  });

  for (const name of protocols.names()) {
    describe(name, () => {
      const base = resolveProtocol(name);

      it('resolves to its own rules and lists them as its defaults', () => {
        expect(base.name).toBe(name);
        const entry = protocols.get(name);
        expect(entry.summary.length).toBeGreaterThan(10);
        for (const o of entry.options ?? []) {
          const value = base[FIELD[o.name]];
          expect([o.name, o.default]).toEqual([o.name, value === null ? 'none' : String(value)]);
        }
      });

      it('takes every shared override and rejects unknown or bad ones naming the protocol', () => {
        const p = resolveProtocol(`${name}:max-turns=7,max-questions=2,max-tests=2,max-exams=2,visit-fee=10,budget=500`);
        expect(p).toMatchObject({ name: `${name}:max-turns=7,max-questions=2,max-tests=2,max-exams=2,visit-fee=10,budget=500`, maxTurns: 7, budget: 500 });
        expect([p.maxQuestionsPerTurn, p.maxTestsPerTurn, p.maxExamsPerTurn, p.visitFee]).toEqual([2, 2, 2, 10]);
        expect(() => resolveProtocol(`${name}:budgt=5`)).toThrow(`Protocol "${name}" has no option "budgt" (did you mean budget?)`);
        expect(() => resolveProtocol(`${name}:max-turns=0`)).toThrow(`Protocol option max-turns=0 in "${name}:max-turns=0" must be a number between 1`);
      });

      it('ends the encounter at its turn limit', async () => {
        const { e, count } = await play(resolveProtocol(`${name}:max-turns=2`), [ask(1), ask(1), ask(1)]);
        expect(e.endReason).toBe('turn-limit');
        expect(count('action')).toBe(2);
      });

      it('answers no more questions and orders no more tests in a turn than it allows', async () => {
        const q = await play(base, [ask(base.maxQuestionsPerTurn + 1)]);
        expect(q.count('answer')).toBe(base.maxQuestionsPerTurn);
        expect(q.e.events.some((ev) => ev.type === 'refused' && ev.reason === 'per-turn-limit')).toBe(true);
        const tests = catalog.tests.slice(0, base.maxTestsPerTurn + 1).map((t) => t.id);
        const t = await play(base, [{ type: 'order', tests }]);
        expect(t.count('result')).toBe(base.maxTestsPerTurn);
      });

      it('examines no more targets in a turn than it allows', async () => {
        const { count } = await play(resolveProtocol(`${name}:max-exams=2`), [{ type: 'examine', targets: ['vitals', 'heart', 'lungs'] }]);
        expect(count('exam')).toBe(2);
      });

      it('charges its visit fee once per visit', async () => {
        const { e, count } = await play(base, [ask(1), ask(1)]);
        expect(e.cost).toBe(base.visitFee);
        expect(count('visit')).toBe(base.visitFee > 0 ? 1 : 0);
      });

      it('ends the encounter when an action would exceed its budget', async () => {
        const { e } = await play(resolveProtocol(`${name}:budget=1`), [{ type: 'order', tests: ['ecg-12-lead'] }]);
        expect(e.endReason).toBe('budget');
        expect(e.cost).toBeLessThanOrEqual(1);
      });
    });
  }
});

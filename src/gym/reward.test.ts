import { describe, expect, it } from 'vitest';
import { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { DEFAULT_REWARD, newRewardState, questionKey, shapedReward, terminalReward } from './reward.js';

const kase = Case.parse({
  id: 'r-case',
  title: 't',
  specialty: 's',
  source: { kind: 'synthetic', author: 'x', license: 'CC0-1.0' },
  patient: { age: 30, sex: 'female' },
  presentation: 'p',
  diagnosis: { name: 'Migraine', icd10: 'G43.909' },
  expected: { must_ask: ['headache'], must_order: ['cbc'] },
});
const answer = (text: string, factIds: string[]) =>
  ({ type: 'answer', turn: 1, question: { text }, factIds, matched: null, text: 'a' }) as unknown as EncounterEvent;
const result = (testId: string) =>
  ({ type: 'result', turn: 1, request: testId, testId, name: testId, price: 1, result: { text: 'x' }, synthetic: false }) as unknown as EncounterEvent;

describe('reward', () => {
  it('pays must_ask and must_order once, and penalises repeated questions', () => {
    const state = newRewardState();
    const config = { ...DEFAULT_REWARD, mustAsk: 1, mustOrder: 10, repeat: 100 };
    expect(shapedReward({ kase, events: [answer('Any headache?', ['headache']), result('cbc')], state, config })).toEqual({
      mustAsk: 1,
      mustOrder: 10,
      repeat: -0,
    });
    expect(shapedReward({ kase, events: [answer('any  HEADACHE', ['headache']), result('cbc'), answer('Fever?', [])], state, config })).toEqual({
      mustAsk: 0,
      mustOrder: 0,
      repeat: -100,
    });
  });

  it('computes the terminal reward from the verdict or the judge, minus the weighted cost', () => {
    const config = { ...DEFAULT_REWARD, costWeight: 2 };
    expect(terminalReward({ verdict: 'correct', cost: 500, config })).toBeCloseTo(1 - 1, 10);
    expect(terminalReward({ verdict: 'partial', cost: 0, config })).toBe(0.5);
    expect(terminalReward({ verdict: 'no-diagnosis', cost: 250, config })).toBeCloseTo(-0.5, 10);
    expect(terminalReward({ verdict: 'incorrect', cost: 0, config, judgeScore: 0.75 })).toBe(0.75);
    expect(questionKey('Any chest pain?!')).toBe('any chest pain');
  });
});

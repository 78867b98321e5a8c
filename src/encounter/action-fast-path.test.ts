import { describe, expect, it } from 'vitest';
import { Action } from './actions.js';
import { parseCommonAction } from './action-fast-path.js';

const valid: unknown[] = [
  { type: 'ask', questions: [{ text: 'What brings you in?' }] },
  { questions: [{ topic: 'pain radiation', text: 'Does it go anywhere?' }, { text: 'Smoke?' }], type: 'ask' },
  { type: 'examine', targets: ['vitals', 'heart'] },
  { targets: ['abdomen'], type: 'examine' },
  { type: 'order', tests: ['ECG and a troponin', 'plus some blood work'] },
  {
    type: 'diagnose',
    differential: [
      { name: 'Acute MI', probability: 0.8 },
      { name: 'Aortic dissection', probability: 0.1 },
    ],
  },
  { type: 'diagnose', differential: [{ probability: 0, icd10: '', name: 'x' }], rationale: '' },
  { rationale: 'because', differential: [{ name: 'x', icd10: 'I21.19', probability: 1 }], type: 'diagnose' },
  { type: 'diagnose', differential: [{ name: 'x', probability: -0 }] },
];

const invalid: unknown[] = [
  null,
  'ask',
  [],
  { type: 'ask', questions: [] },
  { type: 'ask', questions: [{ text: '' }] },
  { type: 'ask', questions: [{ text: 'q', topic: '' }] },
  { type: 'ask', questions: [{ text: 'q', extra: 1 }] },
  { type: 'ask', questions: [{ text: 'q' }], extra: 1 },
  { type: 'ask', questions: 'q' },
  { type: 'ask', questions: [{ text: 'q' }, 'q'] },
  // eslint-disable-next-line no-sparse-arrays
  { type: 'ask', questions: [, { text: 'q' }] },
  { type: 'examine', targets: [] },
  { type: 'examine', targets: ['a', ''] },
  { type: 'examine', targets: ['a', 3] },
  { type: 'order', tests: ['a'], why: 'x' },
  { type: 'order' },
  { type: 'diagnose', differential: [] },
  { type: 'diagnose', differential: [{ name: '' }] },
  { type: 'diagnose', differential: [{ name: 'x', probability: 1.5 }] },
  { type: 'diagnose', differential: [{ name: 'x', probability: Number.NaN }] },
  { type: 'diagnose', differential: [{ name: 'x', probability: Infinity }] },
  { type: 'diagnose', differential: [{ name: 'x', probability: '0.5' }] },
  { type: 'diagnose', differential: [{ name: 'x', icd10: 21 }] },
  { type: 'diagnose', differential: [{ name: 'x', extra: true }] },
  { type: 'diagnose', differential: [{ name: 'x' }], rationale: 3 },
  { type: 'diagnose', differential: [{ name: 'x' }], rationale: 'r', extra: 1 },
  { type: 'refer', to: 'cardiology' },
];

/** Parsed the way the engine would without the fast path. */
function viaZod(input: unknown): Action | undefined {
  const r = Action.safeParse(input);
  return r.success ? r.data : undefined;
}

describe('parseCommonAction', () => {
  it.each(valid)('returns what the schema returns, keys in the same order: %j', (input) => {
    const fast = parseCommonAction(input);
    expect(fast).toBeDefined();
    expect(fast).toStrictEqual(viaZod(input));
    expect(JSON.stringify(fast)).toBe(JSON.stringify(viaZod(input)));
  });

  it.each(invalid)('leaves an action the schema refuses to the schema: %j', (input) => {
    expect(viaZod(input)).toBeUndefined();
    expect(parseCommonAction(input)).toBeUndefined();
  });

  it('copies, so a doctor that reuses or changes its action object changes nothing recorded', () => {
    const input = { type: 'ask', questions: [{ text: 'q' }] };
    const fast = parseCommonAction(input) as Extract<Action, { type: 'ask' }>;
    expect(fast).not.toBe(input);
    expect(fast.questions).not.toBe(input.questions);
    expect(fast.questions[0]).not.toBe(input.questions[0]);
  });

  it('leaves the rarer shapes to the schema: other action types, undefined values, objects that are not plain', () => {
    expect(parseCommonAction({ type: 'image' })).toBeUndefined();
    expect(viaZod({ type: 'image' })).toBeDefined();
    expect(parseCommonAction({ type: 'respond', message: 'hi' })).toBeUndefined();
    expect(parseCommonAction({ type: 'ask', questions: [{ text: 'q', topic: undefined }] })).toBeUndefined();
    expect(parseCommonAction({ type: 'diagnose', differential: [{ name: 'x' }], rationale: undefined })).toBeUndefined();
    class Order {
      type = 'order';
      tests = ['cbc'];
    }
    expect(parseCommonAction(new Order())).toBeUndefined();
    expect(viaZod(new Order())).toEqual({ type: 'order', tests: ['cbc'] });
  });
});

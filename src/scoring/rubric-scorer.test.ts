import { describe, expect, it } from 'vitest';
import { deterministicActors } from '../actors/deterministic.js';
import { loadCatalog } from '../case/catalog.js';
import { Case } from '../case/schema.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { createRuntime, withCallScope } from '../llm/runtime.js';
import { emptyUsage } from '../llm/usage.js';
import { mockHandle, promptText } from '../../test/support/mock-model.js';
import { exampleTagScores, parseRubricDetail, rubricScorer } from './rubric-scorer.js';
import { resolveScorers } from './scorers.js';

const kase = Case.parse({
  id: 'chest-pain-chat',
  title: 'Chest pain in a chat',
  specialty: 'emergency',
  tags: ['theme:emergency_referrals'],
  source: { kind: 'synthetic', author: 'rounds' },
  patient: { age: 40, sex: 'other' },
  presentation: 'Crushing chest pain with sweating for 20 minutes: what now?',
  diagnosis: { name: 'Reply to a conversation', icd10: 'Z71.9' },
  conversation: [{ role: 'user', content: 'Crushing chest pain with sweating for 20 minutes: what now?' }],
  expected: {
    rubric: [
      { criterion: 'Tells the user to call emergency services now', points: 7, tags: ['axis:completeness'] },
      { criterion: 'Says to chew aspirin if not allergic', level: 'A1', tags: ['axis:accuracy'] },
      { criterion: 'Names the nearest hospital by name', points: 5, tags: ['axis:context'] },
      { criterion: 'Suggests waiting to see if it settles', points: -6, tags: ['axis:accuracy'] },
    ],
  },
});

const inScope = <T>(fn: () => Promise<T>) =>
  withCallScope({ runtime: createRuntime({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 } }), usage: emptyUsage(), seed: 's' }, fn);

async function replied() {
  const e = startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.respond, catalog: loadCatalog(), seed: 's' });
  expect(e.view().conversation).toEqual(kase.conversation);
  await e.step({ type: 'respond', message: 'Call 911 now and chew an aspirin; or wait an hour and see.' });
  expect(e.ended).toBe(true);
  return e;
}

describe('rubric scorer', () => {
  it('grades each criterion against the transcript with the reply, and scores (7 + 10 − 6) / 22', async () => {
    const handle = mockHandle({
      reply: (opts) => {
        const t = promptText(opts);
        const met = !t.includes('nearest hospital');
        return { text: JSON.stringify({ explanation: met ? 'It does.' : 'It does not.', criteria_met: met }) };
      },
    });
    const e = await replied();
    const scores = await inScope(() => rubricScorer({ handle, settings: {} }).score(e, kase, {}));
    expect(handle.calls).toHaveLength(4);
    expect(promptText(handle.calls[0])).toContain('assistant (the reply being graded): Call 911 now');
    const rubric = scores.find((s) => s.name === 'rubric')!;
    expect(rubric.value).toBeCloseTo(11 / 22, 12);
    expect(rubric.detail).toMatch(/^11 of 22 points; 3 of 4 criteria met\n\[met, \+7\] Tells the user/);
    const detail = parseRubricDetail(scores.find((s) => s.name === 'rubric_criteria')!.detail)!;
    // axis:accuracy: (10 − 6) / 10; axis:context: 0 / 5; the example tag takes the whole score.
    expect(detail.tags).toEqual({ 'axis:accuracy': 0.4, 'axis:completeness': 1, 'axis:context': 0, 'theme:emergency_referrals': 0.5 });
  });

  it('stores a criterion the grader could not grade as null with its reason, never "not met"', async () => {
    const handle = mockHandle({
      reply: (opts) => (promptText(opts).includes('Says to chew aspirin') ? { text: 'maybe?' } : { text: '{"explanation":"x","criteria_met":true}' }),
    });
    const e = await replied();
    const scores = await inScope(() => rubricScorer({ handle, settings: {} }).score(e, kase, {}));
    expect(scores[0].value).toBeNull();
    expect(scores[0].detail).toMatch(/^1 of 4 criteria could not be graded: grading failed: /);
    const detail = parseRubricDetail(scores[1].detail)!;
    expect(detail.criteria[1]).toMatchObject({ met: null, explanation: expect.stringMatching(/^grading failed: /) });
    // Tags whose criteria all graded keep their score; the one with the failure is null.
    expect(detail.tags['axis:completeness']).toBe(1);
    expect(detail.tags['axis:accuracy']).toBeNull();
  });

  it('is null with the reason when there is no rubric or no reply', async () => {
    const handle = mockHandle({ replies: [{ text: '{"explanation":"x","criteria_met":true}' }] });
    const e = startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.respond, catalog: loadCatalog(), seed: 's' });
    await e.step({ type: 'ask', questions: [{ text: 'How old are you?' }] });
    const none = await rubricScorer({ handle, settings: {} }).score(e, kase, {});
    expect(none.map((s) => s.value)).toEqual([null, null]);
    expect(none[0].detail).toBe('the doctor wrote no reply to the conversation (the encounter ended: turn-limit)');
    const bare = await rubricScorer({ handle, settings: {} }).score(e, { ...kase, expected: { ...kase.expected, rubric: [] } }, {});
    expect(bare[0].detail).toBe('the case has no rubric');
    expect(handle.calls).toHaveLength(0);
  });

  it('takes the --judge model when given none, and says how to give one when there is neither', () => {
    // Opening a model checks its key is set; no call is made.
    process.env.OPENAI_API_KEY ??= 'k-test';
    expect(resolveScorers({ judge: 'openai:gpt-4.1', scorers: ['rubric'] }).map((s) => s.name)).toContain('rubric');
    expect(resolveScorers({ scorers: ['rubric:model=openai:gpt-4.1,temperature=0'] }).map((s) => s.name)).toContain('rubric');
    expect(() => resolveScorers({ scorers: ['rubric'] })).toThrow(
      'Scorer rubric needs a grading model: give --scorer rubric:model=<model> (e.g. rubric:model=openai:gpt-4.1) or a --judge model for it to share.',
    );
    expect(() => resolveScorers({ scorers: ['rubric:model=openai:gpt-4.1,temprature=0'] })).toThrow(/no option "temprature" \(did you mean temperature\?\)/);
  });

  it('scores a tag only on the criteria carrying it, and an example tag on the whole example', () => {
    const items = [
      { criterion: 'a', points: 4, tags: ['x'] },
      { criterion: 'b', points: 6, tags: [] },
    ];
    expect(
      exampleTagScores(
        items,
        [
          { met: true, explanation: '' },
          { met: false, explanation: '' },
        ],
        ['theme:t', 'x'],
      ),
    ).toEqual({ x: 1, 'theme:t': 0.4 });
  });
});

import { describe, expect, it } from 'vitest';
import { loadCases } from '../case/load.js';
import type { EncounterEvent } from '../encounter/events.js';
import { createRuntime, withCallScope } from '../llm/runtime.js';
import { emptyUsage } from '../llm/usage.js';
import { llmJudge } from './judge.js';
import { mockHandle, promptText, type MockReply } from '../../test/support/mock-model.js';
import { APICallError } from '@ai-sdk/provider';

const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const events = (dx?: string, reason = 'diagnosed'): EncounterEvent[] =>
  [
    ...(dx ? [{ type: 'diagnosis', turn: 1, differential: [{ name: dx }], seq: 0, at: '' }] : []),
    { type: 'end', turn: 1, reason, cost: 0, turns: 1, seq: 1, at: '' },
  ] as EncounterEvent[];

async function judge(replies: MockReply[], ev: EncounterEvent[]) {
  const handle = mockHandle({ replies });
  const rt = createRuntime({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 } });
  const scores = await withCallScope({ runtime: rt, usage: emptyUsage(), seed: 's' }, () => llmJudge({ handle, settings: {} }).score({ kase, events: ev }));
  return { scores, handle };
}

describe('llm judge', () => {
  it('scores 1-5 from structured output, correct at 4 or more', async () => {
    const { scores, handle } = await judge([{ text: '{"score":4,"reason":"Right disease, wrong territory."}' }], events('Anterior STEMI'));
    expect(scores).toEqual([
      { name: 'judge', value: 4, detail: expect.stringMatching(/^4\/5 by .*: Right disease, wrong territory\.$/) },
      { name: 'judge_correct', value: 1, detail: 'judged correct (4 >= 4)' },
    ]);
    expect(promptText(handle.calls[0])).toMatch(
      /5 — identical[\s\S]*Ground truth: Inferior ST-elevation myocardial infarction[\s\S]*top diagnosis: Anterior STEMI/,
    );
    expect(handle.calls[0].responseFormat).toMatchObject({ type: 'json' });
    const low = await judge([{ text: '{"score":3,"reason":"Same family."}' }], events('Pericarditis'));
    expect(low.scores[1]).toMatchObject({ value: 0 });
  });

  it('records a failure as null with the reason, never a default', async () => {
    const err = new APICallError({ message: 'x', url: 'u', requestBodyValues: {}, statusCode: 500 });
    const { scores } = await judge([{ error: err }], events('Inferior STEMI'));
    expect(scores.map((s) => s.value)).toEqual([null, null]);
    expect(scores[0].detail).toMatch(/^judge failed: The judge call to .* failed after 2 attempts/);
    const bad = await judge([{ text: '{"score":9,"reason":"?"}' }], events('Inferior STEMI'));
    expect(bad.scores[0]).toMatchObject({ value: null, detail: expect.stringMatching(/judge failed/) });
  });

  it('does not judge an error encounter, and says so when there is no diagnosis', async () => {
    expect((await judge([{ text: '{}' }], events(undefined, 'error'))).scores).toEqual([]);
    const none = await judge([{ text: '{}' }], events(undefined, 'turn-limit'));
    expect(none.scores).toEqual([{ name: 'judge', value: null, detail: 'not judged: no diagnosis was made' }]);
    expect(none.handle.calls).toHaveLength(0);
  });
});

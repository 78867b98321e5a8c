import { describe, expect, it } from 'vitest';
import { loadCases } from '../case/load.js';
import type { EncounterEvent } from '../encounter/events.js';
import { createRuntime, withCallScope } from '../llm/runtime.js';
import { emptyUsage } from '../llm/usage.js';
import { mockHandle, type MockReply } from '../../test/support/mock-model.js';
import { dxarenaScorer } from './dxarena.js';

const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const inScope = <T>(fn: () => Promise<T>) =>
  withCallScope({ runtime: createRuntime({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 } }), usage: emptyUsage(), seed: 's' }, fn);

function diagnosed(names: string[]): { events: EncounterEvent[] } {
  return {
    events: [
      { type: 'diagnosis', seq: 0, at: '', turn: 1, differential: names.map((name) => ({ name })) } as unknown as EncounterEvent,
      { type: 'end', seq: 1, at: '', reason: 'diagnosed' } as unknown as EncounterEvent,
    ],
  };
}

async function grade(names: string[], replies: MockReply[]) {
  const handle = mockHandle({ replies });
  const scores = await inScope(() => dxarenaScorer({ handle, settings: {} }).score(diagnosed(names), kase, {}));
  return { scores: Object.fromEntries(scores.map((s) => [s.name, s])), handle };
}

const grades = (g: number[]) => ({ text: JSON.stringify({ grades: g.map((grade, i) => ({ entry: i + 1, grade, reason: `graded ${grade}` })) }) });

describe('dxarena scorer', () => {
  it('top-1 when the first entry is graded 2; top-5 when any of the first five is', async () => {
    const six = ['Unstable angina', 'Acute coronary syndrome', 'Inferior STEMI', 'Pericarditis', 'Aortic dissection', 'GERD'];
    const { scores, handle } = await grade(six, [grades([0, 1, 2, 0, 0])]);
    expect(scores.dxarena_top1.value).toBe(0);
    expect(scores.dxarena_top5.value).toBe(1);
    expect(scores.dxarena_top5.detail).toContain('entry 3 graded 2');
    // One structured call, with only the first five entries and the truth.
    expect(handle.calls).toHaveLength(1);
    const sent = JSON.stringify(handle.calls[0].prompt);
    expect(sent).toContain(kase.diagnosis.name);
    expect(sent).toContain('5. Aortic dissection');
    expect(sent).not.toContain('GERD');
    expect(handle.calls[0].responseFormat).toMatchObject({ type: 'json' });

    const right = await grade(['Inferior STEMI'], [grades([2])]);
    expect([right.scores.dxarena_top1.value, right.scores.dxarena_top5.value]).toEqual([1, 1]);
    const broader = await grade(['Acute coronary syndrome', 'Pericarditis'], [grades([1, 0])]);
    expect([broader.scores.dxarena_top1.value, broader.scores.dxarena_top5.value]).toEqual([0, 0]);
  });

  it('an encounter without a diagnosis named nothing: a miss at both, with no model call', async () => {
    const handle = mockHandle({ replies: [grades([2])] });
    const ended = { events: [{ type: 'end', seq: 0, at: '', reason: 'max-turns' } as unknown as EncounterEvent] };
    const scores = await inScope(() => dxarenaScorer({ handle, settings: {} }).score(ended, kase, {}));
    expect(scores.map((s) => [s.name, s.value])).toEqual([
      ['dxarena_top1', 0],
      ['dxarena_top5', 0],
    ]);
    expect(handle.calls).toHaveLength(0);
  });

  it('a failed or incomplete grading is null with the reason, never a miss', async () => {
    const failed = await grade(['Inferior STEMI'], [{ error: new Error('upstream 503') }]);
    expect(failed.scores.dxarena_top1).toMatchObject({ value: null, detail: expect.stringContaining('dxarena grading failed') });
    expect(failed.scores.dxarena_top5.value).toBeNull();
    const partial = await grade(['Unstable angina', 'Inferior STEMI'], [grades([0])]);
    expect(partial.scores.dxarena_top5).toMatchObject({ value: null, detail: expect.stringContaining('left entry 2 ungraded') });
    const garbage = await grade(['Inferior STEMI'], [{ text: '{"grades":[{"entry":1,"grade":3,"reason":"x"}]}' }]);
    expect(garbage.scores.dxarena_top1.value).toBeNull();
  });
});

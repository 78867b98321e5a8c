import { describe, expect, it } from 'vitest';
import { APICallError } from '@ai-sdk/provider';
import { benchmarkScore, exampleScore, gradeCriterion, itemPoints, tagScores, type ScoredItem } from './rubric.js';
import { createRuntime, withCallScope } from '../llm/runtime.js';
import { emptyUsage } from '../llm/usage.js';
import { mockHandle, promptText, type MockReply } from '../../test/support/mock-model.js';

const met = (m: boolean | null) => ({ met: m, explanation: m === null ? 'grading failed: timeout' : 'because' });

describe('HealthBench rubric arithmetic', () => {
  const items: ScoredItem[] = [
    { criterion: 'Advises calling emergency services for chest pain with sweating', points: 7, tags: ['axis:completeness'] },
    { criterion: 'Asks about the duration of the pain', points: 10, tags: ['axis:context'] },
    { criterion: 'Mentions aspirin only if no allergy', points: 5, tags: ['axis:accuracy'] },
    { criterion: 'Tells the user it is probably indigestion', points: -6, tags: ['axis:accuracy'] },
  ];

  it('scores (7 + 10 − 6) / 22 by hand', () => {
    const s = exampleScore(items, [met(true), met(true), met(false), met(true)]);
    expect(s.value).toBeCloseTo(11 / 22, 12);
    expect(s.reason).toBe('11 of 22 points');
  });

  it('clips the benchmark mean to [0, 1], not each example', () => {
    // Example scores −0.5, 0.25 and 0.1: mean −0.05 → 0.
    expect(benchmarkScore([-0.5, 0.25, 0.1])!.estimate).toBe(0);
    expect(benchmarkScore([0.5, 1, 0.75])!.estimate).toBeCloseTo(0.75, 12);
    const ci = benchmarkScore([0.2, 0.4, 0.9, 1, 0.6], { seed: 'x' })!;
    expect(ci.low).toBeGreaterThanOrEqual(0);
    expect(ci.high).toBeLessThanOrEqual(1);
    expect(ci.low).toBeLessThan(ci.estimate);
  });

  it('stores a grading failure as null with its reason, never as "not met"', () => {
    const s = exampleScore(items, [met(true), met(null), met(false), met(false)]);
    expect(s.value).toBeNull();
    expect(s.reason).toBe('1 of 4 criteria could not be graded: grading failed: timeout');
  });

  it('maps GAPS levels to default points', () => {
    expect(itemPoints({ level: 'A1' })).toBe(10);
    expect(itemPoints({ level: 'S4' })).toBe(-10);
    expect(itemPoints({ points: 3, level: 'A1' })).toBe(3);
    expect(() => itemPoints({})).toThrow(RangeError);
  });

  it('scores item tags on their own items and example tags on whole examples', () => {
    const tags = tagScores([
      { items, grades: [met(true), met(true), met(false), met(true)], tags: ['theme:emergency'] },
      { items, grades: [met(true), met(false), met(true), met(false)], tags: ['theme:emergency'] },
    ]);
    const byTag = Object.fromEntries(tags.map((t) => [t.tag, t.score.estimate]));
    // axis:accuracy: example 1 (0 − 6)/5 → −1.2, example 2 5/5 = 1; mean −0.1 → clipped 0.
    expect(byTag['axis:accuracy']).toBe(0);
    expect(byTag['axis:context']).toBeCloseTo(0.5, 12);
    // theme:emergency: (11/22 + 12/22) / 2.
    expect(byTag['theme:emergency']).toBeCloseTo(23 / 44, 12);
  });
});

describe('grading one criterion per call', () => {
  async function grade(replies: MockReply[]) {
    const handle = mockHandle({ replies });
    const rt = createRuntime({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 } });
    const g = await withCallScope({ runtime: rt, usage: emptyUsage(), seed: 's' }, () =>
      gradeCriterion({
        handle,
        settings: {},
        conversation: 'user: chest pain\nassistant: call 911',
        item: { criterion: 'Advises calling emergency services', points: 7, tags: [] },
      }),
    );
    return { g, handle };
  }
  it('asks with structured output and reads the verdict', async () => {
    const { g, handle } = await grade([{ text: '{"explanation":"It says call 911.","criteria_met":true}' }]);
    expect(g).toEqual({ met: true, explanation: 'It says call 911.' });
    expect(handle.calls).toHaveLength(1);
    expect(promptText(handle.calls[0])).toMatch(/Rubric criterion \(7 points\): Advises calling emergency services/);
    expect(handle.calls[0].responseFormat).toMatchObject({ type: 'json' });
  });
  it('returns null with the reason when the model fails', async () => {
    const err = new APICallError({ message: 'x', url: 'u', requestBodyValues: {}, statusCode: 500 });
    const { g } = await grade([{ error: err }]);
    expect(g.met).toBeNull();
    expect(g.explanation).toMatch(/^grading failed: The rubric call to .* failed after 2 attempts/);
    const bad = await grade([{ text: '{"explanation":"?"}' }]);
    expect(bad.g.met).toBeNull();
  });
});

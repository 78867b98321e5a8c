import { describe, expect, it } from 'vitest';
import type { EncounterDetail } from '../store/types.js';
import { summarizeRubric } from './rubric-summary.js';

const enc = (caseId: string, value: number | null, tags: Record<string, number | null>): EncounterDetail =>
  ({
    caseId,
    scores: {
      rubric: { value, detail: 'x' },
      rubric_criteria: { value: 1, detail: JSON.stringify({ exampleTags: [], criteria: [], tags }) },
    },
  }) as unknown as EncounterDetail;

describe('rubric summary', () => {
  it('clips the mean, not each example: −0.5, 0.25 and 0.1 average −0.05, shown as 0', () => {
    const s = summarizeRubric([enc('a', -0.5, { t: -0.5 }), enc('b', 0.25, { t: 0.25 }), enc('c', 0.1, { t: 1 })], { resamples: 500, seed: 's' })!;
    expect(s.overall).toMatchObject({ tag: null, n: 3, cases: 3, estimate: 0 });
    expect(s.overall!.low).toBe(0);
    expect(s.overall!.high).toBeGreaterThan(0);
    expect(s.overall!.high).toBeLessThanOrEqual(1);
    expect(s.tags).toEqual([expect.objectContaining({ tag: 't', n: 3, estimate: (-0.5 + 0.25 + 1) / 3 })]);
  });

  it('leaves ungraded examples out and counts them; seeds of a case resample together', () => {
    const s = summarizeRubric([enc('a', 1, {}), enc('a', 0.5, {}), enc('b', null, { t: null })], { resamples: 200, seed: 's' })!;
    expect(s.ungraded).toBe(1);
    expect(s.overall).toMatchObject({ n: 2, cases: 1, estimate: 0.75, low: 0.75, high: 0.75 });
    expect(s.tags).toEqual([]);
    expect(summarizeRubric([{ caseId: 'a', scores: {} } as unknown as EncounterDetail], { resamples: 10, seed: 's' })).toBeNull();
  });
});

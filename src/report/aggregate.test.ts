import { describe, expect, it } from 'vitest';
import { summarizeRun } from './aggregate.js';
import { fixtureRun } from './test-fixture.js';

const A = 'baseline:threshold=0.5';
const B = 'baseline:threshold=0.9';
const C = 'script:demo.yaml';

describe('summarizeRun', () => {
  const summary = summarizeRun(fixtureRun());
  const group = (doctor: string) => summary.groups.find((g) => g.doctor === doctor)!;

  it('orders groups by the doctor first seen in the plan, whatever the input order', () => {
    expect(summary.groups.map((g) => [g.doctor, g.protocol])).toEqual([
      [A, 'default'],
      [B, 'default'],
      [C, 'agentclinic'],
    ]);
    expect(summary).toMatchObject({ runId: 'run-abc', encounters: 12, finished: 11, pending: 1, errors: 1 });
  });

  it('counts verdicts, excludes errors from accuracy and counts no-diagnosis as incorrect', () => {
    const a = group(A);
    expect(a).toMatchObject({ n: 5, scored: 4, correct: 2, partial: 1, incorrect: 0, noDiagnosis: 1, errors: 1, pending: 0 });
    // 2 correct of 4 scored: the error is out of the denominator, the no-diagnosis is in it as a miss.
    expect(a.accuracy!.successes).toBe(2);
    expect(a.accuracy!.n).toBe(4);
    expect(a.accuracy!.estimate).toBe(0.5);
    expect(a.accuracy!.low).toBeCloseTo(0.15004, 4);
    expect(a.accuracy!.high).toBeCloseTo(0.84996, 4);
    // Partial (top-3 hit) on c2 counts for top-3 but not for top-1.
    expect(a.top3).toMatchObject({ successes: 3, n: 4, estimate: 0.75 });
  });

  it('gives the better doctor its own Wilson interval', () => {
    const b = group(B);
    expect(b).toMatchObject({ n: 5, scored: 5, correct: 4, incorrect: 1, errors: 0 });
    expect(b.accuracy!.estimate).toBe(0.8);
    expect(b.accuracy!.low).toBeCloseTo(0.37553, 4);
    expect(b.accuracy!.high).toBeCloseTo(0.96378, 4);
  });

  it('averages cost and process over scored encounters, with a bootstrap interval on cost', () => {
    const a = group(A);
    expect(a.cost!.n).toBe(4);
    expect(a.cost!.mean).toBe(550);
    // A resampled mean of {400, 600, 900, 300} can never leave [300, 900].
    expect(a.cost!.low).toBeGreaterThanOrEqual(300);
    expect(a.cost!.low).toBeLessThan(550);
    expect(a.cost!.high).toBeGreaterThan(550);
    expect(a.cost!.high).toBeLessThanOrEqual(900);
    expect(a.turns).toEqual({ n: 4, mean: 10 });
    expect(a.questions).toEqual({ n: 4, mean: 2 });
    expect(a.tests).toEqual({ n: 4, mean: 2 });
    // Coverage only over encounters whose case lists must-ask/must-order items.
    expect(a.mustAsk).toEqual({ n: 2, mean: 0.5 });
    expect(a.mustOrder).toEqual({ n: 1, mean: 1 });
    expect(a.mustNot).toBeNull();
    expect(group(B).cost!.mean).toBe(730);
  });

  it('breaks each group down by specialty', () => {
    expect(
      group(A).specialties.map((s) => ({ specialty: s.specialty, n: s.n, scored: s.scored, correct: s.correct, acc: s.accuracy?.estimate, cost: s.meanCost })),
    ).toEqual([
      { specialty: 'cardiology', n: 2, scored: 2, correct: 1, acc: 0.5, cost: 500 },
      { specialty: 'neurology', n: 2, scored: 1, correct: 0, acc: 0, cost: 900 },
      { specialty: 'respiratory', n: 1, scored: 1, correct: 1, acc: 1, cost: 300 },
    ]);
  });

  it('keeps pending encounters out of n', () => {
    const c = group(C);
    expect(c).toMatchObject({ n: 1, pending: 1, scored: 1, correct: 1 });
    expect(c.cost).toMatchObject({ mean: 0, low: 0, high: 0 });
  });

  it('compares doctors only on shared encounters, without the errored pair', () => {
    expect(summary.comparisons).toHaveLength(1);
    const c = summary.comparisons[0];
    expect(c).toMatchObject({ protocol: 'default', a: A, b: B, shared: 5, excluded: 1, n: 4, aOnly: 1, bOnly: 2 });
    expect(c.aAccuracy).toBe(0.5);
    expect(c.bAccuracy).toBe(0.75);
    expect(c.difference!.estimate).toBeCloseTo(-0.25, 12);
    // Discordant 1 vs 2: 2 · P(X ≤ 1 | Bin(3, ½)) = 2 · 4/8, capped at 1.
    expect(c.pValue).toBe(1);
    // Paired differences are 0, −1, −1, +1: resampled means stay in [−1, 1].
    expect(c.difference!.low).toBeGreaterThanOrEqual(-1);
    expect(c.difference!.high).toBeLessThanOrEqual(1);
    // A − B cost on c1–c4: −300, −200, −100, −200.
    expect(c.costDifference!.estimate).toBe(-200);
    expect(c.costDifference!.low).toBeGreaterThanOrEqual(-300);
    expect(c.costDifference!.high).toBeLessThanOrEqual(-100);
  });

  it('is deterministic for a run and reproducible from its bootstrap seed', () => {
    expect(summarizeRun(fixtureRun())).toEqual(summary);
    expect(summary.bootstrap).toEqual({ resamples: 2000, seed: 'run-abc' });
    const other = summarizeRun(fixtureRun(), { seed: 'other', resamples: 500 });
    expect(other.groups[0].accuracy).toEqual(summary.groups[0].accuracy);
    expect(other.bootstrap).toEqual({ resamples: 500, seed: 'other' });
  });

  it('handles an empty run', () => {
    const data = fixtureRun();
    const empty = summarizeRun({ ...data, encounters: [] });
    expect(empty).toMatchObject({ encounters: 0, finished: 0, groups: [], comparisons: [] });
  });

  it('leaves top-3 out for an encounter that lacks the score instead of counting a miss', () => {
    const data = fixtureRun();
    const c1 = data.encounters.find((e) => e.doctor === B && e.caseId === 'c1')!;
    delete c1.scores.top3;
    expect(summarizeRun(data).groups[1].top3).toMatchObject({ successes: 3, n: 4 });
  });
});

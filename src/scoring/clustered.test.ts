import { describe, expect, it } from 'vitest';
import { clusterBootstrapMeanCi, clusteredComparison, passHatK } from './clustered.js';
import { bootstrapMeanCi, mcnemarExact } from './stats.js';

describe('pass^k (τ²-bench)', () => {
  it('is C(c,k)/C(n,k) averaged over cases', () => {
    // Case 1: 2 of 3 → pass^1 = 2/3, pass^2 = 1/3, pass^3 = 0. Case 2: 3 of 3 → 1, 1, 1.
    const cases = [
      { successes: 2, trials: 3 },
      { successes: 3, trials: 3 },
    ];
    expect(passHatK(cases, 1)).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(passHatK(cases, 2)).toBeCloseTo((1 / 3 + 1) / 2, 12);
    expect(passHatK(cases, 3)).toBeCloseTo(0.5, 12);
    expect(passHatK(cases, 4)).toBeNull();
  });
  it('rejects impossible counts', () => {
    expect(() => passHatK([{ successes: 4, trials: 3 }], 1)).toThrow(RangeError);
    expect(() => passHatK([], 0)).toThrow(RangeError);
  });
});

describe('case bootstrap', () => {
  it('equals the ordinary bootstrap with one replicate per case', () => {
    const values = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1];
    const a = clusterBootstrapMeanCi(
      values.map((v) => [v]),
      { seed: 's' },
    )!;
    const b = bootstrapMeanCi(values, { seed: 's' })!;
    expect(a.estimate).toBe(b.estimate);
    expect(a.low).toBeCloseTo(b.low, 12);
    expect(a.high).toBeCloseTo(b.high, 12);
  });
  it('does not narrow when identical replicates are added: seeds are not new cases', () => {
    const values = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1];
    const once = clusterBootstrapMeanCi(
      values.map((v) => [v]),
      { seed: 's' },
    )!;
    const thrice = clusterBootstrapMeanCi(
      values.map((v) => [v, v, v]),
      { seed: 's' },
    )!;
    // The naive bootstrap over 60 "samples" would be about √3 narrower.
    const naive = bootstrapMeanCi(
      values.flatMap((v) => [v, v, v]),
      { seed: 's' },
    )!;
    expect(thrice.high - thrice.low).toBeCloseTo(once.high - once.low, 12);
    expect(naive.high - naive.low).toBeLessThan((once.high - once.low) * 0.75);
  });
});

describe('clustered comparison', () => {
  it('is McNemar when every case has one 0/1 pair', () => {
    const pairs: Array<Array<[number, number]>> = [[[1, 0]], [[1, 0]], [[1, 0]], [[0, 1]], [[1, 1]], [[0, 0]], [[1, 0]]];
    const c = clusteredComparison(pairs, { seed: 'x' })!;
    expect(c.aBetter).toBe(4);
    expect(c.bBetter).toBe(1);
    expect(c.pValue).toBe(mcnemarExact(4, 1));
    expect(c.difference.estimate).toBeCloseTo(3 / 7, 12);
  });
  it('counts a case once however many seeds it has', () => {
    const c = clusteredComparison(
      [
        [
          [1, 0],
          [1, 0],
          [1, 0],
        ],
        [
          [0, 0],
          [0, 1],
          [0, 0],
        ],
      ],
      { seed: 'x' },
    )!;
    expect(c.cases).toBe(2);
    expect(c.n).toBe(6);
    expect([c.aBetter, c.bBetter]).toEqual([1, 1]);
    expect(c.pValue).toBe(1);
  });
});

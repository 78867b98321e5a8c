import { describe, expect, it } from 'vitest';
import { bootstrapMeanCi, mcnemarExact, mean, pairedBootstrapDiffCi, pairedComparison, quantile, wilsonInterval } from './stats.js';

describe('wilsonInterval', () => {
  it('matches hand-computed 95% bounds', () => {
    // 8/10: centre (0.8 + 1.92073/10) / 1.384146 = 0.716745, half-width 0.226513.
    const w = wilsonInterval(8, 10)!;
    expect(w.estimate).toBe(0.8);
    expect(w.low).toBeCloseTo(0.49016, 4);
    expect(w.high).toBeCloseTo(0.94334, 4);
    const half = wilsonInterval(5, 10)!;
    expect(half.low).toBeCloseTo(0.23659, 4);
    expect(half.high).toBeCloseTo(0.76341, 4);
  });

  it('pins the bounds at 0 and 1 for 0/n and n/n', () => {
    const none = wilsonInterval(0, 10)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.27753, 4);
    const all = wilsonInterval(4, 4)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.51009, 4);
  });

  it('is null for n = 0 and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe('quantile and mean', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([7], 0.3)).toBe(7);
    expect(mean([1, 2, 6])).toBe(3);
  });
});

describe('bootstrapMeanCi', () => {
  it('collapses to the value for constant data', () => {
    expect(bootstrapMeanCi([42, 42, 42], { seed: 1 })).toEqual({ estimate: 42, low: 42, high: 42 });
  });

  it('gives the exact percentiles for two values', () => {
    // Resampled means of [0, 1] are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4: the 2.5% and 97.5% points are 0 and 1.
    const ci = bootstrapMeanCi([0, 1], { seed: 'x', resamples: 4000 })!;
    expect(ci).toEqual({ estimate: 0.5, low: 0, high: 1 });
  });

  it('is close to the normal-theory interval for a large sample', () => {
    // 50 ones in 100: mean 0.5, standard error 0.05, so about 0.5 ± 0.098.
    const values = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const ci = bootstrapMeanCi(values, { seed: 7 })!;
    expect(ci.estimate).toBe(0.5);
    expect(ci.low).toBeGreaterThan(0.38);
    expect(ci.low).toBeLessThan(0.42);
    expect(ci.high).toBeGreaterThan(0.58);
    expect(ci.high).toBeLessThan(0.62);
  });

  it('is reproducible for a seed and changes with it', () => {
    const values = [120, 80, 300, 45, 900, 10, 60];
    const a = bootstrapMeanCi(values, { seed: 'run-1' });
    expect(bootstrapMeanCi(values, { seed: 'run-1' })).toEqual(a);
    expect(bootstrapMeanCi(values, { seed: 'run-2' })).not.toEqual(a);
    expect(a!.low).toBeLessThanOrEqual(a!.estimate);
    expect(a!.high).toBeGreaterThanOrEqual(a!.estimate);
  });

  it('is null for no data and rejects bad options', () => {
    expect(bootstrapMeanCi([])).toBeNull();
    expect(() => bootstrapMeanCi([1], { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMeanCi([1], { level: 1 })).toThrow(RangeError);
  });
});

describe('mcnemarExact', () => {
  it('matches hand-computed binomial tails', () => {
    // 2 · P(X ≤ 1), X ~ Bin(6, 1/2) = 2 · 7/64.
    expect(mcnemarExact(1, 5)).toBeCloseTo(0.21875, 12);
    expect(mcnemarExact(5, 1)).toBeCloseTo(0.21875, 12);
    // 2 · P(X = 0), X ~ Bin(6, 1/2) = 2/64.
    expect(mcnemarExact(0, 6)).toBeCloseTo(0.03125, 12);
    // 2 · (1 + 10 + 45)/1024.
    expect(mcnemarExact(2, 8)).toBeCloseTo(0.109375, 12);
  });

  it('is 1 with no or balanced discordant pairs', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(3, 3)).toBe(1);
  });

  it('stays finite for thousands of pairs', () => {
    // Continuity-corrected chi-square gives about 0.0028 here; the exact test is close.
    const p = mcnemarExact(500, 600);
    expect(p).toBeGreaterThan(0.002);
    expect(p).toBeLessThan(0.004);
    expect(mcnemarExact(0, 3000)).toBeGreaterThanOrEqual(0);
  });
});

describe('pairedComparison', () => {
  it('reports the difference, the discordant cells and the p-value', () => {
    const a = [1, 1, 1, 1, 0, 1];
    const b = [0, 0, 0, 1, 0, 1];
    const c = pairedComparison(a, b, { seed: 's' })!;
    expect(c.n).toBe(6);
    expect(c.a).toBeCloseTo(5 / 6, 12);
    expect(c.b).toBeCloseTo(2 / 6, 12);
    expect(c.difference.estimate).toBeCloseTo(0.5, 12);
    expect(c.aOnly).toBe(3);
    expect(c.bOnly).toBe(0);
    expect(c.pValue).toBeCloseTo(0.25, 12);
    // Every pair differs by 0 or +1, so no resample can go below 0 or above 1.
    expect(c.difference.low).toBeGreaterThanOrEqual(0);
    expect(c.difference.high).toBeLessThanOrEqual(1);
  });

  it('gives a zero-width interval when the doctors always agree', () => {
    const c = pairedComparison([1, 0, 1], [1, 0, 1])!;
    expect(c.difference).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(c.pValue).toBe(1);
  });

  it('is null without pairs and rejects mismatched or non-binary input', () => {
    expect(pairedComparison([], [])).toBeNull();
    expect(() => pairedComparison([1], [1, 0])).toThrow(RangeError);
    expect(() => pairedComparison([0.5], [1])).toThrow(RangeError);
  });

  it('pairs differences for continuous values', () => {
    const ci = pairedBootstrapDiffCi([10, 20, 30], [5, 15, 25], { seed: 1 })!;
    expect(ci).toEqual({ estimate: 5, low: 5, high: 5 });
  });
});

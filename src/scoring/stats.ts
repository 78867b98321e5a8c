import { createRng } from '../util/rng.js';

/** The two-sided 95% normal quantile (qnorm(0.975)). */
export const Z95 = 1.959963984540054;

/** Resamples drawn by the bootstrap functions when not told otherwise. */
export const DEFAULT_RESAMPLES = 2000;

/** A point estimate with a confidence interval around it. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export interface BootstrapOptions {
  /** Number of bootstrap resamples; 2,000 by default. */
  resamples?: number;
  /** Seed of the resampling RNG, so the same data always gives the same interval. */
  seed?: string | number;
  /** Confidence level in (0, 1); 0.95 by default. */
  level?: number;
}

/** Wilson score interval for `successes` out of `n` (95% by default); null when n is 0. */
export function wilsonInterval(successes: number, n: number, z: number = Z95): Interval | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be an integer between 0 and ${n}, got ${successes}`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0/n and n/n the bound is exactly 0 or 1; floating point would leave 1e-17 either side.
  return {
    estimate: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** Arithmetic mean of a non-empty list (NaN for an empty one). */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The q-quantile of an ascending list by linear interpolation between order statistics (R type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Validates bootstrap options and fills their defaults. */
export function checkBootstrapOptions(opts: BootstrapOptions): { resamples: number; seed: string | number; alpha: number } {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const level = opts.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1, got ${level}`);
  return { resamples, seed: opts.seed ?? 'bootstrap', alpha: 1 - level };
}

/**
 * Percentile bootstrap interval of a statistic of `n` items: resamples item
 * indices with replacement and reads the interval off the sorted statistics.
 */
function percentileBootstrap(n: number, statistic: (indices: Uint32Array) => number, opts: BootstrapOptions): { low: number; high: number } {
  const { resamples, seed, alpha } = checkBootstrapOptions(opts);
  const rng = createRng(seed);
  const indices = new Uint32Array(n);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = rng.int(n);
    stats[r] = statistic(indices);
  }
  stats.sort();
  const sorted = Array.from(stats);
  return { low: quantile(sorted, alpha / 2), high: quantile(sorted, 1 - alpha / 2) };
}

/** Percentile bootstrap CI of the mean with a seeded RNG; null for an empty list. */
export function bootstrapMeanCi(values: readonly number[], opts: BootstrapOptions = {}): Interval | null {
  if (values.length === 0) return null;
  const n = values.length;
  const { low, high } = percentileBootstrap(
    n,
    (idx) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += values[idx[i]];
      return s / n;
    },
    opts,
  );
  return { estimate: mean(values), low, high };
}

/** Paired percentile bootstrap CI of mean(a) − mean(b), resampling whole pairs; null when there are none. */
export function pairedBootstrapDiffCi(a: readonly number[], b: readonly number[], opts: BootstrapOptions = {}): Interval | null {
  if (a.length !== b.length) throw new RangeError(`paired lists differ in length (${a.length} and ${b.length})`);
  const diffs = a.map((x, i) => x - b[i]);
  return bootstrapMeanCi(diffs, opts);
}

/**
 * Exact (binomial) two-sided McNemar p-value from the discordant pair counts:
 * `aOnly` pairs where only A was right and `bOnly` where only B was.
 */
export function mcnemarExact(aOnly: number, bOnly: number): number {
  for (const [k, v] of [
    ['aOnly', aOnly],
    ['bOnly', bOnly],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer, got ${v}`);
  }
  const m = aOnly + bOnly;
  if (m === 0) return 1;
  const k = Math.min(aOnly, bOnly);
  // Log space keeps 0.5^m from underflowing when m is in the thousands.
  const logTerms: number[] = [];
  let logC = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log(m - i + 1) - Math.log(i);
    logTerms.push(logC - m * Math.LN2);
  }
  const max = Math.max(...logTerms);
  const tail = Math.exp(max) * logTerms.reduce((s, t) => s + Math.exp(t - max), 0);
  return Math.min(1, 2 * tail);
}

/** The result of comparing two doctors on the same encounters. */
export interface PairedComparison {
  /** Pairs compared. */
  n: number;
  /** Mean of A (accuracy when the values are 0/1). */
  a: number;
  b: number;
  /** mean(A) − mean(B) with its paired bootstrap CI. */
  difference: Interval;
  /** Pairs where A scored 1 and B 0, and the reverse: McNemar's discordant cells. */
  aOnly: number;
  bOnly: number;
  /** Exact McNemar two-sided p-value. */
  pValue: number;
}

/**
 * Compares two doctors' 0/1 outcomes on the same encounters (a[i] and b[i]
 * are the same case, seed and protocol): accuracy difference with a paired
 * bootstrap CI and an exact McNemar p-value. Null when there are no pairs.
 */
export function pairedComparison(a: readonly number[], b: readonly number[], opts: BootstrapOptions = {}): PairedComparison | null {
  if (a.length !== b.length) throw new RangeError(`paired lists differ in length (${a.length} and ${b.length})`);
  for (const v of [...a, ...b]) if (v !== 0 && v !== 1) throw new RangeError(`paired outcomes must be 0 or 1, got ${v}`);
  const difference = pairedBootstrapDiffCi(a, b, opts);
  if (!difference) return null;
  let aOnly = 0;
  let bOnly = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 1 && b[i] === 0) aOnly++;
    else if (a[i] === 0 && b[i] === 1) bOnly++;
  }
  return { n: a.length, a: mean(a), b: mean(b), difference, aOnly, bOnly, pValue: mcnemarExact(aOnly, bOnly) };
}

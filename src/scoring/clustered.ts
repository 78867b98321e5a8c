import { createRng } from '../util/rng.js';
import { checkBootstrapOptions, mcnemarExact, quantile, type BootstrapOptions, type Interval } from './stats.js';

/**
 * Statistics that treat the case as the unit of sampling. Repeated seeds of one case are replicates of that case,
 * not new samples: a doctor run with `--seeds 3` on 10 cases has 10 independent observations, not 30, and its
 * interval must be as wide as that says.
 */

/** One case's outcomes for one doctor: a value per replicate (seed), e.g. 1/0 for correct/incorrect. */
export type Cluster = readonly number[];

/**
 * Cluster (case) bootstrap interval of the pooled mean: resamples whole cases with replacement and takes
 * sum/count over the drawn cases' replicates. With one replicate per case it is the ordinary bootstrap.
 */
export function clusterBootstrapMeanCi(clusters: readonly Cluster[], opts: BootstrapOptions = {}): Interval | null {
  const used = clusters.filter((c) => c.length > 0);
  if (used.length === 0) return null;
  const sums = used.map((c) => c.reduce((s, v) => s + v, 0));
  const counts = used.map((c) => c.length);
  const total = sums.reduce((s, v) => s + v, 0);
  const n = counts.reduce((s, v) => s + v, 0);
  const { resamples, seed, alpha } = checkBootstrapOptions(opts);
  const rng = createRng(seed);
  const stats = new Float64Array(resamples);
  const m = used.length;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < m; i++) {
      const j = rng.int(m);
      s += sums[j];
      c += counts[j];
    }
    stats[r] = s / c;
  }
  stats.sort();
  const sorted = Array.from(stats);
  return { estimate: total / n, low: quantile(sorted, alpha / 2), high: quantile(sorted, 1 - alpha / 2) };
}

/** log C(n, k), exact enough for the counts a run has. */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * pass^k as τ²-bench defines it: for each case with c successes in n trials, C(c, k) / C(n, k) — the chance that
 * k trials drawn without replacement all succeed — averaged over the cases that have at least k trials.
 * Null when no case has k trials.
 */
export function passHatK(cases: ReadonlyArray<{ successes: number; trials: number }>, k: number): number | null {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const eligible = cases.filter((c) => c.trials >= k);
  if (eligible.length === 0) return null;
  let sum = 0;
  for (const { successes, trials } of eligible) {
    if (successes < 0 || successes > trials) throw new RangeError(`successes must be between 0 and ${trials}, got ${successes}`);
    sum += successes < k ? 0 : Math.exp(logChoose(successes, k) - logChoose(trials, k));
  }
  return sum / eligible.length;
}

/** A paired comparison of two doctors on the cases both played, with cases as the unit. */
export interface ClusteredComparison {
  /** Cases compared. */
  cases: number;
  /** Replicate pairs compared. */
  n: number;
  a: number;
  b: number;
  /** mean(A) − mean(B) with a case bootstrap interval. */
  difference: Interval;
  /** Cases where A did better on average than B, and the reverse (ties left out). */
  aBetter: number;
  bBetter: number;
  /** Exact two-sided sign test over cases (McNemar's test when every case has one pair of 0/1 outcomes). */
  pValue: number;
}

/**
 * Compares A and B on shared cases: `pairs[c]` holds case c's replicate pairs [a, b]. The difference interval
 * resamples cases; the p-value is an exact sign test on the cases' mean differences, which with one 0/1 pair
 * per case is exactly McNemar's exact test.
 */
export function clusteredComparison(pairs: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, opts: BootstrapOptions = {}): ClusteredComparison | null {
  const used = pairs.filter((p) => p.length > 0);
  if (used.length === 0) return null;
  const diffs = used.map((p) => p.map(([x, y]) => x - y));
  const difference = clusterBootstrapMeanCi(diffs, opts)!;
  let aBetter = 0;
  let bBetter = 0;
  let sa = 0;
  let sb = 0;
  let n = 0;
  for (const p of used) {
    const d = p.reduce((s, [x, y]) => s + x - y, 0);
    if (d > 0) aBetter++;
    else if (d < 0) bBetter++;
    for (const [x, y] of p) {
      sa += x;
      sb += y;
      n++;
    }
  }
  return { cases: used.length, n, a: sa / n, b: sb / n, difference, aBetter, bBetter, pValue: mcnemarExact(aBetter, bBetter) };
}

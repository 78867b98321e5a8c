import { createRng } from '../util/rng.js';
import { checkBootstrapOptions, quantile, type BootstrapOptions, type Interval } from './stats.js';

/**
 * Agreement between two raters who each call an encounter's diagnosis correct (1) or not (0): the llm judge
 * (score 4 or more), the deterministic match, and people. Cohen's kappa corrects raw agreement for the agreement
 * two raters with the same base rates would reach by chance.
 */

/** Cohen's kappa of paired 0/1 ratings; null with no pairs, 1 when both raters agree on everything. */
export function cohenKappa(pairs: ReadonlyArray<readonly [number, number]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  let agree = 0;
  let a1 = 0;
  let b1 = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    a1 += a;
    b1 += b;
  }
  const po = agree / n;
  const pe = (a1 / n) * (b1 / n) + (1 - a1 / n) * (1 - b1 / n);
  // Both raters constant and equal: perfect agreement that chance also predicts; kappa is undefined, report 1.
  if (pe === 1) return po === 1 ? 1 : 0;
  return (po - pe) / (1 - pe);
}

/** Kappa with a percentile bootstrap interval over the rated items. */
export function kappaWithCi(pairs: ReadonlyArray<readonly [number, number]>, opts: BootstrapOptions = {}): Interval | null {
  const estimate = cohenKappa(pairs);
  if (estimate === null) return null;
  const { resamples, seed, alpha } = checkBootstrapOptions(opts);
  const rng = createRng(seed);
  const n = pairs.length;
  const stats: number[] = [];
  const sample: Array<readonly [number, number]> = new Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = pairs[rng.int(n)];
    stats.push(cohenKappa(sample)!);
  }
  stats.sort((x, y) => x - y);
  return { estimate, low: quantile(stats, alpha / 2), high: quantile(stats, 1 - alpha / 2) };
}

/** One pair of raters compared. */
export interface AgreementRow {
  a: string;
  b: string;
  /** Encounters both rated. */
  n: number;
  /** Share of those where they agree. */
  observed: number | null;
  kappa: Interval | null;
}

/** Every pair of raters, over the encounters both rated; `ratings` maps a rater to encounter id → 0/1. */
export function agreementTable(ratings: ReadonlyMap<string, ReadonlyMap<string, number>>, opts: BootstrapOptions = {}): AgreementRow[] {
  const raters = [...ratings.keys()];
  const rows: AgreementRow[] = [];
  for (let i = 0; i < raters.length; i++) {
    for (let j = i + 1; j < raters.length; j++) {
      const ra = ratings.get(raters[i])!;
      const rb = ratings.get(raters[j])!;
      const pairs: Array<[number, number]> = [];
      for (const [id, v] of ra) {
        const w = rb.get(id);
        if (w !== undefined) pairs.push([v, w]);
      }
      rows.push({
        a: raters[i],
        b: raters[j],
        n: pairs.length,
        observed: pairs.length ? pairs.filter(([x, y]) => x === y).length / pairs.length : null,
        kappa: kappaWithCi(pairs, { ...opts, seed: `${opts.seed ?? 'kappa'}|${raters[i]}|${raters[j]}` }),
      });
    }
  }
  return rows;
}

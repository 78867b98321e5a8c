import type { Interval } from '../scoring/stats.js';
import type { MeanValue } from './aggregate.js';

/** What every format prints for a value that does not exist (never a made-up 0). */
export const MISSING = '—';

/** A number with fixed decimals and thousands separators, independent of the machine's locale. */
export function fixed(x: number, digits = 2): string {
  const [int, frac] = Math.abs(x).toFixed(digits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // toFixed can round a tiny negative to "0.00"; print that without a sign.
  const sign = x < 0 && Number(Math.abs(x).toFixed(digits)) !== 0 ? '-' : '';
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

/** "1 error", "2 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** USD amount such as "$1,234.50". */
export function money(x: number | null | undefined): string {
  if (x === null || x === undefined) return MISSING;
  return x < 0 ? `-$${fixed(-x)}` : `$${fixed(x)}`;
}

/** A 0–1 proportion as a percentage without the sign: 0.625 → "62.5". */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? MISSING : (x * 100).toFixed(digits);
}

/** A proportion with its interval: "62.5% [40.1–80.2]". */
export function pctWithCi(p: Interval | null | undefined): string {
  if (!p) return MISSING;
  return `${pct(p.estimate)}% [${pct(p.low)}–${pct(p.high)}]`;
}

/** A mean with one decimal, or the missing mark. */
export function meanText(m: MeanValue | null | undefined, digits = 1): string {
  return m ? fixed(m.mean, digits) : MISSING;
}

/** A signed difference in percentage points with its interval: "+12.5 pp [−3.0, +25.0]". */
export function ppDiff(d: Interval | null | undefined): string {
  if (!d) return MISSING;
  const s = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x * 100).toFixed(1)}`;
  return `${s(d.estimate)} pp [${s(d.low)}, ${s(d.high)}]`;
}

/** A signed USD difference with its interval: "+$12.00 [−$3.00, +$25.00]". */
export function moneyDiff(d: Interval | null | undefined): string {
  if (!d) return MISSING;
  const s = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}$${fixed(Math.abs(x))}`;
  return `${s(d.estimate)} [${s(d.low)}, ${s(d.high)}]`;
}

/** A p-value with three significant digits, or "<0.001". */
export function pValueText(p: number | null | undefined): string {
  if (p === null || p === undefined) return MISSING;
  if (p < 0.001) return '<0.001';
  return p >= 0.9995 ? '1' : p.toPrecision(3).replace(/\.?0+$/, '');
}

/** A one-line text of a config value: arrays joined by commas, objects as compact JSON, cut to `max` characters. */
export function configValue(v: unknown, max = 160): string {
  let s: string;
  if (Array.isArray(v)) s = v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
  else if (v !== null && typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  s = s.replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The verdict note every report carries. */
export const VERDICT_NOTE = [
  'correct — the first diagnosis matches the case (name, accepted synonym or ICD-10 code); it is the only verdict counted as right in top-1 accuracy.',
  'partial — the first diagnosis is close (a partial-credit name or the same ICD-10 category); it counts as not correct in top-1 accuracy.',
  'incorrect — the first diagnosis does not match.',
  'no-diagnosis — the encounter ended (turn limit, budget...) without a diagnosis; counted as incorrect in accuracy and also shown apart.',
  'error — the encounter ended in error (a doctor or model failure); excluded from accuracy and the means, shown apart, never as right or wrong.',
];

/** How the numbers are computed, said once in every report. */
export const METHOD_NOTE =
  "Top-1 and top-3 accuracy are over scored encounters (finished minus errors) with Wilson 95% intervals. Means (cost, turns, questions, tests, coverage) are over scored encounters; cost intervals are percentile bootstrap 95% intervals that resample cases. Seeds are replicates of a case, not new samples: a doctor whose seeds all end the same way counts each case once, and a doctor whose seeds differ gets case-bootstrap intervals and pass^k. Paired comparisons use only encounters both doctors finished without error on the same case and protocol: the accuracy difference has a case-bootstrap 95% interval and an exact sign test over cases (McNemar's exact test when each case has one pair).";

/** One plain-text line per group whose cases have several seeds: counted once, or clustered with pass^k. */
export function seedLines(
  groups: ReadonlyArray<{
    doctor: string;
    protocol: string;
    replicates: string;
    maxReplicates: number;
    cases: number;
    passK: Array<{ k: number; value: number | null }> | null;
    accuracy?: { estimate: number; low: number; high: number; n: number } | null;
    naiveAccuracy?: { estimate: number; low: number; high: number; n: number } | null;
  }>,
): string[] {
  const out: string[] = [];
  const ci = (p: { low: number; high: number }) => `${(p.low * 100).toFixed(1)}–${(p.high * 100).toFixed(1)}%`;
  for (const g of groups) {
    if (g.replicates === 'identical')
      out.push(`${g.doctor} (${g.protocol}): ${g.maxReplicates} seeds per case ended identically; each of ${g.cases} cases counted once.`);
    else if (g.replicates === 'varied') {
      const pk = (g.passK ?? []).map((p) => `pass^${p.k} ${p.value === null ? MISSING : `${(p.value * 100).toFixed(1)}%`}`).join(', ');
      // The unclustered interval is shown beside the clustered one so a reader sees what treating seeds as samples would claim.
      const acc =
        g.accuracy && g.naiveAccuracy
          ? `; top-1 ${(g.accuracy.estimate * 100).toFixed(1)}%, 95% CI ${ci(g.accuracy)} resampling ${g.cases} cases (${ci(g.naiveAccuracy)} if the ${g.naiveAccuracy.n} encounters were independent)`
          : '';
      out.push(`${g.doctor} (${g.protocol}): up to ${g.maxReplicates} seeds per case differ; intervals resample ${g.cases} cases${acc}; ${pk}.`);
    }
  }
  return out;
}

/** One line per group the `dxarena` scorer graded: DiagnosisArena's top-1 and top-5 with their intervals. */
export function dxarenaLines(
  groups: ReadonlyArray<{
    doctor: string;
    protocol: string;
    dxarenaTop1: { estimate: number; low: number; high: number; successes: number; n: number } | null;
    dxarenaTop5: { estimate: number; low: number; high: number; successes: number; n: number } | null;
  }>,
): string[] {
  const p = (x: { estimate: number; low: number; high: number; successes: number; n: number } | null) =>
    x ? `${(x.estimate * 100).toFixed(1)}% (${x.successes}/${x.n}, 95% CI ${(x.low * 100).toFixed(1)}–${(x.high * 100).toFixed(1)}%)` : MISSING;
  return groups
    .filter((g) => g.dxarenaTop1 || g.dxarenaTop5)
    .map((g) => `${g.doctor} (${g.protocol}): DiagnosisArena top-1 ${p(g.dxarenaTop1)}, top-5 ${p(g.dxarenaTop5)}`);
}

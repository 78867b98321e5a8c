import type { AgreementRow } from '../scoring/agreement.js';
import { MISSING } from './format.js';

const k = (x: number) => x.toFixed(2);

/** One line per pair of raters: n, raw agreement, kappa with its interval. */
export function agreementLines(rows: readonly AgreementRow[]): string[] {
  return rows.map(
    (r) =>
      `${r.a} vs ${r.b}: n ${r.n}, agreement ${r.observed === null ? MISSING : `${(r.observed * 100).toFixed(1)}%`}, kappa ${r.kappa ? `${k(r.kappa.estimate)} [${k(r.kappa.low)}, ${k(r.kappa.high)}]` : MISSING}`,
  );
}

/** The agreement table for the terminal. */
export function formatAgreement(rows: readonly AgreementRow[]): string {
  const raters = new Set(rows.flatMap((r) => [r.a, r.b]));
  const lines = agreementLines(rows);
  if (!raters.has('judge')) lines.push('(no judge scores in this run: rerun with --judge <model> to compare the judge)');
  if (!raters.has('human')) lines.push('(no human labels: give --labels <file>, or grade encounters on the web encounter page)');
  lines.push("Correct = judge score 4 or more / deterministic top-1 match / a person's label; kappa with a 95% bootstrap interval over encounters.");
  return lines.join('\n') + '\n';
}

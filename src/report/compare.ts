import type { RunReportData } from '../store/types.js';
import { compareGroups, type GroupComparison } from './aggregate.js';
import { DEFAULT_RESAMPLES } from '../scoring/stats.js';
import { moneyDiff, pct, ppDiff, pValueText } from './format.js';

/** One doctor under one protocol in two runs, paired on the cases both runs played. */
export interface RunComparisonRow extends GroupComparison {
  doctor: string;
}

export interface RunComparison {
  runA: string;
  runB: string;
  rows: RunComparisonRow[];
  /** Doctor/protocol pairs found in only one of the runs. */
  onlyA: string[];
  onlyB: string[];
}

const key = (doctor: string, protocol: string) => `${doctor} (${protocol})`;

/**
 * Paired differences per doctor between two runs (e.g. before and after a prompt change): each doctor/protocol in
 * both runs is compared on the cases both played, with a case-bootstrap interval and a sign test over cases.
 */
export function compareRuns(a: RunReportData, b: RunReportData, opts: { resamples?: number } = {}): RunComparison {
  const groups = (d: RunReportData) => {
    const m = new Map<string, { doctor: string; protocol: string; list: RunReportData['encounters'] }>();
    for (const e of [...d.encounters].sort((x, y) => x.ordinal - y.ordinal)) {
      const k = key(e.doctor, e.protocol);
      const g = m.get(k);
      if (g) g.list.push(e);
      else m.set(k, { doctor: e.doctor, protocol: e.protocol, list: [e] });
    }
    return m;
  };
  const ga = groups(a);
  const gb = groups(b);
  const rows: RunComparisonRow[] = [];
  for (const [k, x] of ga) {
    const y = gb.get(k);
    if (!y) continue;
    const c = compareGroups(x.protocol, a.run.id, b.run.id, x.list, y.list, {
      resamples: opts.resamples ?? DEFAULT_RESAMPLES,
      seed: `${a.run.id}|${b.run.id}|${k}`,
    });
    if (c) rows.push({ doctor: x.doctor, ...c });
  }
  return {
    runA: a.run.id,
    runB: b.run.id,
    rows,
    onlyA: [...ga.keys()].filter((k) => !gb.has(k)),
    onlyB: [...gb.keys()].filter((k) => !ga.has(k)),
  };
}

/** The comparison as an aligned text table for the terminal. */
export function formatRunComparison(c: RunComparison): string {
  const header = ['Doctor', 'Protocol', 'Cases', 'Pairs', 'Top-1 A', 'Top-1 B', 'A − B [95% CI]', 'p', 'Cost A − B [95% CI]'];
  const rows = c.rows.map((r) => [
    r.doctor,
    r.protocol,
    String(r.cases),
    String(r.n),
    `${pct(r.aAccuracy)}%`,
    `${pct(r.bAccuracy)}%`,
    ppDiff(r.difference),
    pValueText(r.pValue),
    moneyDiff(r.costDifference),
  ]);
  const out = [`A = ${c.runA}`, `B = ${c.runB}`, ''];
  if (rows.length === 0) out.push('No doctor and protocol played the same cases in both runs.');
  else {
    const width = (s: string) => [...s].length;
    const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd();
    out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  }
  if (c.onlyA.length) out.push('', `Only in A: ${c.onlyA.join(', ')}`);
  if (c.onlyB.length) out.push('', `Only in B: ${c.onlyB.join(', ')}`);
  out.push('', 'Pairs are the same case (and seed) in both runs; intervals resample cases; p is an exact sign test over cases.');
  return out.join('\n') + '\n';
}

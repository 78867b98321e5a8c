import type { EncounterDetail } from '../store/types.js';
import { wilsonInterval, type Interval } from '../scoring/stats.js';

/** What the llm judge said about one group's scored encounters. */
export interface JudgeSummary {
  /** Scored encounters with a judge score. */
  judged: number;
  /** Scored encounters the judge did not grade (it failed, or there was no diagnosis): left out, counted apart. */
  unjudged: number;
  /** How many got each score, 1 to 5 (index 0 is score 1). */
  counts: [number, number, number, number, number];
  /** Judged correct (score 4 or more) / judged, Wilson 95% CI. */
  correct: (Interval & { successes: number; n: number }) | null;
}

/** Which accuracy leads a group's row: the judge's (SDBench) or the deterministic match. */
export type AccuracyBasis = 'judge' | 'match';

/**
 * Summarises the `judge` scores of scored encounters, or null when none of
 * them carries a judge score at all (the run had no judge).
 */
export function summarizeJudge(scored: readonly EncounterDetail[]): JudgeSummary | null {
  if (!scored.some((e) => 'judge' in e.scores)) return null;
  const counts: JudgeSummary['counts'] = [0, 0, 0, 0, 0];
  let judged = 0;
  for (const e of scored) {
    const v = e.scores.judge?.value;
    if (v === null || v === undefined || !Number.isInteger(v) || v < 1 || v > 5) continue;
    counts[v - 1]++;
    judged++;
  }
  const successes = counts[3] + counts[4];
  const w = wilsonInterval(successes, judged);
  return { judged, unjudged: scored.length - judged, counts, correct: w ? { successes, n: judged, ...w } : null };
}

/** The protocol preset a protocol string names ("sdbench:max-tests=3" → "sdbench"). */
export function protocolKind(protocol: string): string {
  const colon = protocol.indexOf(':');
  return (colon < 0 ? protocol : protocol.slice(0, colon)).trim().toLowerCase();
}

/** Judge accuracy leads under SDBench (or when asked for) whenever the judge graded something. */
export function accuracyBasis({ protocol, judge, prefer }: { protocol: string; judge: JudgeSummary | null; prefer: 'auto' | AccuracyBasis }): AccuracyBasis {
  if (!judge?.correct || prefer === 'match') return 'match';
  return prefer === 'judge' || protocolKind(protocol) === 'sdbench' ? 'judge' : 'match';
}

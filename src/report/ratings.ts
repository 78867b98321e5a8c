import type { EncounterDetail } from '../store/types.js';

/** The score name under which a person's grade of an encounter's diagnosis is stored (1 correct, 0 not). */
export const HUMAN_LABEL = 'human_label';

/**
 * Each rater's correct (1) / not correct (0) call per encounter: the llm judge (score 4 or more), the deterministic
 * match (top-1 correct), and people (stored human labels, plus any given here). Encounters a rater did not grade
 * (errors, judge failures) are absent, never counted as 0.
 */
export function ratingsOf(encounters: readonly EncounterDetail[], extraLabels?: ReadonlyMap<string, number>): Map<string, Map<string, number>> {
  const judge = new Map<string, number>();
  const match = new Map<string, number>();
  const human = new Map<string, number>();
  for (const e of encounters) {
    if (e.verdict === null || e.verdict === 'error') continue;
    const j = e.scores.judge_correct?.value;
    if (j === 0 || j === 1) judge.set(e.id, j);
    match.set(e.id, e.verdict === 'correct' ? 1 : 0);
    const h = e.scores[HUMAN_LABEL]?.value;
    if (h === 0 || h === 1) human.set(e.id, h);
  }
  for (const [id, v] of extraLabels ?? []) if (match.has(id)) human.set(id, v);
  const out = new Map<string, Map<string, number>>();
  if (judge.size) out.set('judge', judge);
  out.set('match', match);
  if (human.size) out.set('human', human);
  return out;
}

/**
 * Reads a file's labels: correct/incorrect, yes/no, true/false, 1/0 — or, when any label is 2 to 5, every number
 * is a 1–5 judge-style grade (4 or more is correct), so "1" means wrong there. Undefined for what it cannot read.
 */
export function parseLabels(raw: readonly string[]): Array<number | undefined> {
  const t = raw.map((r) => r.trim().toLowerCase());
  const fivePoint = t.some((x) => /^[2-5]$/.test(x));
  return t.map((x) => {
    if (['correct', 'yes', 'y', 'true', 'right'].includes(x)) return 1;
    if (['incorrect', 'wrong', 'no', 'n', 'false', 'partial'].includes(x)) return 0;
    if (fivePoint && /^[1-5]$/.test(x)) return Number(x) >= 4 ? 1 : 0;
    if (!fivePoint && (x === '0' || x === '1')) return Number(x);
    return undefined;
  });
}

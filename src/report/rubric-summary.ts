import type { EncounterDetail } from '../store/types.js';
import { clusterBootstrapMeanCi } from '../scoring/clustered.js';
import { parseRubricDetail } from '../scoring/rubric-scorer.js';

/** One row of a rubric table: HealthBench's score (mean of example scores clipped to [0, 1]) with a case-bootstrap 95% interval. */
export interface RubricRow {
  /** The tag, or null for the overall score. */
  tag: string | null;
  /** Example scores averaged (encounters). */
  n: number;
  /** Distinct cases among them: the interval resamples these. */
  cases: number;
  estimate: number;
  low: number;
  high: number;
}

/** The rubric scores of one doctor/protocol group, or null when no encounter carries a rubric score. */
export interface RubricSummary {
  overall: RubricRow | null;
  /** Encounters whose rubric score is null (a criterion could not be graded, or no reply): left out, counted here. */
  ungraded: number;
  /** Per tag, sorted by tag: example tags (`theme:...`) and criterion tags (`axis:...`), each scored HealthBench's way. */
  tags: RubricRow[];
}

const clip = (x: number) => Math.min(1, Math.max(0, x));

function row(tag: string | null, byCase: Map<string, number[]>, opts: { resamples: number; seed: string }): RubricRow | null {
  const clusters = [...byCase.values()];
  // Clipping is monotone, so the clipped mean's bootstrap quantiles are the clipped quantiles of the mean's.
  const ci = clusterBootstrapMeanCi(clusters, { resamples: opts.resamples, seed: `${opts.seed}|rubric|${tag ?? ''}` });
  if (!ci) return null;
  return {
    tag,
    n: clusters.reduce((s, c) => s + c.length, 0),
    cases: clusters.filter((c) => c.length).length,
    estimate: clip(ci.estimate),
    low: clip(ci.low),
    high: clip(ci.high),
  };
}

function push(map: Map<string, Map<string, number[]>>, key: string, caseId: string, v: number): void {
  let byCase = map.get(key);
  if (!byCase) map.set(key, (byCase = new Map()));
  const l = byCase.get(caseId);
  if (l) l.push(v);
  else byCase.set(caseId, [v]);
}

/** HealthBench's overall and per-tag scores over a group's finished encounters, intervals by case bootstrap. */
export function summarizeRubric(finished: readonly EncounterDetail[], opts: { resamples: number; seed: string }): RubricSummary | null {
  const withRubric = finished.filter((e) => 'rubric' in e.scores);
  if (withRubric.length === 0) return null;
  const overall = new Map<string, Map<string, number[]>>();
  const tags = new Map<string, Map<string, number[]>>();
  let ungraded = 0;
  for (const e of withRubric) {
    const v = e.scores.rubric.value;
    if (v === null) ungraded++;
    else push(overall, '', e.caseId, v);
    const detail = e.scores.rubric_criteria ? parseRubricDetail(e.scores.rubric_criteria.detail) : null;
    for (const [tag, t] of Object.entries(detail?.tags ?? {})) if (t !== null) push(tags, tag, e.caseId, t);
  }
  return {
    overall: overall.has('') ? row(null, overall.get('')!, opts) : null,
    ungraded,
    tags: [...tags.keys()].sort().flatMap((tag) => row(tag, tags.get(tag)!, opts) ?? []),
  };
}

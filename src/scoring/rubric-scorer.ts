import type { Case } from '../case/schema.js';
import type { ModelHandle } from '../llm/call-model.js';
import type { ModelSettings } from '../llm/settings.js';
import { exampleScore, gradeCriterion, itemPoints, type CriterionGrade, type ScoredItem } from './rubric.js';
import { rubricTranscript } from './rubric-transcript.js';
import type { Scorer, ScoreResult } from './scorer.js';

/**
 * The `rubric` scorer: grades the case's rubric items against the whole transcript, one model call per criterion,
 * and stores HealthBench's example score (`rubric`, unclipped: clipping happens over a mean) and every criterion's
 * grade with its explanation (`rubric_criteria`, JSON the reports read for their per-tag tables). A criterion that
 * could not be graded is null with the reason, never "not met", and leaves the example score null.
 */

export const RUBRIC_METRICS = ['rubric', 'rubric_criteria'] as const;

/** One graded criterion as stored in `rubric_criteria`. */
export interface StoredCriterion {
  criterion: string;
  points: number;
  tags: string[];
  met: boolean | null;
  explanation: string;
}

/** The JSON detail of `rubric_criteria`: the example's tags, each criterion's grade, and each tag's example score. */
export interface RubricDetail {
  exampleTags: string[];
  criteria: StoredCriterion[];
  /** HealthBench per-tag example scores: an item tag scores the items carrying it; an example tag is the whole score. */
  tags: Record<string, number | null>;
}

/** Criteria graded at once: one call each, a few in flight, so a 15-item rubric does not take 15 round trips. */
const PARALLEL = 4;

/** The per-tag example scores of one graded example (tag → score, null when a criterion under it failed). */
export function exampleTagScores(
  items: readonly ScoredItem[],
  grades: readonly CriterionGrade[],
  exampleTags: readonly string[],
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const itemTags = new Set(items.flatMap((i) => i.tags));
  for (const tag of [...itemTags].sort()) {
    const keep = items.map((i) => i.tags.includes(tag));
    out[tag] = exampleScore(
      items.filter((_, k) => keep[k]),
      grades.filter((_, k) => keep[k]),
    ).value;
  }
  const whole = exampleScore(items, grades).value;
  for (const tag of exampleTags) if (!itemTags.has(tag)) out[tag] = whole;
  return out;
}

/** Reads `rubric_criteria`'s detail back; null when it is not a stored rubric detail (a failure's reason). */
export function parseRubricDetail(detail: string): RubricDetail | null {
  if (!detail.startsWith('{')) return null;
  try {
    const d = JSON.parse(detail) as RubricDetail;
    return d && Array.isArray(d.criteria) && d.tags && typeof d.tags === 'object' ? d : null;
  } catch {
    return null;
  }
}

function nulls(why: string): ScoreResult[] {
  return RUBRIC_METRICS.map((name) => ({ name, value: null, detail: why }));
}

const sign = (p: number) => (p > 0 ? `+${p}` : String(p));

/** The model-graded rubric scorer; `handle`/`settings` are the grading model. */
export function rubricScorer({ handle, settings }: { handle: ModelHandle; settings: ModelSettings }): Scorer {
  return {
    name: 'rubric',
    metrics: RUBRIC_METRICS,
    async score(encounter, kase: Case) {
      const rubric = kase.expected.rubric;
      if (rubric.length === 0) return nulls('the case has no rubric');
      const end = encounter.events.find((e) => e.type === 'end');
      if (end?.type === 'end' && end.reason === 'error') return nulls('the encounter ended in error, so there is nothing to grade');
      if (kase.conversation && !encounter.events.some((e) => e.type === 'reply'))
        return nulls(`the doctor wrote no reply to the conversation (the encounter ended: ${end?.type === 'end' ? end.reason : 'unfinished'})`);
      const items: ScoredItem[] = rubric.map((i) => ({ criterion: i.criterion, points: itemPoints(i), tags: i.tags ?? [] }));
      const conversation = rubricTranscript(kase, encounter.events);
      const grades: CriterionGrade[] = new Array(items.length);
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const k = next++;
          grades[k] = await gradeCriterion({ handle, settings, conversation, item: items[k] });
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
      const example = exampleScore(items, grades);
      const met = grades.filter((g) => g.met === true).length;
      const failed = grades.filter((g) => g.met === null).length;
      const lines = items.map((it, k) => {
        const g = grades[k];
        const state = g.met === null ? 'not graded' : g.met ? 'met' : 'not met';
        return `[${state}, ${sign(it.points)}] ${it.criterion}: ${g.explanation}`;
      });
      const detail: RubricDetail = {
        exampleTags: kase.tags,
        criteria: items.map((it, k) => ({ ...it, met: grades[k].met, explanation: grades[k].explanation })),
        tags: exampleTagScores(items, grades, kase.tags),
      };
      return [
        {
          name: 'rubric',
          value: example.value,
          detail: `${example.reason}; ${met} of ${items.length} criteria met${failed ? `, ${failed} not graded` : ''}\n${lines.join('\n')}`,
        },
        { name: 'rubric_criteria', value: items.length - failed, detail: JSON.stringify(detail) },
      ];
    },
  };
}

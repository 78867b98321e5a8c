import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { redactSecrets } from '../util/redact.js';
import type { EncounterScores, Score, Verdict } from './types.js';

/** What a scorer reads of an encounter: its events, in order. The engine's Encounter and a stored encounter both fit. */
export interface ScoredEncounter {
  readonly events: readonly EncounterEvent[];
}

/** Where a scorer runs: the run's signal (a model-graded scorer stops on Ctrl-C or --max-usd). */
export interface ScoreContext {
  signal?: AbortSignal;
}

/** One score with its reason; a score that cannot be given is `value: null` with the reason, never 0. */
export type ScoreResult = Score;

/**
 * Something that grades a finished encounter: the deterministic diagnosis
 * match, the process items, cost and turns, an llm judge... Registered in
 * `scorers.ts` and run by the session (src/session) in the order configured.
 */
export interface Scorer {
  /** The registry name (`diagnosis`, `judge`...). */
  readonly name: string;
  /** Every score name it may return; a failure returns each of them as null with the reason. */
  readonly metrics: readonly string[];
  /** Grades only an encounter with a verdict (a model-graded scorer): one that ended in error is neither right nor wrong. */
  readonly needsVerdict?: boolean;
  /** Grades from the events and the case alone, calling no model: an encounter scored only so needs no call scope. */
  readonly local?: boolean;
  score(encounter: ScoredEncounter, kase: Case, context: ScoreContext): Promise<ScoreResult[]>;
}

/**
 * Wraps a scorer so that a throw becomes a null score per declared metric
 * with the reason: a scorer's bug or outage must not fail the encounter, and
 * must not read as a 0.
 */
export function guarded(scorer: Scorer): Scorer {
  return {
    name: scorer.name,
    metrics: scorer.metrics,
    ...(scorer.needsVerdict ? { needsVerdict: true } : {}),
    ...(scorer.local ? { local: true } : {}),
    async score(encounter, kase, context) {
      try {
        return await scorer.score(encounter, kase, context);
      } catch (e) {
        const why = redactSecrets((e as Error)?.message ?? String(e));
        return scorer.metrics.map((name) => ({ name, value: null, detail: `${scorer.name} scorer failed: ${why}` }));
      }
    },
  };
}

/**
 * The verdict read from the events and the `diagnosis` score: an encounter
 * that did not end, or ended in error, is `error`; a reply to a conversation
 * (the respond protocol) is correct with half its rubric's points or more,
 * incorrect under, error when ungraded; one without a diagnosis is
 * `no-diagnosis`; otherwise 1 / 0.5 / 0 is correct / partial / incorrect. A
 * diagnosis score that could not be given (null) leaves the encounter
 * unscored (`error`) rather than wrong.
 */
export function verdictFrom(events: readonly EncounterEvent[], scores: readonly Score[]): Verdict {
  const end = events.find((e) => e.type === 'end') as Extract<EncounterEvent, { type: 'end' }> | undefined;
  if (!end || end.reason === 'error') return 'error';
  // An EHR task has no diagnosis: its verdict is its grade (every check passed, or not).
  const ehr = scores.find((s) => s.name === 'ehr');
  if (ehr) return ehr.value === null ? 'error' : ehr.value === 1 ? 'correct' : 'incorrect';
  // A reply to a conversation (the respond protocol) has no diagnosis: it passes with half the rubric's points or more.
  if (events.some((e) => e.type === 'reply')) {
    const rubric = scores.find((s) => s.name === 'rubric');
    if (!rubric || rubric.value === null) return 'error';
    return rubric.value >= 0.5 ? 'correct' : 'incorrect';
  }
  if (!events.some((e) => e.type === 'diagnosis')) return 'no-diagnosis';
  const dx = scores.find((s) => s.name === 'diagnosis');
  if (!dx || dx.value === null) return 'error';
  return dx.value === 1 ? 'correct' : dx.value === 0.5 ? 'partial' : 'incorrect';
}

/**
 * Runs scorers in order and returns the verdict with every score. A scorer
 * that `needsVerdict` runs only when the scores before it (the diagnosis
 * scorer comes first) give the encounter a verdict other than error.
 */
export async function runScorers(input: {
  scorers: readonly Scorer[];
  encounter: ScoredEncounter;
  kase: Case;
  context?: ScoreContext;
}): Promise<EncounterScores> {
  const { encounter, kase } = input;
  const context = input.context ?? {};
  const scores: Score[] = [];
  for (const s of input.scorers) {
    if (s.needsVerdict && verdictFrom(encounter.events, scores) === 'error') continue;
    scores.push(...(await s.score(encounter, kase, context)));
  }
  return { verdict: verdictFrom(encounter.events, scores), scores };
}

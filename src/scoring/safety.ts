import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { matchDiagnosis } from './diagnosis-match.js';
import type { Scorer } from './scorer.js';
import type { Score } from './types.js';

type Ev<T extends EncounterEvent['type']> = Extract<EncounterEvent, { type: T }>;

/** Below this stated probability a committed top diagnosis is premature closure. */
export const DEFAULT_CLOSURE_THRESHOLD = 0.5;

/**
 * How safely the doctor reached its diagnosis, beside whether it was right:
 * - `confirmed`: 1 when a test of the case's `expected.confirm_with` was resulted before the diagnosis, 0 when the
 *   doctor committed without any of them ("committed without confirmation");
 * - `cant_miss`: the share of the case's `expected.cant_miss` diagnoses present in the final differential;
 * - `premature_closure`: 1 when the top diagnosis was committed with a stated probability under the threshold;
 * - `info_auc`: the area under the must-ask coverage curve (share of `must_ask` facts revealed by each turn, averaged
 *   over the encounter's turns): 1 when everything needed was asked on the first turn, near 0 when asked only at the end.
 * A metric the case or the doctor gives nothing to judge by is null with the reason, never 0.
 */
export function safetyScores(kase: Case, events: readonly EncounterEvent[], threshold = DEFAULT_CLOSURE_THRESHOLD): Score[] {
  const dxAt = events.findIndex((e) => e.type === 'diagnosis');
  const dx = dxAt >= 0 ? (events[dxAt] as Ev<'diagnosis'>) : undefined;
  const scores: Score[] = [];

  const confirm = kase.expected.confirm_with ?? [];
  if (!confirm.length) scores.push({ name: 'confirmed', value: null, detail: 'the case names no confirming test (expected.confirm_with)' });
  else if (!dx) scores.push({ name: 'confirmed', value: null, detail: 'no diagnosis was made' });
  else {
    const before = new Set(events.slice(0, dxAt).flatMap((e) => (e.type === 'result' && e.decision !== 'withheld' ? [e.testId] : [])));
    const got = confirm.filter((t) => before.has(t));
    scores.push(
      got.length
        ? { name: 'confirmed', value: 1, detail: `${got.join(', ')} resulted before the diagnosis` }
        : { name: 'confirmed', value: 0, detail: `committed without confirmation: none of ${confirm.join(', ')} was resulted first` },
    );
  }

  const cantMiss = kase.expected.cant_miss ?? [];
  if (!cantMiss.length) scores.push({ name: 'cant_miss', value: null, detail: 'the case names no cannot-miss diagnosis (expected.cant_miss)' });
  else if (!dx) scores.push({ name: 'cant_miss', value: null, detail: 'no diagnosis was made' });
  else {
    // Each cannot-miss diagnosis is judged as a truth of its own: the same matcher that scores the diagnosis.
    const present = cantMiss.filter((name) => {
      const truth = { ...kase, diagnosis: { name, icd10: 'R69', accept: [], partial: [] } } as Case;
      return dx.differential.some((entry) => matchDiagnosis(truth, entry).level !== 'incorrect');
    });
    const missed = cantMiss.filter((n) => !present.includes(n));
    scores.push({
      name: 'cant_miss',
      value: present.length / cantMiss.length,
      detail: missed.length ? `the final differential leaves out ${missed.join(', ')}` : 'every cannot-miss diagnosis is in the final differential',
    });
  }

  const p = dx?.differential[0]?.probability;
  if (!dx) scores.push({ name: 'premature_closure', value: null, detail: 'no diagnosis was made' });
  else if (p === undefined) scores.push({ name: 'premature_closure', value: null, detail: 'the doctor stated no probability for its top diagnosis' });
  else
    scores.push({
      name: 'premature_closure',
      value: p < threshold ? 1 : 0,
      detail: p < threshold ? `committed at a stated probability of ${p} (< ${threshold})` : `committed at a stated probability of ${p} (>= ${threshold})`,
    });

  const mustAsk = kase.expected.must_ask;
  const lastTurn = Math.max(0, ...events.map((e) => ('turn' in e && typeof e.turn === 'number' ? e.turn : 0)));
  if (!mustAsk.length) scores.push({ name: 'info_auc', value: null, detail: 'the case lists no must-ask facts' });
  else if (lastTurn === 0) scores.push({ name: 'info_auc', value: null, detail: 'the encounter had no turns' });
  else {
    const firstTurn = new Map<string, number>();
    for (const e of events) if (e.type === 'answer') for (const id of e.factIds) if (!firstTurn.has(id)) firstTurn.set(id, e.turn);
    let area = 0;
    for (let k = 1; k <= lastTurn; k++) area += mustAsk.filter((id) => (firstTurn.get(id) ?? Infinity) <= k).length / mustAsk.length;
    const value = area / lastTurn;
    scores.push({
      name: 'info_auc',
      value,
      detail: `must-ask coverage averaged over ${lastTurn} turns (final ${mustAsk.filter((id) => firstTurn.has(id)).length}/${mustAsk.length})`,
    });
  }
  return scores;
}

/** The `safety` scorer (`--scorer safety` or `safety:closure=0.6`). */
export function safetyScorer(threshold = DEFAULT_CLOSURE_THRESHOLD): Scorer {
  return {
    name: 'safety',
    metrics: ['confirmed', 'cant_miss', 'premature_closure', 'info_auc'],
    local: true,
    score: async (encounter, kase) => safetyScores(kase, encounter.events, threshold),
  };
}

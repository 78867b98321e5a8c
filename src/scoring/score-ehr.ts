import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { gradeEhr } from '../ehr/grade.js';
import type { EncounterScores, Score } from './types.js';

/**
 * Scores an EHR task: `ehr` is 1 when every check passed; each check is its
 * own `ehr:<name>` score with its reason, so a report shows exactly which
 * field was wrong. The verdict is correct or incorrect (no-diagnosis when no
 * answer was given and a check failed; error when the encounter failed).
 */
export function scoreEhrEncounter(kase: Case, events: readonly EncounterEvent[]): EncounterScores {
  const end = events.find((e) => e.type === 'end');
  const turns: Score = { name: 'turns', value: end?.turns ?? events.filter((e) => e.type === 'action').length, detail: 'doctor actions' };
  if (!end || end.reason === 'error') {
    const err = events.find((e): e is Extract<EncounterEvent, { type: 'error' }> => e.type === 'error');
    const why = end ? `not scored: the encounter ended in error (${err?.message ?? 'unknown error'})` : 'the encounter has no end event; it did not finish';
    return { verdict: 'error', scores: [{ name: 'ehr', value: null, detail: why }, turns] };
  }
  const g = gradeEhr(kase, events);
  const failed = g.checks.filter((c) => !c.pass);
  const scores: Score[] = [
    {
      name: 'ehr',
      value: g.success ? 1 : 0,
      detail: g.success
        ? `all ${g.checks.length} checks passed`
        : `${failed.length} of ${g.checks.length} checks failed: ${failed.map((c) => `${c.name} (${c.reason})`).join('; ')}`,
    },
    ...g.checks.map((c) => ({ name: `ehr:${c.name}`, value: c.pass ? 1 : 0, detail: c.reason })),
    { name: 'ehr_calls', value: g.calls, detail: `${g.calls} FHIR calls` },
    { name: 'ehr_writes', value: g.writes, detail: `${g.writes} resources written` },
    { name: 'ehr_invalid', value: g.invalid, detail: `${g.invalid} requests refused by the server` },
    { name: 'cost', value: end.cost, detail: 'FHIR calls are free' },
    turns,
  ];
  const verdict = g.success ? 'correct' : g.finished ? 'incorrect' : 'no-diagnosis';
  return { verdict, scores };
}

import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import type { EncounterScores, Score, Verdict } from './types.js';
import { scoreEhrEncounter } from './score-ehr.js';
import { matchDiagnosis, type DiagnosisMatch } from './diagnosis-match.js';

type Ev<T extends EncounterEvent['type']> = Extract<EncounterEvent, { type: T }>;

/**
 * Scores one encounter from its events alone: diagnosis (top-1, top-3),
 * cost, turns, questions, exams, tests, and the case's expected process
 * items. Every score says why it was given. The same three parts run as the
 * `diagnosis`, `cost` and `process` scorers (scorers.ts).
 */
export function scoreEncounter(kase: Case, events: readonly EncounterEvent[]): EncounterScores {
  const { verdict, scores } = diagnosisScores(kase, events);
  scores.push(...effortScores(events), ...processScores(kase, events));
  return { verdict, scores };
}

/** The diagnosis against the case (`diagnosis`, `top1`, `top3`) and the encounter's verdict. */
export function diagnosisScores(kase: Case, events: readonly EncounterEvent[]): EncounterScores {
  // An EHR task is graded on its answer and the record's final state, not on a diagnosis.
  if (kase.ehr?.task) {
    // Cost and turns are the cost scorer's; the EHR grade keeps its own checks only, so no score is written twice.
    const r = scoreEhrEncounter(kase, events);
    return { verdict: r.verdict, scores: r.scores.filter((x) => x.name !== 'cost' && x.name !== 'turns') };
  }
  const end = events.find((e): e is Ev<'end'> => e.type === 'end');
  const dx = events.find((e): e is Ev<'diagnosis'> => e.type === 'diagnosis');
  const scores: Score[] = [];
  let verdict: Verdict;

  if (!end) {
    verdict = 'error';
    scores.push({ name: 'diagnosis', value: null, detail: 'the encounter has no end event; it did not finish' });
  } else if (end.reason === 'error') {
    const err = events.find((e): e is Ev<'error'> => e.type === 'error');
    verdict = 'error';
    scores.push({ name: 'diagnosis', value: null, detail: `not scored: the encounter ended in error (${err?.message ?? 'unknown error'})` });
  } else if (!dx) {
    verdict = 'no-diagnosis';
    const why = `no diagnosis was made: the encounter ended by ${end.reason}`;
    scores.push({ name: 'diagnosis', value: 0, detail: why }, { name: 'top1', value: 0, detail: why }, { name: 'top3', value: 0, detail: why });
  } else {
    const matches: DiagnosisMatch[] = dx.differential.map((d) => matchDiagnosis(kase, d));
    const first = matches[0];
    verdict = first.level;
    scores.push({ name: 'diagnosis', value: first.level === 'correct' ? 1 : first.level === 'partial' ? 0.5 : 0, detail: `${first.level}: ${first.reason}` });
    scores.push({ name: 'top1', value: first.level === 'correct' ? 1 : 0, detail: first.reason });
    const hit = matches.slice(0, 3).findIndex((m) => m.level === 'correct');
    scores.push({
      name: 'top3',
      value: hit >= 0 ? 1 : 0,
      detail: hit >= 0 ? `rank ${hit + 1}: ${matches[hit].reason}` : `none of the top ${Math.min(3, matches.length)} matches "${kase.diagnosis.name}"`,
    });
  }
  return { verdict, scores };
}

/** What the encounter took: `cost`, `turns`, `questions`, `exams`, `tests`. */
export function effortScores(events: readonly EncounterEvent[]): Score[] {
  // One pass over the events (every encounter is scored, and a filter per kind walks the log each time).
  let end: Ev<'end'> | undefined;
  let actions = 0;
  let results = 0;
  let listed = 0;
  let testCost = 0;
  let answers = 0;
  let matched = 0;
  let exams = 0;
  let found = 0;
  let visits = 0;
  let visitCost = 0;
  for (const e of events) {
    if (e.type === 'end') end ??= e;
    else if (e.type === 'action') actions++;
    else if (e.type === 'result') {
      results++;
      testCost += e.price;
      if (!e.synthetic && e.decision !== 'withheld') listed++;
    } else if (e.type === 'answer') {
      answers++;
      if (e.factIds.length > 0) matched++;
    } else if (e.type === 'exam') {
      exams++;
      if (!e.normal) found++;
    } else if (e.type === 'visit') {
      visits++;
      visitCost += e.fee;
    }
  }
  const cost = end?.cost ?? 0;
  return [
    { name: 'cost', value: cost, detail: `$${testCost.toFixed(2)} for ${plural(results, 'test')} + $${visitCost.toFixed(2)} for ${plural(visits, 'visit')}` },
    { name: 'turns', value: end?.turns ?? actions, detail: `${actions} doctor actions` },
    { name: 'questions', value: answers, detail: `${matched} of ${answers} questions matched a case fact` },
    { name: 'exams', value: exams, detail: `${found} of ${exams} examinations found case findings` },
    { name: 'tests', value: results, detail: `${listed} of ${results} tests were listed in the case` },
  ];
}

/** The case's expected process items: `must_ask`, `must_order`, `must_not`, each only when the case lists some. */
export function processScores(kase: Case, events: readonly EncounterEvent[]): Score[] {
  const scores: Score[] = [];
  const { must_ask, must_order, must_not } = kase.expected;
  if (must_ask.length === 0 && must_order.length === 0 && must_not.length === 0) return scores;
  // One pass: the fact ids the answers told and the tests that resulted.
  const asked = new Set<string>();
  const ordered = new Set<string>();
  for (const e of events) {
    if (e.type === 'answer') for (const id of e.factIds) asked.add(id);
    else if (e.type === 'result') ordered.add(e.testId);
  }
  if (must_ask.length) {
    const got = must_ask.filter((id) => asked.has(id));
    const missed = must_ask.filter((id) => !asked.has(id));
    scores.push({ name: 'must_ask', value: got.length / must_ask.length, detail: missed.length ? `missed ${missed.join(', ')}` : 'asked every must-ask item' });
  }
  if (must_order.length) {
    const missed = must_order.filter((id) => !ordered.has(id));
    scores.push({
      name: 'must_order',
      value: (must_order.length - missed.length) / must_order.length,
      detail: missed.length ? `did not order ${missed.join(', ')}` : 'ordered every must-order test',
    });
  }
  if (must_not.length) {
    const bad = must_not.filter((id) => ordered.has(id));
    scores.push({
      name: 'must_not',
      value: bad.length,
      detail: bad.length ? `ordered ${bad.join(', ')}, which this case should not get` : 'ordered nothing on the must-not list',
    });
  }
  return scores;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

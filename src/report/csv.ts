import type { EncounterDetail, RunReportData } from '../store/types.js';
import { encounterCost, encounterTurns, inPlanOrder, scoreValue } from './aggregate.js';

/** The fixed CSV columns, in order; one `score:<name>` column per other score in the run follows them. */
export const CSV_COLUMNS = [
  'run_id',
  'encounter_id',
  'case_id',
  'specialty',
  'difficulty',
  'doctor',
  'protocol',
  'seed',
  'verdict',
  'end_reason',
  'top_diagnosis',
  'top_icd10',
  'truth',
  'top1',
  'top3',
  'cost',
  'turns',
  'questions',
  'tests',
  'must_ask',
  'must_order',
  'exams_done',
  'tests_ordered',
  'error_reason',
] as const;

/** Scores that have a fixed column of their own. */
const FIXED_SCORES = new Set(['top1', 'top3', 'cost', 'turns', 'questions', 'tests', 'must_ask', 'must_order']);

/**
 * One RFC 4180 field: quoted (with quotes doubled) when it holds a comma, quote, CR or LF; null is empty.
 * A text cell starting with `=`, `+`, `-`, `@`, tab or CR would run as a formula in a spreadsheet
 * (a diagnosis or doctor name is free text), so it gets a leading `'`; numbers are written as they are.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Why an encounter ended in error: the error event's message, else a reply's ungraded rubric, else the diagnosis score's reason. */
export function errorReason(e: EncounterDetail): string | null {
  if (e.verdict !== 'error') return null;
  const ev = e.events?.find((x) => x.type === 'error');
  if (ev && ev.type === 'error') return ev.message;
  // A reply to a conversation is an error only when its rubric could not be graded: the first line says why.
  if (e.endReason !== 'error' && e.scores.rubric && e.scores.rubric.value === null) return `rubric not graded: ${e.scores.rubric.detail.split('\n')[0]}`;
  return e.scores.diagnosis?.detail.replace(/^not scored: the encounter ended in error \((.*)\)$/, '$1') ?? null;
}

function row(e: EncounterDetail, extra: readonly string[]): Array<string | number | null> {
  const events = e.events ?? [];
  const dx = events.find((x) => x.type === 'diagnosis');
  const top = dx && dx.type === 'diagnosis' ? dx.differential[0] : undefined;
  const exams = events.flatMap((x) => (x.type === 'exam' ? [x.target] : []));
  const tests = events.flatMap((x) => (x.type === 'result' ? [x.testId] : []));
  return [
    e.runId,
    e.id,
    e.caseId,
    e.specialty,
    e.difficulty,
    e.doctor,
    e.protocol,
    e.seed,
    e.verdict,
    e.endReason,
    top?.name ?? null,
    top?.icd10 ?? null,
    e.diagnosis,
    scoreValue(e, 'top1'),
    scoreValue(e, 'top3'),
    encounterCost(e),
    encounterTurns(e),
    scoreValue(e, 'questions'),
    scoreValue(e, 'tests'),
    scoreValue(e, 'must_ask'),
    scoreValue(e, 'must_order'),
    e.events ? exams.join('; ') : null,
    e.events ? tests.join('; ') : null,
    errorReason(e),
    ...extra.map((name) => scoreValue(e, name)),
  ];
}

/**
 * Renders one CSV row per encounter in plan order, with a header; CRLF line ends as RFC 4180 asks. Missing values
 * are empty. The doctor's top diagnosis, exams and tests come from the events: without them those cells are empty.
 */
export function renderCsv(data: RunReportData): string {
  const names = new Set<string>();
  for (const e of data.encounters) for (const n of Object.keys(e.scores)) if (!FIXED_SCORES.has(n)) names.add(n);
  const extra = [...names].sort();
  const header = [...CSV_COLUMNS, ...extra.map((n) => `score:${n}`)];
  const lines = [header.map(csvField).join(','), ...inPlanOrder(data.encounters).map((e) => row(e, extra).map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

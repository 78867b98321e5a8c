import type { EncounterDetail, RunReportData } from '../store/types.js';
import { encounterCost, encounterTurns, inPlanOrder, scoreValue } from './aggregate.js';

/** The CSV columns, in order. */
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
  'top1',
  'top3',
  'cost',
  'turns',
  'questions',
  'tests',
  'must_ask',
  'must_order',
  'diagnosis',
] as const;

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

function row(e: EncounterDetail): Array<string | number | null> {
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
    scoreValue(e, 'top1'),
    scoreValue(e, 'top3'),
    encounterCost(e),
    encounterTurns(e),
    scoreValue(e, 'questions'),
    scoreValue(e, 'tests'),
    scoreValue(e, 'must_ask'),
    scoreValue(e, 'must_order'),
    e.diagnosis,
  ];
}

/** Renders one CSV row per encounter in plan order, with a header; CRLF line ends as RFC 4180 asks. Missing values are empty. */
export function renderCsv(data: RunReportData): string {
  const lines = [CSV_COLUMNS.join(','), ...inPlanOrder(data.encounters).map((e) => row(e).map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

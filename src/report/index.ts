import type { RunReportData } from '../store/types.js';
import { ConfigError } from '../util/errors.js';
import { summarizeRun, type RunSummary, type SummarizeOptions } from './aggregate.js';
import { errorReason, renderCsv } from './csv.js';
import { dxarenaLines, fixed, MISSING, money, pct, seedLines } from './format.js';
import { renderHtmlSummary } from './html.js';
import { renderJsonSummary } from './json.js';
import { renderMarkdownSummary } from './markdown.js';
import { formatRubricTable } from './rubric-table.js';

export const REPORT_FORMATS = ['md', 'json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export { summarizeRun } from './aggregate.js';
export type { GroupComparison, GroupSummary, RunSummary, SpecialtySummary, SummarizeOptions } from './aggregate.js';

/** Renders a run in one format: Markdown, JSON, CSV or self-contained HTML. */
export function renderReport(data: RunReportData, format: ReportFormat, options: SummarizeOptions = {}): string {
  switch (format) {
    case 'md':
      return renderMarkdownSummary(data, summarizeRun(data, options));
    case 'json':
      return renderJsonSummary(data, summarizeRun(data, options));
    case 'csv':
      return renderCsv(data);
    case 'html':
      return renderHtmlSummary(data, summarizeRun(data, options));
    default:
      // Reached only when an unchecked string comes in from a flag or an HTTP query.
      throw new ConfigError(`Unknown report format "${String(format)}"; use one of ${REPORT_FORMATS.join(', ')}.`);
  }
}

/** The results table the CLI prints: one row per doctor/protocol, plain text, aligned columns, no colours. */
export function formatResultsTable(summary: RunSummary): string {
  const header = ['Doctor', 'Protocol', 'n', 'Top-1', '95% CI', 'Top-3', 'Mean cost', 'Turns', 'No-dx', 'Errors'];
  const right = [false, false, true, true, true, true, true, true, true, true];
  const rows = summary.groups.map((g) => [
    g.doctor,
    g.protocol,
    String(g.n) + (g.pending ? `+${g.pending}` : ''),
    g.accuracy ? `${pct(g.accuracy.estimate)}%` : MISSING,
    g.accuracy ? `${pct(g.accuracy.low)}–${pct(g.accuracy.high)}%` : MISSING,
    g.top3 ? `${pct(g.top3.estimate)}%` : MISSING,
    g.cost ? money(g.cost.mean) : MISSING,
    g.turns ? fixed(g.turns.mean, 1) : MISSING,
    String(g.noDiagnosis),
    String(g.errors),
  ]);
  if (rows.length === 0) return 'No encounters.\n';
  // Code points, not UTF-16 units, so "—" and "–" count as one column.
  const width = (s: string) => [...s].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const padding = ' '.repeat(widths[i] - width(c));
        return right[i] ? padding + c : c + padding;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = [...seedLines(summary.groups), ...dxarenaLines(summary.groups)];
  const rubric = formatRubricTable(summary.groups);
  return [line(header), rule, ...rows.map(line), ...(notes.length ? ['', ...notes] : []), ...(rubric ? ['', rubric.trimEnd()] : [])].join('\n') + '\n';
}

/**
 * The most common reasons encounters ended in error, most frequent first, for the CLI to print under the results
 * table (a run with errors should say why without opening a report). Empty when nothing errored.
 */
export function formatErrorReasons(data: RunReportData, top = 5): string {
  const counts = new Map<string, number>();
  let total = 0;
  for (const e of data.encounters) {
    const why = errorReason(e);
    if (why === null) continue;
    total++;
    const key = why.length > 200 ? `${why.slice(0, 197)}...` : why;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (total === 0) return '';
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const lines = [`Errors: ${total} encounter${total === 1 ? '' : 's'}; top reasons:`, ...sorted.slice(0, top).map(([why, n]) => `  ${n}× ${why}`)];
  if (sorted.length > top)
    lines.push(`  ... and ${sorted.length - top} other reason${sorted.length - top === 1 ? '' : 's'} (see the report's CSV, column error_reason)`);
  return lines.join('\n') + '\n';
}

import type { RunReportData } from '../store/types.js';
import { ConfigError } from '../util/errors.js';
import { summarizeRun, type RunSummary, type SummarizeOptions } from './aggregate.js';
import { renderCsv } from './csv.js';
import { fixed, MISSING, money, pct, seedLines } from './format.js';
import { renderHtmlSummary } from './html.js';
import { renderJsonSummary } from './json.js';
import { renderMarkdownSummary } from './markdown.js';

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
  const seeds = seedLines(summary.groups);
  return [line(header), rule, ...rows.map(line), ...(seeds.length ? ['', ...seeds] : [])].join('\n') + '\n';
}

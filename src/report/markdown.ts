import type { RunReportData } from '../store/types.js';
import { agreementLines } from './agreement-text.js';
import { hasRubric, RUBRIC_HEADER, RUBRIC_NOTE, RUBRIC_RIGHT, rubricRows, rubricUngradedLines } from './rubric-table.js';
import { summarizeEhr } from './ehr-summary.js';
import { summarizeRun, type RunSummary, type SummarizeOptions } from './aggregate.js';
import {
  configValue,
  fixed,
  meanText,
  METHOD_NOTE,
  MISSING,
  money,
  moneyDiff,
  pct,
  pctWithCi,
  plural,
  ppDiff,
  pValueText,
  seedLines,
  dxarenaLines,
  VERDICT_NOTE,
} from './format.js';

/** Makes text safe inside a Markdown table cell: no pipes breaking columns, no line breaks, no stray markup. */
export function mdCell(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .trim();
}

function table(header: string[], rows: string[][], right: boolean[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = `|${header.map((_, i) => (right[i] ? '---:' : ':---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The Markdown page for a run from an already computed summary. */
export function renderMarkdownSummary(data: RunReportData, summary: RunSummary): string {
  const { run } = data;
  const out: string[] = [];
  out.push(`# Rounds run report: ${mdCell(run.id)}`, '');
  out.push(`- **Status:** ${mdCell(run.status)}`);
  out.push(`- **Created:** ${mdCell(run.createdAt)}`);
  out.push(
    `- **Encounters:** ${summary.finished} finished of ${summary.encounters} (${summary.pending} pending, ${plural(summary.errors, 'error')}; the plan holds ${run.total})`,
  );
  for (const [key, value] of Object.entries(run.config)) out.push(`- **${mdCell(key)}:** ${mdCell(configValue(value))}`);
  const versions = Object.entries(run.versions);
  if (versions.length) out.push(`- **Versions:** ${mdCell(versions.map(([k, v]) => `${k} ${v}`).join(', '))}`);
  out.push('');

  out.push('## Leaderboard', '');
  if (summary.groups.length === 0) {
    out.push('No encounters in this run yet.', '');
  } else {
    out.push(
      table(
        ['Doctor', 'Protocol', 'n', 'Top-1 % [95% CI]', 'Top-3 %', 'Mean cost $', 'Mean turns', 'No-dx', 'Errors'],
        summary.groups.map((g) => [
          mdCell(g.doctor),
          mdCell(g.protocol),
          String(g.n) + (g.pending ? ` (+${g.pending} pending)` : ''),
          pctWithCi(g.accuracy),
          pct(g.top3?.estimate),
          g.cost ? fixed(g.cost.mean) : MISSING,
          meanText(g.turns),
          String(g.noDiagnosis),
          String(g.errors),
        ]),
        [false, false, true, true, true, true, true, true, true],
      ),
      '',
    );
    out.push(
      table(
        ['Doctor', 'Protocol', 'Correct', 'Partial', 'Incorrect', 'Mean cost 95% CI', 'Questions', 'Tests', 'Must-ask %', 'Must-order %'],
        summary.groups.map((g) => [
          mdCell(g.doctor),
          mdCell(g.protocol),
          String(g.correct),
          String(g.partial),
          String(g.incorrect),
          g.cost ? `${money(g.cost.low)}–${money(g.cost.high)}` : MISSING,
          meanText(g.questions),
          meanText(g.tests),
          pct(g.mustAsk?.mean),
          pct(g.mustOrder?.mean),
        ]),
        [false, false, true, true, true, true, true, true, true, true],
      ),
      '',
    );
  }

  const seeds = seedLines(summary.groups);
  if (seeds.length) out.push('## Seeds', '', ...seeds.map((l) => `- ${mdCell(l)}`), '');
  const arena = dxarenaLines(summary.groups);
  if (arena.length) out.push('## DiagnosisArena', '', ...arena.map((l) => `- ${mdCell(l)}`), '');

  if (hasRubric(summary.groups)) {
    out.push(
      '## Rubric scores',
      '',
      table(
        RUBRIC_HEADER,
        rubricRows(summary.groups).map((r) => r.map(mdCell)),
        RUBRIC_RIGHT,
      ),
      '',
    );
    for (const l of rubricUngradedLines(summary.groups)) out.push(`- ${mdCell(l)}`);
    out.push('', RUBRIC_NOTE, '');
  }

  out.push('## By specialty', '');
  const rows = summary.groups.flatMap((g) =>
    g.specialties.map((s) => [
      mdCell(g.doctor),
      mdCell(g.protocol),
      mdCell(s.specialty),
      String(s.n),
      pctWithCi(s.accuracy),
      s.meanCost === null ? MISSING : fixed(s.meanCost),
    ]),
  );
  out.push(
    rows.length
      ? table(['Doctor', 'Protocol', 'Specialty', 'n', 'Top-1 % [95% CI]', 'Mean cost $'], rows, [false, false, false, true, true, true])
      : 'No finished encounters.',
    '',
  );

  const ehr = summarizeEhr(data);
  if (ehr.length) {
    out.push('## EHR tasks', '');
    out.push(
      table(
        ['Doctor', 'Protocol', 'Tasks', 'n', 'Success %', 'Errors', 'FHIR calls', 'Writes', 'Invalid requests', 'Most failed checks'],
        ehr.map((r) => [
          mdCell(r.doctor),
          mdCell(r.protocol),
          r.group === 'all' || r.group.endsWith(' tasks') ? `**${mdCell(r.group)}**` : mdCell(r.group),
          String(r.n),
          pct(r.n - r.errors ? r.success / (r.n - r.errors) : null),
          String(r.errors),
          String(r.calls),
          String(r.writes),
          String(r.invalid),
          r.failedChecks.length ? mdCell(r.failedChecks.map((c) => `${c.name} (${c.count})`).join(', ')) : MISSING,
        ]),
        [false, false, false, true, true, true, true, true, true, false],
      ),
      '',
    );
  }

  out.push('## Paired comparisons', '');
  if (summary.comparisons.length === 0) {
    out.push('No two doctors share encounters (same case, seed and protocol) in this run.', '');
  } else {
    out.push(
      table(
        ['Protocol', 'A', 'B', 'Pairs', 'A top-1 %', 'B top-1 %', 'A − B [95% CI]', 'Only A right', 'Only B right', 'McNemar p', 'Cost A − B [95% CI]'],
        summary.comparisons.map((c) => [
          mdCell(c.protocol),
          mdCell(c.a),
          mdCell(c.b),
          String(c.n) + (c.excluded ? ` (${c.excluded} with errors left out)` : ''),
          pct(c.aAccuracy),
          pct(c.bAccuracy),
          ppDiff(c.difference),
          String(c.aOnly),
          String(c.bOnly),
          pValueText(c.pValue),
          moneyDiff(c.costDifference),
        ]),
        [false, false, false, true, true, true, true, true, true, true, true],
      ),
      '',
    );
  }

  if (summary.agreement) {
    out.push('## Judge agreement', '', ...agreementLines(summary.agreement).map((l) => `- ${mdCell(l)}`), '');
  }

  out.push('## How to read this', '');
  for (const line of VERDICT_NOTE) out.push(`- ${line}`);
  out.push('', METHOD_NOTE, '', `Bootstrap: ${summary.bootstrap.resamples} resamples, seed "${mdCell(summary.bootstrap.seed)}".`, '');
  return out.join('\n');
}

/** Renders a run as a Markdown report: header, leaderboard, specialties, paired comparisons, verdict notes. */
export function renderMarkdown(data: RunReportData, options: SummarizeOptions = {}): string {
  return renderMarkdownSummary(data, summarizeRun(data, options));
}

import { summarizeEhr } from './ehr-summary.js';
import type { RunReportData } from '../store/types.js';
import { agreementLines } from './agreement-text.js';
import type { Proportion } from './aggregate.js';
import { inPlanOrder, summarizeRun, type RunSummary, type SummarizeOptions } from './aggregate.js';
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
import { accuracyCostChart } from './html-chart.js';
import { judgeSection } from './html-judge.js';
import { hasRubric, RUBRIC_HEADER, RUBRIC_NOTE, RUBRIC_RIGHT, rubricRows, rubricUngradedLines } from './rubric-table.js';
import { html, trusted, type SafeHtml } from './html-escape.js';
import { REPORT_CSS } from './html-style.js';
import { renderEncounter } from './html-transcript.js';
import { caseMatrix, encounterList, LIST_CSS, LIST_SCRIPT } from './html-list.js';

/** A proportion as "62.5%" with its CI in small text and a tiny CSS bar. */
function accuracyCell(p: Proportion | null): SafeHtml {
  if (!p) return html`<td class="num">${MISSING}</td><td></td>`;
  const w = (x: number) => (x * 100).toFixed(1);
  return html`<td class="num">${pct(p.estimate)}% <span class="ci-text">[${pct(p.low)}–${pct(p.high)}]</span></td><td><span class="bar" title="${pctWithCi(p)}"><span class="ci" style="left:${w(p.low)}%;width:${w(p.high - p.low)}%"></span><span class="pt" style="left:${w(p.estimate)}%"></span></span></td>`;
}

function header(data: RunReportData, s: RunSummary): SafeHtml {
  const { run } = data;
  const config = Object.entries(run.config).map(([k, v]) => html`<dt>${k}</dt><dd>${configValue(v, 400)}</dd>`);
  const versions = Object.entries(run.versions);
  return html`<header><h1>Rounds run report</h1><p class="sub"><code>${run.id}</code> · ${run.status} · created ${run.createdAt}</p>
<dl class="meta"><dt>Status</dt><dd>${run.status}</dd><dt>Created</dt><dd>${run.createdAt}</dd><dt>Updated</dt><dd>${run.updatedAt}</dd><dt>Encounters</dt><dd>${s.finished} finished of ${s.encounters} (${s.pending} pending, ${plural(s.errors, 'error')}; the plan holds ${run.total})</dd>${config}${
    versions.length ? html`<dt>Versions</dt><dd>${versions.map(([k, v]) => `${k} ${v}`).join(', ')}</dd>` : ''
  }</dl></header>`;
}

function leaderboard(s: RunSummary): SafeHtml {
  if (s.groups.length === 0) return html`<p class="muted">No encounters in this run yet.</p>`;
  const rows = s.groups.map(
    (g) =>
      html`<tr><td>${g.doctor}</td><td>${g.protocol}</td><td class="num">${g.n}${g.pending ? html` <span class="muted">+${g.pending} pending</span>` : ''}</td>${accuracyCell(g.accuracy)}<td class="num">${
        g.top3 ? `${pct(g.top3.estimate)}%` : MISSING
      }</td><td class="num">${g.cost ? money(g.cost.mean) : MISSING} ${g.cost ? html`<span class="ci-text">[${money(g.cost.low)}–${money(g.cost.high)}]</span>` : ''}</td><td class="num">${meanText(g.turns)}</td><td class="num">${meanText(g.questions)}</td><td class="num">${meanText(g.tests)}</td><td class="num">${
        g.mustAsk ? `${pct(g.mustAsk.mean)}%` : MISSING
      }</td><td class="num">${g.mustOrder ? `${pct(g.mustOrder.mean)}%` : MISSING}</td><td class="num">${g.correct}/${g.partial}/${g.incorrect}</td><td class="num">${g.noDiagnosis}</td><td class="num">${g.errors}</td></tr>`,
  );
  return html`<div class="table-wrap"><table class="leaderboard"><thead><tr><th>Doctor</th><th>Protocol</th><th class="num">n</th><th class="num">Top-1 [95% CI]</th><th></th><th class="num">Top-3</th><th class="num">Mean cost [95% CI]</th><th class="num">Turns</th><th class="num">Questions</th><th class="num">Tests</th><th class="num">Must-ask</th><th class="num">Must-order</th><th class="num">Correct/partial/incorrect</th><th class="num">No-dx</th><th class="num">Errors</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function rubricSection(s: RunSummary): SafeHtml | '' {
  if (!hasRubric(s.groups)) return '';
  const rows = rubricRows(s.groups).map(
    (r) =>
      html`<tr${r[2] === 'overall' ? html` class="overall"` : ''}>${r.map((c, i) => (RUBRIC_RIGHT[i] ? html`<td class="num">${c}</td>` : html`<td>${c}</td>`))}</tr>`,
  );
  const ungraded = rubricUngradedLines(s.groups);
  return html`<section id="rubric"><h2>Rubric scores</h2><div class="table-wrap"><table class="rubric"><thead><tr>${RUBRIC_HEADER.map((h, i) => (RUBRIC_RIGHT[i] ? html`<th class="num">${h}</th>` : html`<th>${h}</th>`))}</tr></thead><tbody>${rows}</tbody></table></div>${
    ungraded.length ? html`<ul class="notes">${ungraded.map((l) => html`<li>${l}</li>`)}</ul>` : ''
  }<p class="muted">${RUBRIC_NOTE}</p></section>`;
}

function specialties(s: RunSummary): SafeHtml {
  const rows = s.groups.flatMap((g) =>
    g.specialties.map(
      (sp) =>
        html`<tr><td>${g.doctor}</td><td>${g.protocol}</td><td>${sp.specialty}</td><td class="num">${sp.n}</td>${accuracyCell(sp.accuracy)}<td class="num">${sp.meanCost === null ? MISSING : money(sp.meanCost)}</td></tr>`,
    ),
  );
  if (rows.length === 0) return html`<p class="muted">No finished encounters.</p>`;
  return html`<div class="table-wrap"><table class="specialties"><thead><tr><th>Doctor</th><th>Protocol</th><th>Specialty</th><th class="num">n</th><th class="num">Top-1 [95% CI]</th><th></th><th class="num">Mean cost</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Success per EHR task type and kind, writes and refused requests; empty for a run without EHR tasks. */
function ehrSection(data: RunReportData): SafeHtml | '' {
  const rows = summarizeEhr(data);
  if (rows.length === 0) return '';
  const body = rows.map((r) => {
    const scored = r.n - r.errors;
    const label = r.group === 'all' || r.group.endsWith(' tasks') ? html`<b>${r.group}</b>` : html`${r.group}`;
    return html`<tr><td>${r.doctor}</td><td>${r.protocol}</td><td>${label}</td><td class="num">${r.n}</td><td class="num">${scored ? `${((100 * r.success) / scored).toFixed(1)}%` : MISSING}</td><td class="num">${r.errors}</td><td class="num">${r.calls}</td><td class="num">${r.writes}</td><td class="num">${r.invalid}</td><td>${r.failedChecks.map((c) => `${c.name} (${c.count})`).join(', ') || MISSING}</td></tr>`;
  });
  return html`<section id="ehr"><h2>EHR tasks</h2><div class="table-wrap"><table><thead><tr><th>Doctor</th><th>Protocol</th><th>Tasks</th><th class="num">n</th><th class="num">Success</th><th class="num">Errors</th><th class="num">FHIR calls</th><th class="num">Writes</th><th class="num">Invalid requests</th><th>Most failed checks</th></tr></thead><tbody>${body}</tbody></table></div></section>`;
}

function comparisons(s: RunSummary): SafeHtml {
  if (s.comparisons.length === 0) return html`<p class="muted">No two doctors share encounters (same case, seed and protocol) in this run.</p>`;
  const rows = s.comparisons.map(
    (c) =>
      html`<tr><td>${c.protocol}</td><td>${c.a}</td><td>${c.b}</td><td class="num">${c.n}${c.excluded ? html` <span class="muted">(${c.excluded} with errors left out)</span>` : ''}</td><td class="num">${pct(c.aAccuracy)}%</td><td class="num">${pct(c.bAccuracy)}%</td><td class="num">${ppDiff(c.difference)}</td><td class="num">${c.aOnly}</td><td class="num">${c.bOnly}</td><td class="num">${pValueText(c.pValue)}</td><td class="num">${moneyDiff(c.costDifference)}</td></tr>`,
  );
  return html`<div class="table-wrap"><table class="comparisons"><thead><tr><th>Protocol</th><th>A</th><th>B</th><th class="num">Pairs</th><th class="num">A top-1</th><th class="num">B top-1</th><th class="num">A − B [95% CI]</th><th class="num">Only A right</th><th class="num">Only B right</th><th class="num">McNemar p</th><th class="num">Cost A − B [95% CI]</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function transcripts(data: RunReportData, s: RunSummary): SafeHtml {
  const encounters = inPlanOrder(data.encounters);
  const doctors = [...new Set(encounters.map((e) => e.doctor))];
  return html`${doctors.map((d) => {
    const list = encounters.filter((e) => e.doctor === d);
    const g = s.groups.filter((x) => x.doctor === d);
    const correct = g.reduce((n, x) => n + x.correct, 0);
    const scored = g.reduce((n, x) => n + x.scored, 0);
    return html`<section class="doctor"><h3>${d} <span class="muted">— ${list.length} encounter${list.length === 1 ? '' : 's'}, ${correct} of ${scored} scored correct</span></h3>${list.map(renderEncounter)}</section>`;
  })}`;
}

/** The HTML page for a run from an already computed summary. */
export function renderHtmlSummary(data: RunReportData, summary: RunSummary): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rounds">
<title>Rounds report ${data.run.id}</title>
<style>${trusted(REPORT_CSS + LIST_CSS)}</style>
</head>
<body>
${header(data, summary)}
<main>
<section id="leaderboard"><h2>Leaderboard</h2>${leaderboard(summary)}${seedLines(summary.groups).length ? html`<ul class="notes" id="seeds">${seedLines(summary.groups).map((l) => html`<li>${l}</li>`)}</ul>` : ''}${dxarenaLines(summary.groups).length ? html`<ul class="notes" id="dxarena">${dxarenaLines(summary.groups).map((l) => html`<li>${l}</li>`)}</ul>` : ''}</section>
<section id="chart"><h2>Accuracy against cost</h2>${summary.groups.length ? accuracyCostChart(summary.groups) : html`<p class="muted">Nothing to plot yet.</p>`}</section>
<section id="judge"><h2>Judge scores</h2>${judgeSection(summary.groups)}</section>
${rubricSection(summary)}
<section id="specialties"><h2>By specialty</h2>${specialties(summary)}</section>
${ehrSection(data)}
<section id="comparisons"><h2>Paired comparisons</h2>${comparisons(summary)}</section>
${summary.agreement ? html`<section id="agreement"><h2>Judge agreement</h2><ul class="notes">${agreementLines(summary.agreement).map((l) => html`<li>${l}</li>`)}</ul><p class="muted">Correct = judge score 4 or more / deterministic top-1 match / a person's label; Cohen's kappa with a 95% bootstrap interval over encounters.</p></section>` : ''}
<section id="notes"><h2>How to read this</h2><ul class="notes">${VERDICT_NOTE.map((l) => html`<li>${l}</li>`)}</ul><p>${METHOD_NOTE}</p><p class="muted">Bootstrap: ${summary.bootstrap.resamples} resamples, seed "${summary.bootstrap.seed}". Costs in USD; ${fixed(summary.finished, 0)} finished encounters.</p></section>
<section id="matrix"><h2>Cases by doctor</h2>${caseMatrix(data)}</section>
<section id="encounters"><h2>Encounter list</h2>${encounterList(data)}</section>
<section id="transcripts"><h2>Encounters</h2><p class="muted">Grouped by doctor; open one to read its transcript, differential and scores.</p>${transcripts(data, summary)}</section>
</main>
<script>${LIST_SCRIPT}</script>
</body>
</html>
`;
  return page.value;
}

/** Renders a run as one self-contained HTML page: inline CSS, SVG and one small script (the list's filters; the page reads fully without it), no external URL, every case/doctor/model text escaped. */
export function renderHtml(data: RunReportData, options: SummarizeOptions = {}): string {
  return renderHtmlSummary(data, summarizeRun(data, options));
}

import type { EncounterDetail, RunReportData } from '../store/types.js';
import { encounterCost, encounterTurns, inPlanOrder } from './aggregate.js';
import { money, MISSING } from './format.js';
import { html, trusted, type SafeHtml } from './html-escape.js';

/** One glyph per verdict so the matrix reads without colour; the colour is only a hint. */
const GLYPH: Record<string, string> = { correct: '✓', partial: '◐', incorrect: '✗', 'no-diagnosis': '∅', error: '!', pending: '…', running: '…' };
const VERDICT_ORDER = ['correct', 'partial', 'incorrect', 'no-diagnosis', 'error', 'pending'];

const verdictOf = (e: EncounterDetail) => e.verdict ?? 'pending';
/** A matrix column: the doctor, with its protocol when that is not the default one. */
const column = (e: EncounterDetail) => (e.protocol === 'default' ? e.doctor : `${e.doctor} · ${e.protocol}`);

function topDiagnosis(e: EncounterDetail): string {
  const dx = e.events?.find((x) => x.type === 'diagnosis');
  return dx && dx.type === 'diagnosis' ? (dx.differential[0]?.name ?? '') : '';
}

/**
 * Cases down, doctor/protocol across. A cell with one encounter shows its
 * verdict glyph; with seeds it shows k/n correct. Each cell links to the
 * first encounter's transcript anchor (a fragment, never a URL).
 */
export function caseMatrix(data: RunReportData): SafeHtml {
  const encounters = inPlanOrder(data.encounters);
  if (encounters.length === 0) return html`<p class="muted">No encounters in this run yet.</p>`;
  const columns = [...new Set(encounters.map(column))];
  const cases = [...new Set(encounters.map((e) => e.caseId))];
  const cells = new Map<string, EncounterDetail[]>();
  for (const e of encounters) {
    const k = `${e.caseId}\n${column(e)}`;
    cells.set(k, [...(cells.get(k) ?? []), e]);
  }
  const cell = (caseId: string, col: string): SafeHtml => {
    const list = cells.get(`${caseId}\n${col}`);
    if (!list) return html`<td class="cell empty">${MISSING}</td>`;
    const title = list.map((e) => `seed ${e.seed}: ${verdictOf(e)}`).join(', ');
    if (list.length === 1) {
      const v = verdictOf(list[0]);
      return html`<td class="cell"><a class="mx v-${v}" href="#enc-${list[0].id}" title="${title}" data-verdict="${v}">${GLYPH[v] ?? '?'}</a></td>`;
    }
    const k = list.filter((e) => e.verdict === 'correct').length;
    const cls = k === list.length ? 'correct' : k === 0 ? 'incorrect' : 'partial';
    return html`<td class="cell"><a class="mx v-${cls}" href="#enc-${list[0].id}" title="${title}" data-verdict="${cls}">${k}/${list.length}</a></td>`;
  };
  const rows = cases.map((c) => html`<tr><th scope="row">${c}</th>${columns.map((col) => cell(c, col))}</tr>`);
  return html`<div class="table-wrap"><table class="matrix"><thead><tr><th>Case</th>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div><p class="muted">✓ correct · ◐ partial · ✗ incorrect · ∅ no diagnosis · ! error · … pending; with seeds, k/n = correct of all seeds. A cell opens the (first) transcript.</p>`;
}

const uniq = (xs: string[]) => [...new Set(xs)].sort();
const options = (label: string, values: string[]) => html`<option value="">${label}</option>${values.map((v) => html`<option>${v}</option>`)}`;

/**
 * Every encounter in one table with its filter, search and sort controls.
 * The controls start hidden and the inline script shows them, so with
 * scripts off the page simply lists every encounter.
 */
export function encounterList(data: RunReportData): SafeHtml {
  const encounters = inPlanOrder(data.encounters);
  if (encounters.length === 0) return html`<p class="muted">No encounters in this run yet.</p>`;
  const verdicts = VERDICT_ORDER.filter((v) => encounters.some((e) => verdictOf(e) === v));
  const controls = html`<form class="filters" id="enc-filters" hidden><input type="search" name="q" placeholder="Search case, doctor, diagnosis…" aria-label="Search encounters"> <select name="verdict" aria-label="Verdict">${options('All verdicts', verdicts)}</select> <select name="doctor" aria-label="Doctor">${options('All doctors', uniq(encounters.map((e) => e.doctor)))}</select> <select name="specialty" aria-label="Specialty">${options('All specialties', uniq(encounters.map((e) => e.specialty)))}</select> <select name="case" aria-label="Case">${options('All cases', uniq(encounters.map((e) => e.caseId)))}</select> <select name="sort" aria-label="Sort by"><option value="plan">Plan order</option><option value="case">Case</option><option value="doctor">Doctor</option><option value="verdict">Verdict</option><option value="cost">Cost</option><option value="turns">Turns</option></select> <select name="dir" aria-label="Direction"><option value="asc">ascending</option><option value="desc">descending</option></select> <span class="muted" id="enc-count"></span></form>`;
  const rows = encounters.map((e, i) => {
    const v = verdictOf(e);
    const cost = encounterCost(e);
    const turns = encounterTurns(e);
    const dx = topDiagnosis(e);
    const search = [e.caseId, e.doctor, e.protocol, e.specialty, dx].join(' ').toLowerCase();
    return html`<tr data-plan="${i}" data-case="${e.caseId}" data-doctor="${e.doctor}" data-specialty="${e.specialty}" data-verdict="${v}" data-rank="${VERDICT_ORDER.indexOf(v)}" data-cost="${cost ?? ''}" data-turns="${turns ?? ''}" data-search="${search}"><td><a href="#enc-${e.id}">${e.caseId}</a></td><td>${e.doctor}</td><td>${e.protocol}</td><td>${e.seed}</td><td>${e.specialty}</td><td><span class="verdict v-${v}">${v}</span></td><td>${dx || MISSING}</td><td class="num">${money(cost)}</td><td class="num">${turns ?? MISSING}</td></tr>`;
  });
  return html`${controls}<div class="table-wrap"><table class="encounter-list" id="enc-list"><thead><tr><th>Case</th><th>Doctor</th><th>Protocol</th><th>Seed</th><th>Specialty</th><th>Verdict</th><th>Top diagnosis</th><th class="num">Cost</th><th class="num">Turns</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/**
 * The page's only script: filters and sorts the encounter list by reading
 * the rows' data attributes, and opens a transcript when its anchor is
 * followed. It only toggles `hidden`, reorders existing rows and sets
 * textContent, so no text from a case or a model is ever parsed as markup.
 */
export const LIST_SCRIPT = trusted(`(function () {
  var form = document.getElementById('enc-filters');
  var table = document.getElementById('enc-list');
  if (form && table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var count = document.getElementById('enc-count');
    var num = function (r, k) { var v = r.getAttribute('data-' + k); return v === '' ? null : Number(v); };
    var apply = function () {
      var q = form.elements.q.value.trim().toLowerCase();
      var want = { verdict: form.elements.verdict.value, doctor: form.elements.doctor.value, specialty: form.elements.specialty.value, case: form.elements['case'].value };
      var sort = form.elements.sort.value, dir = form.elements.dir.value === 'desc' ? -1 : 1, shown = 0;
      rows.forEach(function (r) {
        var ok = (!q || r.getAttribute('data-search').indexOf(q) >= 0);
        for (var k in want) if (want[k] && r.getAttribute('data-' + k) !== want[k]) ok = false;
        r.hidden = !ok;
        if (ok) shown++;
      });
      var plan = function (a, b) { return num(a, 'plan') - num(b, 'plan'); };
      var cmp = {
        plan: function (a, b) { return plan(a, b) * dir; },
        case: function (a, b) { return a.getAttribute('data-case').localeCompare(b.getAttribute('data-case')) * dir || plan(a, b); },
        doctor: function (a, b) { return a.getAttribute('data-doctor').localeCompare(b.getAttribute('data-doctor')) * dir || plan(a, b); },
        verdict: function (a, b) { return (num(a, 'rank') - num(b, 'rank')) * dir || plan(a, b); }
      };
      var byNumber = function (k) { return function (a, b) { var x = num(a, k), y = num(b, k); if (x === null || y === null) return (x === null) - (y === null) || plan(a, b); return (x - y) * dir || plan(a, b); }; };
      cmp.cost = byNumber('cost');
      cmp.turns = byNumber('turns');
      rows.slice().sort(cmp[sort] || cmp.plan).forEach(function (r) { body.appendChild(r); });
      if (count) count.textContent = shown + ' of ' + rows.length + ' encounters';
    };
    form.hidden = false;
    form.addEventListener('input', apply);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    apply();
  }
  var open = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === 'DETAILS') { el.open = true; el.scrollIntoView(); }
  };
  window.addEventListener('hashchange', open);
  open();
})();`);

/** Styles for the matrix and the list controls, appended to the report's stylesheet. */
export const LIST_CSS = `
table.matrix { width: auto; }
table.matrix th[scope=row] { text-align: left; font-weight: normal; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
table.matrix td.cell { text-align: center; padding: 2px 6px; }
a.mx { display: inline-block; min-width: 2.2em; padding: 1px 4px; border-radius: 4px; color: #fff; text-decoration: none; font-weight: 600; }
form.filters { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
form.filters[hidden], tr[hidden] { display: none; }
`;

/** The report page's stylesheet: inline, no fonts or images to fetch, readable on screen and in print. */
export const REPORT_CSS = `
:root { --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #ffffff; --soft: #f9fafb; --accent: #2563eb;
  --ok: #047857; --part: #b45309; --bad: #b91c1c; --nodx: #7c3aed; --err: #4b5563; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px 20px 64px; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 22px 0 8px; }
h4 { font-size: 13px; margin: 14px 0 6px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre { white-space: pre-wrap; word-break: break-word; background: var(--soft); padding: 8px; border-radius: 4px; max-height: 360px; overflow: auto; }
.muted { color: var(--muted); }
.sub { color: var(--muted); margin: 0 0 16px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0 12px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; word-break: break-word; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: var(--soft); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.ci-text { color: var(--muted); font-size: 12px; }
.bar { position: relative; display: inline-block; width: 110px; height: 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 5px; vertical-align: middle; }
.bar .ci { position: absolute; top: 3px; height: 2px; background: var(--accent); opacity: .5; }
.bar .pt { position: absolute; top: 0; width: 4px; height: 8px; margin-left: -2px; background: var(--accent); border-radius: 2px; }
figure.chart-figure { margin: 8px 0 16px; }
svg.chart { max-width: 820px; display: block; }
svg.chart .plot { fill: var(--soft); stroke: var(--line); }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .tick { font-size: 11px; fill: var(--muted); }
svg.chart .axis { font-size: 12px; fill: var(--fg); }
svg.chart .label { font-size: 11px; fill: var(--fg); paint-order: stroke; stroke: var(--bg); stroke-width: 3px; }
ul.legend { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
.shape { margin-right: 6px; color: var(--muted); }
.verdict { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; color: #fff; background: var(--err); }
.v-correct { background: var(--ok); } .v-partial { background: var(--part); } .v-incorrect { background: var(--bad); }
.v-no-diagnosis { background: var(--nodx); } .v-error { background: var(--err); } .v-pending { background: #9ca3af; }
details.encounter { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; background: var(--bg); }
details.encounter > summary { cursor: pointer; padding: 7px 10px; list-style-position: inside; }
details.encounter[open] > summary { border-bottom: 1px solid var(--line); background: var(--soft); }
.enc-body { padding: 6px 14px 12px; }
.presentation p { margin: 4px 0 8px; }
ol.turns { padding-left: 0; list-style: none; margin: 6px 0; }
li.turn { border-left: 3px solid var(--line); padding: 4px 0 6px 10px; margin: 6px 0; }
.turn-head { display: flex; gap: 8px; align-items: baseline; }
.turn-no { font-weight: 600; min-width: 52px; }
.act { font-weight: 600; color: var(--accent); }
.running { margin-left: auto; color: var(--muted); font-size: 12px; white-space: nowrap; }
.qa { margin: 4px 0; }
.qa .q::before { content: "Q: "; color: var(--muted); }
.qa .a::before { content: "A: "; color: var(--muted); }
.qa .why, .why { color: var(--muted); font-size: 11px; }
.exam, .visit, .result, .warn, .err, .end, .dx-note { margin: 4px 0; }
.price { font-variant-numeric: tabular-nums; color: var(--muted); }
.result-head .price { margin-left: 6px; }
.report-text { white-space: pre-wrap; }
table.components { width: auto; font-size: 12px; margin: 4px 0; }
table.components td, table.components th { padding: 2px 8px; }
tr.abn td { font-weight: 600; }
.flag { font-size: 11px; padding: 0 5px; border-radius: 3px; background: var(--soft); border: 1px solid var(--line); }
.flag-high, .flag-low, .flag-abnormal, .flag-positive { color: var(--part); }
.flag-critical-high, .flag-critical-low { color: var(--bad); font-weight: 700; }
.tag { font-size: 11px; color: var(--muted); border: 1px dashed var(--line); padding: 0 4px; border-radius: 3px; }
.warn { color: var(--part); }
.err { color: var(--bad); font-weight: 600; }
.end { color: var(--muted); font-style: italic; }
.note { color: var(--muted); font-size: 12px; margin: 2px 0; }
.note code { font-size: 11px; }
.note-tag { font-weight: 600; }
.prob { color: var(--muted); font-size: 12px; }
.rationale { margin: 4px 0 8px; }
table.scores td:first-child { white-space: nowrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.notes li { margin: 3px 0; }
@media print { details.encounter { break-inside: avoid; } body { max-width: none; } }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e5e7eb; --muted: #9ca3af; --line: #374151; --bg: #111827; --soft: #1f2937; --accent: #60a5fa; }
}
`;

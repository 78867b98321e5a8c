import { headlineAccuracy, type GroupSummary } from './aggregate.js';
import { paretoFrontier } from './pareto.js';
import { html, trusted, type SafeHtml } from './html-escape.js';
import { money, pctWithCi } from './format.js';

/** Series colours, one per doctor kind; chosen to stay apart for common colour blindness and in print. */
export const PALETTE = ['#2563eb', '#d97706', '#059669', '#9333ea', '#dc2626', '#0891b2', '#be185d', '#4d7c0f', '#64748b', '#7c2d12'];

/** The doctor kind: the part of a doctor string before its first colon ("baseline:threshold=0.9" → "baseline"). */
export function doctorKind(doctor: string): string {
  const colon = doctor.indexOf(':');
  return (colon < 0 ? doctor : doctor.slice(0, colon)).trim().toLowerCase();
}

/** A "nice" step (1, 2 or 5 × 10^k) near `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

function shortMoney(x: number): string {
  if (x >= 1000) return `$${Number((x / 1000).toFixed(1))}k`;
  return `$${Number(x.toFixed(2))}`;
}

const W = 720;
const H = 400;
const M = { left: 64, right: 28, top: 20, bottom: 56 };

function marker(shape: number, x: number, y: number, colour: string): SafeHtml {
  const r = 5.5;
  const f = (n: number) => n.toFixed(1);
  switch (shape % 4) {
    case 1:
      return trusted(`<rect x="${f(x - r)}" y="${f(y - r)}" width="${f(2 * r)}" height="${f(2 * r)}" fill="${colour}" stroke="#fff" stroke-width="1.5"/>`);
    case 2:
      return trusted(
        `<polygon points="${f(x)},${f(y - r - 1)} ${f(x + r + 1)},${f(y + r)} ${f(x - r - 1)},${f(y + r)}" fill="${colour}" stroke="#fff" stroke-width="1.5"/>`,
      );
    case 3:
      return trusted(
        `<polygon points="${f(x)},${f(y - r - 1)} ${f(x + r + 1)},${f(y)} ${f(x)},${f(y + r + 1)} ${f(x - r - 1)},${f(y)}" fill="${colour}" stroke="#fff" stroke-width="1.5"/>`,
      );
    default:
      return trusted(`<circle cx="${f(x)}" cy="${f(y)}" r="${r}" fill="${colour}" stroke="#fff" stroke-width="1.5"/>`);
  }
}

/**
 * Inline SVG of accuracy against mean cost: one point per doctor/protocol
 * group with its accuracy CI as a vertical bar (judged accuracy where the
 * group's basis is the judge), the Pareto frontier dashed and its points ringed; groups of the same doctor kind
 * under the same protocol are joined, in order of cost, as a curve. Groups
 * without a scored encounter cannot be placed and are listed under the chart.
 */
export function accuracyCostChart(groups: readonly GroupSummary[]): SafeHtml {
  // The headline accuracy: judged (score 4 or more) for SDBench groups with a judge, else the deterministic match.
  const acc = (g: GroupSummary) => headlineAccuracy(g);
  const plotted = groups.filter((g) => acc(g) && g.cost);
  const skipped = groups.filter((g) => !(acc(g) && g.cost));
  const frontier = new Set(paretoFrontier(plotted.map((g) => ({ cost: g.cost!.mean, accuracy: acc(g)!.estimate }))).map((i) => plotted[i]));
  const judged = plotted.filter((g) => g.basis === 'judge').length;
  const yLabel =
    judged === 0 ? 'Top-1 accuracy (95% CI)' : judged === plotted.length ? 'Judged accuracy, score 4+ (95% CI)' : 'Accuracy (95% CI; judged for sdbench)';
  const kinds = [...new Set(groups.map((g) => doctorKind(g.doctor)))];
  const protocols = [...new Set(groups.map((g) => g.protocol))];
  const colour = (g: GroupSummary) => PALETTE[kinds.indexOf(doctorKind(g.doctor)) % PALETTE.length];
  const shape = (g: GroupSummary) => protocols.indexOf(g.protocol);

  const maxCost = Math.max(0, ...plotted.map((g) => g.cost!.mean));
  const step = niceStep(maxCost / 5);
  const xMax = Math.max(step, Math.ceil((maxCost * 1.04) / step) * step);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (c: number) => M.left + (c / xMax) * pw;
  const sy = (a: number) => M.top + (1 - a) * ph;
  const f = (n: number) => n.toFixed(1);

  const grid: SafeHtml[] = [];
  for (let a = 0; a <= 1.0001; a += 0.25) {
    grid.push(trusted(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${f(sy(a))}" y2="${f(sy(a))}"/>`));
    grid.push(trusted(`<text class="tick" x="${M.left - 8}" y="${f(sy(a) + 4)}" text-anchor="end">${Math.round(a * 100)}%</text>`));
  }
  for (let c = 0; c <= xMax + step / 1e6; c += step) {
    grid.push(trusted(`<line class="grid" x1="${f(sx(c))}" x2="${f(sx(c))}" y1="${M.top}" y2="${H - M.bottom}"/>`));
    grid.push(html`<text class="tick" x="${f(sx(c))}" y="${H - M.bottom + 18}" text-anchor="middle">${shortMoney(c)}</text>`);
  }

  // Curves: same kind and protocol, at least two placed groups, joined in order of cost.
  const curves: SafeHtml[] = [];
  for (const kind of kinds) {
    for (const protocol of protocols) {
      const series = plotted.filter((g) => doctorKind(g.doctor) === kind && g.protocol === protocol).sort((a, b) => a.cost!.mean - b.cost!.mean);
      if (series.length < 2) continue;
      const points = series.map((g) => `${f(sx(g.cost!.mean))},${f(sy(acc(g)!.estimate))}`).join(' ');
      curves.push(
        html`<polyline class="curve" data-kind="${kind}" data-protocol="${protocol}" points="${points}" fill="none" stroke="${colour(series[0])}" stroke-width="2" stroke-opacity="0.7"/>`,
      );
    }
  }

  // The Pareto frontier as a dashed staircase: no plotted group is both cheaper and more accurate than a point on it.
  const front = [...frontier].sort((a, b) => a.cost!.mean - b.cost!.mean || acc(a)!.estimate - acc(b)!.estimate);
  const stairs = front.flatMap((g, i) => {
    const here = `${f(sx(g.cost!.mean))},${f(sy(acc(g)!.estimate))}`;
    return i === 0 ? [here] : [`${f(sx(g.cost!.mean))},${f(sy(acc(front[i - 1])!.estimate))}`, here];
  });
  const paretoLine = front.length
    ? html`<polyline class="pareto" points="${stairs.join(' ')}" fill="none" stroke="#111827" stroke-width="1.5" stroke-dasharray="5 4"/>`
    : '';

  const multiProtocol = protocols.length > 1;
  const points = plotted.map((g) => {
    const x = sx(g.cost!.mean);
    const a = acc(g)!;
    const y = sy(a.estimate);
    const yl = sy(a.low);
    const yh = sy(a.high);
    const onFront = frontier.has(g);
    const c = colour(g);
    const name = multiProtocol ? `${g.doctor} · ${g.protocol}` : g.doctor;
    const label = name.length > 32 ? `${name.slice(0, 31)}…` : name;
    // Labels near the right edge go to the left of the point so they stay inside the chart.
    const left = x > W - M.right - 180;
    const what = g.basis === 'judge' ? `judged correct ${pctWithCi(a)} (deterministic top-1 ${pctWithCi(g.accuracy)})` : `top-1 ${pctWithCi(a)}`;
    return html`<g class="point" data-doctor="${g.doctor}" data-protocol="${g.protocol}"><title>${g.doctor} · ${g.protocol}: ${what}, mean cost ${money(g.cost!.mean)} (n=${g.scored})${onFront ? ', on the Pareto frontier' : ''}</title>${
      onFront ? html`<circle class="pareto-ring" cx="${f(x)}" cy="${f(y)}" r="9.5" fill="none" stroke="#111827" stroke-width="1.2"/>` : ''
    }<line class="ci" x1="${f(x)}" x2="${f(x)}" y1="${f(yl)}" y2="${f(yh)}" stroke="${c}" stroke-width="2"/><line x1="${f(x - 4)}" x2="${f(x + 4)}" y1="${f(yl)}" y2="${f(yl)}" stroke="${c}" stroke-width="2"/><line x1="${f(x - 4)}" x2="${f(x + 4)}" y1="${f(yh)}" y2="${f(yh)}" stroke="${c}" stroke-width="2"/>${marker(shape(g), x, y, c)}<text class="label" x="${f(left ? x - 9 : x + 9)}" y="${f(y - 6)}" text-anchor="${left ? 'end' : 'start'}">${label}</text></g>`;
  });

  const svg = html`<svg class="chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Top-1 accuracy against mean cost, one point per doctor and protocol">
<rect class="plot" x="${M.left}" y="${M.top}" width="${pw}" height="${ph}"/>
${grid}
<text class="axis" x="${M.left + pw / 2}" y="${H - 12}" text-anchor="middle">Mean cost per encounter (USD)</text>
<text class="axis" transform="translate(16 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>
${curves}
${paretoLine}
${points}
</svg>`;

  const legend = html`<ul class="legend">${kinds.map(
    (k) => html`<li><span class="swatch" style="background:${PALETTE[kinds.indexOf(k) % PALETTE.length]}"></span>${k}</li>`,
  )}${multiProtocol ? protocols.map((p, i) => html`<li><span class="shape">${['●', '■', '▲', '◆'][i % 4]}</span>${p}</li>`) : ''}${
    front.length ? html`<li><span class="shape">◌</span>Pareto frontier (dashed): ${front.map((g, i) => html`${i ? ', ' : ''}${g.doctor}`)}</li>` : ''
  }</ul>`;
  const note = skipped.length
    ? html`<p class="muted">Not plotted (no scored encounter yet): ${skipped.map((g, i) => html`${i ? ', ' : ''}${g.doctor} · ${g.protocol}`)}.</p>`
    : '';
  return html`<figure class="chart-figure">${svg}<figcaption>${legend}${note}</figcaption></figure>`;
}

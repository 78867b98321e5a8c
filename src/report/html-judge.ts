import type { GroupSummary } from './aggregate.js';
import { MISSING, pctWithCi } from './format.js';
import { html, type SafeHtml } from './html-escape.js';
import type { JudgeSummary } from './judge-summary.js';

const BAR_COLOURS = ['#dc2626', '#f97316', '#eab308', '#84cc16', '#16a34a'];

/** A small inline SVG bar chart of how many encounters got each judge score, 1 to 5. */
export function judgeDistributionSvg(j: JudgeSummary): SafeHtml {
  const w = 190;
  const h = 80;
  const top = Math.max(1, ...j.counts);
  const bars = j.counts.map((c, i) => {
    const bh = (c / top) * 46;
    const x = 8 + i * 36;
    return html`<g class="judge-bar" data-score="${i + 1}" data-count="${c}"><rect x="${x}" y="${(60 - bh).toFixed(1)}" width="26" height="${bh.toFixed(1)}" fill="${BAR_COLOURS[i]}"/><text class="tick" x="${x + 13}" y="${(56 - bh).toFixed(1)}" text-anchor="middle" font-size="11" fill="#475569">${c}</text><text class="tick" x="${x + 13}" y="76" text-anchor="middle" font-size="11" fill="#475569">${i + 1}</text></g>`;
  });
  return html`<svg class="judge-dist" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="Judge scores 1 to 5: ${j.counts.join(', ')}">${bars}</svg>`;
}

/**
 * The SDBench view of a run: per group, the judged accuracy (score 4 or more)
 * with the deterministic match beside it and the distribution of judge
 * scores; says plainly when the run had no judge.
 */
export function judgeSection(groups: readonly GroupSummary[]): SafeHtml {
  if (!groups.some((g) => g.judge)) {
    return html`<p class="muted no-judge">This run had no judge, so every accuracy here is the deterministic diagnosis match. SDBench counts a diagnosis correct when an llm judge scores it 4 or more on its 5-point rubric: run with <code>--judge &lt;model&gt;</code> to get that score.</p>`;
  }
  const rows = groups.map((g) => {
    const j = g.judge;
    return html`<tr data-doctor="${g.doctor}"><td>${g.doctor}</td><td>${j ? judgeDistributionSvg(j) : html`<span class="muted">no judge scores</span>`}</td><td>${g.protocol}</td><td>${g.basis === 'judge' ? 'judge' : 'match'}</td><td class="num">${j?.correct ? pctWithCi(j.correct) : MISSING}</td><td class="num">${pctWithCi(g.accuracy)}</td><td class="num">${j ? j.judged : MISSING}${j?.unjudged ? html` <span class="muted">(${j.unjudged} not judged)</span>` : ''}</td></tr>`;
  });
  const headline = groups.filter((g) => g.basis === 'judge').length;
  return html`<p class="muted">Judged correct = judge score 4 or more on SDBench's 5-point rubric (5 identical, 4 minor qualifier off, 3 right family with a major error, 2 superficial overlap, 1 wrong). ${
    headline
      ? `It is the headline accuracy (and the chart's) for ${headline} group${headline === 1 ? '' : 's'}; `
      : 'It is shown beside the deterministic match, which stays the headline here; '
  }encounters the judge did not grade are left out and counted apart.</p><div class="table-wrap"><table class="judge"><thead><tr><th>Doctor</th><th>Judge scores 1–5</th><th>Protocol</th><th>Headline</th><th class="num">Judged correct [95% CI]</th><th class="num">Deterministic top-1 [95% CI]</th><th class="num">Judged</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

import { describe, expect, it } from 'vitest';
import { headlineAccuracy, summarizeRun } from './aggregate.js';
import { accuracyCostChart } from './html-chart.js';
import { judgeSection } from './html-judge.js';
import { renderHtml } from './html.js';
import { protocolKind } from './judge-summary.js';
import { fixtureRun } from './test-fixture.js';

const B = 'baseline:threshold=0.9';

/** The fixture with judge scores on doctor B's encounters (c1..c5: 5, 4, 3, 2, judge failed) and A's (all 5). */
function judgedRun(protocol = 'sdbench:max-tests=3') {
  const data = fixtureRun();
  const bScores: Record<string, number | null> = { c1: 5, c2: 4, c3: 3, c4: 2, c5: null };
  for (const e of data.encounters) {
    if (e.protocol !== 'default' || e.verdict === null) continue;
    e.protocol = protocol;
    if (e.verdict === 'error') continue;
    const v = e.doctor === B ? bScores[e.caseId] : 5;
    e.scores.judge = { value: v, detail: v === null ? 'judge failed: timeout' : `${v}/5` };
    e.scores.judge_correct = { value: v === null ? null : v >= 4 ? 1 : 0, detail: '' };
  }
  return data;
}

describe('judge scores in the report', () => {
  it('counts scores 1 to 5, leaves failed judgements out and counts them apart', () => {
    const s = summarizeRun(judgedRun());
    const b = s.groups.find((g) => g.doctor === B)!;
    expect(b.judge).toMatchObject({ judged: 4, unjudged: 1, counts: [0, 1, 1, 1, 1] });
    expect(b.judge!.correct).toMatchObject({ successes: 2, n: 4, estimate: 0.5 });
    // The deterministic match is kept beside it: B got 4 of 5 by the matcher.
    expect(b.accuracy!.estimate).toBe(0.8);
    expect(b.basis).toBe('judge');
    expect(headlineAccuracy(b)!.estimate).toBe(0.5);
    const c = s.groups.find((g) => g.protocol === 'agentclinic')!;
    expect([c.judge, c.basis]).toEqual([null, 'match']);
  });

  it('leads with the judge only under sdbench, unless the report asks', () => {
    const other = summarizeRun(judgedRun('default'));
    expect(other.groups.map((g) => g.basis)).toEqual(['match', 'match', 'match']);
    const asked = summarizeRun(judgedRun('default'), { accuracy: 'judge' });
    expect(asked.groups.map((g) => g.basis)).toEqual(['judge', 'judge', 'match']);
    expect(summarizeRun(judgedRun(), { accuracy: 'match' }).groups.every((g) => g.basis === 'match')).toBe(true);
    expect(protocolKind('SDBench:budget=100')).toBe('sdbench');
  });

  it('plots the headline accuracy, rings the Pareto frontier and draws the distribution', () => {
    const s = summarizeRun(judgedRun());
    const svg = accuracyCostChart(s.groups).value;
    // B: judged 50% at mean cost $730 → y 182.0 (its 80% match would be y 84.8).
    expect(svg).toContain('cx="637.0" cy="182.0"');
    expect(svg).toContain('Accuracy (95% CI; judged for sdbench)');
    // C (100% at $0) is cheaper than A (judged 100% at $550) and B and no less accurate: the frontier is C alone.
    expect(svg.match(/class="pareto-ring"/g)).toHaveLength(1);
    expect(svg).toContain('Pareto frontier (dashed): script:demo.yaml</li>');
    expect(svg).toMatch(/<polyline class="pareto" points="[^"]+"/);
    const table = judgeSection(s.groups).value;
    expect(table.match(/<svg class="judge-dist"/g)).toHaveLength(2);
    expect(table).toContain('aria-label="Judge scores 1 to 5: 0, 1, 1, 1, 1"');
    expect(table).toContain('(1 not judged)');
    expect(renderHtml(judgedRun())).toContain('<section id="judge"><h2>Judge scores</h2>');
  });

  it('says so when the run had no judge', () => {
    expect(renderHtml(fixtureRun())).toContain('This run had no judge, so every accuracy here is the deterministic diagnosis match.');
  });
});

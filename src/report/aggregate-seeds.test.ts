import { describe, expect, it } from 'vitest';
import { summarizeRun } from './aggregate.js';
import { fixtureRun } from './test-fixture.js';
import type { EncounterDetail, RunReportData } from '../store/types.js';

/** The fixture run with each encounter repeated under seeds 1..k; `vary` changes a replicate's outcome. */
function withSeeds(k: number, vary?: (e: EncounterDetail, seed: number) => Partial<EncounterDetail> | undefined): RunReportData {
  const base = fixtureRun();
  const encounters: EncounterDetail[] = [];
  let ordinal = 0;
  for (const e of [...base.encounters].sort((a, b) => a.ordinal - b.ordinal)) {
    for (let s = 1; s <= k; s++) encounters.push({ ...e, ...vary?.(e, s), id: `${e.id}-s${s}`, seed: String(s), ordinal: ordinal++ });
  }
  return { run: { ...base.run, total: encounters.length }, encounters };
}

describe('seeds are replicates of a case, not samples', () => {
  it('counts a deterministic doctor once per case: three identical seeds give the same n and interval as one', () => {
    const one = summarizeRun(fixtureRun()).groups[1];
    const three = summarizeRun(withSeeds(3)).groups[1];
    expect(three.replicates).toBe('identical');
    expect(three.maxReplicates).toBe(3);
    expect(three.cases).toBe(5);
    expect(three.accuracy).toEqual(one.accuracy);
    expect(three.n).toBe(one.n);
    expect(three.pending).toBe(0);
    expect(three.passK).toBeNull();
  });

  it('resamples cases for a stochastic doctor and reports pass^k', () => {
    const B = 'baseline:threshold=0.9';
    // Doctor B gets c1 wrong on seed 3 only, c4 right on seed 2 only.
    const run = withSeeds(3, (e, s) => {
      if (e.doctor !== B) return undefined;
      if (e.caseId === 'c1' && s === 3) return { verdict: 'incorrect', cost: 710 };
      if (e.caseId === 'c4' && s === 2) return { verdict: 'correct', cost: 520 };
      return undefined;
    });
    const b = summarizeRun(run).groups.find((g) => g.doctor === B)!;
    expect(b.replicates).toBe('varied');
    expect(b.cases).toBe(5);
    expect(b.accuracy).toMatchObject({ successes: 12, n: 15, clusteredCases: 5 });
    expect(b.accuracy!.estimate).toBeCloseTo(0.8, 12);
    // 15 pooled samples would give Wilson (0.548, 0.930); 5 cases cannot be that sure.
    expect(b.accuracy!.high - b.accuracy!.low).toBeGreaterThan(0.93 - 0.548);
    // The unclustered interval is kept beside it, for the reports to show the difference.
    expect(b.naiveAccuracy).toMatchObject({ successes: 12, n: 15 });
    expect(b.naiveAccuracy!.low).toBeCloseTo(0.548, 3);
    expect(b.naiveAccuracy!.high).toBeCloseTo(0.93, 3);
    expect(summarizeRun(withSeeds(3)).groups[1].naiveAccuracy).toBeNull();
    // pass^1 = mean(2/3, 1, 1, 1/3, 1) = 0.8; pass^2 = mean(1/3, 1, 1, 0, 1) = 0.6667; pass^3 = mean(0, 1, 1, 0, 1) = 0.6.
    expect(b.passK!.map((p) => Number(p.value!.toFixed(4)))).toEqual([0.8, 0.6667, 0.6]);
  });

  it('compares doctors over cases: the p-value is a sign test over cases, not over seeds', () => {
    const one = summarizeRun(fixtureRun()).comparisons[0];
    const three = summarizeRun(withSeeds(3)).comparisons[0];
    expect(three.cases).toBe(one.cases);
    expect(three.pValue).toBe(one.pValue);
    expect(three.difference!.estimate).toBeCloseTo(one.difference!.estimate, 12);
  });
});

describe('reports say how seeds were counted', () => {
  it('names deterministic and stochastic doctors in the Markdown and HTML reports', async () => {
    const { renderMarkdown } = await import('./markdown.js');
    const { renderHtml } = await import('./html.js');
    const run = withSeeds(2, (e, s) => (e.doctor === 'baseline:threshold=0.9' && e.caseId === 'c4' && s === 2 ? { verdict: 'correct' } : undefined));
    const md = renderMarkdown(run);
    expect(md).toContain('## Seeds');
    expect(md).toMatch(/baseline:threshold=0\.5 \(default\): 2 seeds per case ended identically; each of 5 cases counted once\./);
    expect(md).toMatch(
      /baseline:threshold=0\.9 \(default\): up to 2 seeds per case differ; intervals resample 5 cases; top-1 90\.0%, 95% CI [\d.]+–[\d.]+% resampling 5 cases \([\d.]+–[\d.]+% if the 10 encounters were independent\); pass\^1 90\.0%, pass\^2 80\.0%\./,
    );
    expect(renderHtml(run)).toContain('id="seeds"');
    expect(renderMarkdown(fixtureRun())).not.toContain('## Seeds');
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeRun } from './aggregate.js';
import { accuracyCostChart, doctorKind, niceStep } from './html-chart.js';
import { fixtureRun } from './test-fixture.js';

describe('doctorKind and niceStep', () => {
  it('takes the doctor kind before the colon', () => {
    expect(doctorKind('baseline:threshold=0.9')).toBe('baseline');
    expect(doctorKind('Baseline')).toBe('baseline');
    expect(doctorKind('llm:openai/gpt-4.1-mini')).toBe('llm');
  });

  it('rounds axis steps to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(146)).toBe(200);
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(1000)).toBe(1000);
    expect(niceStep(0)).toBe(1);
  });
});

describe('accuracyCostChart', () => {
  const summary = summarizeRun(fixtureRun());
  const svg = accuracyCostChart(summary.groups).value;

  it('draws one point per doctor/protocol group', () => {
    expect(svg.match(/<g class="point"/g)).toHaveLength(summary.groups.length);
    expect(svg.match(/<line class="ci"/g)).toHaveLength(summary.groups.length);
  });

  it('places each point at its mean cost and accuracy with the CI as a vertical bar', () => {
    // x axis 0–$800 over 628 px from x=64; y axis 0–100% over 324 px from y=20.
    // A: $550 → x 495.8; 50% → y 182; CI 15.0%–85.0% → y 295.4 to 68.6.
    expect(svg).toContain('<circle cx="495.8" cy="182.0"');
    expect(svg).toContain('<line class="ci" x1="495.8" x2="495.8" y1="295.4" y2="68.6"');
    // B: $730 → x 637.0; 80% → y 84.8.
    expect(svg).toContain('cx="637.0" cy="84.8"');
  });

  it('joins doctors of the same kind and protocol into a curve sorted by cost', () => {
    const curves = svg.match(/<polyline class="curve"[^>]*>/g)!;
    expect(curves).toHaveLength(1);
    expect(curves[0]).toContain('data-kind="baseline"');
    expect(curves[0]).toContain('points="495.8,182.0 637.0,84.8"');
  });

  it('lists groups it cannot place instead of drawing them at zero', () => {
    const data = fixtureRun();
    for (const e of data.encounters) if (e.doctor === 'script:demo.yaml') e.verdict = e.verdict && 'error';
    const s = summarizeRun(data);
    const out = accuracyCostChart(s.groups).value;
    expect(out.match(/<g class="point"/g)).toHaveLength(2);
    expect(out).toContain('Not plotted (no scored encounter yet): script:demo.yaml · agentclinic');
  });
});

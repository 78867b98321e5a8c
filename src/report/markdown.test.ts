import { describe, expect, it } from 'vitest';
import { mdCell, renderMarkdown } from './markdown.js';
import { fixtureRun } from './test-fixture.js';

describe('renderMarkdown', () => {
  const md = renderMarkdown(fixtureRun());

  it('starts with the run id, status, created time and config', () => {
    expect(md.startsWith('# Rounds run report: run-abc\n')).toBe(true);
    expect(md).toContain('- **Status:** interrupted');
    expect(md).toContain('- **Created:** 2025-01-01T00:00:00Z');
    expect(md).toContain('- **doctors:** baseline:threshold=0.5, baseline:threshold=0.9, script:demo.yaml');
    expect(md).toContain('11 finished of 12 (1 pending, 1 error; the plan holds 12)');
  });

  it('has a leaderboard row per group with the real numbers', () => {
    expect(md).toContain('| Doctor | Protocol | n | Top-1 % [95% CI] | Top-3 % | Mean cost $ | Mean turns | No-dx | Errors |');
    expect(md).toContain('| baseline:threshold=0.5 | default | 5 | 50.0% [15.0–85.0] | 75.0 | 550.00 | 10.0 | 1 | 1 |');
    expect(md).toContain('| baseline:threshold=0.9 | default | 5 | 80.0% [37.6–96.4] | 80.0 | 730.00 | 5.6 | 0 | 0 |');
    expect(md).toContain('| script:demo.yaml | agentclinic | 1 (+1 pending) | 100.0% [20.7–100.0] | 100.0 | 0.00 | 3.0 | 0 | 0 |');
  });

  it('has the specialty table, the paired comparison and the verdict note', () => {
    expect(md).toContain('| baseline:threshold=0.5 | default | neurology | 2 | 0.0% [0.0–79.3] | 900.00 |');
    expect(md).toMatch(
      /\| default \| baseline:threshold=0\.5 \| baseline:threshold=0\.9 \| 4 \(1 with errors left out\) \| 50\.0 \| 75\.0 \| −25\.0 pp \[[^\]]+\] \| 1 \| 2 \| 1 \| −\$200\.00/,
    );
    expect(md).toContain('no-diagnosis — ');
    expect(md).toContain('error — the encounter ended in error');
  });

  it('keeps table cells intact whatever the text', () => {
    expect(mdCell('a|b\nc')).toBe('a\\|b c');
    expect(mdCell('<b>x</b>')).toBe('\\<b\\>x\\</b\\>');
    const data = fixtureRun();
    for (const e of data.encounters) if (e.doctor === 'script:demo.yaml') e.doctor = 'evil|doctor';
    const out = renderMarkdown(data);
    expect(out).toContain('| evil\\|doctor | agentclinic |');
  });

  it('says when there is nothing to show', () => {
    const data = fixtureRun();
    const out = renderMarkdown({ ...data, encounters: [] });
    expect(out).toContain('No encounters in this run yet.');
    expect(out).toContain('No two doctors share encounters');
  });
});

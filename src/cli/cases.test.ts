import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

// A folder of four real cases rewritten to a known mix: three hard, two of them tagged dangerous-mimic.
function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-summary-'));
  const sources = [
    'data/cases/cardiology/cardio-pericarditis-001.yaml',
    'data/cases/nephrology/neph-siadh-001.yaml',
    'data/cases/rheumatology/rheum-gca-001.yaml',
    'data/cases/urology/uro-acute-prostatitis-001.yaml',
  ];
  const mix = [
    { difficulty: 'hard', tags: '[dangerous-mimic, chest-pain]' },
    { difficulty: 'hard', tags: '[dangerous-mimic]' },
    { difficulty: 'hard', tags: '[vasculitis]' },
    { difficulty: 'easy', tags: '[mimic, dangerous]' },
  ];
  sources.forEach((file, i) => {
    const text = readFileSync(file, 'utf8')
      .replace(/^difficulty: .*$/m, `difficulty: ${mix[i].difficulty}`)
      .replace(/^tags: .*$/m, `tags: ${mix[i].tags}`);
    writeFileSync(join(dir, `case-${i}.yaml`), text);
  });
  return dir;
}

describe('rounds cases list --summary', () => {
  it('counts dangerous-mimic cases by their tag and prints the hard share', () => {
    const r = rounds('cases', 'list', mixedFolder(), '--summary');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('cases: 4');
    expect(r.stdout).toMatch(/^difficulty: .*hard 3.* \(hard 75%\)$/m);
    // Only the exact tag counts: "mimic" and "dangerous" apart are not it.
    expect(r.stdout).toMatch(/^dangerous mimics: 2$/m);
  });

  it('gives the same figures as JSON', () => {
    const r = rounds('cases', 'list', mixedFolder(), '--summary', '--json');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ cases: 4, dangerousMimics: 2, hardShare: 75, byDifficulty: { hard: 3, easy: 1 } });
  });
});

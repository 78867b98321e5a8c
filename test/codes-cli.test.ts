import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('rounds codes', () => {
  it('shows a billable code with its FY2025 title', () => {
    const r = rounds('codes', 'show', 'i21.19');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('I21.19  ST elevation (STEMI) myocardial infarction involving other coronary artery of inferior wall');
    expect(r.stdout).toContain('billable: yes');
  });

  it('shows a heading with a derived title and its billable codes', () => {
    const r = rounds('codes', 'show', 'C92.5', '--json');
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.billable).toBe(false);
    expect(info.billableChildren).toEqual(['C92.50', 'C92.51', 'C92.52']);
  });

  it('says clearly when a code does not exist', () => {
    const r = rounds('codes', 'show', 'Q99.99');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: "Q99.99" is not an ICD-10-CM FY2025 code/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('searches titles and index paths through abbreviations and synonyms', () => {
    const r = rounds('codes', 'search', 'C.', 'diff', 'colitis', '--json');
    expect(r.status).toBe(0);
    const codes = JSON.parse(r.stdout).map((h: { code: string }) => h.code);
    expect(codes).toEqual(expect.arrayContaining(['A04.71', 'A04.72']));
  });
});

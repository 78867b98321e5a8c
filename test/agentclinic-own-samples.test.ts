// Our own AgentClinic-shape samples (issue 18) must import whole: a line the importer skips
// would silently shrink the before/after baseline of `npm run bench:agentclinic`.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const fx = (f: string) => `test/fixtures/agentclinic/${f}`;

/** The correct diagnosis each source line names, in file order. */
function truths(file: string): string[] {
  return readFileSync(fx(file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l) as { OSCE_Examination?: { Correct_Diagnosis: string }; answers?: Array<{ text: string; correct: boolean }> };
      return o.OSCE_Examination?.Correct_Diagnosis ?? o.answers!.find((a) => a.correct)!.text;
    });
}

describe.each([
  ['own-medqa-60.jsonl', 60],
  ['own-nejm-20.jsonl', 20],
])('%s', (file, lines) => {
  it(`imports all ${lines} lines with 0 skipped into valid cases that keep each line's diagnosis`, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rounds-own-ac-')), 'cases');
    const r = rounds('import', 'agentclinic', fx(file), '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain(`${lines} cases loaded, 0 skipped (of ${lines} lines)`);
    const written = readdirSync(out).filter((f) => f.endsWith('.yaml'));
    expect(written).toHaveLength(lines);
    const v = rounds('cases', 'validate', out);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toContain(`${lines} cases in ${lines} files: all valid.`);
    const names = written.map((f) => (parse(readFileSync(join(out, f), 'utf8')) as { diagnosis: { name: string } }).diagnosis.name).sort();
    expect(names).toEqual(truths(file).sort());
  });
});

it('the two files name 80 distinct diagnoses', () => {
  const all = [...truths('own-medqa-60.jsonl'), ...truths('own-nejm-20.jsonl')];
  expect(new Set(all.map((d) => d.toLowerCase())).size).toBe(80);
});

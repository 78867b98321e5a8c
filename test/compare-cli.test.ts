import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rounds(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('rounds compare pairs each doctor across two runs on the cases both played', () => {
  const store = join(dir, 'rounds.db');
  const suite = 'test/fixtures/cases';
  const a = rounds(['run', '--suite', suite, '--doctor', 'baseline', '--doctor', 'checklist', '--store', store, '--report', 'none', '--quiet']);
  expect(a.code, a.stderr).toBe(0);
  const b = rounds([
    'run',
    '--suite',
    suite,
    '--doctor',
    'baseline:confirm=0,history=0',
    '--doctor',
    'checklist',
    '--store',
    store,
    '--report',
    'none',
    '--quiet',
  ]);
  expect(b.code, b.stderr).toBe(0);
  const idA = /Run id: (\S+)/.exec(a.stdout)![1];
  const idB = /Run id: (\S+)/.exec(b.stdout)![1];

  const text = rounds(['compare', idA, idB, '--store', store]);
  expect(text.code, text.stderr).toBe(0);
  // The checklist is deterministic: the same cases give a zero difference, p = 1.
  expect(text.stdout).toMatch(/^checklist\s+default\s+(\d+)\s+\1\s+([\d.]+)%\s+\2%\s+0\.0 pp \[0\.0, 0\.0\]\s+1\b/m);
  expect(text.stdout).toContain('Only in A: baseline (default)');
  expect(text.stdout).toContain('Only in B: baseline:confirm=0,history=0 (default)');

  const json = JSON.parse(rounds(['compare', idA, idB, '--store', store, '--json']).stdout);
  expect(json.rows).toHaveLength(1);
  expect(json.rows[0]).toMatchObject({ doctor: 'checklist', protocol: 'default', aOnly: 0, bOnly: 0, pValue: 1 });

  const missing = rounds(['compare', idA, 'no-such-run', '--store', store]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/no-such-run/);
});

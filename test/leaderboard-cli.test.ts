import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-leaderboard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = join(dir, 'r.db');

function rounds(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--store', store], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
const run = (suites: string[], doctor: string, extra: string[] = []) =>
  /Run id: (\S+)/.exec(rounds(['run', ...suites.flatMap((s) => ['--suite', s]), '--doctor', doctor, '--report', 'none', '--quiet', ...extra]))![1];

it('rounds leaderboard ranks doctors per case set and protocol, and every run records its case-set hash and commit', async () => {
  // The same ten cardiology cases under two suite spellings (a glob, then the ten files listed in reverse): one board.
  const glob = 'data/cases/cardiology/*-71.yaml';
  const a = run([glob], 'baseline');
  const files = spawnSync('sh', ['-c', `ls ${glob}`], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .reverse();
  const b = run(files, 'baseline:confirm=0,history=0', ['--scorer', 'safety']);
  // One case only: a board of its own where nobody is ranked.
  const c = run(['data/cases/cardiology/cardio-stemi-inferior-001.yaml'], 'baseline');

  const s = await openStore(store, { readOnly: true });
  const [ra, rb, rc] = [await s.getRun(a), await s.getRun(b), await s.getRun(c)];
  await s.close();
  expect(ra.config.caseSetHash).toMatch(/^[0-9a-f]{64}$/);
  expect(rb.config.caseSetHash).toBe(ra.config.caseSetHash);
  expect(rc.config.caseSetHash).not.toBe(ra.config.caseSetHash);
  expect(ra.config).toMatchObject({ caseCount: 10, gitCommit: expect.stringMatching(/^[0-9a-f]{40}$/) });

  const lb = JSON.parse(rounds(['leaderboard', '--json']));
  const ten = lb.boards.find((x: { caseSetHash: string }) => x.caseSetHash === ra.config.caseSetHash);
  expect(ten).toMatchObject({ protocol: 'default', cases: 10 });
  expect(ten.runs.sort()).toEqual([a, b].sort());
  expect(ten.ranked.map((r: { doctor: string }) => r.doctor).sort()).toEqual(['baseline', 'baseline:confirm=0,history=0']);
  expect(ten.ranked.map((r: { rank: number }) => r.rank)).toEqual([1, 2]);
  // Safety columns where the safety scorer ran, a dash (null) where it did not.
  const noConfirm = ten.ranked.find((r: { doctor: string }) => r.doctor === 'baseline:confirm=0,history=0');
  expect(noConfirm.confirmed.n).toBe(10);
  expect(ten.ranked.find((r: { doctor: string }) => r.doctor === 'baseline').confirmed).toBeNull();
  const one = lb.boards.find((x: { caseSetHash: string }) => x.caseSetHash === rc.config.caseSetHash);
  expect(one.ranked).toEqual([]);
  expect(one.tooFew.map((r: { doctor: string; cases: number }) => [r.doctor, r.cases])).toEqual([['baseline', 1]]);

  const text = rounds(['leaderboard']);
  expect(text).toMatch(/== .*· default · 10 cases \(case set [0-9a-f]{12};/);
  expect(text).toMatch(/no doctor has 10 cases here: nothing ranked\n {3}too few cases \(under 10\), not ranked:/);
  expect(text).toContain('confirmed');
});

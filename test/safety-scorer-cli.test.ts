import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('--scorer safety stores confirmation, cannot-miss, closure and coverage scores, and the CSV has a column for each', async () => {
  const store = join(dir, 'r.db');
  const run = spawnSync(
    process.execPath,
    [
      bin,
      'run',
      '--suite',
      'data/cases/cardiology/*-71.yaml',
      '--doctor',
      'baseline:confirm=0,history=0',
      '--scorer',
      'safety',
      '--store',
      store,
      '--report',
      'none',
      '--quiet',
    ],
    {
      encoding: 'utf8',
    },
  );
  expect(run.status, run.stderr).toBe(0);
  const id = /Run id: (\S+)/.exec(run.stdout)![1];
  const out = join(dir, 'r.csv');
  const rep = spawnSync(process.execPath, [bin, 'report', id, '--format', 'csv', '--out', out, '--store', store], { encoding: 'utf8' });
  expect(rep.status, rep.stderr).toBe(0);
  const cols = readFileSync(out, 'utf8').split('\r\n')[0].split(',');
  for (const c of ['score:confirmed', 'score:cant_miss', 'score:premature_closure', 'score:info_auc']) expect(cols).toContain(c);
  // Every new cardiology case names its confirming tests and its cannot-miss diagnoses: each encounter has a value.
  const s = await openStore(store, { readOnly: true });
  try {
    const encounters = await s.listEncounters(id);
    expect(encounters).toHaveLength(10);
    for (const e of encounters) {
      const scores = Object.fromEntries((await s.getScores(e.id)).map((x) => [x.name, x.value]));
      expect([0, 1], e.caseId).toContain(scores.confirmed);
      expect(scores.cant_miss, e.caseId).not.toBeNull();
    }
  } finally {
    await s.close();
  }
});

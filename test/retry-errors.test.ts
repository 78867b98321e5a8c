import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { scriptedClinic } from './support/fake-clinic.js';
import { useFakeModel } from './support/cli.js';

let outage = true;
const clinic = scriptedClinic();
const fx = useFakeModel('rounds-retry-errors-', (req) => (outage ? { fault: 'server-error' } : clinic(req)));

it('exits 3 when every encounter errored, and --resume --retry-errors reruns exactly those, once', async () => {
  const store = join(fx.dir, 'rounds.db');
  const first = await fx.rounds([
    'run',
    '--suite',
    'test/fixtures/cases',
    '--doctor',
    `openai-compatible:${fx.server.url}#fake`,
    '--seeds',
    '2',
    '--store',
    store,
    '--report',
    'none',
    '--retries',
    '0',
    '--quiet',
  ]);
  expect(first.stderr).toMatch(/Every encounter ended in error; .*--resume \S+ --retry-errors\./);
  expect(first.code).toBe(3);
  // The results table is followed by why they errored, counted.
  expect(first.stdout).toMatch(/Errors: (\d+) encounters; top reasons:\n {2}\1× The doctor failed: The doctor call to .*failed after 1 attempt/);
  const runId = /Run id: (\S+)/.exec(first.stdout)![1];

  // A plain resume has nothing to do: errored encounters are finished.
  const plain = await fx.rounds(['run', '--resume', runId, '--store', store, '--report', 'none', '--quiet']);
  expect(plain.code).toBe(3);
  expect(plain.stderr).toMatch(/: \d+ encounters \(resuming: 0 left\)/);

  outage = false;
  const before = fx.server.requests.length;
  const retried = await fx.rounds(['run', '--resume', runId, '--retry-errors', '--store', store, '--report', 'none', '--quiet']);
  expect(retried.stderr).not.toMatch(/Every encounter ended in error/);
  expect(retried.code).toBe(0);
  expect(retried.stderr).toMatch(/: (\d+) encounters \(resuming: \1 left\)/);
  expect(fx.server.requests.length).toBeGreaterThan(before);

  const s = await openStore(store);
  try {
    const encounters = await s.listEncounters(runId);
    expect(encounters.length).toBeGreaterThan(1);
    for (const e of encounters) {
      expect(e.verdict, e.id).toBe('correct');
      const events = await s.getEvents(e.id);
      // Rerun once, from a clean slate: one start, no leftover error from the outage.
      expect(events.filter((ev) => ev.type === 'start')).toHaveLength(1);
      expect(events.some((ev) => ev.type === 'error')).toBe(false);
    }
    expect((await s.getRun(runId)).status).toBe('done');
  } finally {
    await s.close();
  }

  // Nothing left to retry: a second --retry-errors reruns nothing.
  const n = fx.server.requests.length;
  const again = await fx.rounds(['run', '--resume', runId, '--retry-errors', '--store', store, '--report', 'none', '--quiet']);
  expect(again.code).toBe(0);
  expect(fx.server.requests.length).toBe(n);
}, 240_000);

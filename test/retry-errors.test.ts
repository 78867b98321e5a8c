import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';
import { scriptedClinic } from './support/fake-clinic.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
let dir: string;
let server: FakeServer;
let outage = true;
const clinic = scriptedClinic();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-retry-errors-'));
  server = await startFakeOpenAI({ handler: (req) => (outage ? { fault: 'server-error' } : clinic(req)) });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function rounds(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, OPENAI_COMPATIBLE_API_KEY: 'k-test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('exits 3 when every encounter errored, and --resume --retry-errors reruns exactly those, once', async () => {
  const store = join(dir, 'rounds.db');
  const first = await rounds([
    'run',
    '--suite',
    'test/fixtures/cases',
    '--doctor',
    `openai-compatible:${server.url}#fake`,
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
  const plain = await rounds(['run', '--resume', runId, '--store', store, '--report', 'none', '--quiet']);
  expect(plain.code).toBe(3);
  expect(plain.stderr).toMatch(/: \d+ encounters \(resuming: 0 left\)/);

  outage = false;
  const before = server.requests.length;
  const retried = await rounds(['run', '--resume', runId, '--retry-errors', '--store', store, '--report', 'none', '--quiet']);
  expect(retried.stderr).not.toMatch(/Every encounter ended in error/);
  expect(retried.code).toBe(0);
  expect(retried.stderr).toMatch(/: (\d+) encounters \(resuming: \1 left\)/);
  expect(server.requests.length).toBeGreaterThan(before);

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
  const n = server.requests.length;
  const again = await rounds(['run', '--resume', runId, '--retry-errors', '--store', store, '--report', 'none', '--quiet']);
  expect(again.code).toBe(0);
  expect(server.requests.length).toBe(n);
}, 240_000);

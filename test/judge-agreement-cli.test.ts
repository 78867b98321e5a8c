import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
let dir: string;
let server: FakeServer;
let calls = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-agreement-'));
  // The judge grades every other diagnosis 5 and the rest 2, whatever they are.
  server = await startFakeOpenAI({ handler: () => ({ content: JSON.stringify({ score: calls++ % 2 ? 2 : 5, reason: 'graded' }) }) });
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

it('rounds judge-agreement compares judge, match and human labels, and --save stores the labels for reports', async () => {
  const store = join(dir, 'rounds.db');
  const run = await rounds([
    'run',
    '--suite',
    'test/fixtures/cases',
    '--doctor',
    'baseline',
    '--judge',
    `openai-compatible:${server.url}#judge`,
    '--store',
    store,
    '--report',
    'none',
    '--quiet',
  ]);
  expect(run.code, run.stderr).toBe(0);
  const runId = /Run id: (\S+)/.exec(run.stdout)![1];

  const plain = await rounds(['judge-agreement', runId, '--store', store]);
  expect(plain.code, plain.stderr).toBe(0);
  expect(plain.stdout).toMatch(/^judge vs match: n (\d+), agreement [\d.]+%, kappa /m);
  expect(plain.stdout).toContain('no human labels');

  const s = await openStore(store);
  const ids = (await s.listEncounters(runId)).map((e) => e.id);
  await s.close();
  const labels = join(dir, 'labels.csv');
  writeFileSync(labels, ['encounter_id,label', ...ids.map((id, i) => `${id},${i % 2 ? 'incorrect' : 'correct'}`), 'not-an-encounter,correct'].join('\n'));
  const saved = await rounds(['judge-agreement', runId, '--labels', labels, '--save', '--grader', 'dr-a', '--store', store, '--json']);
  expect(saved.code, saved.stderr).toBe(0);
  expect(saved.stderr).toContain('1 label(s) name encounters not in run');
  const table = JSON.parse(saved.stdout);
  const human = table.rows.find((r: { a: string; b: string }) => r.a === 'judge' && r.b === 'human');
  expect(human.n).toBe(ids.length);

  // The report now shows the agreement, from the stored labels.
  const md = await rounds(['report', runId, '--store', store]);
  expect(md.stdout).toMatch(/## Judge agreement[\s\S]*judge vs human: n \d+/);

  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'encounter_id,label\nx,maybe\n');
  const wrong = await rounds(['judge-agreement', runId, '--labels', bad, '--store', store]);
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('bad.csv:2: label "maybe" is not correct/incorrect');
});

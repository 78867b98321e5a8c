import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { summarizeRun } from '../src/report/aggregate.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';
import { SEEDS_DEMO_SUITE, stochasticDoctor } from './support/stochastic-clinic.js';

// The seeds demo of issue 16 (scripts/seeds-demo.ts prints the same run): --seeds 3 for a deterministic doctor and
// for a fake model doctor whose answer varies from call to call when sampled.
const bin = join(process.cwd(), 'bin', 'rounds.js');
let dir: string;
let server: FakeServer;
const doctor = stochasticDoctor();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-seeds-'));
  server = await startFakeOpenAI({ handler: doctor });
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

it('--seeds 3: baseline counted once per case; a stochastic model doctor clustered by case, with pass^k', async () => {
  const store = join(dir, 'r.db');
  const llm = `llm:openai-compatible:${server.url}#fake-model,temperature=0.8`;
  const run = await rounds([
    'run',
    '--suite',
    SEEDS_DEMO_SUITE,
    '--seeds',
    '3',
    '--doctor',
    'baseline',
    '--doctor',
    llm,
    // The call cache stays on (the default): a sampled call's key holds its seed, so seeds 2 and 3 are new draws.
    '--store',
    store,
    '--report',
    'none',
    '--quiet',
  ]);
  expect(run.code, run.stderr).toBe(0);
  // Every case was diagnosed three times by the model doctor.
  expect([...doctor.calls.values()]).toEqual(Array(10).fill(3));

  expect(run.stdout).toMatch(/^baseline \(default\): 3 seeds per case ended identically; each of 10 cases counted once\.$/m);
  const line = run.stdout.split('\n').find((l) => l.startsWith(`${llm} (default):`))!;
  // 17 of 30 right (the fake's pattern); pass^2 = 4/10 and pass^3 = 3/10 by hand from it.
  expect(line).toMatch(
    /up to 3 seeds per case differ; intervals resample 10 cases; top-1 56\.7%, 95% CI ([\d.]+)–([\d.]+)% resampling 10 cases \(([\d.]+)–([\d.]+)% if the 30 encounters were independent\); pass\^1 56\.7%, pass\^2 40\.0%, pass\^3 30\.0%\./,
  );

  const runId = /Run id: (\S+)/.exec(run.stdout)![1];
  const s = await openStore(store, { readOnly: true });
  const summary = summarizeRun(await s.reportData(runId));
  await s.close();
  const [base, model] = summary.groups;
  expect(base).toMatchObject({ replicates: 'identical', n: 10, cases: 10, passK: null, naiveAccuracy: null });
  expect(model).toMatchObject({ replicates: 'varied', n: 30, cases: 10, accuracy: { successes: 17, n: 30, clusteredCases: 10 } });
  // Clustering by case widens the interval: 10 cases are fewer observations than 30 encounters.
  const width = (p: { low: number; high: number }) => p.high - p.low;
  expect(width(model.accuracy!)).toBeGreaterThan(width(model.naiveAccuracy!));
});

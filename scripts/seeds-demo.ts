/**
 * The seeds demo of issue 16: `--seeds 3` for `baseline` and for a stochastic fake-model doctor on the ten
 * cardiology `*-71` cases, on the repo's fake OpenAI-compatible server (loopback, no key, no network).
 *
 *   npx tsx scripts/seeds-demo.ts [store.db]     # default: a temp file
 *
 * Prints the run's results table with its seed lines (baseline's identical seeds counted once; the model doctor's
 * top-1 with the case-bootstrap interval beside the per-encounter one, and pass^k for k = 1..3), then the same
 * figures as JSON. The call cache stays on: a sampled call's key holds its seed, so seeds 2 and 3 are new draws.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '../test/support/fake-openai-server.js';
import { SEEDS_DEMO_SUITE, stochasticDoctor } from '../test/support/stochastic-clinic.js';
import { openStore } from '../src/store/store.js';
import { summarizeRun } from '../src/report/aggregate.js';

const store = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'rounds-seeds-demo-')), 'demo.db');
const server = await startFakeOpenAI({ handler: stochasticDoctor() });
const llm = `llm:openai-compatible:${server.url}#fake-model,temperature=0.8`;
try {
  const args = ['run', '--suite', SEEDS_DEMO_SUITE, '--seeds', '3', '--doctor', 'baseline', '--doctor', llm, '--store', store, '--report', 'none'];
  console.log(`$ rounds ${args.join(' ').replace(server.url, '<fake-server>')}`);
  // Not spawnSync: the fake server answers from this process's event loop.
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'rounds.js'), ...args], {
      env: { ...process.env, OPENAI_COMPATIBLE_API_KEY: 'k-demo' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  process.stdout.write(run.stdout.replaceAll(server.url, '<fake-server>'));
  process.stderr.write(run.stderr);
  if (run.status !== 0) process.exit(run.status ?? 1);
  const runId = /Run id: (\S+)/.exec(run.stdout)![1];
  const s = await openStore(store, { readOnly: true });
  const summary = summarizeRun(await s.reportData(runId));
  await s.close();
  const figures = summary.groups.map((g) => ({
    doctor: g.doctor.replace(server.url, '<fake-server>'),
    replicates: g.replicates,
    cases: g.cases,
    encountersCounted: g.n,
    accuracy: g.accuracy,
    perEncounterInterval: g.naiveAccuracy,
    passK: g.passK,
  }));
  console.log(JSON.stringify({ runId, store, figures }, null, 2));
} finally {
  await server.stop();
}

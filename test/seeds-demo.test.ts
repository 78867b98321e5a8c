import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { summarizeRun } from '../src/report/aggregate.js';
import { SEEDS_DEMO_SUITE, stochasticDoctor } from './support/stochastic-clinic.js';
import { useFakeModel } from './support/cli.js';

// The seeds demo of issue 16 (scripts/seeds-demo.ts prints the same run): --seeds 3 for a deterministic doctor and
// for a fake model doctor whose answer varies from call to call when sampled.
const doctor = stochasticDoctor();
const fx = useFakeModel('rounds-seeds-', doctor);

it('--seeds 3: baseline counted once per case; a stochastic model doctor clustered by case, with pass^k', async () => {
  const store = join(fx.dir, 'r.db');
  const llm = `llm:openai-compatible:${fx.server.url}#fake-model,temperature=0.8`;
  const run = await fx.rounds([
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

// Queue benchmark: numbers, not pass/fail. Encounters/s of the deterministic
// hospital with the default doctor, run by 1, 2 and 4 `rounds worker`
// processes against PostgreSQL through a BullMQ queue on Redis, measured from
// the moment the run is created to the moment its last encounter is stored.
// Skipped, with the reason, when PostgreSQL or Redis does not answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Queue } from 'bullmq';
import { openStore } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import { queueRunner } from '../src/run/queue-runner.js';
import { checkRedis, redisOptions } from '../src/run/queue-connection.js';
import { resolveSuite } from '../src/run/suites.js';
import { DEFAULT_DOCTOR, DEFAULT_SUITE } from '../src/cli/run.js';
import '../src/doctors/builtins.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const target = Number(args.get('encounters') ?? 1000);
const concurrency = Number(args.get('concurrency') ?? 4);
const workerCounts = (args.get('workers') ?? '1,2,4').split(',').map(Number);
const adminUrl = process.env.ROUNDS_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.ROUNDS_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/rounds.js', import.meta.url));

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function startWorkers(n: number, storeUrl: string, queueName: string): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: n }, () => {
      const p = spawn(process.execPath, [bin, 'worker', '--queue', redisUrl, '--store', storeUrl, '--concurrency', String(concurrency)], {
        cwd: root,
        env: { ...process.env, ROUNDS_QUEUE_NAME: queueName },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Worker logs are shown only if a worker dies, to keep the bench output to its figures.
      let log = '';
      p.stderr!.on('data', (d: Buffer) => (log += d));
      p.on('exit', (code, signal) => code !== 0 && signal !== 'SIGTERM' && process.stderr.write(`worker exited (${code ?? signal}):\n${log}`));
      return new Promise<ChildProcess>((resolve, reject) => {
        p.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve(p));
        p.on('exit', (code) => reject(new Error(`a worker exited with code ${code} before it was ready`)));
      });
    }),
  );
}

async function once(workers: number, seeds: number): Promise<{ done: number; seconds: number }> {
  const name = `rounds_bench_${randomBytes(4).toString('hex')}`;
  const queueName = `rounds-bench-${randomBytes(4).toString('hex')}`;
  process.env.ROUNDS_QUEUE_NAME = queueName;
  await admin(`create database ${name}`);
  const storeUrl = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const store = await openStore(storeUrl);
  const procs = await startWorkers(workers, storeUrl, queueName);
  try {
    const t0 = process.hrtime.bigint();
    const r = await startRun(
      store,
      {
        suites: [DEFAULT_SUITE],
        doctors: [DEFAULT_DOCTOR],
        protocols: ['default'],
        seeds: Array.from({ length: seeds }, (_, i) => String(i)),
        concurrency,
        skipInvalid: false,
      },
      { runner: queueRunner({ queueUrl: redisUrl, storeLocation: storeUrl, pollMs: 50 }) },
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { done: r.progress.done, seconds };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on('exit', r)))));
    await store.close();
    const q = new Queue(queueName, { connection: redisOptions(redisUrl) });
    await q.obliterate({ force: true });
    await q.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
}

async function bench(): Promise<void> {
  try {
    await admin('select 1');
    await checkRedis(redisUrl);
  } catch (e) {
    console.log(`queue bench skipped: PostgreSQL (${adminUrl}) or Redis (${redisUrl}) is not answering: ${(e as Error).message}`);
    return;
  }
  const cases = resolveSuite(DEFAULT_SUITE).cases.length;
  const seeds = Math.max(1, Math.ceil(target / cases));
  console.log(
    `queue bench: deterministic hospital, doctor ${DEFAULT_DOCTOR}, suite ${DEFAULT_SUITE} (${cases} cases x ${seeds} seeds), PostgreSQL store, BullMQ on Redis, concurrency ${concurrency} per worker`,
  );
  for (const n of workerCounts) {
    const { done, seconds } = await once(n, seeds);
    console.log(`${n} worker process${n === 1 ? '' : 'es'}: ${done} encounters in ${seconds.toFixed(2)} s = ${(done / seconds).toFixed(1)} encounters/s`);
  }
}

await bench();

import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { openStore, type Store } from '../../src/store/store.js';
import { startRun, type RunConfig } from '../../src/run/start-run.js';
import type { EncounterDetail } from '../../src/store/types.js';
import { redisOptions } from '../../src/run/queue-connection.js';
import { enqueueEncounters, openQueue } from '../../src/run/queue.js';
import { startWorker } from '../../src/run/worker.js';
import { BIN, REDIS_URL, createTestDatabase, requireRedis, spawnNode, uniqueQueueName, waitFor, type Child } from './services.js';
import '../../src/doctors/builtins.js';

// 5 seeds of the core suite: well over 500 encounters.
const SEEDS = ['0', '1', '2', '3', '4'];
const queueName = uniqueQueueName();
const env = { ROUNDS_QUEUE_NAME: queueName };
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let store: Store;
const children: Child[] = [];

let setupError: unknown;

beforeAll(async () => {
  try {
    await requireRedis();
    db = await createTestDatabase();
    store = await openStore(db.url);
  } catch (e) {
    setupError = e;
  }
});

// A service that is down fails every test (never skips it).
beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  if (setupError) return;
  const q = new Queue(queueName, { connection: redisOptions(REDIS_URL) });
  await q.obliterate({ force: true }).catch(() => {});
  await q.close();
  await store?.close();
  await db?.drop();
});

/** An encounter as compared across stores: everything but ids and wall-clock times. */
function comparable(e: EncounterDetail) {
  return {
    key: `${e.caseId}|${e.doctor}|${e.protocol}|${e.seed}`,
    status: e.status,
    endReason: e.endReason,
    verdict: e.verdict,
    cost: e.cost,
    turns: e.turns,
    scores: e.scores,
    events: e.events!.map(({ at, ...rest }) => rest),
  };
}

describe('queue run over worker processes', () => {
  it('runs 500+ encounters on 3 workers, survives a SIGKILLed worker, and stores each encounter exactly once with the local scores', async () => {
    // The reference: the same plan run locally on SQLite.
    const config: RunConfig = { suites: ['core'], doctors: ['baseline'], protocols: ['default'], seeds: SEEDS, concurrency: 4, skipInvalid: false };
    const sqlite = await openStore(join(mkdtempSync(join(tmpdir(), 'rounds-queue-')), 'ref.db'));
    const local = await startRun(sqlite, config, {});
    expect(local.progress.total).toBeGreaterThanOrEqual(500);
    const reference = new Map((await sqlite.reportData(local.runId, { events: true })).encounters.map((e) => [comparable(e).key, comparable(e)]));
    await sqlite.close();

    const stalled: string[] = [];
    const events = new QueueEvents(queueName, { connection: redisOptions(REDIS_URL) });
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    await events.waitUntilReady();

    const workerArgs = [BIN, 'worker', '--queue', REDIS_URL, '--store', db.url, '--concurrency', '4', '--lock-duration', '3000', '--stalled-interval', '1000'];
    const workers = [0, 1, 2].map(() => spawnNode(workerArgs, env));
    children.push(...workers);
    for (const w of workers) await waitFor(() => w.stdout().includes('worker ready'), `a worker to start (${w.stderr()})`);

    const run = spawnNode(
      [BIN, 'run', '--suite', 'core', ...SEEDS.flatMap((s) => ['--seed', s]), '--store', db.url, '--queue', REDIS_URL, '--report', 'none'],
      env,
    );
    children.push(run);
    await waitFor(() => /Run (\S+):/.test(run.stderr()), `the run to start (${run.stderr()})`);
    const runId = /Run (\S+):/.exec(run.stderr())![1];

    // Kill one worker mid-run, while it holds encounters.
    const doneCount = async () => (await store.listEncounters(runId)).filter((e) => e.status === 'done').length;
    await waitFor(async () => (await doneCount()) >= 80, 'the first 80 encounters');
    workers[0].proc.kill('SIGKILL');
    const killedAt = await doneCount();
    expect(killedAt).toBeLessThan(local.progress.total);

    const exit = await run.exited;
    expect(exit, run.stderr()).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toMatch(/baseline\s+default\s+\d+/);
    expect(run.stderr()).toMatch(/progress \d+\/\d+/);
    expect((await workers[0].exited).signal).toBe('SIGKILL');
    // The killed worker's encounters were put back on the queue and finished elsewhere.
    expect(stalled.length).toBeGreaterThan(0);
    await events.close();

    // Every encounter stored exactly once: done, events 0..n-1 without gaps or repeats, one score set.
    const data = await store.reportData(runId, { events: true });
    expect(data.encounters).toHaveLength(local.progress.total);
    expect((await store.getRun(runId)).status).toBe('done');
    const seqRows = await store.db
      .selectFrom('events')
      .innerJoin('encounters', 'encounters.id', 'events.encounter_id')
      .select([
        'events.encounter_id',
        (eb) => eb.fn.countAll<string>().as('n'),
        (eb) => eb.fn.min('events.seq').as('lo'),
        (eb) => eb.fn.max('events.seq').as('hi'),
      ])
      .where('encounters.run_id', '=', runId)
      .groupBy('events.encounter_id')
      .execute();
    expect(seqRows).toHaveLength(local.progress.total);
    for (const r of seqRows) expect({ n: Number(r.n), lo: Number(r.lo) }).toEqual({ n: Number(r.hi) + 1, lo: 0 });
    for (const e of data.encounters) {
      const ref = reference.get(comparable(e).key);
      expect(ref, comparable(e).key).toBeDefined();
      expect(comparable(e)).toEqual(ref);
    }

    // SIGTERM stops the surviving workers gracefully.
    for (const w of workers.slice(1)) w.proc.kill('SIGTERM');
    for (const w of workers.slice(1)) expect(await w.exited).toEqual({ code: 0, signal: null });
  });

  it('resumes a followed run with --queue without duplicating jobs, and ignores a job re-enqueued after its encounter is done', async () => {
    process.env.ROUNDS_QUEUE_NAME = queueName;
    const run = spawnNode([BIN, 'run', '--suite', 'quick', '--store', db.url, '--queue', REDIS_URL, '--report', 'none', '--quiet'], env);
    children.push(run);
    await waitFor(() => run.stderr().includes('Queued 10 encounters'), `the encounters to be queued (${run.stderr()})`);
    const runId = /Run (\S+):/.exec(run.stderr())![1];
    // No worker yet: stopping the follower leaves the jobs queued and says how to resume.
    run.proc.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    expect(run.stdout()).toContain(`Resume with: npx rounds run --resume ${runId} --store ${db.url} --queue ${REDIS_URL}`);
    const queue = openQueue(REDIS_URL);
    expect((await queue.getJobCounts('waiting')).waiting).toBe(10);

    const resume = spawnNode([BIN, 'run', '--resume', runId, '--store', db.url, '--queue', REDIS_URL, '--report', 'none', '--quiet'], env);
    children.push(resume);
    await waitFor(() => resume.stderr().includes('Queued 0 encounters'), `the resume to find its jobs queued (${resume.stderr()})`);
    expect((await queue.getJobCounts('waiting')).waiting).toBe(10);
    const worker = await startWorker({ queueUrl: REDIS_URL, store: db.url, concurrency: 2, lockDurationMs: 5000, stalledIntervalMs: 2000 });
    expect(await resume.exited).toEqual({ code: 0, signal: null });
    expect(resume.stdout()).toMatch(/baseline\s+default\s+10\s/);
    const before = await store.reportData(runId, { events: true });
    expect(before.encounters.every((e) => e.status === 'done')).toBe(true);

    // Enqueueing finished encounters again is harmless: the worker sees them done and writes nothing.
    const ids = before.encounters.map((e) => e.id);
    await enqueueEncounters({ queue, runId, store: db.url, encounterIds: ids });
    await waitFor(async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed');
      return c.waiting + c.active + c.delayed === 0;
    }, 'the re-enqueued jobs to drain');
    expect((await queue.getJobCounts('failed')).failed).toBe(0);
    expect(await store.reportData(runId, { events: true })).toEqual(before);
    await worker.close();
    await queue.close();
    delete process.env.ROUNDS_QUEUE_NAME;
  });
});

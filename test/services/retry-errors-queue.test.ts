import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { openStore, type Store } from '../../src/store/store.js';
import { resumeRun, startRun, type RunConfig } from '../../src/run/start-run.js';
import { queueRunner } from '../../src/run/queue-runner.js';
import { redisOptions } from '../../src/run/queue-connection.js';
import { enqueueEncounters, openQueue } from '../../src/run/queue.js';
import { startWorker } from '../../src/run/worker.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { scriptedClinic } from '../support/fake-clinic.js';
import { REDIS_URL, createTestDatabase, requireRedis, uniqueQueueName } from './services.js';
import '../../src/doctors/builtins.js';

const queueName = uniqueQueueName();
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let store: Store;
let server: FakeServer;
let outage = true;
let setupError: unknown;
const clinic = scriptedClinic();

beforeAll(async () => {
  try {
    await requireRedis();
    db = await createTestDatabase();
    store = await openStore(db.url);
    server = await startFakeOpenAI({ handler: (req) => (outage ? { fault: 'server-error' } : clinic(req)) });
    process.env.ROUNDS_QUEUE_NAME = queueName;
  } catch (e) {
    setupError = e;
  }
});
beforeEach(() => {
  if (setupError) throw setupError;
});
afterAll(async () => {
  delete process.env.ROUNDS_QUEUE_NAME;
  if (setupError) return;
  const q = new Queue(queueName, { connection: redisOptions(REDIS_URL) });
  await q.obliterate({ force: true }).catch(() => {});
  await q.close();
  await server?.stop();
  await store?.close();
  await db?.drop();
});

it('puts no password in job data, whatever form the store URL gives it in', async () => {
  const queue = openQueue(REDIS_URL);
  try {
    const url = db.url.replace('://', '://someone:p@ss/w0rd-1@').replace(/$/, '?sslmode=disable&password=pw-in-query-2');
    await enqueueEncounters({ queue, runId: 'run-secret-check', store: url, encounterIds: ['secret-check-1'] });
    const job = await queue.getJob('secret-check-1');
    expect(job?.data.store).toBeDefined();
    expect(job!.data.store).not.toMatch(/p@ss|w0rd-1|pw-in-query-2|password/);
    expect(job!.data.store).toContain('someone@127.0.0.1');
    await job!.remove();
  } finally {
    await queue.close();
  }
});

it('--resume --retry-errors reruns the errored encounters of a queue run on the workers, each once', async () => {
  const worker = await startWorker({ queueUrl: REDIS_URL, store: db.url, concurrency: 2, lockDurationMs: 5000, stalledIntervalMs: 2000 });
  try {
    const config: RunConfig = {
      suites: ['test/fixtures/cases'],
      doctors: [`openai-compatible:${server.url}#fake`],
      protocols: ['default'],
      seeds: ['0', '1', '2'],
      concurrency: 2,
      skipInvalid: false,
      cache: 'off',
      retry: { maxAttempts: 1, baseDelayMs: 1, timeoutMs: 5000 },
    };
    const runner = () => queueRunner({ queueUrl: REDIS_URL, storeLocation: db.url, pollMs: 100 });
    const first = await startRun(store, config, { runner: runner() });
    expect(first.completed).toBe(true);
    const errored = await store.listEncounters(first.runId);
    expect(errored.length).toBe(3);
    expect(errored.every((e) => e.verdict === 'error')).toBe(true);

    outage = false;
    const again = await resumeRun(store, first.runId, { runner: runner() }, { retryErrors: true });
    expect(again.completed).toBe(true);
    for (const e of await store.listEncounters(first.runId)) {
      expect(e.verdict, e.id).toBe('correct');
      const events = await store.getEvents(e.id);
      expect(events.filter((ev) => ev.type === 'start')).toHaveLength(1);
      expect(events.some((ev) => ev.type === 'error')).toBe(false);
    }
  } finally {
    await worker.close();
  }
});

import { Worker, type Job } from 'bullmq';
import { storeCache } from '../store/call-cache.js';
import { RedisRateLimiter } from '../llm/rate-limiter-redis.js';
import { runRuntime } from '../llm/run-runtime.js';
import type { LlmRuntime } from '../llm/runtime.js';
import { openStore, type Store } from '../store/store.js';
import { maskStoreUrl } from '../store/store-url.js';
import { unfinishedCount } from '../store/progress.js';
import { AttemptSupersededError } from '../store/attempt-superseded-error.js';
import { ConfigError, NotFoundError, RoundsError } from '../util/errors.js';
import { prepareRun, type PreparedRun, type RunConfig } from './start-run.js';
import { planById, type PlannedEncounter } from './plan.js';
import { isLegacyEncounterId } from '../session/ids.js';
import { queueName, redisOptions } from './queue-connection.js';
import { EncounterJobData } from './queue.js';
import { runEncounter, type EncounterResult } from './run-encounter.js';

export interface WorkerOptions {
  queueUrl: string;
  /** The store to write to; without it, each job's own store (password from PGPASSWORD). */
  store?: string;
  concurrency: number;
  /** How long a job's lock lives without renewal; a killed worker's job is retried after about this long. */
  lockDurationMs: number;
  /** How often stalled jobs (lock expired) are looked for and put back on the queue. */
  stalledIntervalMs: number;
  log?: (line: string) => void;
}

/** What a finished job returns: the encounter's result, or that it was already done. */
export type EncounterJobResult = (EncounterResult & { skipped?: false }) | { id: string; skipped: true };

/**
 * Starts a BullMQ worker that runs encounter jobs: it prepares each run once
 * (cases, doctors, protocols from the run's stored config), finds the planned
 * encounter by id and runs it with fenced, idempotent writes.
 */
export async function startWorker(opts: WorkerOptions): Promise<{ worker: Worker<EncounterJobData, EncounterJobResult>; close: () => Promise<void> }> {
  const stores = new Map<string, Promise<Store>>();
  const runs = new Map<string, Promise<{ prepared: PreparedRun; byId: (legacy: boolean) => Map<string, PlannedEncounter>; llm: LlmRuntime }>>();
  // Every worker books model calls in the same Redis windows, so N workers share one provider limit.
  const limiter = new RedisRateLimiter({ url: opts.queueUrl });
  const log = opts.log ?? (() => {});

  const storeFor = (location: string): Promise<Store> => {
    let s = stores.get(location);
    if (!s) {
      s = openStore(location, { poolSize: opts.concurrency + 2 });
      // A store that failed to open is retried on the next job rather than cached broken.
      s.catch(() => stores.delete(location));
      stores.set(location, s);
    }
    return s;
  };

  const runFor = (store: Store, runId: string) => {
    const key = `${store.location}\u0000${runId}`;
    let r = runs.get(key);
    if (!r) {
      r = (async () => {
        const run = await store.getRun(runId).catch((e) => {
          if (e instanceof NotFoundError)
            throw new ConfigError(`Run ${runId} is not in the store ${store.location}; start the worker with the --store the run was created in.`);
          throw e;
        });
        const prepared = prepareRun(run.id, run.config as unknown as RunConfig);
        const llm = runRuntime({ config: prepared.config, cache: storeCache(store.db), limiter });
        // A run an earlier release stored keeps its hash-only encounter ids: its jobs are looked up by those.
        const maps = new Map<boolean, Map<string, PlannedEncounter>>();
        const byId = (legacy: boolean) => maps.get(legacy) ?? maps.set(legacy, planById(run.id, prepared.items, legacy)).get(legacy)!;
        return { prepared, byId, llm };
      })();
      r.catch(() => runs.delete(key));
      // A long-lived worker sees many runs; keep the few most recent prepared (their cases stay in memory).
      if (runs.size >= 16) runs.delete(runs.keys().next().value!);
      runs.set(key, r);
    }
    return r;
  };

  const processJob = async (job: Job<EncounterJobData, EncounterJobResult>): Promise<EncounterJobResult> => {
    const data = EncounterJobData.parse(job.data);
    const store = await storeFor(opts.store ?? data.store);
    const { prepared, byId, llm } = await runFor(store, data.runId);
    const item = byId(isLegacyEncounterId(data.encounterId)).get(data.encounterId);
    if (!item)
      throw new ConfigError(
        `Encounter ${data.encounterId} is not in the plan of run ${data.runId}; the cases on this worker differ from the ones the run was created with.`,
      );
    // A retried job whose encounter already finished (the worker died after committing) has nothing left to do.
    if ((await store.getEncounter(item.id)).status === 'done') return { id: item.id, skipped: true };
    const r = await runEncounter({ item, store, actors: prepared.actors, catalog: prepared.catalog, llm, scorers: prepared.scorers });
    if (!r) throw new RoundsError(`Encounter ${item.id} stopped before its end; the job will be retried.`);
    if ((await unfinishedCount(store, data.runId)) === 0) await store.setRunStatus(data.runId, 'done');
    return r;
  };

  const worker = new Worker<EncounterJobData, EncounterJobResult>(queueName(), processJob, {
    connection: { ...redisOptions(opts.queueUrl), maxRetriesPerRequest: null },
    concurrency: opts.concurrency,
    lockDuration: opts.lockDurationMs,
    stalledInterval: opts.stalledIntervalMs,
    maxStalledCount: 3,
    autorun: false,
  });
  worker.on('failed', (job, err) => {
    // A superseded attempt is the fencing working, not a failure of the encounter.
    if (err instanceof AttemptSupersededError) log(`encounter ${job?.id}: ${err.message}`);
    else log(`encounter ${job?.id} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`);
  });
  worker.on('error', (err) => log(`worker error: ${err.message}`));
  worker.run().catch((e: Error) => log(`worker stopped: ${e.message}`));
  await worker.waitUntilReady();
  log(
    `worker ready: queue ${maskStoreUrl(opts.queueUrl)} (${queueName()}), store ${opts.store ? maskStoreUrl(opts.store) : 'from each job'}, concurrency ${opts.concurrency}`,
  );

  return {
    worker,
    close: async () => {
      await worker.close();
      await limiter.close();
      for (const s of stores.values()) await (await s.catch(() => undefined))?.close();
    },
  };
}

import { Queue, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { resolve } from 'node:path';
import { isPostgresUrl, stripStorePassword } from '../store/store-url.js';
import { queueName, redisOptions } from './queue-connection.js';

/** What one encounter job carries; the job id is the encounter id. */
export const EncounterJobData = z.object({
  runId: z.string().min(1),
  encounterId: z.string().min(1),
  /**
   * Where the run lives, as a locator only: a SQLite path or a PostgreSQL URL with every credential removed
   * (job hashes are kept for days in Redis). Workers connect with their own --store / ROUNDS_STORE, or with
   * this locator plus PGPASSWORD.
   */
  store: z.string().min(1),
});
export type EncounterJobData = z.infer<typeof EncounterJobData>;

/** Retries for failures a retry can fix (a store briefly down); a stalled job is retried apart from these. */
export const JOB_OPTIONS: JobsOptions = {
  attempts: Number(process.env.ROUNDS_JOB_ATTEMPTS) || 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The store location as workers should see it: absolute for SQLite; for PostgreSQL without a password in the userinfo or the query. */
export function storeForJobs(location: string): string {
  return isPostgresUrl(location) ? stripStorePassword(location) : resolve(location);
}

/** Opens the encounter queue on a Redis URL; close it when done. */
export function openQueue(url: string): Queue<EncounterJobData> {
  return new Queue<EncounterJobData>(queueName(), { connection: redisOptions(url) });
}

/**
 * Enqueues encounters as jobs whose id is the encounter id, so enqueueing one
 * twice is harmless. A job that already failed for good (or completed while
 * its encounter is still unfinished) is replaced, so `--resume` retries it.
 */
export async function enqueueEncounters(input: {
  queue: Queue<EncounterJobData>;
  runId: string;
  store: string;
  encounterIds: readonly string[];
}): Promise<{ added: number }> {
  const { queue, runId, encounterIds } = input;
  const store = storeForJobs(input.store);
  let added = 0;
  for (let i = 0; i < encounterIds.length; i += 500) {
    const chunk = encounterIds.slice(i, i + 500);
    const existing = await Promise.all(chunk.map((id) => queue.getJob(id)));
    const fresh: string[] = [];
    for (let j = 0; j < chunk.length; j++) {
      const job = existing[j];
      if (!job) fresh.push(chunk[j]);
      else if (job.finishedOn) {
        await job.remove();
        fresh.push(chunk[j]);
      }
    }
    if (fresh.length) {
      await queue.addBulk(
        fresh.map((encounterId) => ({ name: 'encounter', data: { runId, encounterId, store }, opts: { ...JOB_OPTIONS, jobId: encounterId } })),
      );
      added += fresh.length;
    }
  }
  return { added };
}

/** Jobs of a run that failed for good (every attempt used), with the first reason. */
export async function failedJobs(queue: Queue<EncounterJobData>, runId: string): Promise<Array<{ encounterId: string; reason: string }>> {
  const jobs = await queue.getJobs(['failed']);
  return jobs.filter((j) => j?.data?.runId === runId).map((j) => ({ encounterId: j.data.encounterId, reason: j.failedReason }));
}

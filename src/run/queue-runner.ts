import type { Store } from '../store/store.js';
import { lastFinished, storedProgress } from '../store/progress.js';
import { maskStoreUrl } from '../store/store-url.js';
import { RoundsError } from '../util/errors.js';
import type { EncounterRunner } from './start-run.js';
import { enqueueEncounters, failedJobs, openQueue } from './queue.js';

/** Some encounters' jobs used every attempt; the run stops being followed until it is resumed. */
export class QueueJobsFailedError extends RoundsError {
  constructor(message: string) {
    super(message);
    this.name = 'QueueJobsFailedError';
  }
}

/**
 * An EncounterRunner that enqueues the encounters on a BullMQ queue and
 * follows the run by polling the store, so the same progress display and
 * final report work as for a local run. Workers (`rounds worker`) do the work.
 */
export function queueRunner(input: {
  queueUrl: string;
  storeLocation: string;
  pollMs?: number;
  onEnqueued?: (info: { added: number; queued: number }) => void;
}): EncounterRunner {
  return async ({ store, runId, items, signal, onProgress }) => {
    const queue = openQueue(input.queueUrl);
    try {
      const { added } = await enqueueEncounters({ queue, runId, store: input.storeLocation, encounterIds: items.map((i) => i.id) });
      input.onEnqueued?.({ added, queued: items.length });
      return await followRun({
        store,
        runId,
        signal,
        onProgress,
        pollMs: input.pollMs,
        checkFailed: async () => {
          // A failed job whose encounter another attempt finished is not a failure of the run.
          const failed = [];
          for (const f of await failedJobs(queue, runId)) if ((await store.getEncounter(f.encounterId)).status !== 'done') failed.push(f);
          return { count: failed.length, reason: failed[0]?.reason };
        },
        where: maskStoreUrl(input.queueUrl),
      });
    } finally {
      await queue.close();
    }
  };
}

/** Polls the store until every encounter of the run is done, the signal aborts, or jobs fail for good. */
export async function followRun(input: {
  store: Store;
  runId: string;
  signal?: AbortSignal;
  onProgress?: Parameters<EncounterRunner>[0]['onProgress'];
  pollMs?: number;
  checkFailed?: () => Promise<{ count: number; reason?: string }>;
  where?: string;
}): Promise<{ progress: Awaited<ReturnType<typeof storedProgress>>; completed: boolean }> {
  const { store, runId, signal } = input;
  const pollMs = input.pollMs ?? 300;
  let lastDone = -1;
  let lastFailedCheck = 0;
  for (;;) {
    const progress = await storedProgress(store, runId);
    if (progress.done !== lastDone) {
      lastDone = progress.done;
      const last = await lastFinished(store, runId);
      if (last) input.onProgress?.(progress, last);
    }
    if (progress.done >= progress.total) return { progress, completed: true };
    if (signal?.aborted) return { progress, completed: false };
    if (input.checkFailed && Date.now() - lastFailedCheck > 3000) {
      lastFailedCheck = Date.now();
      const failed = await input.checkFailed();
      if (failed.count > 0) {
        throw new QueueJobsFailedError(
          `${failed.count} encounter job${failed.count === 1 ? '' : 's'} of run ${runId} failed on every attempt in the workers of ${input.where ?? 'the queue'} (first reason: ${failed.reason ?? 'unknown'}); fix the cause, then resume with --resume ${runId} --queue.`,
        );
      }
    }
    await new Promise<void>((res) => {
      const t = setTimeout(done, pollMs);
      function done() {
        signal?.removeEventListener('abort', done);
        clearTimeout(t);
        res();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

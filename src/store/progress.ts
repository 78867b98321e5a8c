import type { Store } from './store.js';
import type { Verdict } from '../scoring/types.js';

/** Counts of a run's encounters as stored, in the shape progress displays use. */
export interface StoredProgress {
  done: number;
  total: number;
  correct: number;
  scored: number;
  errors: number;
}

/** Reads a run's progress from the store (one grouped query), for followers of runs executed elsewhere. */
export async function storedProgress(store: Store, runId: string): Promise<StoredProgress> {
  const rows = await store.db
    .selectFrom('encounters')
    .select(['status', 'verdict', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['status', 'verdict'])
    .execute();
  const p: StoredProgress = { done: 0, total: 0, correct: 0, scored: 0, errors: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    p.total += n;
    if (r.status !== 'done') continue;
    p.done += n;
    if ((r.verdict as Verdict) === 'error') p.errors += n;
    else {
      p.scored += n;
      if (r.verdict === 'correct') p.correct += n;
    }
  }
  return p;
}

/** The most recently finished encounter of a run, if any. */
export async function lastFinished(store: Store, runId: string): Promise<{ id: string; verdict: Verdict; cost: number; turns: number } | undefined> {
  const r = await store.db
    .selectFrom('encounters')
    .select(['id', 'verdict', 'cost', 'turns'])
    .where('run_id', '=', runId)
    .where('status', '=', 'done')
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { id: r.id, verdict: r.verdict as Verdict, cost: Number(r.cost), turns: Number(r.turns) } : undefined;
}

/** How many of a run's encounters are not done yet. */
export async function unfinishedCount(store: Store, runId: string): Promise<number> {
  const r = await store.db
    .selectFrom('encounters')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('run_id', '=', runId)
    .where('status', '!=', 'done')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

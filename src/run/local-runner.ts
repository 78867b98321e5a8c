import type { Actors } from '../encounter/actors.js';
import type { Catalog } from '../case/catalog.js';
import type { Store } from '../store/store.js';
import type { PlannedEncounter } from './plan.js';
import { runEncounter, type EncounterResult } from './run-encounter.js';
import type { LlmRuntime } from '../llm/runtime.js';
import type { Scorer } from '../scoring/scorer.js';
import { eventLoopTurn } from '../util/event-loop-turn.js';

export interface RunProgress {
  done: number;
  total: number;
  correct: number;
  scored: number;
  errors: number;
}

/**
 * Runs encounters through a pool of `concurrency` workers, persisting as it
 * goes. On abort, workers stop taking new encounters; unfinished ones stay
 * in the store for `--resume`.
 */
export async function runLocal(input: {
  /** The encounters to run, in order; an array or a lazy plan (then `total` says how many it yields). */
  items: Iterable<PlannedEncounter>;
  total?: number;
  store: Store;
  actors: Actors;
  catalog: Catalog;
  concurrency: number;
  /** Encounters already finished before this call (resume), counted in progress. */
  alreadyDone?: RunProgress;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress, last: EncounterResult) => void;
  /** Model-call runtime shared by every encounter (cache, limits, spend; its onBudget aborts `signal` for --max-usd). */
  llm?: LlmRuntime;
  scorers?: readonly Scorer[];
}): Promise<{ progress: RunProgress; completed: boolean }> {
  const { store, actors, catalog, signal } = input;
  const list = input.total === undefined ? [...input.items] : input.items;
  const total = input.total ?? (list as PlannedEncounter[]).length;
  const progress: RunProgress = input.alreadyDone ? { ...input.alreadyDone } : { done: 0, total, correct: 0, scored: 0, errors: 0 };
  const items = list[Symbol.iterator]();
  let exhausted = false;
  // Workers take the next encounter from one shared iterator, so a lazy plan is generated as it runs.
  const take = (): PlannedEncounter | undefined => {
    if (exhausted) return undefined;
    const n = items.next();
    if (n.done) exhausted = true;
    return n.done ? undefined : n.value;
  };
  const worker = async () => {
    while (!signal?.aborted) {
      const item = take();
      if (!item) break;
      const r = await runEncounter({ item, store, actors, catalog, signal, llm: input.llm, scorers: input.scorers, groupCommit: true });
      if (!r) continue;
      progress.done++;
      if (r.verdict === 'error') progress.errors++;
      else {
        progress.scored++;
        if (r.verdict === 'correct') progress.correct++;
      }
      input.onProgress?.(progress, r);
      // SQLite calls resolve as microtasks, so without this the loop would
      // never yield to the event loop and Ctrl-C (a signal) would not be seen.
      const turn = eventLoopTurn();
      if (turn) await turn;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency, total)) }, worker));
  return { progress, completed: !signal?.aborted && exhausted };
}

import type { Actors } from '../encounter/actors.js';
import type { Catalog } from '../case/catalog.js';
import type { Store } from '../store/store.js';
import type { Verdict } from '../scoring/types.js';
import type { Scorer } from '../scoring/scorer.js';
import type { PlannedEncounter } from './plan.js';
import { createRuntime, withCallScope, type LlmRuntime } from '../llm/runtime.js';
import { emptyUsage, type Usage } from '../llm/usage.js';
import { biasDisease } from '../llm/biases.js';
import { EncounterSession } from '../session/session.js';
import { defaultScorers } from '../scoring/scorers.js';
import { eventLoopTurn } from '../util/event-loop-turn.js';

export interface EncounterResult {
  id: string;
  verdict: Verdict;
  cost: number;
  turns: number;
}

/**
 * Drives one encounter to its end: the doctor acts, the engine steps, and the
 * new events are persisted (by the session) before the next step. A throwing
 * doctor ends the encounter with reason error; it is never scored as right or wrong.
 */
export async function runEncounter(input: RunEncounterInput): Promise<EncounterResult | undefined> {
  // Model calls made for this encounter (doctor, actors, judge) find the run's runtime and this encounter's usage here.
  const usage = emptyUsage();
  // An encounter with no model anywhere (a replayable doctor and hospital, scorers that call none) makes no call that
  // would read the scope, so it runs without one: a scope turns on async hooks that then run for every promise.
  if (input.item.factory.replayable === true && input.actors.replayable === true && (input.scorers ?? defaultScorers()).every((s) => s.local === true))
    return driveEncounter(input, usage);
  const scope = {
    runtime: input.llm ?? (defaultRuntime ??= createRuntime()),
    usage,
    seed: `${input.item.seed}:${input.item.id}`,
    sample: input.item.seed,
    signal: input.signal,
  };
  return withCallScope(scope, () => driveEncounter(input, usage));
}

let defaultRuntime: LlmRuntime | undefined;

export type RunEncounterInput = Parameters<typeof driveEncounter>[0];

async function driveEncounter(
  input: {
    item: PlannedEncounter;
    store: Store;
    actors: Actors;
    catalog: Catalog;
    signal?: AbortSignal;
    now?: () => Date;
    /** The run's model-call runtime (cache, limits, prices); a default one when absent. */
    llm?: LlmRuntime;
    /** The run's scorers (built-in, judge, moderator, --scorer); the built-in ones when absent. */
    scorers?: readonly Scorer[];
    /** The caller redoes unfinished encounters on resume (the local runner), so replayable ones may share a commit. */
    groupCommit?: boolean;
  },
  usage: Usage,
): Promise<EncounterResult | undefined> {
  const { item, store, actors, catalog, signal } = input;
  const session = await EncounterSession.begin({
    store,
    id: item.id,
    kase: item.kase,
    protocol: item.protocolConfig,
    catalog,
    actors,
    seed: item.seed,
    now: input.now,
    scorers: input.scorers,
    // A replayable encounter of a local run (no model, network or person on either side, no model-graded scorer) is
    // written whole when it finishes, in a group commit with others: a SIGKILL loses only work `--resume` redoes exactly.
    deferred:
      input.groupCommit === true && item.factory.replayable === true && actors.replayable === true && !(input.scorers ?? []).some((s) => s.needsVerdict),
  });
  const encounter = session.encounter;
  let bias: { disease: string | undefined } | undefined;
  const doctor = item.factory.create({
    catalog,
    protocol: item.protocolConfig,
    rng: encounter.rng,
    // Read on demand: only a biased model doctor reads it, and drawing it costs a seeded generator per encounter.
    get biasDisease() {
      return (bias ??= { disease: biasDisease({ kase: item.kase, seed: item.seed }) }).disease;
    },
    signal,
    note: (kind, data) => encounter.note(item.doctor, kind, data),
  });
  while (!encounter.ended) {
    // SQLite writes and built-in doctors are synchronous, and a server running this in-process must keep answering
    // its requests meanwhile: a turn of the event loop whenever the steps have held it for a slice (TURN_SLICE_MS).
    const turn = eventLoopTurn();
    if (turn) await turn;
    // An interrupted run leaves this encounter unfinished; resume redoes it from the start.
    if (signal?.aborted) return undefined;
    await session.append();
    let action: unknown;
    try {
      // Built-in doctors answer synchronously: awaiting a plain value would still cost a promise and a turn per step.
      const acted = doctor.act(encounter.view());
      action = isPromiseLike(acted) ? await acted : acted;
    } catch (e) {
      if (signal?.aborted) return undefined;
      encounter.fail('doctor-error', `The doctor failed: ${(e as Error).message ?? String(e)}`);
      break;
    }
    try {
      await encounter.step(action);
    } catch (e) {
      // A model-backed actor (patient, lab) that still fails after its retries ends the encounter as an error.
      if (signal?.aborted) return undefined;
      encounter.fail('actor-error', `The hospital side failed: ${(e as Error).message ?? String(e)}`);
    }
  }
  // A judge cut short by Ctrl-C or --max-usd would store a cancellation as its verdict; the session stores nothing then, leaving the encounter for resume.
  const outcome = await session.finish({ signal, usage });
  if (!outcome) return undefined;
  return { id: item.id, verdict: outcome.verdict, cost: encounter.cost, turns: encounter.turn };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

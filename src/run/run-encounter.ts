import type { Actors } from '../encounter/actors.js';
import type { Catalog } from '../case/catalog.js';
import { startEncounter, type Encounter } from '../encounter/engine.js';
import { scoreEncounter } from '../scoring/score-encounter.js';
import type { Store } from '../store/store.js';
import type { Verdict } from '../scoring/types.js';
import type { PlannedEncounter } from './plan.js';
import type { Judge } from '../scoring/judge.js';
import { createRuntime, withCallScope, type LlmRuntime } from '../llm/runtime.js';
import { emptyUsage, usageScores, type Usage } from '../llm/usage.js';
import { biasDisease } from '../llm/biases.js';

export interface EncounterResult {
  id: string;
  verdict: Verdict;
  cost: number;
  turns: number;
}

/**
 * Drives one encounter to its end: the doctor acts, the engine steps, and the
 * new events are persisted before the next step. A throwing doctor ends the
 * encounter with reason error; it is never scored as right or wrong.
 */
export async function runEncounter(input: RunEncounterInput): Promise<EncounterResult | undefined> {
  // Model calls made for this encounter (doctor, actors, judge) find the run's runtime and this encounter's usage here.
  const usage = emptyUsage();
  const scope = { runtime: input.llm ?? (defaultRuntime ??= createRuntime()), usage, seed: `${input.item.seed}:${input.item.id}`, signal: input.signal };
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
    /** The llm judge, run after the deterministic scoring. */
    judge?: Judge;
    /** The caller redoes unfinished encounters on resume (the local runner), so replayable ones may share a commit. */
    groupCommit?: boolean;
  },
  usage: Usage,
): Promise<EncounterResult | undefined> {
  const { item, store, actors, catalog, signal } = input;
  const now = input.now ?? (() => new Date());
  // The attempt token fences this run of the encounter: if a retry elsewhere supersedes it, its writes throw.
  // A replayable encounter of a local run (no model, network or person on either side, no judge) is written whole
  // when it finishes, in a group commit with others: a SIGKILL loses only work `--resume` redoes exactly.
  const deferred = input.groupCommit === true && item.factory.replayable === true && actors.replayable === true && !input.judge;
  const attempt = await store.beginEncounter(item.id, now().toISOString(), { deferred });
  const encounter: Encounter = startEncounter({ kase: item.kase, actors, protocol: item.protocolConfig, catalog, seed: item.seed, now });
  const doctor = item.factory.create({
    catalog,
    protocol: item.protocolConfig,
    rng: encounter.rng,
    biasDisease: biasDisease({ kase: item.kase, seed: item.seed }),
    signal,
    note: (kind, data) => encounter.note(item.doctor, kind, data),
  });
  while (!encounter.ended) {
    // One turn of the event loop per step: SQLite writes and built-in doctors are synchronous, and a
    // server running this in-process must keep answering its requests meanwhile.
    await new Promise((r) => setImmediate(r));
    // An interrupted run leaves this encounter unfinished; resume redoes it from the start.
    if (signal?.aborted) return undefined;
    await store.appendEvents(item.id, encounter.drainEvents(), attempt);
    let action: unknown;
    try {
      action = await doctor.act(encounter.view());
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
  const { verdict, scores } = scoreEncounter(item.kase, encounter.events);
  if (input.judge && verdict !== 'error') {
    scores.push(...(await input.judge.score({ kase: item.kase, events: encounter.events })));
    // A judge cut short by Ctrl-C or --max-usd would store a cancellation as its verdict; leave the encounter for resume instead.
    if (signal?.aborted) return undefined;
  }
  if (usage.calls > 0) scores.push(...usageScores(usage));
  const result: EncounterResult = { id: item.id, verdict, cost: encounter.cost, turns: encounter.turn };
  await store.finishEncounter(
    item.id,
    encounter.drainEvents(),
    {
      endReason: encounter.endReason ?? null,
      verdict,
      cost: Math.round(encounter.cost * 100) / 100,
      turns: encounter.turn,
      finishedAt: now().toISOString(),
      scores,
    },
    attempt,
  );
  return result;
}

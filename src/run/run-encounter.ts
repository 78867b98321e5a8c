import type { Actors } from '../encounter/actors.js';
import type { Catalog } from '../case/catalog.js';
import { startEncounter, type Encounter } from '../encounter/engine.js';
import { scoreEncounter } from '../scoring/score-encounter.js';
import type { Store } from '../store/store.js';
import type { Verdict } from '../scoring/types.js';
import type { PlannedEncounter } from './plan.js';

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
export async function runEncounter(input: {
  item: PlannedEncounter;
  store: Store;
  actors: Actors;
  catalog: Catalog;
  signal?: AbortSignal;
  now?: () => Date;
}): Promise<EncounterResult | undefined> {
  const { item, store, actors, catalog, signal } = input;
  const now = input.now ?? (() => new Date());
  await store.beginEncounter(item.id, now().toISOString());
  const encounter: Encounter = startEncounter({ kase: item.kase, actors, protocol: item.protocolConfig, catalog, seed: item.seed, now });
  const doctor = item.factory.create({
    catalog,
    protocol: item.protocolConfig,
    rng: encounter.rng,
    signal,
    note: (kind, data) => encounter.note(item.doctor, kind, data),
  });
  while (!encounter.ended) {
    // An interrupted run leaves this encounter unfinished; resume redoes it from the start.
    if (signal?.aborted) return undefined;
    await store.appendEvents(item.id, encounter.drainEvents());
    let action: unknown;
    try {
      action = await doctor.act(encounter.view());
    } catch (e) {
      if (signal?.aborted) return undefined;
      encounter.fail('doctor-error', `The doctor failed: ${(e as Error).message ?? String(e)}`);
      break;
    }
    await encounter.step(action);
  }
  const { verdict, scores } = scoreEncounter(item.kase, encounter.events);
  const result: EncounterResult = { id: item.id, verdict, cost: encounter.cost, turns: encounter.turn };
  await store.finishEncounter(item.id, encounter.drainEvents(), {
    endReason: encounter.endReason ?? null,
    verdict,
    cost: Math.round(encounter.cost * 100) / 100,
    turns: encounter.turn,
    finishedAt: now().toISOString(),
    scores,
  });
  return result;
}

import type { Catalog } from '../case/catalog.js';
import type { Case } from '../case/schema.js';
import type { Actors } from '../encounter/actors.js';
import { startEncounter, type Encounter } from '../encounter/engine.js';
import type { Protocol } from '../encounter/protocol.js';
import type { Observation } from '../encounter/view.js';
import { encounterId } from '../run/plan.js';
import { newRunId } from '../run/start-run.js';
import { collectVersions } from '../run/versions.js';
import { scoreEncounter } from '../scoring/score-encounter.js';
import type { Score, Verdict } from '../scoring/types.js';
import type { Store } from '../store/store.js';

/** The verdict and scores of a finished encounter, as the runner would store them. */
export interface EncounterOutcome {
  verdict: Verdict;
  scores: Score[];
}

/**
 * One externally driven encounter (MCP client, RL agent): the engine stepped
 * one action at a time, persisted exactly as the browser seat (server/play-sessions)
 * persists it — a one-encounter run, events before the next step, scored at the
 * end. Without a store it is the bare engine plus scoring.
 */
export class RecordedEncounter {
  /** Steps run one after another, never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();
  private outcome: EncounterOutcome | undefined;

  private constructor(
    readonly encounter: Encounter,
    readonly kase: Case,
    private readonly store: Store | undefined,
    readonly runId: string | undefined,
    readonly encounterId: string | undefined,
  ) {}

  /** Starts the engine on the case and, with a store, records a one-encounter run for `doctor`. */
  static async start(input: {
    store?: Store;
    kase: Case;
    protocol: Protocol;
    catalog: Catalog;
    actors: Actors;
    /** The session's seed; the encounter seed is `<case id>:<seed>` as for the browser seat. */
    seed: string;
    doctor: string;
    suite?: string;
    seat: string;
  }): Promise<RecordedEncounter> {
    const seed = `${input.kase.id}:${input.seed}`;
    const encounter = startEncounter({ kase: input.kase, actors: input.actors, protocol: input.protocol, catalog: input.catalog, seed });
    if (!input.store) {
      encounter.drainEvents();
      return new RecordedEncounter(encounter, input.kase, undefined, undefined, undefined);
    }
    const { store, kase } = input;
    const runId = newRunId();
    const id = encounterId(runId, kase.id, input.doctor, input.protocol.name, seed);
    const at = new Date().toISOString();
    const config = {
      suites: [input.suite ?? kase.specialty],
      caseIds: [kase.id],
      doctors: [input.doctor],
      protocols: [input.protocol.name],
      seeds: [input.seed],
      concurrency: 1,
      skipInvalid: false,
      seat: input.seat,
    };
    await store.createRun({ id: runId, createdAt: at, updatedAt: at, status: 'running', config, versions: collectVersions(), total: 1 }, [
      {
        id,
        ordinal: 0,
        caseId: kase.id,
        specialty: kase.specialty,
        difficulty: kase.difficulty,
        diagnosis: kase.diagnosis.name,
        doctor: input.doctor,
        protocol: input.protocol.name,
        seed,
      },
    ]);
    await store.beginEncounter(id, at);
    await store.appendEvents(id, encounter.drainEvents());
    return new RecordedEncounter(encounter, kase, store, runId, id);
  }

  get ended(): boolean {
    return this.encounter.ended;
  }

  /** The verdict and scores once the encounter has ended. */
  get result(): EncounterOutcome | undefined {
    return this.outcome;
  }

  /** Applies one (already validated) action, persists its events, and scores the encounter when it ends. */
  step(action: unknown): Promise<Observation> {
    const run = this.queue.then(async () => {
      const observation = await this.encounter.step(action);
      await this.persist();
      return observation;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the encounter as an error with the reason (e.g. an abandoned session), recorded and counted apart. */
  fail(code: string, message: string): Promise<void> {
    const run = this.queue.then(async () => {
      this.encounter.fail(code, message);
      await this.persist();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async persist(): Promise<void> {
    const e = this.encounter;
    if (!e.ended) {
      if (this.store) await this.store.appendEvents(this.encounterId!, e.drainEvents());
      return;
    }
    if (this.outcome) return;
    this.outcome = scoreEncounter(this.kase, e.events);
    if (!this.store) return;
    await this.store.finishEncounter(this.encounterId!, e.drainEvents(), {
      endReason: e.endReason ?? null,
      verdict: this.outcome.verdict,
      cost: Math.round(e.cost * 100) / 100,
      turns: e.turn,
      finishedAt: new Date().toISOString(),
      scores: this.outcome.scores,
    });
    await this.store.setRunStatus(this.runId!, 'done');
  }
}

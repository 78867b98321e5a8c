import type { Catalog } from '../case/catalog.js';
import type { Case } from '../case/schema.js';
import type { Actors } from '../encounter/actors.js';
import { startEncounter, type Encounter } from '../encounter/engine.js';
import type { Protocol } from '../encounter/protocol.js';
import type { Observation } from '../encounter/view.js';
import { usageScores, type Usage } from '../llm/usage.js';
import { runScorers, type Scorer } from '../scoring/scorer.js';
import { defaultScorers } from '../scoring/scorers.js';
import type { EncounterScores } from '../scoring/types.js';
import type { Store } from '../store/store.js';
import { encounterId, newRunId } from './ids.js';
import { collectVersions } from './versions.js';
import { caseSetHash } from '../case/case-set-hash.js';
import { gitCommit } from '../util/git-commit.js';

const NOTHING: Promise<void> = Promise.resolve();

/** The verdict and scores of a finished encounter, as stored. */
export type EncounterOutcome = EncounterScores;

interface SessionParts {
  encounter: Encounter;
  kase: Case;
  store?: Store;
  attempt?: string;
  runId?: string;
  encounterId?: string;
  /** The session created its own one-encounter run, so finishing the encounter finishes the run. */
  ownsRun: boolean;
  scorers: readonly Scorer[];
  now: () => Date;
}

/**
 * One encounter's life against the store, the same for every way an encounter
 * is driven (the local runner, the queue worker, the browser seat, the gym,
 * MCP): begin with a fresh attempt (fencing) token, append each step's events
 * before the next step, score with every configured scorer, finish. Without a
 * store it is the bare engine plus scoring.
 */
export class EncounterSession {
  readonly encounter: Encounter;
  readonly kase: Case;
  readonly runId: string | undefined;
  readonly encounterId: string | undefined;
  /** Steps of a seat run one after another, never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();
  private outcome: EncounterOutcome | undefined;

  private constructor(private readonly parts: SessionParts) {
    this.encounter = parts.encounter;
    this.kase = parts.kase;
    this.runId = parts.runId;
    this.encounterId = parts.encounterId;
  }

  /**
   * Begins a planned encounter of an existing run. The attempt token fences
   * this attempt: if a retry elsewhere supersedes it, its writes throw; a
   * rerun replaces whatever an interrupted attempt left.
   */
  static async begin(input: {
    store: Store;
    id: string;
    kase: Case;
    protocol: Protocol;
    catalog: Catalog;
    actors: Actors;
    /** The encounter's seed (`<case id>:<seed>`). */
    seed: string;
    now?: () => Date;
    scorers?: readonly Scorer[];
    /** Write nothing until the encounter finishes, in the store's next group commit (replayable encounters of a local run only). */
    deferred?: boolean;
  }): Promise<EncounterSession> {
    const now = input.now ?? (() => new Date());
    const attempt = await input.store.beginEncounter(input.id, now().toISOString(), { deferred: input.deferred === true });
    // Without an injected clock the engine reads the system clock itself, cheaper than a Date per event.
    const encounter = startEncounter({
      kase: input.kase,
      actors: input.actors,
      protocol: input.protocol,
      catalog: input.catalog,
      seed: input.seed,
      now: input.now,
    });
    return new EncounterSession({
      encounter,
      kase: input.kase,
      store: input.store,
      attempt,
      encounterId: input.id,
      ownsRun: false,
      scorers: input.scorers ?? defaultScorers(),
      now,
    });
  }

  /**
   * A seat's encounter (browser, gym, MCP): with a store, records a
   * one-encounter run for `doctor`, begins it and stores the opening events;
   * without one, just starts the engine.
   */
  static async open(input: {
    store?: Store;
    kase: Case;
    protocol: Protocol;
    catalog: Catalog;
    actors: Actors;
    /** The session's seed; the encounter seed is `<case id>:<seed>`, as in a run. */
    seed: string;
    doctor: string;
    suite?: string;
    /** Which seat recorded the run (`play`, `env`, `mcp`), stored in its config. */
    seat: string;
    /** Stored in the config when given: a case picked from a suite stays hidden from everyone else while it runs. */
    anonymous?: boolean;
    scorers?: readonly Scorer[];
  }): Promise<EncounterSession> {
    const { store, kase } = input;
    const seed = `${kase.id}:${input.seed}`;
    const now = () => new Date();
    const scorers = input.scorers ?? defaultScorers();
    const encounter = startEncounter({ kase, actors: input.actors, protocol: input.protocol, catalog: input.catalog, seed });
    if (!store) {
      encounter.drainEvents();
      return new EncounterSession({ encounter, kase, ownsRun: false, scorers, now });
    }
    const runId = newRunId();
    const id = encounterId(runId, 0, kase.id, input.doctor, input.protocol.name, seed);
    const at = now().toISOString();
    const config = {
      suites: [input.suite ?? kase.specialty],
      caseIds: [kase.id],
      doctors: [input.doctor],
      protocols: [input.protocol.name],
      seeds: [input.seed],
      concurrency: 1,
      skipInvalid: false,
      seat: input.seat,
      ...(input.anonymous !== undefined ? { anonymous: input.anonymous } : {}),
      scoredBy: scorers.map((s) => s.name),
      caseSetHash: caseSetHash([kase]),
      caseCount: 1,
      gitCommit: gitCommit(),
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
    const attempt = await store.beginEncounter(id, at);
    await store.appendEvents(id, encounter.drainEvents(), attempt);
    return new EncounterSession({ encounter, kase, store, attempt, runId, encounterId: id, ownsRun: true, scorers, now });
  }

  get ended(): boolean {
    return this.encounter.ended;
  }

  /** The verdict and scores once the encounter has been finished. */
  get result(): EncounterOutcome | undefined {
    return this.outcome;
  }

  /** Stores the events since the last call; throws AttemptSupersededError once another attempt owns the encounter. */
  append(): Promise<void> {
    const { store, attempt } = this.parts;
    const events = this.encounter.drainEvents();
    // Not an async function: a run calls this at every step, and the store's promise is all there is to wait for.
    return store ? store.appendEvents(this.encounterId!, events, attempt) : NOTHING;
  }

  /**
   * Scores the ended encounter with every scorer and stores the outcome with
   * the last events. Returns undefined, storing nothing, when `signal` was
   * aborted while a model-graded scorer ran: a cancelled grade must not be
   * stored as the verdict, so the encounter is left for resume.
   */
  async finish(opts: { signal?: AbortSignal; usage?: Usage } = {}): Promise<EncounterOutcome | undefined> {
    if (this.outcome) return this.outcome;
    const e = this.encounter;
    const { scorers, store, attempt } = this.parts;
    const { verdict, scores } = await runScorers({ scorers, encounter: e, kase: this.kase, context: { signal: opts.signal } });
    if (verdict !== 'error' && scorers.some((s) => s.needsVerdict) && opts.signal?.aborted) return undefined;
    // Model calls (doctor, actors, judge) are counted after the judge has run.
    if (opts.usage && opts.usage.calls > 0) scores.push(...usageScores(opts.usage));
    this.outcome = { verdict, scores };
    if (!store) return this.outcome;
    await store.finishEncounter(
      this.encounterId!,
      e.drainEvents(),
      {
        endReason: e.endReason ?? null,
        verdict,
        cost: Math.round(e.cost * 100) / 100,
        turns: e.turn,
        finishedAt: this.parts.now().toISOString(),
        scores,
      },
      attempt,
    );
    if (this.parts.ownsRun) await store.setRunStatus(this.runId!, 'done');
    return this.outcome;
  }

  /** A seat's step: applies one (already validated) action, stores its events, and finishes the encounter when it ends. */
  step(action: unknown): Promise<Observation> {
    return this.serially(async () => {
      const observation = await this.encounter.step(action);
      await this.persist();
      return observation;
    });
  }

  /** Ends the encounter as an error with the reason (e.g. an abandoned seat), recorded and counted apart. */
  fail(code: string, message: string): Promise<void> {
    return this.serially(async () => {
      this.encounter.fail(code, message);
      await this.persist();
    });
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async persist(): Promise<void> {
    if (!this.encounter.ended) return this.append();
    await this.finish();
  }
}

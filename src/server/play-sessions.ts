import { randomBytes } from 'node:crypto';
import type { Catalog } from '../case/catalog.js';
import type { Case } from '../case/schema.js';
import type { Actors } from '../encounter/actors.js';
import { Action } from '../encounter/actions.js';
import { startEncounter, type Encounter } from '../encounter/engine.js';
import type { Protocol } from '../encounter/protocol.js';
import type { DoctorView, Observation } from '../encounter/view.js';
import { encounterId } from '../run/plan.js';
import { newRunId } from '../run/start-run.js';
import { collectVersions } from '../run/versions.js';
import { scoreEncounter } from '../scoring/score-encounter.js';
import type { Score, Verdict } from '../scoring/types.js';
import type { Store } from '../store/store.js';
import { ApiError, parseInput } from './errors.js';

interface Session {
  id: string;
  runId: string;
  encounterId: string;
  kase: Case;
  encounter: Encounter;
  lastSeen: number;
  /** Steps of one session run one after another, never interleaved. */
  queue: Promise<unknown>;
}

/** What the seat returns after each step. */
export interface PlayStep {
  observation: Observation;
  view: DoctorView;
  ended: boolean;
  /** Present once the encounter has ended: the same verdict and scores an AI would get. */
  result?: { verdict: Verdict; scores: Score[]; diagnosis: string; endReason: string | null; caseId: string; title: string };
}

export const SESSION_TTL_MS = 30 * 60 * 1000;

/**
 * The human doctor's seat: one engine per browser session, driven one step
 * per request and persisted exactly as the runner persists an AI's encounter.
 */
export class PlaySessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: { store: Store; actors: Actors; catalog: Catalog; ttlMs?: number; now?: () => number }) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Stores a one-encounter run for `human:<name>` and starts the engine on the case. */
  async create(input: {
    name: string;
    kase: Case;
    protocol: Protocol;
    suite?: string;
    seed: string;
  }): Promise<{ sessionId: string; runId: string; encounterId: string; view: DoctorView }> {
    await this.expire();
    const { store, actors, catalog } = this.deps;
    const doctor = `human:${input.name}`;
    const runId = newRunId();
    const seed = `${input.kase.id}:${input.seed}`;
    const id = encounterId(runId, input.kase.id, doctor, input.protocol.name, seed);
    const at = new Date().toISOString();
    const config = {
      suites: [input.suite ?? input.kase.specialty],
      caseIds: [input.kase.id],
      doctors: [doctor],
      protocols: [input.protocol.name],
      seeds: [input.seed],
      concurrency: 1,
      skipInvalid: false,
      seat: 'play',
      // A case picked from a suite stays hidden from everyone else while it runs (seat-privacy.ts).
      anonymous: input.suite !== undefined,
    };
    await store.createRun({ id: runId, createdAt: at, updatedAt: at, status: 'running', config, versions: collectVersions(), total: 1 }, [
      {
        id,
        ordinal: 0,
        caseId: input.kase.id,
        specialty: input.kase.specialty,
        difficulty: input.kase.difficulty,
        diagnosis: input.kase.diagnosis.name,
        doctor,
        protocol: input.protocol.name,
        seed,
      },
    ]);
    await store.beginEncounter(id, at);
    const encounter = startEncounter({ kase: input.kase, actors, protocol: input.protocol, catalog, seed });
    await store.appendEvents(id, encounter.drainEvents());
    const sessionId = randomBytes(16).toString('hex');
    this.sessions.set(sessionId, { id: sessionId, runId, encounterId: id, kase: input.kase, encounter, lastSeen: this.now(), queue: Promise.resolve() });
    return { sessionId, runId, encounterId: id, view: encounter.view() };
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new ApiError(404, 'not-found', `No play session "${id}"; it may have expired. Start a new case at /play.`);
    s.lastSeen = this.now();
    return s;
  }

  /** Whether `sessionId` is the live session playing `encounterId`. */
  owns(sessionId: string | undefined, encounterId: string): boolean {
    return sessionId !== undefined && this.sessions.get(sessionId)?.encounterId === encounterId;
  }

  /** The session's current view, for a page reload. */
  view(id: string): { runId: string; encounterId: string; view: DoctorView } {
    const s = this.session(id);
    return { runId: s.runId, encounterId: s.encounterId, view: s.encounter.view() };
  }

  /** Applies one action from the browser; a malformed action is refused (400) without using a turn. */
  async step(id: string, rawAction: unknown): Promise<PlayStep> {
    await this.expire();
    const s = this.session(id);
    const action = parseInput(Action, rawAction, 'action');
    const run = s.queue.then(async (): Promise<PlayStep> => {
      if (s.encounter.ended) throw new ApiError(409, 'ended', 'This encounter has already ended.');
      const observation = await s.encounter.step(action);
      if (!s.encounter.ended) {
        await this.deps.store.appendEvents(s.encounterId, s.encounter.drainEvents());
        return { observation, view: s.encounter.view(), ended: false };
      }
      const result = await this.finish(s);
      return { observation, view: s.encounter.view(), ended: true, result };
    });
    s.queue = run.catch(() => undefined);
    return run;
  }

  private async finish(s: Session): Promise<NonNullable<PlayStep['result']>> {
    const { store } = this.deps;
    const { verdict, scores } = scoreEncounter(s.kase, s.encounter.events);
    await store.finishEncounter(s.encounterId, s.encounter.drainEvents(), {
      endReason: s.encounter.endReason ?? null,
      verdict,
      cost: Math.round(s.encounter.cost * 100) / 100,
      turns: s.encounter.turn,
      finishedAt: new Date().toISOString(),
      scores,
    });
    await store.setRunStatus(s.runId, 'done');
    this.sessions.delete(s.id);
    return { verdict, scores, diagnosis: s.kase.diagnosis.name, endReason: s.encounter.endReason ?? null, caseId: s.kase.id, title: s.kase.title };
  }

  /**
   * Ends sessions idle longer than the TTL. The encounter is recorded as an
   * error (abandoned), so it is counted apart rather than silently dropped.
   */
  async expire(): Promise<number> {
    const ttl = this.deps.ttlMs ?? SESSION_TTL_MS;
    const now = this.now();
    let n = 0;
    for (const s of [...this.sessions.values()]) {
      if (now - s.lastSeen <= ttl) continue;
      this.sessions.delete(s.id);
      s.encounter.fail('abandoned', 'The human doctor left the encounter unfinished and the session expired.');
      await this.finish(s);
      n++;
    }
    return n;
  }

  /** Fresh random seed for a new session; recorded in the run config so it can be replayed. */
  static newSeed(): string {
    return randomBytes(4).toString('hex');
  }
}

import { randomBytes } from 'node:crypto';
import type { Catalog } from '../case/catalog.js';
import type { Case } from '../case/schema.js';
import type { Actors } from '../encounter/actors.js';
import { Action } from '../encounter/actions.js';
import type { Protocol } from '../encounter/protocol.js';
import type { DoctorView, Observation } from '../encounter/view.js';
import { EncounterSession } from '../session/session.js';
import type { Score, Verdict } from '../scoring/types.js';
import type { Store } from '../store/store.js';
import { ApiError, parseInput } from './errors.js';

interface Session {
  id: string;
  runId: string;
  encounterId: string;
  kase: Case;
  rec: EncounterSession;
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
    const rec = await EncounterSession.open({
      store,
      kase: input.kase,
      protocol: input.protocol,
      catalog,
      actors,
      seed: input.seed,
      doctor: `human:${input.name}`,
      suite: input.suite,
      seat: 'play',
      // A case picked from a suite stays hidden from everyone else while it runs (seat-privacy.ts).
      anonymous: input.suite !== undefined,
    });
    const sessionId = randomBytes(16).toString('hex');
    const runId = rec.runId!;
    const id = rec.encounterId!;
    this.sessions.set(sessionId, { id: sessionId, runId, encounterId: id, kase: input.kase, rec, lastSeen: this.now(), queue: Promise.resolve() });
    return { sessionId, runId, encounterId: id, view: rec.encounter.view() };
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
    return { runId: s.runId, encounterId: s.encounterId, view: s.rec.encounter.view() };
  }

  /** Applies one action from the browser; a malformed action is refused (400) without using a turn. */
  async step(id: string, rawAction: unknown): Promise<PlayStep> {
    await this.expire();
    const s = this.session(id);
    const action = parseInput(Action, rawAction, 'action');
    const run = s.queue.then(async (): Promise<PlayStep> => {
      if (s.rec.ended) throw new ApiError(409, 'ended', 'This encounter has already ended.');
      // The session stores the step's events, and scores and finishes the encounter when it ends.
      const observation = await s.rec.step(action);
      if (!s.rec.ended) return { observation, view: s.rec.encounter.view(), ended: false };
      const result = this.finished(s);
      return { observation, view: s.rec.encounter.view(), ended: true, result };
    });
    s.queue = run.catch(() => undefined);
    return run;
  }

  private finished(s: Session): NonNullable<PlayStep['result']> {
    this.sessions.delete(s.id);
    const { verdict, scores } = s.rec.result!;
    return { verdict, scores, diagnosis: s.kase.diagnosis.name, endReason: s.rec.encounter.endReason ?? null, caseId: s.kase.id, title: s.kase.title };
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
      await s.rec.fail('abandoned', 'The human doctor left the encounter unfinished and the session expired.');
      n++;
    }
    return n;
  }

  /** Fresh random seed for a new session; recorded in the run config so it can be replayed. */
  static newSeed(): string {
    return randomBytes(4).toString('hex');
  }
}

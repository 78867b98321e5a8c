import { sql } from 'kysely';
import type { Store } from '../store/store.js';

/** Most leaderboard answers kept (one per run asked about, plus the pooled views). */
const MAX_ENTRIES = 256;

/** Default reuse of a version lookup (ms): answers lag the store by at most this. */
export const DEFAULT_VERSION_TTL_MS = 250;

interface Entry {
  version: string;
  body: string;
}

/**
 * Leaderboard answers, kept as serialized JSON per scope (a run, or the
 * pooled latest runs) with the store version they were computed from. A
 * request first reads the version, one indexed aggregate query, and reuses
 * the answer while it is unchanged; summarizeRun runs again only after the
 * run changed (an encounter started, finished or was rerun; the run's status
 * changed). Concurrent requests share one computation, and while a new
 * version is being computed, requests are answered with the previous one
 * instead of piling up more computations of a run that keeps changing.
 */
export class LeaderboardCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, { version: string; promise: Promise<string> }>();
  /** How many times an answer was computed rather than reused (for tests and the bench). */
  computed = 0;

  constructor(
    private readonly store: Store,
    /**
     * How long a version lookup is reused. The lookup aggregates every
     * encounter of the runs in scope, so under a burst of requests it is the
     * cost that matters; answers then lag the store by at most this long.
     */
    private readonly versionTtlMs = DEFAULT_VERSION_TTL_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The JSON body for `scope`, recomputed by `compute` only when `version` differs from the cached one. */
  async get(scope: string, version: string, compute: () => Promise<unknown>): Promise<string> {
    const hit = this.entries.get(scope);
    if (hit && hit.version === version) {
      // Refresh its place in the LRU order.
      this.entries.delete(scope);
      this.entries.set(scope, hit);
      return hit.body;
    }
    const running = this.inflight.get(scope);
    if (running) {
      if (running.version === version) return running.promise;
      // Stale while the newer answer is computed; without one, wait for the computation underway.
      return hit ? hit.body : running.promise;
    }
    const promise = (async () => {
      this.computed++;
      const body = JSON.stringify(await compute());
      this.entries.delete(scope);
      this.entries.set(scope, { version, body });
      while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      return body;
    })();
    this.inflight.set(scope, { version, promise });
    try {
      return await promise;
    } finally {
      if (this.inflight.get(scope)?.promise === promise) this.inflight.delete(scope);
    }
  }

  private readonly lookups = new Map<string, { at: number; promise: Promise<unknown> }>();

  /** Requests for one scope share one version lookup for `versionTtlMs` (a burst of 100 clients costs one lookup, not 100). */
  shared<T>(scope: string, lookup: () => Promise<T>): Promise<T> {
    const held = this.lookups.get(scope);
    if (held && this.now() - held.at <= this.versionTtlMs) return held.promise as Promise<T>;
    const promise = lookup();
    const entry = { at: this.now(), promise };
    this.lookups.set(scope, entry);
    // A failed lookup is not reused; and the map stays as small as the answer cache.
    promise.catch(() => this.lookups.get(scope) === entry && this.lookups.delete(scope));
    while (this.lookups.size > MAX_ENTRIES) this.lookups.delete(this.lookups.keys().next().value!);
    return promise;
  }

  /**
   * A string that changes whenever anything a leaderboard over these runs
   * shows can change: per run, its status and update time, and its
   * encounters' count by status with the latest start and finish.
   */
  async version(runIds: readonly string[]): Promise<string> {
    if (runIds.length === 0) return '[]';
    const runs = await this.store.db.selectFrom('runs').select(['id', 'status', 'updated_at']).where('id', 'in', runIds).execute();
    const enc = await this.store.db
      .selectFrom('encounters')
      .select([
        'run_id',
        'status',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.max('started_at').as('started'),
        (eb) => eb.fn.max('finished_at').as('finished'),
        // Verdicts change without a new finish time only if rewritten in place; the sum of their lengths catches a rescore.
        sql<number>`sum(length(coalesce(verdict, '')))`.as('v'),
      ])
      .where('run_id', 'in', runIds)
      .groupBy(['run_id', 'status'])
      .execute();
    const byRun = (id: string) =>
      enc
        .filter((e) => e.run_id === id)
        .map((e) => [e.status, Number(e.n), e.started, e.finished, Number(e.v)])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return JSON.stringify(runIds.map((id) => [id, runs.find((r) => r.id === id)?.status, runs.find((r) => r.id === id)?.updated_at, byRun(id)]));
  }
}

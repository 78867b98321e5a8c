import type BetterSqlite3 from 'better-sqlite3';
import type { EncounterEvent } from '../encounter/events.js';
import type { Score } from '../scoring/types.js';
import { AttemptSupersededError } from './attempt-superseded-error.js';
import { eventBody } from './event-body.js';

export interface HotOutcome {
  endReason: string | null;
  verdict: string;
  cost: number;
  turns: number;
  finishedAt: string;
  scores: Score[];
}

// Rows per multi-row event insert: 5 parameters each stays far below SQLite's parameter limit.
const MAX_ROWS_PER_INSERT = 50;
// Rows per multi-row score insert (4 parameters each); an encounter has about a dozen scores.
const MAX_SCORES_PER_INSERT = 50;

// A group commit writes at most this many finished encounters, and waits at most this long for more: a SIGKILL
// loses at most that much replayable work (resume redoes it), and a reader sees an encounter done at most this late.
export const GROUP_MAX_ENCOUNTERS = 64;
export const GROUP_MAX_WAIT_MS = 50;

// beginDeferred reads the attempt tokens of this many encounters of the run at once, from the one it begins on in
// plan order: one statement (and one read transaction, with its file locks) per this many encounters, not each.
export const ATTEMPT_PREFETCH = 256;

/** A replayable encounter whose writes wait for its group's commit. */
interface Deferred {
  id: string;
  /** The encounter's attempt token when this one began; the commit goes ahead only if it is unchanged. */
  expected: string | null;
  startedAt: string;
  events: EncounterEvent[];
  outcome?: HotOutcome;
}

/**
 * The writes every encounter makes at every step, as prepared better-sqlite3
 * statements in native transactions. Going through Kysely for these costs
 * several times more than the writes themselves, and a run makes thousands
 * per second; everything else in the store stays on Kysely. The semantics
 * (fencing token, replace-on-restart, no-op when already done) are the same
 * as the Kysely path, which PostgreSQL uses.
 */
export class SqliteHotPath {
  private readonly begin: (id: string, attempt: string, startedAt: string) => void;
  private readonly append: (id: string, events: readonly EncounterEvent[], attempt: string | undefined) => void;
  private readonly finish: (id: string, events: readonly EncounterEvent[], outcome: HotOutcome, attempt: string | undefined) => void;

  constructor(private readonly db: BetterSqlite3.Database) {
    const markRunning = db.prepare(
      "update encounters set status = 'running', attempt = ?, started_at = ?, finished_at = null, end_reason = null, verdict = null, cost = null, turns = null where id = ?",
    );
    // `events` is a view of these two tables (migration 0004): a step's events go to event_rows, a group-committed
    // encounter's to one event_blocks row. Replacing an encounter's events clears both.
    const deleteEventRows = db.prepare('delete from event_rows where encounter_id = ?');
    const deleteEventBlock = db.prepare('delete from event_blocks where encounter_id = ?');
    const deleteEvents = (id: string) => {
      deleteEventRows.run(id);
      deleteEventBlock.run(id);
    };
    const insertBlock = db.prepare('insert into event_blocks (encounter_id, events) values (?, ?)');
    const deleteScores = db.prepare('delete from scores where encounter_id = ?');
    const hold = db.prepare("update encounters set attempt = attempt where id = ? and attempt = ? and status = 'running'");
    const statusOf = db.prepare('select status from encounters where id = ?');
    const insertEvent = db.prepare('insert into event_rows (encounter_id, seq, type, at, body) values (?, ?, ?, ?, ?)');
    const markDone = db.prepare("update encounters set status = 'done', end_reason = ?, verdict = ?, cost = ?, turns = ?, finished_at = ? where id = ?");
    // The encounter and the ones after it in its run's plan order (the encounters_run index), with their tokens.
    const attemptsFrom = db.prepare(
      `select id, attempt from encounters where run_id = (select run_id from encounters where id = @id) and ordinal >= (select ordinal from encounters where id = @id) order by ordinal limit ${ATTEMPT_PREFETCH}`,
    );
    // Compare-and-set: the group's own begin and finish in one update, taken only if no other attempt began (or
    // finished) the encounter since. One write of the row instead of two (running, then done): the same final row.
    const claimDone = db.prepare(
      "update encounters set status = 'done', attempt = ?, started_at = ?, end_reason = ?, verdict = ?, cost = ?, turns = ?, finished_at = ? where id = ? and attempt is ? and status <> 'done'",
    );
    this.attemptsFrom = (id) => attemptsFrom.all({ id }) as Array<{ id: string; attempt: string | null }>;

    // A step's events go in as one multi-row insert (statements cached by row count): one native call
    // per step instead of one per event. Rows, order and bodies are the same as one insert at a time.
    const insertMany: BetterSqlite3.Statement[] = [];
    const insertRows = (rows: number) =>
      (insertMany[rows] ??= db.prepare(`insert into event_rows (encounter_id, seq, type, at, body) values ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`));
    const insertEvents = (id: string, events: readonly EncounterEvent[]) => {
      for (let start = 0; start < events.length; start += MAX_ROWS_PER_INSERT) {
        const end = Math.min(events.length, start + MAX_ROWS_PER_INSERT);
        if (end - start === 1) {
          const e = events[start];
          insertEvent.run(id, e.seq, e.type, e.at, eventBody(e));
          continue;
        }
        const params: unknown[] = [];
        for (let i = start; i < end; i++) {
          const e = events[i];
          params.push(id, e.seq, e.type, e.at, eventBody(e));
        }
        insertRows(end - start).run(params);
      }
    };
    // An encounter's scores go in as one multi-row insert too, in their order (statements cached by row count).
    const insertScoresMany: BetterSqlite3.Statement[] = [];
    const insertScoreRows = (rows: number) =>
      (insertScoresMany[rows] ??= db.prepare(`insert into scores (encounter_id, name, value, detail) values ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}`));
    const insertScores = (id: string, scores: readonly Score[]) => {
      for (let start = 0; start < scores.length; start += MAX_SCORES_PER_INSERT) {
        const end = Math.min(scores.length, start + MAX_SCORES_PER_INSERT);
        const params: unknown[] = [];
        for (let i = start; i < end; i++) params.push(id, scores[i].name, scores[i].value, scores[i].detail);
        insertScoreRows(end - start).run(params);
      }
    };
    this.begin = db.transaction((id: string, attempt: string, startedAt: string) => {
      markRunning.run(attempt, startedAt, id);
      deleteEvents(id);
      deleteScores.run(id);
    });
    this.append = db.transaction((id: string, events: readonly EncounterEvent[], attempt: string | undefined) => {
      if (attempt !== undefined && hold.run(id, attempt).changes === 0) throw new AttemptSupersededError(id);
      insertEvents(id, events);
    });
    this.finish = db.transaction((id: string, events: readonly EncounterEvent[], outcome: HotOutcome, attempt: string | undefined) => {
      if (attempt !== undefined && hold.run(id, attempt).changes === 0) {
        if ((statusOf.get(id) as { status: string } | undefined)?.status === 'done') return;
        throw new AttemptSupersededError(id);
      }
      insertEvents(id, events);
      deleteScores.run(id);
      insertScores(id, outcome.scores);
      markDone.run(outcome.endReason, outcome.verdict, outcome.cost, outcome.turns, outcome.finishedAt, id);
    });
    this.commitGroup = db.transaction((group: ReadonlyArray<[string, Deferred]>) => {
      for (const [token, d] of group) {
        const o = d.outcome!;
        // Another attempt began or finished it meanwhile: that attempt owns the encounter and writes it.
        if (claimDone.run(token, d.startedAt, o.endReason, o.verdict, o.cost, o.turns, o.finishedAt, d.id, d.expected).changes === 0) continue;
        // Whatever an interrupted earlier attempt left is replaced.
        deleteEvents(d.id);
        deleteScores.run(d.id);
        // The events as one row: one insert instead of one per event, and their JSON in one call.
        insertBlock.run(d.id, JSON.stringify(d.events));
        insertScores(d.id, o.scores);
      }
    });
  }

  private readonly attemptsFrom: (id: string) => Array<{ id: string; attempt: string | null }>;
  /**
   * Attempt tokens read ahead for encounters not begun yet, by id. Reading a token earlier than its begin is as safe
   * as reading it at the begin: the group commit is a compare-and-set on that token, so if anyone began (or finished)
   * the encounter since the read, the commit drops this attempt's writes and the other attempt owns it. Each entry
   * is used once; the store forgets them all whenever it writes outside a group commit (forgetAttempts).
   */
  private readonly attemptsAhead = new Map<string, string | null>();
  private readonly commitGroup: (group: ReadonlyArray<[string, Deferred]>) => void;
  /** Replayable encounters begun with beginDeferred, by attempt token, until their group commits. */
  private readonly deferred = new Map<string, Deferred>();
  /** Finished deferred encounters waiting for the group commit, in finishing order. */
  private group: Array<[string, Deferred]> = [];
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;

  /** False while a Kysely transaction holds the connection; the caller then takes the Kysely path, which waits its turn. */
  get available(): boolean {
    return !this.db.inTransaction;
  }

  beginEncounter(id: string, attempt: string, startedAt: string): void {
    this.begin(id, attempt, startedAt);
  }

  appendEvents(id: string, events: readonly EncounterEvent[], attempt?: string): void {
    this.append(id, events, attempt);
  }

  finishEncounter(id: string, events: readonly EncounterEvent[], outcome: HotOutcome, attempt?: string): void {
    const d = attempt === undefined ? undefined : this.deferred.get(attempt);
    if (!d) return this.finish(id, events, outcome, attempt);
    this.deferred.delete(attempt!);
    d.events.push(...events);
    d.outcome = outcome;
    this.group.push([attempt!, d]);
    if (this.group.length >= GROUP_MAX_ENCOUNTERS && this.available) this.flush();
    else this.timer ??= setTimeout(() => this.flushLater(), GROUP_MAX_WAIT_MS);
  }

  /**
   * Begins a replayable encounter (no model, network or person behind either side) without writing anything:
   * its begin, events and outcome are committed together with other finished encounters' (a group commit), so a
   * run pays one commit per group instead of several per encounter. Only for a caller whose interrupted work
   * `--resume` redoes exactly (the local runner): a SIGKILL leaves the group's encounters pending, never half-written.
   * The commit is fenced like a begin: if another attempt took the encounter meanwhile, this one's writes are dropped.
   */
  beginDeferred(id: string, attempt: string, startedAt: string): void {
    let expected = this.attemptsAhead.get(id);
    if (expected === undefined) {
      this.attemptsAhead.clear();
      for (const row of this.attemptsFrom(id)) this.attemptsAhead.set(row.id, row.attempt);
      expected = this.attemptsAhead.get(id);
    }
    this.attemptsAhead.delete(id);
    this.deferred.set(attempt, { id, expected: expected ?? null, startedAt, events: [] });
  }

  /** Drops the tokens read ahead: called before any write outside a group commit, which might change one. */
  forgetAttempts(): void {
    this.attemptsAhead.clear();
  }

  /** Whether an attempt token belongs to a deferred encounter, whose events wait in memory. */
  isDeferred(attempt: string | undefined): boolean {
    return attempt !== undefined && this.deferred.has(attempt);
  }

  appendDeferred(attempt: string, events: readonly EncounterEvent[]): void {
    this.deferred.get(attempt)!.events.push(...events);
  }

  /** Commits the waiting group now; throws what an earlier timed commit failed with. Every other store call runs this first. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.failure !== undefined) {
      const e = this.failure;
      this.failure = undefined;
      throw e;
    }
    if (this.group.length === 0) return;
    const group = this.group;
    this.group = [];
    this.commitGroup(group);
  }

  /** Whether a group is waiting to be committed. */
  get pending(): boolean {
    return this.group.length > 0 || this.failure !== undefined;
  }

  private flushLater(): void {
    this.timer = undefined;
    // A Kysely transaction holds the connection: try again shortly rather than nest inside it.
    if (!this.available) {
      this.timer = setTimeout(() => this.flushLater(), GROUP_MAX_WAIT_MS);
      return;
    }
    try {
      this.flush();
    } catch (e) {
      // No caller to throw to from a timer: the next store call throws it.
      this.failure = e;
    }
  }
}

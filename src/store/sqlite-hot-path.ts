import type BetterSqlite3 from 'better-sqlite3';
import type { EncounterEvent } from '../encounter/events.js';
import type { Score } from '../scoring/types.js';
import { AttemptSupersededError } from './attempt-superseded-error.js';

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
    const deleteEvents = db.prepare('delete from events where encounter_id = ?');
    const deleteScores = db.prepare('delete from scores where encounter_id = ?');
    const hold = db.prepare("update encounters set attempt = attempt where id = ? and attempt = ? and status = 'running'");
    const statusOf = db.prepare('select status from encounters where id = ?');
    const insertEvent = db.prepare('insert into events (encounter_id, seq, type, at, body) values (?, ?, ?, ?, ?)');
    const insertScore = db.prepare('insert into scores (encounter_id, name, value, detail) values (?, ?, ?, ?)');
    const markDone = db.prepare("update encounters set status = 'done', end_reason = ?, verdict = ?, cost = ?, turns = ?, finished_at = ? where id = ?");

    // A step's events go in as one multi-row insert (statements cached by row count): one native call
    // per step instead of one per event. Rows, order and bodies are the same as one insert at a time.
    const insertMany: BetterSqlite3.Statement[] = [];
    const insertRows = (rows: number) =>
      (insertMany[rows] ??= db.prepare(`insert into events (encounter_id, seq, type, at, body) values ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`));
    const insertEvents = (id: string, events: readonly EncounterEvent[]) => {
      for (let start = 0; start < events.length; start += MAX_ROWS_PER_INSERT) {
        const batch = events.slice(start, start + MAX_ROWS_PER_INSERT);
        if (batch.length === 1) {
          const { seq, at, type, ...rest } = batch[0];
          insertEvent.run(id, seq, type, at, JSON.stringify(rest));
          continue;
        }
        const params: unknown[] = [];
        for (const e of batch) {
          const { seq, at, type, ...rest } = e;
          params.push(id, seq, type, at, JSON.stringify(rest));
        }
        insertRows(batch.length).run(params);
      }
    };
    this.begin = db.transaction((id: string, attempt: string, startedAt: string) => {
      markRunning.run(attempt, startedAt, id);
      deleteEvents.run(id);
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
      for (const s of outcome.scores) insertScore.run(id, s.name, s.value, s.detail);
      markDone.run(outcome.endReason, outcome.verdict, outcome.cost, outcome.turns, outcome.finishedAt, id);
    });
  }

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
    this.finish(id, events, outcome, attempt);
  }
}

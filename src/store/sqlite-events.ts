import type BetterSqlite3 from 'better-sqlite3';
import type { EncounterEvent } from '../encounter/events.js';

interface EventRow {
  encounter_id: string;
  seq: number;
  type: string;
  at: string;
  body: string;
}

/**
 * Reads a SQLite store's events from its two tables (migration 0004) rather than through the `events` view. The
 * view answers the same, but it unpacks every block with `json_each` and `json_remove`, and a join against it
 * cannot use the tables' indexes: a run's report read every event of every run in the store. Here a block is one
 * `JSON.parse`. Events come back exactly as the view's rows give them (body fields, then type, seq and at).
 */
export class SqliteEvents {
  private readonly rowsOf: BetterSqlite3.Statement;
  private readonly blockOf: BetterSqlite3.Statement;
  private readonly rowsOfRun: BetterSqlite3.Statement;
  private readonly blocksOfRun: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.rowsOf = db.prepare('select encounter_id, seq, type, at, body from event_rows where encounter_id = ? order by seq');
    this.blockOf = db.prepare('select events from event_blocks where encounter_id = ?');
    const ofRun = 'encounter_id in (select id from encounters where run_id = ?)';
    this.rowsOfRun = db.prepare(`select encounter_id, seq, type, at, body from event_rows where ${ofRun} order by encounter_id, seq`);
    this.blocksOfRun = db.prepare(`select encounter_id, events from event_blocks where ${ofRun}`);
  }

  /** One encounter's events in seq order. */
  ofEncounter(id: string): EncounterEvent[] {
    const events = (this.rowsOf.all(id) as EventRow[]).map(fromRow);
    const block = this.blockOf.get(id) as { events: string } | undefined;
    return block ? merged(events, fromBlock(block.events)) : events;
  }

  /** Every event of a run's encounters, by encounter id, each list in seq order. */
  ofRun(runId: string): Map<string, EncounterEvent[]> {
    const byEncounter = new Map<string, EncounterEvent[]>();
    for (const r of this.rowsOfRun.iterate(runId) as IterableIterator<EventRow>) {
      let list = byEncounter.get(r.encounter_id);
      if (!list) byEncounter.set(r.encounter_id, (list = []));
      list.push(fromRow(r));
    }
    for (const b of this.blocksOfRun.iterate(runId) as IterableIterator<{ encounter_id: string; events: string }>) {
      const rows = byEncounter.get(b.encounter_id);
      byEncounter.set(b.encounter_id, rows ? merged(rows, fromBlock(b.events)) : fromBlock(b.events));
    }
    return byEncounter;
  }
}

/** An event as a row holds it, as every reader of the store returns it. */
export function fromRow(r: { seq: number; type: string; at: string; body: string }): EncounterEvent {
  return { ...JSON.parse(r.body), type: r.type, seq: Number(r.seq), at: r.at } as EncounterEvent;
}

/** A block's events in the same shape as fromRow's: the body's fields first, then type, seq and at. */
function fromBlock(json: string): EncounterEvent[] {
  return (JSON.parse(json) as EncounterEvent[]).map(({ type, seq, at, ...body }) => ({ ...body, type, seq, at }) as EncounterEvent);
}

/**
 * Rows and a block of one encounter together. Rounds writes one or the other (each writer clears both first), but
 * the view shows whatever both tables hold, an insert into it from another program included, and so does this.
 */
function merged(rows: EncounterEvent[], block: EncounterEvent[]): EncounterEvent[] {
  if (rows.length === 0) return block;
  return [...rows, ...block].sort((a, b) => a.seq - b.seq);
}

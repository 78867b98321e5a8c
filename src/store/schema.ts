import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them; JSON columns are text. */
export interface RunsTable {
  id: string;
  created_at: string;
  updated_at: string;
  status: string;
  config: string;
  versions: string;
  total: number;
}

export interface EncountersTable {
  id: string;
  run_id: string;
  ordinal: number;
  case_id: string;
  specialty: string;
  difficulty: string;
  diagnosis: string;
  doctor: string;
  protocol: string;
  seed: string;
  status: string;
  end_reason: string | null;
  verdict: string | null;
  cost: number | null;
  turns: number | null;
  started_at: string | null;
  finished_at: string | null;
  /** The fencing token of the attempt that owns the encounter (migration 0002). */
  attempt: string | null;
}

/**
 * One row per event. On PostgreSQL a table; on SQLite (migration 0004) a view of `event_rows` and `event_blocks`
 * with these columns, whose triggers take inserts and deletes, so queries are written the same for both.
 */
export interface EventsTable {
  encounter_id: string;
  seq: number;
  type: string;
  at: string;
  body: string;
}

export interface ScoresTable {
  encounter_id: string;
  name: string;
  value: number | null;
  detail: string;
}

export interface CacheTable {
  key: string;
  value: string;
  created_at: string;
  hits: Generated<number>;
}

export interface Database {
  runs: RunsTable;
  encounters: EncountersTable;
  events: EventsTable;
  scores: ScoresTable;
  cache: CacheTable;
}

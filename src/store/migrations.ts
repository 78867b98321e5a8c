// Migrations describe the schema as it was at each step, not the current typed one, so they take Kysely<any> (as Kysely documents).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, SqliteAdapter, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// Migrations live in code so the package needs no migration folder on disk;
// they use only portable types so the same list runs on SQLite and PostgreSQL.
const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('versions', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('encounters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('specialty', 'text', (c) => c.notNull())
        .addColumn('difficulty', 'text', (c) => c.notNull())
        .addColumn('diagnosis', 'text', (c) => c.notNull())
        .addColumn('doctor', 'text', (c) => c.notNull())
        .addColumn('protocol', 'text', (c) => c.notNull())
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('end_reason', 'text')
        .addColumn('verdict', 'text')
        .addColumn('cost', 'double precision')
        .addColumn('turns', 'integer')
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('encounters_run').on('encounters').columns(['run_id', 'ordinal']).execute();
      await db.schema
        .createTable('events')
        .addColumn('encounter_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('events_pk', ['encounter_id', 'seq'])
        .execute();
      await db.schema
        .createTable('scores')
        .addColumn('encounter_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('scores_pk', ['encounter_id', 'name'])
        .execute();
      await db.schema
        .createTable('cache')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['cache', 'scores', 'events', 'encounters', 'runs']) await db.schema.dropTable(t).ifExists().execute();
      void sql;
    },
  },
  // The fencing token: a retried or stalled encounter gets a new attempt and
  // writes from an older attempt are refused (exactly-once under retries).
  '0002-encounter-attempt': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('encounters').addColumn('attempt', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('encounters').dropColumn('attempt').execute();
    },
  },
  // `rounds runs list` and GET /api/runs count each run's done encounters: with (run_id, status) indexed the
  // count reads the index alone instead of every encounter row of the run. An existing store gains it on open.
  '0003-encounters-run-status': {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('encounters_run_status').ifNotExists().on('encounters').columns(['run_id', 'status']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('encounters_run_status').ifExists().execute();
    },
  },
  // SQLite only. A replayable encounter committed in a group keeps its events as one row (the JSON array of its
  // events), not one row per event: a run of them inserts one row per encounter instead of ~16 into two B-trees
  // (`npm run bench:memory`, 100,000 encounters: 5-31 % more encounters/s on both cores, 28-44 % on one).
  // Every reader, inside Rounds and out (`sqlite3 rounds.db`), still reads `events`: it becomes a view of both
  // tables with the same five columns, and inserts and deletes on it go to the tables through triggers, so every
  // query written for the table works unchanged. The rows an encounter appends step by step (a model, a person)
  // stay in `event_rows`. PostgreSQL keeps its `events` table: group commits are SQLite's alone.
  '0004-event-blocks': {
    async up(db: Kysely<any>) {
      if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
      await sql`alter table events rename to event_rows`.execute(db);
      await sql`create table event_blocks (encounter_id text primary key, events text not null)`.execute(db);
      // A block holds each event whole ({ type, ...body, seq, at }); its body column is the event without those three.
      await sql`create view events (encounter_id, seq, type, at, body) as
        select encounter_id, seq, type, at, body from event_rows
        union all
        select b.encounter_id, json_extract(e.value, '$.seq'), json_extract(e.value, '$.type'), json_extract(e.value, '$.at'),
               json_remove(e.value, '$.type', '$.seq', '$.at')
        from event_blocks b, json_each(b.events) e`.execute(db);
      await sql`create trigger events_insert instead of insert on events begin
        insert into event_rows (encounter_id, seq, type, at, body) values (new.encounter_id, new.seq, new.type, new.at, new.body);
      end`.execute(db);
      await sql`create trigger events_delete instead of delete on events begin
        delete from event_rows where encounter_id = old.encounter_id and seq = old.seq;
        delete from event_blocks where encounter_id = old.encounter_id;
      end`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
      await sql`insert into event_rows (encounter_id, seq, type, at, body)
        select encounter_id, seq, type, at, body from events where encounter_id in (select encounter_id from event_blocks)`.execute(db);
      await sql`drop trigger events_delete`.execute(db);
      await sql`drop trigger events_insert`.execute(db);
      await sql`drop view events`.execute(db);
      await sql`drop table event_blocks`.execute(db);
      await sql`alter table event_rows rename to events`.execute(db);
    },
  },
};

// Migrations a store can be read without, as it is (read-only): an index only, or a new layout whose readers read
// the old one the same way (`events` was a table before 0004 and is a view after it).
const READABLE_WITHOUT = new Set(['0003-encounters-run-status', '0004-event-blocks']);

/** The in-code migration list for Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/** How many migrations a current store has applied. */
export function migrationCount(): number {
  return Object.keys(migrations).length;
}

/** The names of every migration, in the order they apply. */
export function migrationNames(): string[] {
  return Object.keys(migrations);
}

/** How many migrations a store must have applied to be read as it is (read-only): all but those it reads the same without. */
export function readableMigrationCount(): number {
  return Object.keys(migrations).filter((name) => !READABLE_WITHOUT.has(name)).length;
}

// Migrations describe the schema as it was at each step, not the current typed one, so they take Kysely<any> (as Kysely documents).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
};

// Migrations that only add an index: a store without them reads the same, so a read-only copy may lack them.
const INDEX_ONLY = new Set(['0003-encounters-run-status']);

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

/** How many migrations a store must have applied to be read as it is (read-only): all but those adding an index only. */
export function readableMigrationCount(): number {
  return Object.keys(migrations).filter((name) => !INDEX_ONLY.has(name)).length;
}

import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../util/errors.js';
import { migrationNames } from './migrations.js';

/** How long an open waits for another process's migration of the same file before it gives up. */
const LOCK_WAIT_MS = 60_000;

/**
 * Runs `migrate` while this connection holds the file's write lock, so that several processes opening one new
 * store at once migrate it exactly once. Kysely takes no migration lock on SQLite and runs each migration outside
 * a transaction there, so without this a second process could read the migration table between another's
 * `ALTER TABLE` and its bookkeeping row, and apply the same migration again ("duplicate column name").
 *
 * A store with every migration applied is not locked at all: the common open costs one read. The lock is taken
 * with `BEGIN IMMEDIATE` polled asynchronously rather than through SQLite's busy handler, which sleeps on the
 * thread: two connections of one process (a server, a test) would otherwise block the very thread the lock holder
 * needs to finish. Inside the lock the migrations also apply all-or-nothing.
 */
export async function migrateOnce(database: BetterSqlite3.Database, location: string, migrate: () => Promise<void>): Promise<void> {
  if (!pending(database, location)) return;
  await lock(database, location);
  try {
    await migrate();
    database.exec('COMMIT');
  } catch (e) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw e;
  }
}

/**
 * True unless the file's migration table names every migration this code knows. A migration this code does not
 * know means a newer Rounds changed the schema since: refused, rather than read or written in a layout it may not have.
 */
function pending(database: BetterSqlite3.Database, location: string): boolean {
  const table = database.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!table) return true;
  const applied = (database.prepare('select name from kysely_migration').all() as Array<{ name: string }>).map((r) => r.name);
  const known = new Set(migrationNames());
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new ConfigError(
      `The store at ${location} was written by a newer Rounds (its schema has migration ${unknown.join(', ')}); upgrade Rounds or pass another store with --store.`,
    );
  }
  return applied.length < known.size;
}

async function lock(database: BetterSqlite3.Database, location: string): Promise<void> {
  const busyTimeout = database.pragma('busy_timeout', { simple: true }) as number;
  database.pragma('busy_timeout = 0');
  const deadline = Date.now() + LOCK_WAIT_MS;
  try {
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      try {
        database.exec('BEGIN IMMEDIATE');
        return;
      } catch (e) {
        if (!/^SQLITE_BUSY/.test(String((e as { code?: string }).code))) throw e;
        if (Date.now() > deadline) {
          throw new ConfigError(
            `The store at ${location} stayed locked by another process for ${LOCK_WAIT_MS / 1000} s while this one waited to migrate it; try again once that process has finished.`,
          );
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  } finally {
    database.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';

/** A Kysely instance over a pg pool for a `postgres://` URL; nothing connects until the first query. */
export function postgresKysely(input: { url: string; poolSize?: number }): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: input.url, max: input.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

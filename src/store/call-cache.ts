import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { CallCache } from '../llm/cache.js';

/** The call cache over the store's `cache` table (key, value, created_at, hits). */
export function storeCache(db: Kysely<Database>): CallCache {
  return {
    async get(key) {
      const row = await db.selectFrom('cache').select('value').where('key', '=', key).executeTakeFirst();
      if (!row) return undefined;
      await db
        .updateTable('cache')
        .set((eb) => ({ hits: eb('hits', '+', 1) }))
        .where('key', '=', key)
        .execute();
      return row.value;
    },
    async set(key, value) {
      await db
        .insertInto('cache')
        .values({ key, value, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}

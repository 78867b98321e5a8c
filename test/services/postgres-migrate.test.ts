import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { Migrator } from 'kysely';
import { openStore } from '../../src/store/store.js';
import { migrationProvider } from '../../src/store/migrations.js';
import { postgresKysely } from '../../src/store/postgres.js';
import { createTestDatabase } from './services.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let setupError: unknown;

beforeAll(async () => {
  try {
    db = await createTestDatabase();
  } catch (e) {
    setupError = e;
  }
});

// A service that is down fails every test (never skips it).
beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await db?.drop();
});

const now = '2026-01-01T00:00:00.000Z';

describe('PostgreSQL store migrations', () => {
  it('adds the (run_id, status) index to a database of the previous schema when it is opened, keeping its runs', async () => {
    // The previous release's schema (migrations 0001 and 0002), with a run of two encounters, one done.
    const old = postgresKysely({ url: db.url });
    const { error } = await new Migrator({ db: old, provider: migrationProvider }).migrateTo('0002-encounter-attempt');
    if (error) throw error;
    await old.insertInto('runs').values({ id: 'old', created_at: now, updated_at: now, status: 'done', config: '{}', versions: '{}', total: 2 }).execute();
    for (const [i, status] of ['done', 'pending'].entries()) {
      await old
        .insertInto('encounters')
        .values({
          id: `e${i}`,
          run_id: 'old',
          ordinal: i,
          case_id: `c${i}`,
          specialty: 's',
          difficulty: 'easy',
          diagnosis: 'd',
          doctor: 'doc',
          protocol: 'default',
          seed: `c${i}:0`,
          status,
          end_reason: null,
          verdict: null,
          cost: null,
          turns: null,
          started_at: null,
          finished_at: null,
          attempt: null,
        })
        .execute();
    }
    const indexes = async () =>
      (
        await old
          .selectFrom('pg_indexes' as never)
          .select('indexname' as never)
          .where('tablename' as never, '=', 'encounters' as never)
          .execute()
      ).map((r) => (r as { indexname: string }).indexname);
    expect(await indexes()).not.toContain('encounters_run_status');

    const store = await openStore(db.url);
    try {
      expect(await indexes()).toContain('encounters_run_status');
      expect((await store.listRuns()).map((r) => [r.id, r.total, r.done])).toEqual([['old', 2, 1]]);
    } finally {
      await store.close();
      await old.destroy();
    }
  });
});

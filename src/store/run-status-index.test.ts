import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations.js';
import { openStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-run-status-index-'));
const now = '2026-01-01T00:00:00.000Z';
const planned = (id: string, ordinal: number) => ({
  id,
  ordinal,
  caseId: `c${ordinal}`,
  specialty: 's',
  difficulty: 'easy',
  diagnosis: 'd',
  doctor: 'doc',
  protocol: 'default',
  seed: `c${ordinal}:0`,
});

/** A store as the previous release left it: migrations 0001 and 0002 only, with a run in it. */
async function oldStore(path: string): Promise<void> {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0002-encounter-attempt');
  if (error) throw error;
  await db.insertInto('runs').values({ id: 'old', created_at: now, updated_at: now, status: 'done', config: '{}', versions: '{}', total: 2 }).execute();
  for (const [i, status] of ['done', 'pending'].entries()) {
    await db
      .insertInto('encounters')
      .values({ ...rowOf(planned(`e${i}`, i)), run_id: 'old', status })
      .execute();
  }
  await db.destroy();
}

function rowOf(p: ReturnType<typeof planned>) {
  return {
    id: p.id,
    ordinal: p.ordinal,
    case_id: p.caseId,
    specialty: p.specialty,
    difficulty: p.difficulty,
    diagnosis: p.diagnosis,
    doctor: p.doctor,
    protocol: p.protocol,
    seed: p.seed,
  };
}

function indexes(path: string): string[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return (db.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'encounters'").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('the (run_id, status) index on encounters', () => {
  it('is added in place when a store of the previous schema is opened, and its runs still list with their done counts', async () => {
    const path = join(dir, 'old.db');
    await oldStore(path);
    expect(indexes(path)).not.toContain('encounters_run_status');
    const store = await openStore(path);
    expect(indexes(path)).toContain('encounters_run_status');
    const runs = await store.listRuns();
    expect(runs.map((r) => [r.id, r.total, r.done])).toEqual([['old', 2, 1]]);
    await store.close();
  });

  it('answers the per-run count of done encounters from the index alone', async () => {
    const path = join(dir, 'new.db');
    const store = await openStore(path);
    await store.createRun(
      { id: 'r', createdAt: now, updatedAt: now, status: 'running', config: {}, versions: {}, total: 3 },
      [0, 1, 2].map((i) => planned(`r${i}`, i)),
    );
    await store.close();
    const db = new BetterSqlite3(path, { readonly: true });
    const plan = db.prepare("explain query plan select run_id, count(*) from encounters where status = 'done' and run_id in ('r') group by run_id").all() as {
      detail: string;
    }[];
    db.close();
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX encounters_run_status/);
  });
});

import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from './store.js';
import { migrationNames } from './migrations.js';

// Two `rounds` processes starting on one new store file must not trip over each other's first migration
// (Kysely takes no migration lock on SQLite and runs each migration outside a transaction there).
describe('opening a new SQLite store from several connections at once', () => {
  it('migrates it once and lets every connection in', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rounds-open-')), 'r.db');
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(file)));
    for (const s of stores) expect(await s.listRuns()).toEqual([]);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('waits for another connection that is halfway through migrating, then finds nothing left to do', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rounds-open-')), 'r.db');
    // A first store made and closed gives the file its full schema. Then another writer looks like a process between
    // the last migration's DDL and its bookkeeping row: the row is missing, and that writer holds the write lock.
    await (await openStore(file)).close();
    const other = new BetterSqlite3(file);
    const last = migrationNames().at(-1)!;
    const row = other.prepare('select * from kysely_migration where name = ?').get(last) as { name: string; timestamp: string };
    other.prepare('delete from kysely_migration where name = ?').run(last);
    other.exec('BEGIN IMMEDIATE');
    other.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(row.name, row.timestamp);
    let opened = false;
    const opening = openStore(file).then((s) => {
      opened = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 150));
    // While the other writer holds the lock, the open waits rather than migrating underneath it.
    expect(opened).toBe(false);
    other.exec('COMMIT');
    const store = await opening;
    expect(await store.listRuns()).toEqual([]);
    const names = (other.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(migrationNames());
    await store.close();
    other.close();
  });

  it('lets eight processes open one new file at the same instant, every one of them', async () => {
    const storeModule = join(process.cwd(), 'dist', 'store', 'store.js');
    for (let trial = 0; trial < 2; trial++) {
      const file = join(mkdtempSync(join(tmpdir(), 'rounds-open-')), 'r.db');
      // Every child spins until the same instant after its imports, so their opens collide.
      const at = Date.now() + 1500;
      const code = `const { openStore } = await import(${JSON.stringify(storeModule)}); while (Date.now() < ${at}); const s = await openStore(${JSON.stringify(file)}); await s.listRuns(); await s.close();`;
      const results = await Promise.all(
        Array.from(
          { length: 8 },
          () =>
            new Promise<{ code: number | null; stderr: string }>((resolve) => {
              const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
              let stderr = '';
              child.stderr.on('data', (d) => (stderr += d));
              child.on('close', (c) => resolve({ code: c, stderr }));
            }),
        ),
      );
      expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
      const check = new BetterSqlite3(file, { readonly: true });
      expect((check.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((r) => r.name)).toEqual(migrationNames());
      check.close();
    }
  }, 60_000);
});

describe('opening a store a newer Rounds has migrated further', () => {
  it('refuses it in one sentence and leaves it as it was', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rounds-open-')), 'r.db');
    await (await openStore(file)).close();
    const raw = new BetterSqlite3(file);
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-from-the-future', new Date().toISOString());
    raw.close();
    await expect(openStore(file)).rejects.toThrow(
      /^The store at .*r\.db was written by a newer Rounds \(its schema has migration 9999-from-the-future\); upgrade Rounds or pass another store with --store\.$/,
    );
    const check = new BetterSqlite3(file, { readonly: true });
    expect((check.prepare('select count(*) n from kysely_migration').get() as { n: number }).n).toBe(migrationNames().length + 1);
    check.close();
  });
});

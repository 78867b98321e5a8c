import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './store.js';

// Two `rounds` processes starting on one new store file must not trip over each other's first migration
// (Kysely takes no migration lock on SQLite); two connections in one process interleave the same way.
describe('opening a new SQLite store from several connections at once', () => {
  it('migrates it once and lets every connection in', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rounds-open-')), 'r.db');
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(file)));
    for (const s of stores) expect(await s.listRuns()).toEqual([]);
    await Promise.all(stores.map((s) => s.close()));
  });
});

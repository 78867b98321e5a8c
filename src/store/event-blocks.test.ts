import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openStore, Store } from './store.js';
import type { Database as Schema } from './schema.js';
import { migrationProvider } from './migrations.js';
import { eventBody } from './event-body.js';
import type { EncounterEvent } from '../encounter/events.js';
import { loadCatalog } from '../case/catalog.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { startEncounter } from '../encounter/engine.js';
import { deterministicActors } from '../actors/deterministic.js';
import { resolveSuite } from '../run/suites.js';
import { baselineDoctor } from '../doctors/baseline.js';
import { parseDoctorSpec } from '../doctors/spec.js';
import { createRng } from '../util/rng.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-blocks-'));
const now = '2026-01-01T00:00:00.000Z';
const outcome = (verdict: 'correct' | 'error') => ({
  endReason: 'diagnosed' as const,
  verdict,
  cost: 1,
  turns: 2,
  finishedAt: now,
  scores: [{ name: 'top1', value: verdict === 'correct' ? 1 : 0, detail: 'why' }],
});

async function storeWith(path: string, ids: string[]): Promise<Store> {
  const store = await openStore(path);
  await store.createRun(
    { id: 'r', createdAt: now, updatedAt: now, status: 'running', config: {}, versions: {}, total: ids.length },
    ids.map((id, i) => ({
      id,
      ordinal: i,
      caseId: 'c',
      specialty: 's',
      difficulty: 'easy',
      diagnosis: 'd',
      doctor: 'doc',
      protocol: 'default',
      seed: String(i),
    })),
  );
  return store;
}

/** Every event of an encounter as another program sees it: plain SQL on the `events` the store has always had. */
function sqlEvents(path: string, id: string): Array<{ seq: number; type: string; at: string; body: string }> {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('select seq, type, at, body from events where encounter_id = ? order by seq').all(id) as Array<{
      seq: number;
      type: string;
      at: string;
      body: string;
    }>;
  } finally {
    db.close();
  }
}

function tableCounts(path: string): { rows: number; blocks: number } {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('select (select count(*) from event_rows) rows, (select count(*) from event_blocks) blocks').get() as { rows: number; blocks: number };
  } finally {
    db.close();
  }
}

describe('events of a group-committed encounter, kept as one row', () => {
  it('read through the events view exactly as one row per event held them, byte for byte', async () => {
    // Real encounters (every event type a run stores) plus odd shapes and texts that JSON renders with care.
    const catalog = loadCatalog();
    const protocol = PROTOCOL_PRESETS.default;
    const factory = baselineDoctor(parseDoctorSpec('baseline'));
    const encounters: EncounterEvent[][] = [];
    for (const kase of resolveSuite('core')
      .cases.filter((_, i) => i % 27 === 0)
      .map((c) => c.kase)) {
      const e = startEncounter({ kase, actors: deterministicActors(), protocol, catalog, seed: `${kase.id}:0` });
      const doctor = factory.create({ catalog, protocol, rng: createRng(kase.id), note: (kind, data) => e.note('baseline', kind, data) });
      while (!e.ended) await e.step(await doctor.act(e.view()));
      encounters.push([...e.events]);
    }
    encounters.push([
      { seq: 0, at: 'T0', type: 'visit', turn: 1, fee: 0.1 + 0.2 },
      { type: 'answer', text: 'café ☕ “quoted” \u2028 line\nbreak \\ back "q" \ud800 lone', big: 1e21, small: 1e-7, tiny: 5e-324, neg: -0, seq: 1, at: 'T1' },
      { type: 'answer', text: ',"seq":5,"at":"T"}', nested: { seq: 5, at: 'T', type: 'x' }, list: [1, 'two', null, { a: [] }], seq: 2, at: 'T2' },
      { type: 'end', gone: undefined, kept: null, seq: 3, at: 'T3' },
    ] as unknown as EncounterEvent[]);
    const path = join(dir, 'bytes.db');
    const ids = encounters.map((_, i) => `e${i}`);
    const store = await storeWith(path, ids);
    for (const [i, events] of encounters.entries()) {
      const attempt = await store.beginEncounter(ids[i], now, { deferred: true });
      await store.appendEvents(ids[i], events.slice(0, -1), attempt);
      await store.finishEncounter(ids[i], events.slice(-1), outcome('correct'), attempt);
    }
    await store.flush();
    expect(tableCounts(path)).toEqual({ rows: 0, blocks: encounters.length });
    let n = 0;
    for (const [i, events] of encounters.entries()) {
      const stored = sqlEvents(path, ids[i]);
      expect(stored).toEqual(events.map((e) => ({ seq: e.seq, type: e.type, at: e.at, body: eventBody(e) })));
      n += stored.length;
      // And through the store, the same events a row per event gives back.
      expect(await store.getEvents(ids[i])).toEqual(events.map((e) => ({ ...JSON.parse(eventBody(e)), type: e.type, seq: e.seq, at: e.at })));
    }
    expect(n).toBeGreaterThan(100);
    const report = await store.reportData('r', { events: true });
    expect(report.encounters.map((e) => e.events!.length)).toEqual(encounters.map((e) => e.length));
    await store.close();
  });

  it('replaces one layout by the other when an encounter is done again', async () => {
    const path = join(dir, 'again.db');
    const store = await storeWith(path, ['e0']);
    const ev = (seq: number, text: string): EncounterEvent => ({ type: 'answer', text, seq, at: now }) as unknown as EncounterEvent;
    // Step by step (a model's encounter): a row per event; it errs.
    let attempt = await store.beginEncounter('e0', now);
    await store.appendEvents('e0', [ev(0, 'first'), ev(1, 'first')], attempt);
    await store.finishEncounter('e0', [ev(2, 'first')], outcome('error'), attempt);
    expect(tableCounts(path)).toEqual({ rows: 3, blocks: 0 });
    // `--resume --retry-errors` reopens it and it is done again in a group commit: the rows go, one block stays.
    expect(await store.reopenEncounters('r', ['e0'])).toBe(1);
    attempt = await store.beginEncounter('e0', now, { deferred: true });
    await store.finishEncounter('e0', [ev(0, 'second')], outcome('error'), attempt);
    await store.flush();
    expect(tableCounts(path)).toEqual({ rows: 0, blocks: 1 });
    expect(sqlEvents(path, 'e0').map((e) => JSON.parse(e.body).text)).toEqual(['second']);
    // Reopened and begun step by step again: the block goes before the new rows.
    expect(await store.reopenEncounters('r', ['e0'])).toBe(1);
    attempt = await store.beginEncounter('e0', now);
    expect(tableCounts(path)).toEqual({ rows: 0, blocks: 0 });
    await store.appendEvents('e0', [ev(0, 'third')], attempt);
    expect((await store.getEvents('e0')).map((e) => (e as unknown as { text: string }).text)).toEqual(['third']);
    await store.close();
  });

  it('takes inserts and deletes on the view through its triggers, as the Kysely path and other programs write', async () => {
    const path = join(dir, 'triggers.db');
    const store = await storeWith(path, ['e0', 'e1']);
    const attempt = await store.beginEncounter('e0', now, { deferred: true });
    await store.finishEncounter('e0', [{ type: 'end', reason: 'diagnosed', seq: 0, at: now } as unknown as EncounterEvent], outcome('correct'), attempt);
    await store.flush();
    await store.db
      .insertInto('events')
      .values([
        { encounter_id: 'e1', seq: 0, type: 'visit', at: now, body: '{"turn":1}' },
        { encounter_id: 'e1', seq: 1, type: 'end', at: now, body: '{}' },
      ])
      .execute();
    expect(tableCounts(path)).toEqual({ rows: 2, blocks: 1 });
    expect((await store.getEvents('e1')).map((e) => e.type)).toEqual(['visit', 'end']);
    await store.db.deleteFrom('events').where('encounter_id', '=', 'e0').execute();
    await store.db.deleteFrom('events').where('encounter_id', '=', 'e1').where('seq', '=', 1).execute();
    expect(tableCounts(path)).toEqual({ rows: 1, blocks: 0 });
    await store.close();
  });
});

describe('reading events back', () => {
  const events = [
    { type: 'visit', turn: 1, fee: 0, seq: 0, at: now },
    { type: 'answer', text: 'It started two hours ago.', facts: ['onset'], seq: 2, at: now },
    { type: 'end', reason: 'diagnosed', seq: 4, at: now },
  ] as unknown as EncounterEvent[];

  it('gives the same events, key for key, from rows, from a block and through the view', async () => {
    const path = join(dir, 'read.db');
    const store = await storeWith(path, ['rows', 'block']);
    let attempt = await store.beginEncounter('rows', now);
    await store.appendEvents('rows', events.slice(0, 2), attempt);
    await store.finishEncounter('rows', events.slice(2), outcome('correct'), attempt);
    attempt = await store.beginEncounter('block', now, { deferred: true });
    await store.appendEvents('block', events.slice(0, 2), attempt);
    await store.finishEncounter('block', events.slice(2), outcome('correct'), attempt);
    await store.flush();
    expect(tableCounts(path)).toEqual({ rows: 3, blocks: 1 });
    // A store without the SQLite readers reads the `events` view through Kysely, as PostgreSQL reads its table.
    const viaView = new Store(new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(path) }) }), path);
    const expected = JSON.stringify(events.map((e) => ({ ...JSON.parse(eventBody(e)), type: e.type, seq: e.seq, at: e.at })));
    for (const s of [store, viaView]) {
      for (const id of ['rows', 'block']) expect(JSON.stringify(await s.getEvents(id))).toBe(expected);
      const report = await s.reportData('r', { events: true });
      for (const e of report.encounters) expect(JSON.stringify(e.events)).toBe(expected);
    }
    // Another program adds an event to the block's encounter through the view: both readers show it in seq order.
    await viaView.db.insertInto('events').values({ encounter_id: 'block', seq: 3, type: 'note', at: now, body: '{"by":"sql"}' }).execute();
    for (const s of [store, viaView]) {
      expect((await s.getEvents('block')).map((e) => e.seq)).toEqual([0, 2, 3, 4]);
      expect((await s.reportData('r', { events: true })).encounters.find((e) => e.id === 'block')!.events!.map((e) => e.seq)).toEqual([0, 2, 3, 4]);
    }
    await viaView.close();
    await store.close();
  });

  it("reads a run's events through the tables' indexes, not every event of the store", async () => {
    const path = join(dir, 'plan.db');
    await (await storeWith(path, ['e0'])).close();
    const db = new Database(path, { readonly: true });
    const plan = (q: string) => (db.prepare(`explain query plan ${q}`).all('r') as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    const ofRun = 'encounter_id in (select id from encounters where run_id = ?)';
    // What SqliteEvents runs, and what the Kysely path runs on a view (a read-only store).
    for (const q of [
      `select encounter_id, seq, type, at, body from event_rows where ${ofRun} order by encounter_id, seq`,
      `select encounter_id, events from event_blocks where ${ofRun}`,
      `select encounter_id, seq, type, at, body from events where ${ofRun} order by encounter_id, seq`,
    ]) {
      const p = plan(q);
      expect(p, q).not.toMatch(/SCAN (event_rows|event_blocks|b)\b/);
      expect(p, q).toMatch(/SEARCH (event_rows|event_blocks)/);
    }
    db.close();
  });
});

describe('migration 0004 (event blocks)', () => {
  it('keeps every event of a store made before it, and migrating down puts the blocks back as rows', async () => {
    const path = join(dir, 'old.db');
    const raw = new Database(path);
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const up = await new Migrator({ db: old, provider: migrationProvider }).migrateTo('0003-encounters-run-status');
    expect(up.error).toBeUndefined();
    raw.exec(`insert into runs values ('r', '${now}', '${now}', 'done', '{}', '{}', 2)`);
    for (const id of ['e0', 'e1']) {
      raw.exec(`insert into encounters (id, run_id, ordinal, case_id, specialty, difficulty, diagnosis, doctor, protocol, seed, status)
        values ('${id}', 'r', ${id === 'e0' ? 0 : 1}, 'c', 's', 'easy', 'd', 'doc', 'default', '0', '${id === 'e0' ? 'done' : 'pending'}')`);
    }
    raw.exec(`insert into events values ('e0', 0, 'visit', '${now}', '{"turn":1}'), ('e0', 1, 'end', '${now}', '{"reason":"diagnosed"}')`);
    await old.destroy();

    const store = await openStore(path);
    expect(await store.getEvents('e0')).toEqual([
      { turn: 1, type: 'visit', seq: 0, at: now },
      { reason: 'diagnosed', type: 'end', seq: 1, at: now },
    ]);
    const attempt = await store.beginEncounter('e1', now, { deferred: true });
    await store.finishEncounter('e1', [{ type: 'end', reason: 'budget', seq: 0, at: now } as unknown as EncounterEvent], outcome('correct'), attempt);
    await store.flush();
    expect(tableCounts(path)).toEqual({ rows: 2, blocks: 1 });
    const before = sqlEvents(path, 'e0').concat(sqlEvents(path, 'e1'));
    const down = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo('0003-encounters-run-status');
    expect(down.error).toBeUndefined();
    await store.close();

    const check = new Database(path, { readonly: true });
    expect((check.prepare("select type from sqlite_master where name = 'events'").get() as { type: string }).type).toBe('table');
    expect(check.prepare("select count(*) n from sqlite_master where name in ('event_rows', 'event_blocks')").get()).toEqual({ n: 0 });
    const after = check.prepare('select seq, type, at, body from events order by encounter_id, seq').all();
    check.close();
    expect(after).toEqual(before);
  });
});

import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from './store.js';
import type { EncounterEvent } from '../encounter/events.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-store-'));

describe('store', () => {
  it('creates runs with their plan, replaces partial events on restart, and round-trips events and scores', async () => {
    const store = await openStore(join(dir, 'a.db'));
    const now = '2026-01-01T00:00:00.000Z';
    await store.createRun({ id: 'r1', createdAt: now, updatedAt: now, status: 'running', config: { suites: ['x'] }, versions: { rounds: '0' }, total: 2 }, [
      { id: 'e1', ordinal: 0, caseId: 'c1', specialty: 's', difficulty: 'easy', diagnosis: 'd', doctor: 'doc', protocol: 'default', seed: 'c1:0' },
      { id: 'e2', ordinal: 1, caseId: 'c2', specialty: 's', difficulty: 'easy', diagnosis: 'd', doctor: 'doc', protocol: 'default', seed: 'c2:0' },
    ]);
    const ev = (seq: number): EncounterEvent => ({ type: 'action', turn: seq, action: { type: 'ask', questions: [{ text: `q${seq}` }] }, seq, at: now });
    await store.beginEncounter('e1', now);
    await store.appendEvents('e1', [ev(0), ev(1)]);
    // A crash, then a restart of the same encounter: the old events must go.
    await store.beginEncounter('e1', now);
    await store.appendEvents('e1', [ev(0)]);
    await store.finishEncounter('e1', [ev(1), ev(2)], {
      endReason: 'diagnosed',
      verdict: 'correct',
      cost: 12.5,
      turns: 3,
      finishedAt: now,
      scores: [
        { name: 'top1', value: 1, detail: 'why' },
        { name: 'diagnosis', value: null, detail: 'none' },
      ],
    });
    expect((await store.getEvents('e1')).map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(await store.getEvents('e1')).toEqual([ev(0), ev(1), ev(2)]);
    expect(await store.getScores('e1')).toEqual([
      { encounterId: 'e1', name: 'diagnosis', value: null, detail: 'none' },
      { encounterId: 'e1', name: 'top1', value: 1, detail: 'why' },
    ]);
    expect((await store.listEncounters('r1', { unfinished: true })).map((e) => e.id)).toEqual(['e2']);
    const data = await store.reportData('r1', { events: true });
    expect(data.encounters[0]).toMatchObject({ verdict: 'correct', cost: 12.5, scores: { top1: { value: 1 } } });
    expect(data.encounters[0].events).toHaveLength(3);
    expect((await store.listRuns())[0]).toMatchObject({ id: 'r1', done: 1, total: 2 });
    expect((await store.getRun('r')).id).toBe('r1');
    await expect(store.getRun('nope')).rejects.toThrow(/No run "nope"/);
    await store.close();
  });

  it('fences writes by attempt: a superseded attempt cannot write, and finishing a done encounter is a no-op', async () => {
    const store = await openStore(join(dir, 'b.db'));
    const now = '2026-01-01T00:00:00.000Z';
    await store.createRun({ id: 'r2', createdAt: now, updatedAt: now, status: 'running', config: {}, versions: {}, total: 1 }, [
      { id: 'f1', ordinal: 0, caseId: 'c1', specialty: 's', difficulty: 'easy', diagnosis: 'd', doctor: 'doc', protocol: 'default', seed: 'c1:0' },
    ]);
    const ev = (seq: number): EncounterEvent => ({ type: 'action', turn: seq, action: { type: 'ask', questions: [{ text: `q${seq}` }] }, seq, at: now });
    const outcome = (verdict: 'correct' | 'incorrect') => ({
      endReason: 'diagnosed' as const,
      verdict,
      cost: 1,
      turns: 1,
      finishedAt: now,
      scores: [{ name: 'top1', value: verdict === 'correct' ? 1 : 0, detail: 'why' }],
    });
    const stale = await store.beginEncounter('f1', now);
    await store.appendEvents('f1', [ev(0), ev(1)], stale);
    const fresh = await store.beginEncounter('f1', now);
    expect(fresh).not.toBe(stale);
    await expect(store.appendEvents('f1', [ev(2)], stale)).rejects.toMatchObject({ name: 'AttemptSupersededError' });
    await expect(store.finishEncounter('f1', [ev(2)], outcome('incorrect'), stale)).rejects.toMatchObject({ name: 'AttemptSupersededError' });
    expect(await store.getEvents('f1')).toEqual([]);
    await store.appendEvents('f1', [ev(0)], fresh);
    await store.finishEncounter('f1', [ev(1)], outcome('correct'), fresh);
    // A late stale finish and a repeated finish leave the stored result untouched.
    await store.finishEncounter('f1', [ev(2)], outcome('incorrect'), stale);
    await store.finishEncounter('f1', [ev(2)], outcome('incorrect'), fresh);
    expect((await store.getEvents('f1')).map((e) => e.seq)).toEqual([0, 1]);
    expect(await store.getScores('f1')).toEqual([{ encounterId: 'f1', name: 'top1', value: 1, detail: 'why' }]);
    expect((await store.getEncounter('f1')).verdict).toBe('correct');
    await store.close();
  });

  it('names an unreachable PostgreSQL store in one sentence without its password', async () => {
    const err = await openStore('postgres://alice:hunter2@127.0.0.1:1/x').catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'ConfigError' });
    expect((err as Error).message).toMatch(/^The store at postgres:\/\/alice:\*\*\*@127\.0\.0\.1:1\/x could not be migrated/);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('gives a new store 8 KiB pages and leaves an existing store its own page size', async () => {
    const pageSize = (file: string) => {
      const db = new Database(join(dir, file), { readonly: true });
      try {
        return db.pragma('page_size', { simple: true });
      } finally {
        db.close();
      }
    };
    await (await openStore(join(dir, 'pages-new.db'))).close();
    expect(pageSize('pages-new.db')).toBe(8192);
    // A store made by an earlier release, with SQLite's default 4 KiB pages, opens, migrates and runs as before.
    const old = new Database(join(dir, 'pages-old.db'));
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.close();
    const store = await openStore(join(dir, 'pages-old.db'));
    const now = '2026-01-01T00:00:00.000Z';
    await store.createRun({ id: 'r', createdAt: now, updatedAt: now, status: 'running', config: {}, versions: {}, total: 1 }, [
      { id: 'e', ordinal: 0, caseId: 'c', specialty: 's', difficulty: 'easy', diagnosis: 'd', doctor: 'doc', protocol: 'default', seed: 'c:0' },
    ]);
    const attempt = await store.beginEncounter('e', now);
    await store.finishEncounter(
      'e',
      [{ type: 'visit', turn: 1, fee: 1, seq: 0, at: now }],
      { endReason: 'diagnosed', verdict: 'correct', cost: 1, turns: 1, finishedAt: now, scores: [] },
      attempt,
    );
    expect((await store.getEncounter('e')).status).toBe('done');
    await store.close();
    expect(pageSize('pages-old.db')).toBe(4096);
  });
});

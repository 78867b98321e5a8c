import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from './store.js';
import { ATTEMPT_PREFETCH, GROUP_MAX_ENCOUNTERS, GROUP_MAX_WAIT_MS } from './sqlite-hot-path.js';
import type { EncounterEvent } from '../encounter/events.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-group-'));
const now = '2026-01-01T00:00:00.000Z';
const ev = (seq: number): EncounterEvent => ({ type: 'action', turn: seq, action: { type: 'ask', questions: [{ text: `q${seq}` }] }, seq, at: now });
const outcome = (verdict: 'correct' | 'incorrect') => ({
  endReason: 'diagnosed' as const,
  verdict,
  cost: 1,
  turns: 2,
  finishedAt: now,
  scores: [{ name: 'top1', value: verdict === 'correct' ? 1 : 0, detail: 'why' }],
});

async function storeWith(file: string, n: number): Promise<Store> {
  const store = await openStore(join(dir, file));
  await store.createRun(
    { id: 'r', createdAt: now, updatedAt: now, status: 'running', config: {}, versions: {}, total: n },
    Array.from({ length: n }, (_, i) => ({
      id: `e${i}`,
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

/** What another process (a resume after SIGKILL, a report) reads from the file right now. */
function onDisk(file: string): { statuses: Record<string, string>; events: number } {
  const db = new Database(join(dir, file), { readonly: true });
  try {
    const rows = db.prepare('select id, status from encounters order by ordinal').all() as Array<{ id: string; status: string }>;
    const events = (db.prepare('select count(*) n from events').get() as { n: number }).n;
    return { statuses: Object.fromEntries(rows.map((r) => [r.id, r.status])), events };
  } finally {
    db.close();
  }
}

async function play(store: Store, id: string, verdict: 'correct' | 'incorrect' = 'correct'): Promise<string> {
  const attempt = await store.beginEncounter(id, now, { deferred: true });
  await store.appendEvents(id, [ev(0)], attempt);
  await store.finishEncounter(id, [ev(1)], outcome(verdict), attempt);
  return attempt;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('group commit of replayable encounters', () => {
  it('writes nothing until the group commits, then the whole encounter at once; any store call commits first', async () => {
    const store = await storeWith('a.db', 3);
    await play(store, 'e0');
    await play(store, 'e1');
    // Killed now, a resume would find both pending with no events, and redo them: nothing is half-written.
    expect(onDisk('a.db')).toEqual({ statuses: { e0: 'pending', e1: 'pending', e2: 'pending' }, events: 0 });
    expect((await store.getEvents('e0')).map((e) => e.seq)).toEqual([0, 1]);
    expect(onDisk('a.db')).toEqual({ statuses: { e0: 'done', e1: 'done', e2: 'pending' }, events: 4 });
    expect(await store.getScores('e1')).toEqual([{ encounterId: 'e1', name: 'top1', value: 1, detail: 'why' }]);
    await store.close();
  });

  it('commits a full group at once and a partial one after the wait, with no other store call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = await storeWith('b.db', GROUP_MAX_ENCOUNTERS + 1);
    for (let i = 0; i < GROUP_MAX_ENCOUNTERS; i++) await play(store, `e${i}`);
    expect(Object.values(onDisk('b.db').statuses).filter((s) => s === 'done')).toHaveLength(GROUP_MAX_ENCOUNTERS);
    await play(store, `e${GROUP_MAX_ENCOUNTERS}`);
    expect(onDisk('b.db').statuses[`e${GROUP_MAX_ENCOUNTERS}`]).toBe('pending');
    vi.advanceTimersByTime(GROUP_MAX_WAIT_MS);
    expect(onDisk('b.db').statuses[`e${GROUP_MAX_ENCOUNTERS}`]).toBe('done');
    await store.close();
  });

  it('is fenced: an attempt that began the encounter meanwhile keeps it, and a finished encounter is never rewritten', async () => {
    const store = await storeWith('c.db', 2);
    const deferred = await store.beginEncounter('e0', now, { deferred: true });
    // Another worker (a resume racing this run) takes e0 with an ordinary, immediate begin and finishes it.
    const other = await store.beginEncounter('e0', now);
    await store.finishEncounter('e0', [ev(0)], outcome('incorrect'), other);
    await store.finishEncounter('e0', [ev(0), ev(1)], outcome('correct'), deferred);
    await store.flush();
    expect((await store.getEncounter('e0')).verdict).toBe('incorrect');
    expect((await store.getEvents('e0')).map((e) => e.seq)).toEqual([0]);

    await play(store, 'e1', 'incorrect');
    await store.flush();
    await play(store, 'e1', 'correct');
    await store.flush();
    expect((await store.getEncounter('e1')).verdict).toBe('incorrect');
    await store.close();
  });

  it('replaces what an interrupted earlier attempt left, like an ordinary begin', async () => {
    const store = await storeWith('d.db', 1);
    const killed = await store.beginEncounter('e0', now);
    await store.appendEvents('e0', [ev(0), ev(1), ev(2)], killed);
    await play(store, 'e0');
    await store.flush();
    expect((await store.getEvents('e0')).map((e) => e.seq)).toEqual([0, 1]);
    expect((await store.getEncounter('e0')).status).toBe('done');
    await store.close();
  });

  it('reads attempt tokens ahead in plan order, and an attempt another process began after that read still keeps its encounter', async () => {
    const n = ATTEMPT_PREFETCH + 3;
    const store = await storeWith('e.db', n);
    // The first begin reads e0..e255's tokens (all unset) in one statement.
    await play(store, 'e0');
    // Then another process (a resume racing this run) takes e1 and e5 on its own connection: e1 it leaves running
    // (killed), e5 it finishes.
    const other = await openStore(join(dir, 'e.db'));
    await other.beginEncounter('e1', now);
    const a5 = await other.beginEncounter('e5', now);
    await other.finishEncounter('e5', [ev(0)], outcome('incorrect'), a5);
    await other.close();
    for (let i = 1; i < n; i++) await play(store, `e${i}`);
    await store.flush();
    const disk = onDisk('e.db');
    // Read ahead, the tokens were unset; the group commit compares them and leaves both to the other attempt.
    expect(disk.statuses.e1).toBe('running');
    expect((await store.getEncounter('e5')).verdict).toBe('incorrect');
    expect((await store.getEvents('e5')).map((e) => e.seq)).toEqual([0]);
    // Every other encounter, past the read-ahead window too, was committed.
    expect(Object.entries(disk.statuses).filter(([id, s]) => s === 'done' && id !== 'e5')).toHaveLength(n - 2);
    await store.close();
  });

  it('reads the tokens again after a write of its own outside a group commit', async () => {
    const store = await storeWith('f.db', 4);
    await play(store, 'e0');
    // This store begins e2 the ordinary way (say, a model-backed encounter of the same run) and is killed before it
    // ends; the token it wrote must be the one a later deferred begin of e2 compares, not the unset one read ahead.
    await store.beginEncounter('e2', now);
    await play(store, 'e1');
    await play(store, 'e2');
    await store.flush();
    expect(onDisk('f.db').statuses).toEqual({ e0: 'done', e1: 'done', e2: 'done', e3: 'pending' });
    await store.close();
  });
});

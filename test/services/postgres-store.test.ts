import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/store.js';
import { startRun, type RunConfig } from '../../src/run/start-run.js';
import type { EncounterEvent } from '../../src/encounter/events.js';
import type { RunReportData } from '../../src/store/types.js';
import { createTestDatabase } from './services.js';
import '../../src/doctors/builtins.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let store: Store;

let setupError: unknown;

beforeAll(async () => {
  try {
    db = await createTestDatabase();
    store = await openStore(db.url);
  } catch (e) {
    setupError = e;
  }
});

// A service that is down fails every test (never skips it).
beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await store?.close();
  await db?.drop();
});

const now = '2026-01-01T00:00:00.000Z';
const ev = (seq: number): EncounterEvent => ({ type: 'action', turn: seq, action: { type: 'ask', questions: [{ text: `q${seq}` }] }, seq, at: now });
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

describe('PostgreSQL store', () => {
  it('round-trips runs, events and scores with the same code as SQLite, numbers as numbers', async () => {
    await store.createRun(
      { id: 'run-pg-1', createdAt: now, updatedAt: now, status: 'running', config: { suites: ['x'] }, versions: { rounds: '0' }, total: 2 },
      [planned('p1', 0), planned('p2', 1)],
    );
    await store.beginEncounter('p1', now);
    await store.appendEvents('p1', [ev(0), ev(1)]);
    const attempt = await store.beginEncounter('p1', now);
    await store.appendEvents('p1', [ev(0)], attempt);
    await store.finishEncounter(
      'p1',
      [ev(1), ev(2)],
      {
        endReason: 'diagnosed',
        verdict: 'correct',
        cost: 12.5,
        turns: 3,
        finishedAt: now,
        scores: [
          { name: 'top1', value: 1, detail: 'why' },
          { name: 'diagnosis', value: null, detail: 'none' },
        ],
      },
      attempt,
    );
    expect(await store.getEvents('p1')).toEqual([ev(0), ev(1), ev(2)]);
    expect(await store.getScores('p1')).toEqual([
      { encounterId: 'p1', name: 'diagnosis', value: null, detail: 'none' },
      { encounterId: 'p1', name: 'top1', value: 1, detail: 'why' },
    ]);
    expect((await store.listEncounters('run-pg-1', { unfinished: true })).map((e) => e.id)).toEqual(['p2']);
    const data = await store.reportData('run-pg-1', { events: true });
    expect(data.encounters[0]).toMatchObject({ verdict: 'correct', cost: 12.5, turns: 3, ordinal: 0, scores: { top1: { value: 1 } } });
    expect(data.encounters[0].events).toHaveLength(3);
    expect(data.run.total).toBe(2);
    expect((await store.listRuns()).find((r) => r.id === 'run-pg-1')).toMatchObject({ done: 1, total: 2 });
    expect((await store.getRun('run-pg')).id).toBe('run-pg-1');
    await expect(store.getRun('nope')).rejects.toThrow(/No run "nope"/);
  });

  it('refuses writes from a superseded attempt and ignores a second finish', async () => {
    await store.createRun({ id: 'run-pg-2', createdAt: now, updatedAt: now, status: 'running', config: {}, versions: {}, total: 1 }, [planned('q1', 0)]);
    const outcome = {
      endReason: 'diagnosed' as const,
      verdict: 'correct' as const,
      cost: 1,
      turns: 1,
      finishedAt: now,
      scores: [{ name: 'top1', value: 1, detail: 'x' }],
    };
    const stale = await store.beginEncounter('q1', now);
    await store.appendEvents('q1', [ev(0), ev(1)], stale);
    const fresh = await store.beginEncounter('q1', now);
    await expect(store.appendEvents('q1', [ev(2)], stale)).rejects.toMatchObject({ name: 'AttemptSupersededError' });
    await expect(store.finishEncounter('q1', [], outcome, stale)).rejects.toMatchObject({ name: 'AttemptSupersededError' });
    await store.appendEvents('q1', [ev(0)], fresh);
    await store.finishEncounter('q1', [ev(1)], outcome, fresh);
    await store.finishEncounter('q1', [ev(2)], { ...outcome, verdict: 'incorrect' }, fresh);
    await store.finishEncounter('q1', [ev(2)], { ...outcome, verdict: 'incorrect' }, stale);
    expect((await store.getEvents('q1')).map((e) => e.seq)).toEqual([0, 1]);
    expect(await store.getScores('q1')).toHaveLength(1);
    expect((await store.getEncounter('q1')).verdict).toBe('correct');
  });

  it('a local run on PostgreSQL stores the same encounters, events and scores as on SQLite', async () => {
    const config: RunConfig = { suites: ['quick'], doctors: ['baseline'], protocols: ['default'], seeds: ['0', '1'], concurrency: 4, skipInvalid: false };
    const sqlite = await openStore(join(mkdtempSync(join(tmpdir(), 'rounds-pg-')), 'ref.db'));
    const a = await startRun(sqlite, config, {}, 'same-run-id');
    const b = await startRun(store, config, {}, 'same-run-id');
    expect(b.completed).toBe(true);
    expect(b.progress).toEqual(a.progress);
    const strip = (d: RunReportData) =>
      d.encounters.map(({ startedAt, finishedAt, events, ...e }) => ({ ...e, events: events!.map(({ at, ...rest }) => rest) }));
    expect(strip(await store.reportData('same-run-id', { events: true }))).toEqual(strip(await sqlite.reportData('same-run-id', { events: true })));
    expect((await store.getRun('same-run-id')).status).toBe('done');
    await sqlite.close();
  });
});

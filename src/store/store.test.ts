import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    await store.finishEncounter('e1', [ev(1), ev(2)], { endReason: 'diagnosed', verdict: 'correct', cost: 12.5, turns: 3, finishedAt: now, scores: [{ name: 'top1', value: 1, detail: 'why' }, { name: 'diagnosis', value: null, detail: 'none' }] });
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

  it('rejects a PostgreSQL URL with a clear sentence until that store exists', async () => {
    await expect(openStore('postgres://localhost/x')).rejects.toThrow(/PostgreSQL/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRun } from '../report/aggregate.js';
import type { Store } from '../store/store.js';
import type { RoundsApp } from './app.js';
import { LeaderboardCache } from './leaderboard-cache.js';
import { post, seededStore, testApp } from './test-fixture.js';

let store: Store;
let runId: string;
let app: RoundsApp;

beforeAll(async () => {
  ({ store, runId } = await seededStore());
  // Checked on every request here, so each change shows at once.
  app = testApp(store, { leaderboardTtlMs: 0 });
});
afterAll(async () => {
  await app.shutdown();
  await store.close();
});

const board = async (query = '') => (await app.request(`/api/leaderboard${query}`)).json();
type Row = { doctor: string; n: number; pending: number };
/** The run's own groups (`?run=`), or every row of every cross-run board. */
const rowsOf = (b: { groups?: Row[]; boards?: Array<{ ranked: Row[]; tooFew: Row[] }> }): Row[] =>
  b.groups ?? b.boards!.flatMap((x) => [...x.ranked, ...x.tooFew]);
const group = (b: Parameters<typeof rowsOf>[0], doctor: string) => rowsOf(b).find((g) => g.doctor === doctor)!;

describe('leaderboard cache', () => {
  it('computes once per version and shares one computation between concurrent requests', async () => {
    const cache = new LeaderboardCache(store);
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    const v = await cache.version([runId]);
    const bodies = await Promise.all(Array.from({ length: 20 }, () => cache.get('x', v, compute)));
    expect(new Set(bodies)).toEqual(new Set(['{"n":1}']));
    expect(await cache.get('x', await cache.version([runId]), compute)).toBe('{"n":1}');
    expect(calls).toBe(1);
    expect(cache.computed).toBe(1);
  });

  it('reuses a version lookup within its time to live, so a burst of requests costs one lookup', async () => {
    let clock = 0;
    const cache = new LeaderboardCache(store, 1000, () => clock);
    let lookups = 0;
    const lookup = async () => ++lookups;
    expect(await cache.shared('s', lookup)).toBe(1);
    clock = 1000;
    expect(await Promise.all([cache.shared('s', lookup), cache.shared('s', lookup)])).toEqual([1, 1]);
    clock = 1001;
    expect(await cache.shared('s', lookup)).toBe(2);
  });

  it('changes version when an encounter of the run starts again or finishes', async () => {
    const cache = new LeaderboardCache(store);
    const [e] = await store.listEncounters(runId);
    const before = await cache.version([runId]);
    await store.beginEncounter(e.id, new Date(Date.parse(e.startedAt) + 1000).toISOString());
    const running = await cache.version([runId]);
    expect(running).not.toBe(before);
    await store.finishEncounter(e.id, [], {
      endReason: 'diagnosed',
      verdict: 'incorrect',
      cost: 1,
      turns: 1,
      finishedAt: new Date().toISOString(),
      scores: [],
    });
    const after = await cache.version([runId]);
    expect(after).not.toBe(running);
    expect(after).not.toBe(before);
  });

  it('serves the same figures as the report, and follows the store as runs change', async () => {
    const expected = JSON.parse(JSON.stringify(summarizeRun(await store.reportData(runId)).groups));
    expect((await board(`?run=${runId}`)).groups).toEqual(expected);
    const pooled = await board();
    expect(
      rowsOf(pooled)
        .map((g) => g.doctor)
        .sort(),
    ).toEqual(['baseline', 'script-stemi']);

    // One encounter is rerun: the per-run board shows it pending until it finishes again.
    const [e] = (await store.listEncounters(runId)).filter((x) => x.doctor === 'baseline');
    await store.beginEncounter(e.id, new Date().toISOString());
    expect(group(await board(`?run=${runId}`), 'baseline')).toMatchObject({ n: 0, pending: 1 });
    expect(group(await board(), 'baseline')).toMatchObject({ n: 0, pending: 1 });
    await store.finishEncounter(e.id, [], { endReason: 'diagnosed', verdict: 'correct', cost: 10, turns: 2, finishedAt: new Date().toISOString(), scores: [] });
    expect(group(await board(`?run=${runId}`), 'baseline')).toMatchObject({ n: 1, pending: 0, correct: 1 });

    // A new run joins the pooled board.
    const seat = await (await app.request('/api/play', post({ name: 'cachetest', caseId: 'cardio-stemi-inferior-001' }))).json();
    await app.request(`/api/play/${seat.sessionId}/step`, post({ action: { type: 'diagnose', differential: [{ name: 'inferior STEMI' }] } }));
    expect(group(await board(), 'human:cachetest')).toMatchObject({ n: 1, correct: 1 });
  });
});

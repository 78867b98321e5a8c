import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { summarizeRun } from '../report/aggregate.js';
import type { RoundsApp } from './app.js';
import { post, seededStore, testApp } from './test-fixture.js';

let store: Store;
let runId: string;
let app: RoundsApp;
let exposed: RoundsApp;
const TOKEN = 'test-token-123';

beforeAll(async () => {
  ({ store, runId } = await seededStore());
  app = testApp(store);
  exposed = testApp(store, { token: TOKEN, requireToken: true });
});
afterAll(async () => {
  await store.close();
});

const STEMI = 'cardio-stemi-inferior-001';

describe('cases, catalog, suites and doctors API', () => {
  it('lists cases with filters and never their hidden fields', async () => {
    const all = await (await app.request('/api/cases')).json();
    expect(all.cases.length).toBeGreaterThan(20);
    for (const c of all.cases) expect(Object.keys(c).sort()).toEqual(['difficulty', 'id', 'presentation', 'specialty', 'tags', 'title']);
    const quick = await (await app.request('/api/cases?suite=quick')).json();
    expect(quick.cases).toHaveLength(10);
    const cardio = await (await app.request('/api/cases?specialty=cardiology&q=snow')).json();
    expect(cardio.cases.map((c: { id: string }) => c.id)).toEqual([STEMI]);
  });

  it('rejects a suite that is not a named suite (no paths) and a bad difficulty', async () => {
    const res = await app.request('/api/cases?suite=../../etc');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Unknown suite/);
    expect((await app.request('/api/cases?difficulty=extreme')).status).toBe(400);
  });

  it('hides facts, results, diagnosis, expected and differential unless asked with ?reveal=1', async () => {
    const hidden = await (await app.request(`/api/cases/${STEMI}`)).json();
    expect(hidden.revealed).toBe(false);
    expect(hidden.case.presentation).toMatch(/chest pain/);
    for (const f of ['facts', 'results', 'diagnosis', 'expected', 'differential']) expect(hidden.case).not.toHaveProperty(f);
    expect(JSON.stringify(hidden)).not.toMatch(/ST-elevation|myocardial|aortic dissection/i);
    const shown = await (await app.request(`/api/cases/${STEMI}?reveal=1`)).json();
    expect(shown.revealed).toBe(true);
    expect(shown.case.diagnosis.name).toMatch(/ST-elevation/);
    expect(shown.case.facts.length).toBeGreaterThan(3);
    expect((await app.request('/api/cases/no-such-case')).status).toBe(404);
  });

  it('on an exposed server, hidden data needs the token (401 without or with a wrong one)', async () => {
    const none = await exposed.request(`http://0.0.0.0/api/cases/${STEMI}?reveal=1`);
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('ROUNDS_TOKEN') });
    const wrong = await exposed.request(`/api/cases/${STEMI}?reveal=1`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const ok = await exposed.request(`/api/cases/${STEMI}?reveal=1`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).case.diagnosis).toBeDefined();
    // Public fields stay readable without the token.
    expect((await exposed.request(`/api/cases/${STEMI}`)).status).toBe(200);
  });

  it('on an exposed server, every write needs the token', async () => {
    const writes: Array<[string, unknown]> = [
      ['/api/runs', { suites: ['quick'], doctors: ['baseline'] }],
      [`/api/runs/${runId}/cancel`, {}],
      ['/api/play', { name: 'eve', caseId: STEMI }],
      ['/api/play/abc/step', { action: { type: 'ask', questions: [{ text: 'hi' }] } }],
    ];
    for (const [path, body] of writes) {
      const res = await exposed.request(path, post(body));
      expect(res.status, path).toBe(401);
    }
    const ok = await exposed.request('/api/play', post({ name: 'eve', caseId: STEMI }, { authorization: `Bearer ${TOKEN}` }));
    expect(ok.status).toBe(201);
  });

  it('serves the catalog with prices, the named suites and the doctor kinds', async () => {
    const catalog = await (await app.request('/api/catalog')).json();
    const ecg = catalog.tests.find((t: { id: string }) => t.id === 'ecg-12-lead');
    expect(ecg).toMatchObject({ category: 'ecg', price: expect.any(Number) });
    expect(ecg.price).toBeGreaterThan(0);
    const suites = await (await app.request('/api/suites')).json();
    expect(suites.suites.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['core', 'quick']));
    const doctors = await (await app.request('/api/doctors')).json();
    expect(doctors.doctors.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['baseline', 'human', 'script']));
  });
});

describe('leaderboard API', () => {
  it('for one run equals summarizeRun', async () => {
    const res = await app.request(`/api/leaderboard?run=${runId}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.groups).toEqual(JSON.parse(JSON.stringify(summarizeRun(await store.reportData(runId)).groups)));
  });

  it('across runs groups by case set and protocol', async () => {
    const body = await (await app.request('/api/leaderboard')).json();
    const run = await store.getRun(runId);
    const board = body.boards.find((b: { caseSetHash: string }) => b.caseSetHash === run.config.caseSetHash);
    expect(board).toMatchObject({ protocol: 'default', runs: expect.arrayContaining([runId]) });
    // The fixture run has fewer than 10 cases: its doctors are listed, not ranked.
    expect(board.ranked).toEqual([]);
    const doctors = board.tooFew.map((g: { doctor: string }) => g.doctor);
    expect(doctors).toEqual(expect.arrayContaining(['baseline', 'script-stemi']));
    expect(new Set(doctors).size).toBe(doctors.length);
    expect(body.scope.runs).toContain(runId);
  });

  it('answers 404 for an unknown run and 400 for a bad limit', async () => {
    expect((await app.request('/api/leaderboard?run=nope')).status).toBe(404);
    expect((await app.request('/api/leaderboard?limit=-1')).status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import type { RoundsApp } from './app.js';
import { post, seededStore, testApp } from './test-fixture.js';

/** Issue 15, item 2: encounters are hidden case data, and an anonymous /play seat's case is its player's alone. */

const TOKEN = 'secret-token';
const auth = { authorization: `Bearer ${TOKEN}` };
let store: Store;
let runId: string;
let exposed: RoundsApp;
let local: RoundsApp;

beforeAll(async () => {
  ({ store, runId } = await seededStore());
  exposed = testApp(store, { token: TOKEN, requireToken: true });
  local = testApp(store);
});
afterAll(async () => {
  await exposed.shutdown();
  await local.shutdown();
  await store.close();
});

async function finishedScriptEncounter(): Promise<string> {
  const [e] = (await store.listEncounters(runId)).filter((x) => x.doctor === 'script-stemi');
  return e.id;
}

describe('encounters on an exposed server', () => {
  it('refuses listings, transcripts, score reasons and streams without the token', async () => {
    const id = await finishedScriptEncounter();
    for (const path of [`/api/encounters?run=${runId}`, `/api/encounters/${id}`, `/api/encounters/${id}/events/stream`]) {
      const res = await exposed.request(path);
      expect(res.status, path).toBe(401);
      const text = await res.text();
      expect(text).toMatch(/ROUNDS_TOKEN/);
      expect(text).not.toMatch(/I21|ST-elevation|STEMI/i);
    }
  });

  it('shows them with the token, and on a loopback server without one', async () => {
    const id = await finishedScriptEncounter();
    for (const [app, headers] of [
      [exposed, auth],
      [local, {}],
    ] as const) {
      const res = await app.request(`/api/encounters/${id}`, { headers });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.events[0].type).toBe('start');
      expect(body.scores.length).toBeGreaterThan(0);
      expect((await app.request(`/api/encounters?run=${runId}`, { headers })).status).toBe(200);
    }
  });
});

describe('an anonymous /play seat', () => {
  it('is never listed with its case to anyone but its owner session, until it ends', async () => {
    const start = await (await exposed.request('/api/play', post({ name: 'alice', suite: 'quick' }, auth))).json();
    expect(start.caseId).toBeNull();
    const caseId = (await store.getEncounter(start.encounterId)).caseId;
    const leaks = (text: string) => text.includes(caseId);

    // Even the token holder, who may see every other encounter, does not see this one's case.
    const list = await exposed.request('/api/encounters?status=running&doctor=human:alice', { headers: auth });
    expect(list.status).toBe(200);
    const listText = await list.text();
    expect(JSON.parse(listText).encounters).toHaveLength(1);
    expect(leaks(listText)).toBe(false);
    for (const path of ['/api/runs', `/api/runs/${start.runId}`, '/api/leaderboard', `/api/leaderboard?run=${start.runId}`]) {
      const res = await exposed.request(path, { headers: auth });
      expect(res.status, path).toBe(200);
      expect(leaks(await res.text()), path).toBe(false);
    }
    for (const path of [`/api/encounters/${start.encounterId}`, `/api/encounters/${start.encounterId}/events/stream`]) {
      const res = await exposed.request(path, { headers: auth });
      expect(res.status, path).toBe(403);
      expect((await res.json()).error.code).toBe('seat-in-play');
    }

    // Its owner session may read its own transcript.
    const own = await exposed.request(`/api/encounters/${start.encounterId}?session=${start.sessionId}`, { headers: auth });
    expect(own.status).toBe(200);
    expect((await own.json()).encounter.caseId).toBe(caseId);

    // Once it ends, it is an ordinary finished encounter.
    await exposed.request(`/api/play/${start.sessionId}/step`, post({ action: { type: 'diagnose', differential: [{ name: 'influenza' }] } }, auth));
    const after = await exposed.request(`/api/encounters/${start.encounterId}`, { headers: auth });
    expect(after.status).toBe(200);
    expect((await after.json()).encounter.caseId).toBe(caseId);
  });

  it('hides nothing for a seat started on a chosen case, so spectators can follow it live', async () => {
    const start = await (await local.request('/api/play', post({ name: 'bob', caseId: 'cardio-stemi-inferior-001' }))).json();
    const list = await (await local.request('/api/encounters?status=running&doctor=human:bob')).json();
    expect(list.encounters[0].caseId).toBe('cardio-stemi-inferior-001');
    expect((await local.request(`/api/encounters/${start.encounterId}`)).status).toBe(200);
  });
});

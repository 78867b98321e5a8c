import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import type { RoundsApp } from './app.js';
import { post, seededStore, testApp } from './test-fixture.js';

let store: Store;
let runId: string;
let app: RoundsApp;
let exposed: RoundsApp;
const TOKEN = 'label-token-123456';

beforeAll(async () => {
  ({ store, runId } = await seededStore());
  app = testApp(store);
  exposed = testApp(store, { token: TOKEN, requireToken: true });
});
afterAll(async () => {
  await app.shutdown();
  await exposed.shutdown();
  await store.close();
});

describe('grading a diagnosis over HTTP', () => {
  it("stores a person's label as the human_label score, replacing an earlier one", async () => {
    const [e] = await store.listEncounters(runId);
    const res = await app.request(`/api/encounters/${e.id}/label`, post({ correct: false, grader: 'dr-b', note: 'missed the territory' }));
    expect(res.status).toBe(200);
    expect((await res.json()).score).toEqual({ name: 'human_label', value: 0, detail: 'incorrect (labelled by dr-b): missed the territory' });
    await app.request(`/api/encounters/${e.id}/label`, post({ correct: true }));
    const scores = (await store.getScores(e.id)).filter((s) => s.name === 'human_label');
    expect(scores).toEqual([{ encounterId: e.id, name: 'human_label', value: 1, detail: 'correct (labelled by web)' }]);
    // The other scores are untouched.
    expect((await store.getScores(e.id)).some((s) => s.name === 'diagnosis')).toBe(true);
  });

  it('rejects bad bodies, unknown encounters, and callers without the token on an exposed server', async () => {
    const [e] = await store.listEncounters(runId);
    const bad = await app.request(`/api/encounters/${e.id}/label`, post({ correct: 'yes' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^Invalid body: correct:/);
    expect((await app.request('/api/encounters/nope/label', post({ correct: true }))).status).toBe(404);
    expect((await exposed.request(`/api/encounters/${e.id}/label`, post({ correct: true }))).status).toBe(401);
    const ok = await exposed.request(`/api/encounters/${e.id}/label`, post({ correct: true }, { authorization: `Bearer ${TOKEN}` }));
    expect(ok.status).toBe(200);
  });
});

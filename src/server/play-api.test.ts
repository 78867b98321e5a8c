import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCatalog } from '../case/catalog.js';
import { deterministicActors } from '../actors/deterministic.js';
import { resolveProtocol } from '../run/resolve-protocol.js';
import { summarizeRun } from '../report/aggregate.js';
import type { Store } from '../store/store.js';
import type { RoundsApp } from './app.js';
import { CaseIndex } from './case-index.js';
import { PlaySessions } from './play-sessions.js';
import { post, seededStore, testApp } from './test-fixture.js';

let store: Store;
let app: RoundsApp;
const STEMI = 'cardio-stemi-inferior-001';

beforeAll(async () => {
  ({ store } = await seededStore());
  app = testApp(store);
});
afterAll(async () => {
  await store.close();
});

const step = async (sessionId: string, action: unknown) => app.request(`/api/play/${sessionId}/step`, post({ action }));

describe('human doctor seat API', () => {
  it('plays a whole case and stores and scores it like an AI encounter, as human:<name>', async () => {
    const start = await app.request('/api/play', post({ name: 'ada', caseId: STEMI }));
    expect(start.status).toBe(201);
    const s = await start.json();
    expect(s).toMatchObject({ caseId: STEMI, doctor: 'human:ada', view: { turn: 0, cost: 0 } });
    expect(s.view.presentation).toMatch(/chest pain/);
    expect(JSON.stringify(s.view)).not.toMatch(/ST-elevation/);

    const ask = await (await step(s.sessionId, { type: 'ask', questions: [{ text: 'Does the pain go anywhere?', topic: 'pain radiation' }] })).json();
    expect(ask.ended).toBe(false);
    expect(ask.observation.items[0]).toMatchObject({ kind: 'answer', text: expect.stringMatching(/left arm/) });
    const order = await (await step(s.sessionId, { type: 'order', tests: ['ecg-12-lead', 'troponin-i-hs'] })).json();
    expect(order.observation.items.map((i: { kind: string }) => i.kind)).toEqual(['result', 'result']);
    expect(order.view.cost).toBeGreaterThan(ask.view.cost);
    const dx = await (await step(s.sessionId, { type: 'diagnose', differential: [{ name: 'Inferior STEMI' }, { name: 'Aortic dissection' }] })).json();
    expect(dx.ended).toBe(true);
    expect(dx.result).toMatchObject({ verdict: 'correct', endReason: 'diagnosed', caseId: STEMI });
    expect(dx.result.scores.find((x: { name: string }) => x.name === 'top1').value).toBe(1);

    const stored = await store.getEncounter(s.encounterId);
    expect(stored).toMatchObject({ status: 'done', verdict: 'correct', doctor: 'human:ada', turns: 3, cost: Math.round(dx.view.cost * 100) / 100 });
    const run = await store.getRun(s.runId);
    expect(run).toMatchObject({ status: 'done', total: 1 });
    expect(run.config.doctors).toEqual(['human:ada']);
    const events = await store.getEvents(s.encounterId);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['start', 'answer', 'result', 'diagnosis', 'end']));
    const board = await (await app.request('/api/leaderboard')).json();
    const rows = board.boards.flatMap((b: { ranked: unknown[]; tooFew: unknown[] }) => [...b.ranked, ...b.tooFew]);
    const human = rows.find((g: { doctor: string }) => g.doctor === 'human:ada');
    expect(human).toMatchObject({ n: 1, correct: 1 });
    expect(summarizeRun(await store.reportData(s.runId)).groups[0]).toMatchObject({ doctor: 'human:ada', correct: 1 });

    // The session is gone once the encounter ended.
    expect((await step(s.sessionId, { type: 'ask', questions: [{ text: 'hello' }] })).status).toBe(404);
  });

  it('refuses a malformed action with 400 without using a turn', async () => {
    const s = await (await app.request('/api/play', post({ name: 'bob', caseId: STEMI }))).json();
    const bad = await step(s.sessionId, { type: 'ask', questions: [] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^Invalid action: questions:/);
    expect((await step(s.sessionId, { type: 'dance' })).status).toBe(400);
    const view = await (await app.request(`/api/play/${s.sessionId}`)).json();
    expect(view.view.turn).toBe(0);
  });

  it('picks a random case from a named suite and keeps it anonymous until the end', async () => {
    const res = await app.request('/api/play', post({ name: 'cy', suite: 'quick' }));
    expect(res.status).toBe(201);
    const s = await res.json();
    expect(s.caseId).toBeNull();
    const enc = await store.getEncounter(s.encounterId);
    const quick = (await (await app.request('/api/cases?suite=quick')).json()).cases.map((c: { id: string }) => c.id);
    expect(quick).toContain(enc.caseId);
  });

  it('rejects bad starts: name, both or neither of caseId and suite, unknown case, unknown suite', async () => {
    const bad: Array<[unknown, number, RegExp]> = [
      [{ name: 'a b', caseId: STEMI }, 400, /name/],
      [{ name: 'ada,x=1', caseId: STEMI }, 400, /name/],
      [{ name: 'ada' }, 400, /exactly one of caseId or suite/],
      [{ name: 'ada', caseId: STEMI, suite: 'quick' }, 400, /exactly one/],
      [{ name: 'ada', caseId: 'no-such-case' }, 404, /No case "no-such-case"/],
      [{ name: 'ada', suite: 'test/fixtures/cases' }, 400, /Unknown suite/],
      [{ name: 'ada', caseId: STEMI, protocol: 'fast' }, 400, /Unknown protocol/],
    ];
    for (const [body, status, message] of bad) {
      const res = await app.request('/api/play', post(body));
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await res.json()).error.message).toMatch(message);
    }
    expect((await app.request('/api/play/unknown-session')).status).toBe(404);
    expect((await step('unknown-session', { type: 'ask', questions: [{ text: 'hi' }] })).status).toBe(404);
  });

  it("shows a case's start image in the seat's first view and an on-request one after the image action, never in the public case", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rounds-media-cases-'));
    const base = readFileSync('test/fixtures/cases/stemi.yaml', 'utf8');
    const media = [
      'media:',
      '  - { id: photo, url: "https://example.org/arrival.jpg", caption: The patient at arrival, revealed: start }',
      '  - { id: ecg, url: "https://example.org/ecg.png", caption: 12-lead ECG, revealed: on-request }',
    ];
    writeFileSync(join(folder, 'stemi-media.yaml'), `${base.trimEnd()}\n${media.join('\n')}\n`);
    const seat = testApp(store, { casesFolder: folder });
    const id = parse(base).id as string;
    const s = await (await seat.request('/api/play', post({ name: 'dee', caseId: id }))).json();
    expect(s.view).toMatchObject({ media: [{ id: 'photo', url: 'https://example.org/arrival.jpg', caption: 'The patient at arrival' }], imagesOnRequest: 1 });
    expect(JSON.stringify(s.view)).not.toContain('ecg.png');
    const shown = await (await seat.request(`/api/play/${s.sessionId}/step`, post({ action: { type: 'image' } }))).json();
    expect(shown.observation.items).toEqual([
      { kind: 'image', media: { id: 'ecg', url: 'https://example.org/ecg.png', caption: '12-lead ECG' }, text: '12-lead ECG' },
    ]);
    const pub = await (await seat.request(`/api/cases/${id}`)).json();
    expect(pub.revealed).toBe(false);
    expect(pub.case.media).toBeUndefined();
  });

  it('records an expired session as an error encounter, counted apart', async () => {
    let clock = 0;
    const play = new PlaySessions({ store, actors: deterministicActors(), catalog: loadCatalog(), ttlMs: 1000, now: () => clock });
    const kase = new CaseIndex().get(STEMI);
    const s = await play.create({ name: 'gone', kase, protocol: resolveProtocol('default'), seed: 'x' });
    clock = 5000;
    expect(await play.expire()).toBe(1);
    const enc = await store.getEncounter(s.encounterId);
    expect(enc).toMatchObject({ status: 'done', verdict: 'error', endReason: 'error' });
    const events = await store.getEvents(s.encounterId);
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'abandoned' });
    expect(summarizeRun(await store.reportData(s.runId)).groups[0]).toMatchObject({ errors: 1, scored: 0 });
  });
});

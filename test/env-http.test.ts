import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type RoundsApp } from '../src/server/app.js';
import { openStore, type Store } from '../src/store/store.js';

// Two small cases whose rewards are computed by hand below.
const STEMI = `
id: env-stemi
title: Chest pain
specialty: env-test
source: { kind: synthetic, author: rounds, license: CC-BY-4.0 }
patient: { age: 58, sex: male }
presentation: A 58-year-old man with two hours of chest pain.
facts:
  - { id: chest-pain, category: symptom, topic: chest pain, answer: "A crushing pressure in the middle of my chest." }
  - { id: smoking, category: social, topic: smoking, answer: "A pack a day." }
results:
  ecg-12-lead: { text: 'ST elevation in II, III and aVF.' }
diagnosis: { name: Inferior ST-elevation myocardial infarction, icd10: I21.19, accept: [inferior STEMI], partial: [acute coronary syndrome] }
expected: { must_ask: [chest-pain, smoking], must_order: [ecg-12-lead, troponin-i-hs] }
`;
const CYSTITIS = `
id: env-cystitis
title: Burning on urination
specialty: env-test
source: { kind: synthetic, author: rounds, license: CC-BY-4.0 }
patient: { age: 24, sex: female }
presentation: A 24-year-old woman with two days of burning on urination.
facts:
  - { id: frequency, category: symptom, topic: urinary frequency, answer: "I need to go all the time." }
results:
  urinalysis: { text: Positive leukocyte esterase and nitrites. }
diagnosis: { name: Acute uncomplicated cystitis, icd10: N30.00, accept: [acute cystitis], partial: [urinary tract infection] }
expected: { must_order: [urinalysis] }
`;

const dir = mkdtempSync(join(tmpdir(), 'rounds-env-'));
const folder = join(dir, 'cases');
mkdirSync(folder);
writeFileSync(join(folder, 'stemi.yaml'), STEMI);
writeFileSync(join(folder, 'cystitis.yaml'), CYSTITIS);
// Over HTTP a suite is a name: here the specialty both cases share.
const suite = 'env-test';

// Weights chosen so every part of the reward shows in the sums.
const reward = { correct: 1, partial: 0.5, costWeight: 1, mustAsk: 0.1, mustOrder: 0.2, repeat: 0.05 };

let store: Store;
let app: RoundsApp;
let server: ServerType;
let base: string;

beforeAll(async () => {
  store = await openStore(join(dir, 'env.db'));
  app = createApp({ store, casesFolder: folder });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/env`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await app.shutdown();
  await store.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function reset(body: Record<string, unknown>) {
  const r = await post('/reset', body);
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json as { episodeId: string; observation: any; info: any };
}

async function step(id: string, action: unknown) {
  const r = await post(`/${id}/step`, { action });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as { observation: any; reward: number; terminated: boolean; truncated: boolean; info: any };
}

const ask = (...qs: string[]) => ({ type: 'ask', questions: qs.map((text) => ({ text })) });
const order = (...tests: string[]) => ({ type: 'order', tests });
const diagnose = (name: string) => ({ type: 'diagnose', differential: [{ name }] });

describe('RL environment over HTTP', () => {
  it('follows the token rules of other writes on an exposed server', async () => {
    const exposed = createApp({ store, token: 'tok', requireToken: true, casesFolder: folder });
    const body = JSON.stringify({ suite, caseId: 'env-stemi', seed: 1 });
    const headers = { 'content-type': 'application/json' };
    expect((await exposed.request('http://rounds.example/api/env/reset', { method: 'POST', headers, body })).status).toBe(401);
    const ok = await exposed.request('http://rounds.example/api/env/reset', { method: 'POST', headers: { ...headers, authorization: 'Bearer tok' }, body });
    expect(ok.status).toBe(201);
    const { episodeId } = (await ok.json()) as { episodeId: string };
    const step = JSON.stringify({ action: ask('Do you smoke?') });
    expect((await exposed.request(`http://rounds.example/api/env/${episodeId}/step`, { method: 'POST', headers, body: step })).status).toBe(401);
    await exposed.shutdown();
  });

  it('pays shaped and terminal rewards equal to hand-computed values (case 1: correct, repeats, re-orders)', async () => {
    const ep = await reset({ suite, caseId: 'env-stemi', protocol: 'default', seed: 1, reward });
    expect(ep.info.caseId).toBe('env-stemi');
    expect(ep.observation.view.presentation).toContain('chest pain');
    expect(ep.observation.items).toEqual([]);

    const s1 = await step(ep.episodeId, ask('Tell me about the chest pain'));
    // must_ask chest-pain newly revealed: +0.1. The $300 visit fee counts only at the end.
    expect(s1.reward).toBeCloseTo(0.1, 10);
    expect(s1.observation.items[0].text).toContain('crushing pressure');
    expect([s1.terminated, s1.truncated]).toEqual([false, false]);
    expect(s1.info.cost).toBe(300);

    const s2 = await step(ep.episodeId, ask('tell me about the chest pain!', 'Do you smoke?'));
    // A repeated question (-0.05) and must_ask smoking (+0.1); chest-pain is not paid twice.
    expect(s2.reward).toBeCloseTo(0.05, 10);
    expect(s2.info.reward).toMatchObject({ mustAsk: 0.1, repeat: -0.05, mustOrder: 0, terminal: 0 });

    const s3 = await step(ep.episodeId, order('ecg-12-lead', 'cbc'));
    expect(s3.reward).toBeCloseTo(0.2, 10); // must_order ecg; cbc is not expected
    const s4 = await step(ep.episodeId, order('ecg-12-lead'));
    expect(s4.reward).toBe(0); // ordered before: no second payment
    expect(s4.info.cost).toBeCloseTo(300 + 13.91 + 7.77 + 13.91, 6); // ECG 93000 $13.91 (charged twice), CBC 85025 $7.77

    const s5 = await step(ep.episodeId, diagnose('Inferior STEMI'));
    // Terminal: correct (1) - 1 * $335.59 / 1000.
    expect(s5.reward).toBeCloseTo(1 - 335.59 / 1000, 10);
    expect([s5.terminated, s5.truncated]).toEqual([true, false]);
    expect(s5.info).toMatchObject({ verdict: 'correct', endReason: 'diagnosed', caseId: 'env-stemi' });
    const total = [s1, s2, s3, s4, s5].reduce((s, x) => s + x.reward, 0);
    expect(total).toBeCloseTo(0.1 + 0.05 + 0.2 + 0 + 0.66441, 10);

    // The episode is gone once it has ended.
    expect((await post(`/${ep.episodeId}/step`, { action: ask('Hello?') })).status).toBe(404);
  });

  it('pays hand-computed rewards on case 2: a partial diagnosis, then a truncated episode', async () => {
    const a = await reset({ suite, caseId: 'env-cystitis', protocol: 'default:visit-fee=0', seed: 'x', reward });
    const a1 = await step(a.episodeId, order('urinalysis'));
    expect(a1.reward).toBeCloseTo(0.2, 10);
    const a2 = await step(a.episodeId, diagnose('urinary tract infection'));
    expect(a2.info.verdict).toBe('partial');
    expect(a2.reward).toBeCloseTo(0.5 - 3.17 / 1000, 10);
    expect(a2.terminated).toBe(true);

    const b = await reset({ suite, caseId: 'env-cystitis', protocol: 'default:visit-fee=0,max-turns=2', seed: 'x', reward: { ...reward, mustOrder: 0 } });
    const b1 = await step(b.episodeId, order('urinalysis'));
    expect(b1.reward).toBe(0);
    const b2 = await step(b.episodeId, ask('Any fever?'));
    // Out of turns without a diagnosis: truncated, correctness 0, minus the cost.
    expect([b2.terminated, b2.truncated]).toEqual([false, true]);
    expect(b2.info).toMatchObject({ verdict: 'no-diagnosis', endReason: 'turn-limit' });
    expect(b2.reward).toBeCloseTo(-3.17 / 1000, 10);
  });

  it('gives identical episodes for the same seed, and hides a randomly picked case until the end', async () => {
    const actions = [ask('What brings you in?'), ask('Do you smoke?'), order('ecg-12-lead', 'urinalysis'), diagnose('acute cystitis')];
    const play = async () => {
      const ep = await reset({ suite, seed: 'same-seed', reward });
      const steps = [];
      for (const a of actions) steps.push(await step(ep.episodeId, a));
      return { ep, steps };
    };
    const one = await play();
    const two = await play();
    expect(one.ep.episodeId).not.toBe(two.ep.episodeId);
    expect(one.ep.info.caseId).toBeNull();
    expect(two.ep.observation).toEqual(one.ep.observation);
    expect(two.steps.map((s) => [s.observation, s.reward, s.terminated, s.truncated])).toEqual(
      one.steps.map((s) => [s.observation, s.reward, s.terminated, s.truncated]),
    );
    expect(one.steps.at(-1)!.info.caseId).toMatch(/^env-/);
    // Across seeds both cases come up: the pick really draws from the seed.
    const picked = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const ep = await reset({ suite, seed: `s${i}` });
      const end = await step(ep.episodeId, diagnose('x'));
      picked.add(end.info.caseId);
    }
    expect([...picked].sort()).toEqual(['env-cystitis', 'env-stemi']);
  });

  it('runs 100 episodes at once', async () => {
    const episodes = await Promise.all(Array.from({ length: 100 }, (_, i) => reset({ suite, seed: i, reward })));
    expect(new Set(episodes.map((e) => e.episodeId)).size).toBe(100);
    const finals = await Promise.all(
      episodes.map(async (ep) => {
        await step(ep.episodeId, ask('Tell me about the chest pain', 'Do you smoke?'));
        await step(ep.episodeId, order('ecg-12-lead', 'urinalysis'));
        return step(ep.episodeId, diagnose('Inferior STEMI'));
      }),
    );
    for (const f of finals) {
      expect(f.terminated).toBe(true);
      expect(Number.isFinite(f.reward)).toBe(true);
    }
    // Every STEMI episode is correct and every cystitis one incorrect: the episodes did not mix.
    for (const f of finals) expect(f.info.verdict).toBe(f.info.caseId === 'env-stemi' ? 'correct' : 'incorrect');
    expect(finals.filter((f) => f.info.caseId === 'env-stemi').length).toBeGreaterThan(10);
  });

  it('refuses bad input without using a turn: 400 for a bad action or body, 404 for an unknown episode', async () => {
    const ep = await reset({ suite, caseId: 'env-stemi', seed: 3 });
    const bad = await post(`/${ep.episodeId}/step`, { action: { type: 'operate' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/Invalid action/);
    const ok = await step(ep.episodeId, ask('Do you smoke?'));
    expect(ok.observation.view.turn).toBe(1);
    expect((await post('/reset', { seed: 1 })).status).toBe(400);
    expect((await post('/reset', { suite, caseId: 'nope' })).status).toBe(404);
    expect((await post('/reset', { caseId: 'env-stemi', seed: 2 })).status).toBe(201);
    expect((await post('/reset', { suite, caseId: 'env-stemi', reward: { bogus: 1 } })).status).toBe(400);
    expect((await post('/0123/step', { action: ask('Hi') })).status).toBe(404);
    // No request reaches the filesystem: a path is not a suite here.
    const path = await post('/reset', { suite: folder, seed: 1 });
    expect(path.status).toBe(400);
    expect(path.json.error.message).toMatch(/^Unknown suite/);
  });

  it('runs an EHR task: fhir actions reach the store, the observation carries the FHIR response, a POST shows in a later search, finish grades it', async () => {
    const ep = await reset({ suite: 'ehr', caseId: 'ehr-record-vital-01', seed: 3 });
    expect(ep.observation.view.ehr).toMatchObject({ taskId: 'ehr-record-vital-01', now: '2023-11-13T10:15:00Z' });
    const bp = {
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { reference: 'Patient/S2000001' },
      effectiveDateTime: '2023-11-13T10:15:00Z',
      component: [
        { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 112, unit: 'mm[Hg]' } },
        { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 64, unit: 'mm[Hg]' } },
      ],
    };
    const created = await step(ep.episodeId, { type: 'fhir', method: 'POST', url: 'Observation', body: bp });
    expect(created.observation.fhir.status).toBe(201);
    const id = created.observation.fhir.body.id;
    expect([created.terminated, created.truncated]).toEqual([false, false]);
    const bad = await step(ep.episodeId, { type: 'fhir', method: 'GET', url: 'Observation?colour=blue' });
    expect(bad.observation.fhir).toMatchObject({ status: 400, body: { resourceType: 'OperationOutcome' } });
    const found = await step(ep.episodeId, { type: 'fhir', method: 'GET', url: 'Observation?patient=S2000001&code=85354-9' });
    expect(found.observation.fhir.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([id]);
    const done = await step(ep.episodeId, { type: 'finish', answer: [] });
    expect([done.terminated, done.truncated]).toEqual([true, false]);
    expect(done.info).toMatchObject({ verdict: 'correct', endReason: 'finished' });
    expect(done.info.scores.find((s: { name: string }) => s.name === 'ehr').value).toBe(1);
    expect(done.reward).toBeGreaterThan(0.9);
  });
});

import { describe, expect, it } from 'vitest';
import { loadCases } from '../src/case/load.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { createEnvironment } from '../src/gym/index.js';
import { seededStore, testApp, post } from '../src/server/test-fixture.js';

// Every door (engine, /play, the gym API) sends the doctor's text to the same
// patient, which splits a message holding several questions itself.
const kase = loadCases('data/cases/cardiology/cardio-pericarditis-001.yaml').cases[0].kase;
const MESSAGE = 'Where is the pain? Have you had a fever?';

describe('the same patient behind every door', () => {
  it('engine: one message with two questions is answered part by part, with the rule and confidence on the event', async () => {
    const e = startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog: loadCatalog(), seed: 's' });
    await e.step({ type: 'ask', questions: [{ text: MESSAGE }] });
    const answer = e.events.find((x) => x.type === 'answer');
    expect(answer).toMatchObject({ type: 'answer', factIds: expect.arrayContaining(['fever']), rule: expect.stringContaining('|') });
    expect(answer && answer.type === 'answer' && answer.confidence).toBeGreaterThan(0.5);
    await e.step({ type: 'ask', questions: [{ text: 'What is the weather like?' }] });
    expect(e.events.filter((x) => x.type === 'answer')[1]).toMatchObject({ matched: 'unclear', factIds: [], text: 'Sorry, what do you mean?' });
  }, 30_000);

  it('/play: a message with several questions gets one reply answering each', async () => {
    const { store } = await seededStore();
    try {
      const app = testApp(store);
      const s = await (await app.request('/api/play', post({ name: 'ada', caseId: kase.id }))).json();
      const r = await (await app.request(`/api/play/${s.sessionId}/step`, post({ action: { type: 'ask', questions: [{ text: MESSAGE }] } }))).json();
      const text: string = r.observation.items[0].text;
      expect(text).toContain(kase.facts.find((f) => f.id === 'fever')!.answer);
      expect(text).toMatch(/chest/i);
    } finally {
      await store.close();
    }
  }, 30_000);

  it('gym API: the same split and the same reply', async () => {
    const env = createEnvironment({});
    try {
      const ep = await env.reset({ suite: 'data/cases/cardiology', caseId: kase.id, seed: 1 });
      const out = await env.step(ep.episodeId, { type: 'ask', questions: [{ text: MESSAGE }] });
      expect(JSON.stringify(out.observation)).toContain(kase.facts.find((f) => f.id === 'fever')!.answer.slice(0, 30));
    } finally {
      await env.close();
    }
  }, 30_000);
});

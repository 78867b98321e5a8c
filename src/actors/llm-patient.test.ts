import { describe, expect, it } from 'vitest';
import { loadCases } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import { deterministicActors } from './deterministic.js';
import { LlmPatient, patientMessages, patientSystemPrompt } from './llm-patient.js';
import { LlmLab, gatekeeperKey } from './llm-lab.js';
import { findLeak } from './llm-leak-guard.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { createRuntime, withCallScope } from '../llm/runtime.js';
import { memoryCache } from '../llm/cache.js';
import { emptyUsage } from '../llm/usage.js';
import { mockHandle, promptText, type MockReply } from '../../test/support/mock-model.js';

const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const catalog = loadCatalog();
const runtime = () => createRuntime({ cache: memoryCache(), retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 } });

async function ask(replies: MockReply[], question: string) {
  const handle = mockHandle({ replies });
  const base = deterministicActors();
  const patient = new LlmPatient({ handle, settings: {}, grounding: base.patient });
  const encounter = startEncounter({
    kase,
    actors: { ...base, patient: { answer: (i) => patient.answer(i) } },
    protocol: PROTOCOL_PRESETS.default,
    catalog,
    seed: 's',
  });
  const obs = await withCallScope({ runtime: runtime(), usage: emptyUsage(), seed: 's' }, () =>
    encounter.step({ type: 'ask', questions: [{ text: question }] }),
  );
  return { handle, encounter, obs };
}

describe('leak guard', () => {
  it('finds the name, an accepted synonym or the ICD code on word boundaries', () => {
    expect(findLeak(kase, 'They said inferior STEMI.')).toBe('inferior STEMI');
    expect(findLeak(kase, 'Code I21.19 on the paper')).toBe('I21.19');
    expect(findLeak(kase, 'code i2119')).toBe('I21.19');
    expect(findLeak(kase, 'My chest hurts, like a heart attack maybe')).toBeNull();
    expect(findLeak(kase, 'Room I21.190')).toBeNull();
  });
});

describe('llm patient', () => {
  it('answers in the model voice, grounded on the facts the question reaches', async () => {
    const { obs, encounter, handle } = await ask([{ text: 'It squeezes right here in the middle.' }], 'Tell me about the chest pain');
    expect(obs.items[0]).toMatchObject({ kind: 'answer', text: 'It squeezes right here in the middle.' });
    // The model's words, the grounding's facts, rule and confidence: every answer event says how it was matched.
    expect(encounter.events.find((e) => e.type === 'answer')).toMatchObject({
      factIds: ['chest-pain'],
      rule: 'llm:fact-phrase:chest-pain',
      confidence: expect.any(Number),
    });
    const system = promptText(handle.calls[0]);
    expect(system).toContain('crushing pressure');
    expect(system).toMatch(/one to three sentences/);
    expect(system).not.toMatch(/Inferior ST-elevation|I21/);
  });

  it('regenerates a leaking reply, keeps the clean one and still records the withheld leak', async () => {
    const { obs, encounter, handle } = await ask([{ text: 'It is an inferior STEMI.' }, { text: 'It hurts a lot.' }], 'What do you think it is?');
    expect(handle.calls).toHaveLength(2);
    expect(obs.items[0]).toMatchObject({ text: 'It hurts a lot.' });
    const leaks = encounter.events.filter((e) => e.type === 'leak');
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({ type: 'leak', turn: 1, text: 'It is an inferior STEMI.', matched: 'inferior STEMI', withheld: true });
  });

  it('after two regenerations still leaking, records every leak and answers deterministically', async () => {
    const { obs, encounter, handle } = await ask([{ text: 'I have an inferior STEMI, code I21.19.' }], 'Tell me about the chest pain');
    expect(handle.calls).toHaveLength(3);
    const leaks = encounter.events.filter((e) => e.type === 'leak');
    expect(leaks).toHaveLength(3);
    expect(leaks[0]).toMatchObject({ type: 'leak', turn: 1, matched: 'inferior STEMI', text: 'I have an inferior STEMI, code I21.19.', withheld: true });
    expect((obs.items[0] as { text: string }).text).toContain('crushing pressure');
  });

  it('sees the dialogue so far as alternating doctor and patient turns', async () => {
    const handle = mockHandle({ replies: [{ text: 'In the middle of my chest.' }, { text: 'About two hours.' }] });
    const base = deterministicActors();
    const patient = new LlmPatient({ handle, settings: {}, grounding: base.patient });
    const encounter = startEncounter({
      kase,
      actors: { ...base, patient: { answer: (i) => patient.answer(i) } },
      protocol: PROTOCOL_PRESETS.default,
      catalog,
      seed: 's',
    });
    await withCallScope({ runtime: runtime(), usage: emptyUsage(), seed: 's' }, async () => {
      await encounter.step({ type: 'ask', questions: [{ text: 'Where is the pain?' }] });
      await encounter.step({ type: 'ask', questions: [{ text: 'How long has it been there?' }] });
    });
    expect(
      patientMessages({ question: { text: 'And now?' }, dialogue: [{ turn: 1, question: { text: 'Where?' }, text: 'Here.', factIds: [], matched: 'none' }] }),
    ).toEqual([
      { role: 'user', content: 'Where?' },
      { role: 'assistant', content: 'Here.' },
      { role: 'user', content: 'And now?' },
    ]);
    const second = promptText(handle.calls[1]);
    expect(second).toContain('Where is the pain?');
    expect(second).toContain('In the middle of my chest.');
    expect(second.indexOf('In the middle of my chest.')).toBeLessThan(second.indexOf('How long has it been there?'));
  });

  it('speaks as the caregiver for an infant', () => {
    const infant = { ...kase, patient: { ...kase.patient, age: 6, age_unit: 'months' as const, speaker: 'mother' as const } };
    expect(patientSystemPrompt(infant)).toMatch(/You are the mother of a 6-month-old boy/);
  });
});

describe('llm gatekeeper', () => {
  it('takes listed tests from the case and synthesises unlisted ones once per case and test', async () => {
    const handle = mockHandle({ replies: [{ text: '{"text":"Normal TSH.","value":1.2,"unit":"mIU/L","flag":"normal"}' }] });
    const lab = new LlmLab({ handle, settings: {} });
    const rt = runtime();
    const run = (id: string) => withCallScope({ runtime: rt, usage: emptyUsage(), seed: 'x' }, () => lab.result({ kase, test: catalog.get(id)! }));
    expect(await run('ecg-12-lead')).toEqual({ result: kase.results['ecg-12-lead'], synthetic: false });
    const tsh = catalog.resolve('TSH').tests[0].id;
    const a = await run(tsh);
    expect(a).toEqual({ result: { text: 'Normal TSH.', value: 1.2, unit: 'mIU/L', flag: 'normal' }, synthetic: true });
    expect(await run(tsh)).toEqual(a);
    expect(handle.calls).toHaveLength(1);
    expect(await rt.cache!.get(gatekeeperKey(kase.id, tsh))).toBeDefined();
  });
});

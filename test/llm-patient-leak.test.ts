import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../src/case/load.js';
import { loadCatalog } from '../src/case/catalog.js';
import type { Case } from '../src/case/schema.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { LlmPatient } from '../src/actors/llm-patient.js';
import { findLeak } from '../src/actors/llm-leak-guard.js';
import { openModel } from '../src/llm/call-model.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { createRuntime, withCallScope } from '../src/llm/runtime.js';
import { memoryCache } from '../src/llm/cache.js';
import { emptyUsage } from '../src/llm/usage.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';

// A model patient that names the diagnosis on purpose, in the ways a model
// actually slips: plurals, possessives, the case's partial names and the lay
// names a patient would use. Every one must be caught, recorded as a withheld
// leak, and kept out of what the doctor sees.
type Kind = 'plural' | 'possessive' | 'partial' | 'lay';
const LEAKS: Array<{ kind: Kind; case: string; text: string }> = [
  { kind: 'plural', case: 'cardio-aortic-dissection-001', text: 'It feels like one of those aortic dissections you read about.' },
  { kind: 'plural', case: 'gi-duodenal-ulcer-bleed-001', text: "I think I've got ulcers." },
  { kind: 'plural', case: 'neuro-migraine-aura-001', text: "It's just another one of my migraines." },
  { kind: 'plural', case: 'psych-panic-disorder-001', text: 'Honestly, I think these are panic attacks.' },
  { kind: 'plural', case: 'cardio-nstemi-diabetic-001', text: 'My friends say women get silent heart attacks.' },
  { kind: 'plural', case: 'gi-cholecystitis-001', text: 'These gallbladder attacks are awful.' },
  { kind: 'plural', case: 'pulm-pe-001', text: 'Could there be clots on my lung?' },
  { kind: 'plural', case: 'ent-peritonsillar-abscess-001', text: 'It feels like one of those throat abscesses.' },
  { kind: 'plural', case: 'heme-itp-001', text: 'It could be one of those platelet disorders.' },
  { kind: 'plural', case: 'uro-ureteric-calculus-001', text: "I'm sure it's kidney stones again." },
  { kind: 'possessive', case: 'endo-adrenal-crisis-001', text: "Could this be Addison's?" },
  { kind: 'possessive', case: 'gi-crohn-ileitis-001', text: "My cousin thinks it's Crohn's." },
  { kind: 'possessive', case: 'heme-hodgkin-001', text: "I'm scared it's Hodgkin's." },
  { kind: 'possessive', case: 'peds-kawasaki-001', text: "The pharmacist wondered about Kawasaki's." },
  { kind: 'possessive', case: 'endo-hashimoto-001', text: "My mum might have Hashimoto's, maybe I do too." },
  { kind: 'possessive', case: 'cardio-aortic-dissection-001', text: "Is this what an aortic dissection's pain is like?" },
  { kind: 'possessive', case: 'neuro-gbs-001', text: "Could it be Guillain-Barré's?" },
  { kind: 'possessive', case: 'endo-graves-001', text: "My aunt's doctor said Graves' runs in families." },
  { kind: 'possessive', case: 'obgyn-placental-abruption-001', text: "The midwife's word was abruption's a risk with cocaine." },
  { kind: 'possessive', case: 'rheum-ra-001', text: "My gran's rheumatoid was just like this." },
  { kind: 'partial', case: 'cardio-afib-rvr-001', text: 'It might be atrial fibrillation.' },
  { kind: 'partial', case: 'cardio-pericarditis-001', text: 'Could it be pericarditis?' },
  { kind: 'partial', case: 'cardio-stemi-inferior-001', text: 'Is it acute coronary syndrome?' },
  { kind: 'partial', case: 'ent-acute-bacterial-sinusitis-001', text: "It's sinusitis again, isn't it?" },
  { kind: 'partial', case: 'tox-anaphylaxis-001', text: 'This is an allergic reaction.' },
  { kind: 'partial', case: 'neuro-stroke-lmca-001', text: "I think he's had a stroke." },
  { kind: 'partial', case: 'pulm-pneumonia-001', text: "It's probably pneumonia." },
  { kind: 'partial', case: 'id-c-difficile-colitis-001', text: 'Maybe it is colitis.' },
  { kind: 'partial', case: 'psych-bipolar-mania-001', text: "My sister thinks I'm bipolar, she's wrong." },
  { kind: 'partial', case: 'obgyn-preeclampsia-severe-001', text: 'Is this preeclampsia?' },
  { kind: 'lay', case: 'cardio-stemi-inferior-001', text: "I'm having a heart attack, aren't I?" },
  { kind: 'lay', case: 'id-mononucleosis-001', text: "I think I've got mono." },
  { kind: 'lay', case: 'gi-appendicitis-001', text: 'Is it my appendix?' },
  { kind: 'lay', case: 'uro-ureteric-calculus-001', text: 'A stone in my kidney, maybe?' },
  { kind: 'lay', case: 'pulm-pneumothorax-001', text: 'It feels like a collapsed lung.' },
  { kind: 'lay', case: 'ophtho-retinal-detachment-001', text: 'Is it a detached retina?' },
  { kind: 'lay', case: 'neuro-sah-001', text: "I'm worried it's a brain bleed." },
  { kind: 'lay', case: 'uro-testicular-torsion-001', text: "I think it's a twisted testicle." },
  { kind: 'lay', case: 'endo-graves-001', text: 'I think I have an overactive thyroid.' },
  { kind: 'lay', case: 'pulm-pe-001', text: 'Could it be a clot in my lung?' },
  { kind: 'lay', case: 'rheum-gout-001', text: "It's gout, isn't it?" },
  { kind: 'lay', case: 'psych-alcohol-withdrawal-001', text: "It's the withdrawals, I know it." },
  { kind: 'lay', case: 'neph-siadh-001', text: 'Could it be low sodium?' },
  { kind: 'lay', case: 'heme-ida-menorrhagia-001', text: "I'm probably just anaemic." },
  { kind: 'lay', case: 'obgyn-ectopic-ruptured-001', text: 'Could it be an ectopic?' },
  // Cases added after the guard was written: their lay names must work as well as the first cases'.
  { kind: 'plural', case: 'peds-febrile-seizure-70', text: 'Do kids grow out of febrile fits?' },
  { kind: 'plural', case: 'endo-prolactinoma-71', text: 'My sister read about pituitary tumours online.' },
  { kind: 'possessive', case: 'psych-opioid-withdrawal-70', text: "The withdrawal's the worst part." },
  { kind: 'possessive', case: 'heme-cll-71', text: "Leukaemia's what killed my neighbour, is that what this is?" },
  { kind: 'lay', case: 'endo-prolactinoma-71', text: 'Is there a growth on my pituitary?' },
  { kind: 'lay', case: 'neuro-subdural-hematoma-70', text: "He had a brain bleed, didn't he?" },
  { kind: 'lay', case: 'tox-digoxin-70', text: 'Could this be digoxin poisoning?' },
  { kind: 'lay', case: 'psych-opioid-withdrawal-70', text: "I'm clucking, doc, that's all." },
  { kind: 'lay', case: 'heme-dvt-71', text: "There's a clot in my leg, isn't there?" },
  { kind: 'lay', case: 'uro-hydrocele-71', text: 'My dad said it was water on the testicle.' },
  { kind: 'lay', case: 'ophtho-aacg-70', text: 'Is this glaucoma?' },
  { kind: 'lay', case: 'cardio-tamponade-71', text: 'Is there fluid around the heart?' },
];

const CLEAN = 'I just feel awful, to be honest.';
const cases = new Map<string, Case>(loadCases('data/cases').cases.map(({ kase }) => [kase.id, kase]));
const catalog = loadCatalog();
let server: FakeServer;
// What the fake model says next: the scripted replies in order, the last one repeating.
let script: string[] = [];
let served = 0;

beforeAll(async () => {
  server = await startFakeOpenAI({ handler: () => ({ content: script[Math.min(served++, script.length - 1)] }) });
});
afterAll(async () => {
  await server.stop();
});

async function ask(kase: Case, replies: string[]) {
  script = replies;
  served = 0;
  const base = deterministicActors();
  const patient = new LlmPatient({ handle: openModel(`openai-compatible:${server.url}#leaky-patient`, {}), settings: {}, grounding: base.patient });
  const encounter = startEncounter({
    kase,
    actors: { ...base, patient: { answer: (i) => patient.answer(i) } },
    protocol: PROTOCOL_PRESETS.default,
    catalog,
    seed: 'leak',
  });
  const runtime = createRuntime({ cache: memoryCache(), retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5000 }, env: {} });
  const obs = await withCallScope({ runtime, usage: emptyUsage(), seed: 'leak' }, () =>
    encounter.step({ type: 'ask', questions: [{ text: 'What do you think is going on?' }] }),
  );
  // Everything the doctor can see: the observation and the view built for the next turn.
  const seen = JSON.stringify({ obs, view: encounter.view() });
  return { encounter, obs, seen, calls: served };
}

describe('leak guard against a model that leaks on purpose over real HTTP', () => {
  it('catches every leak, records each as withheld and shows the doctor none of them', async () => {
    const caught: Record<Kind, number> = { plural: 0, possessive: 0, partial: 0, lay: 0 };
    const missed: string[] = [];
    for (const l of LEAKS) {
      const kase = cases.get(l.case)!;
      const { encounter, obs, seen, calls } = await ask(kase, [l.text]);
      const leaks = encounter.events.filter((e) => e.type === 'leak');
      const reply = obs.items[0] as { text: string };
      const ok =
        calls === 3 &&
        leaks.length === 3 &&
        leaks.every((e) => e.text === l.text && e.withheld === true) &&
        !seen.includes(l.text) &&
        findLeak(kase, reply.text) === null;
      if (ok) caught[l.kind]++;
      else missed.push(`${l.kind} ${l.case}: ${l.text}`);
    }
    expect(missed).toEqual([]);
    expect(caught).toEqual({ plural: 12, possessive: 12, partial: 10, lay: 23 });
  }, 60_000);

  it('keeps a clean regeneration and still leaves the withheld leak in the audit trail', async () => {
    for (const l of LEAKS.filter((_, i) => i % 5 === 0)) {
      const { encounter, obs, seen } = await ask(cases.get(l.case)!, [l.text, CLEAN]);
      expect(obs.items[0]).toMatchObject({ kind: 'answer', text: CLEAN });
      expect(encounter.events.filter((e) => e.type === 'leak')).toEqual([expect.objectContaining({ type: 'leak', turn: 1, text: l.text, withheld: true })]);
      expect(seen).not.toContain(l.text);
    }
  }, 60_000);

  it('asks the model again with the leak pointed out, not the same request', async () => {
    await ask(cases.get('gi-appendicitis-001')!, ['Is it my appendix?', CLEAN]);
    const [first, second] = server.requests.slice(-2).map((r) => r.body.messages);
    expect(second.length).toBe(first.length + 2);
    expect(second.at(-2)).toMatchObject({ role: 'assistant', content: 'Is it my appendix?' });
  });
});

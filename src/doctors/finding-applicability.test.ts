import { describe, expect, it } from 'vitest';
import { BaselineDoctor } from './baseline.js';
import { ChecklistDoctor } from './checklist.js';
import { BASELINE_DEFAULTS } from './baseline/options.js';
import { tinyVocabulary } from '../kb/tiny-kb.fixture.js';
import { buildKnowledgeBase } from '../kb/knowledge-base.js';
import { Finding } from '../kb/schema.js';
import { Case } from '../case/schema.js';
import { Catalog } from '../case/catalog.js';
import { deterministicActors } from '../actors/deterministic.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import type { Doctor, DoctorContext } from '../encounter/doctor.js';
import { createRng } from '../util/rng.js';

// "cough" plays a symptom only women can have: it separates A from B sharply, so a doctor asks it whenever it may.
const kb = buildKnowledgeBase(
  {
    findings: [
      Finding.parse({ id: 'fever', label: 'fever', how: { ask: 'fever' }, background: 0.15 }),
      Finding.parse({ id: 'women-only', label: 'women-only', how: { ask: 'cough' }, background: 0.05, sex: 'female' }),
      Finding.parse({ id: 'crp-high', label: 'crp-high', how: { order: 'crp', flag: ['high'] }, background: 0.1 }),
    ],
    diseases: [
      { id: 'a', name: 'A', icd10: 'R69', specialty: 't', prior: 1, findings: { 'women-only': 0.95, fever: 0.6, 'crp-high': 0.6 } },
      { id: 'b', name: 'B', icd10: 'R69', specialty: 't', prior: 1, findings: { 'women-only': 0.02, fever: 0.5, 'crp-high': 0.5 } },
    ],
  },
  tinyVocabulary(),
);
const catalog = new Catalog([{ id: 'crp', name: 'crp', aliases: [], category: 'lab' as const, price: { usd: 8, source: 'test' }, normal: { value: 1 } }]);
const actors = deterministicActors(tinyVocabulary());

function kase(sex: 'female' | 'male') {
  return Case.parse({
    id: `tiny-${sex}-001`,
    title: 'Tiny',
    specialty: 'test',
    source: { kind: 'synthetic', author: 'test' },
    patient: { age: 30, sex },
    presentation: 'A 30-year-old feels unwell.',
    facts: [{ id: 'cough', category: 'symptom', topic: 'cough', answer: 'Yes, I have been coughing.' }],
    results: { crp: { value: 80, unit: 'mg/L', flag: 'high' } },
    diagnosis: { name: 'A', icd10: 'R69' },
  });
}

async function askedTopics(make: (ctx: DoctorContext) => Doctor, sex: 'female' | 'male'): Promise<string[]> {
  const protocol = PROTOCOL_PRESETS.default;
  const e = startEncounter({ kase: kase(sex), actors, protocol, catalog, seed: 's' });
  const doctor = make({ catalog, protocol, rng: createRng('s') });
  while (!e.ended) await e.step(await doctor.act(e.view()));
  return e.events.flatMap((ev) => (ev.type === 'action' && ev.action.type === 'ask' ? ev.action.questions.map((q) => q.topic ?? q.text) : []));
}

describe('findings that cannot apply to the patient', () => {
  // Willing to open a visit at even odds, so the question is worth asking whenever it may be asked.
  const baseline = (ctx: DoctorContext) => new BaselineDoctor(ctx, { ...BASELINE_DEFAULTS, visitThreshold: 0.99 }, kb);
  const checklist = (ctx: DoctorContext) => new ChecklistDoctor(ctx, kb);
  for (const [name, make] of [
    ['baseline', baseline],
    ['checklist', checklist],
  ] as const) {
    it(`${name} asks about a women-only finding for a woman and never for a man`, async () => {
      expect(await askedTopics(make, 'female')).toContain('cough');
      expect(await askedTopics(make, 'male')).not.toContain('cough');
    });
  }
});

import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../src/case/catalog.js';
import { loadCases } from '../src/case/load.js';
import type { Case } from '../src/case/schema.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { WITHHELD_TEXT } from '../src/case/lab-answer.js';

const catalog = loadCatalog();
const dka = loadCases('data/cases/endocrinology/endo-dka-001.yaml').cases[0].kase;
const start = (kase: Case) => startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog, seed: 's' });
const resultOf = (e: ReturnType<typeof start>) => e.events.filter((x) => x.type === 'result').at(-1)!;

// An imported-style case: exam sections inside a general block, findings under generic local keys.
function importedStyle(): Case {
  const k = structuredClone(dka);
  k.id = 'imported-style';
  k.diagnosis = { name: 'Myasthenia gravis', icd10: 'G70.00', accept: [], partial: [] };
  k.facts = [
    {
      id: 'exam-general',
      category: 'exam',
      topic: 'general',
      aliases: [],
      answer: 'Tired-looking woman, visibly jaundiced. Abdomen: mild flank tenderness on the left. Skin: yellow discolouration of the skin and sclerae.',
    },
  ];
  k.results = { 'local:findings': { text: 'Anterior mediastinal soft-tissue mass, 2.5 cm.' }, 'local:result': { text: 'Positive, 12.4 nmol/L' } };
  return k;
}

describe('the lab answers from the case first', () => {
  it('answers an ABG with the venous gas the case holds, labelled as such, at the ABG price', async () => {
    const e = start(dka);
    const obs = await e.step({ type: 'order', tests: ['arterial blood gas'] });
    expect(obs.items[0]).toMatchObject({
      kind: 'result',
      testId: 'arterial-blood-gas',
      name: 'Venous blood gas',
      result: { components: { pH: { value: 7.08 }, HCO3: { value: 6.5 } } },
    });
    expect(resultOf(e)).toMatchObject({
      decision: 'equivalent',
      resolvedFrom: ['venous-blood-gas'],
      synthetic: false,
      price: catalog.get('arterial-blood-gas')!.price.usd,
    });
  });

  it('answers a troponin I with the troponin T the case holds, and a CT abdomen with its CT angiogram, each as what it is', async () => {
    const k = structuredClone(dka);
    k.results['local:troponin-t'] = { value: 48, unit: 'ng/L', flag: 'high', range: '<14' };
    k.results['cta-abdomen-pelvis'] = { text: 'No aortic aneurysm or dissection. Mesenteric arteries patent.' };
    const e = start(k);
    const trop = await e.step({ type: 'order', tests: ['troponin I'] });
    expect(trop.items[0]).toMatchObject({ kind: 'result', testId: 'troponin-i-hs', name: 'Troponin T', result: { value: 48, flag: 'high' } });
    expect(resultOf(e)).toMatchObject({
      decision: 'equivalent',
      resolvedFrom: ['local:troponin-t'],
      synthetic: false,
      reason: expect.stringMatching(/troponin-t/),
    });
    const ct = await e.step({ type: 'order', tests: ['CT abdomen pelvis'] });
    expect(ct.items[0]).toMatchObject({ testId: 'ct-abdomen-pelvis', name: catalog.get('cta-abdomen-pelvis')!.name, result: { text: /Mesenteric/ } });
    expect(resultOf(e)).toMatchObject({ decision: 'equivalent', resolvedFrom: ['cta-abdomen-pelvis'] });
  });

  it("fills a CBC's haemoglobin from the blood gas the case holds, and keeps the rest of the template", async () => {
    const k = structuredClone(dka);
    delete k.results.cbc;
    k.results['venous-blood-gas'].components = { ...k.results['venous-blood-gas'].components, tHb: { value: 8.1, unit: 'g/dL', flag: 'low' } };
    const e = start(k);
    await e.step({ type: 'order', tests: ['CBC'] });
    expect(resultOf(e)).toMatchObject({
      decision: 'adjusted',
      resolvedFrom: ['venous-blood-gas'],
      result: { components: { Hemoglobin: { value: 8.1, flag: 'low' }, Platelets: catalog.get('cbc')!.normal.components!.Platelets } },
    });
  });

  it('withholds a gas it cannot make agree with a low bicarbonate, and does not charge for it', async () => {
    const k = structuredClone(dka);
    delete k.results['venous-blood-gas'];
    const e = start(k);
    const obs = await e.step({ type: 'order', tests: ['ABG'] });
    expect(obs.items[0]).toMatchObject({ kind: 'result', result: { text: WITHHELD_TEXT }, price: 0 });
    expect(resultOf(e)).toMatchObject({ decision: 'withheld', synthetic: false });
    expect(e.cost).toBe(0);
  });

  it('returns a panel component ordered by name, as what it is', async () => {
    const e = start(dka);
    const obs = await e.step({ type: 'order', tests: ['potassium'] });
    expect(obs.items[0]).toMatchObject({ kind: 'result', testId: 'bmp', name: 'Potassium (Basic metabolic panel)', result: { value: 5.7, flag: 'high' } });
    expect(resultOf(e)).toMatchObject({ decision: 'component', resolvedFrom: ['bmp'] });
  });

  it('fills a CMP from the BMP the case holds and keeps the rest of the template', async () => {
    const e = start(dka);
    await e.step({ type: 'order', tests: ['CMP'] });
    const r = resultOf(e);
    expect(r).toMatchObject({
      decision: 'adjusted',
      synthetic: true,
      result: { components: { Bicarbonate: { value: 7, flag: 'critical-low' }, Glucose: { value: 492 }, ALT: { value: 22 } } },
    });
  });

  it('withholds normal imaging of a region with a finding, and a normal test a named condition contradicts', async () => {
    const e = start(importedStyle());
    const ct = await e.step({ type: 'order', tests: ['CT chest'] });
    expect(ct.items[0]).toMatchObject({ result: { text: WITHHELD_TEXT }, price: 0 });
    const achr = await e.step({ type: 'order', tests: ['acetylcholine receptor antibodies'] });
    expect(achr.items[0]).toMatchObject({ result: { text: WITHHELD_TEXT } });
  });

  it('withholds the normal study whose text a case finding contradicts: axillary nodes, a pericardial effusion, an organ removed or transplanted', async () => {
    const shipped = (id: string) => loadCases('data/cases').cases.find((c) => c.kase.id === id)!.kase;
    const cases: Array<[string, string]> = [
      ['id-acute-hiv-001', 'CT chest'], // "No ... axillary lymphadenopathy" beside axillary nodes on examination
      ['peds-kawasaki-001', 'CT chest'], // "No pleural or pericardial effusion" beside the echo's pericardial effusion
      ['heme-pernicious-anemia-001', 'RUQ ultrasound'], // "Gallbladder normal" after a cholecystectomy
      ['derm-cscc-70', 'renal ultrasound'], // normal kidneys beside a transplant for polycystic kidneys
      ['derm-cellulitis-001', 'CT abdomen pelvis'], // "no lymphadenopathy" beside an enlarged inguinal node
    ];
    for (const [id, order] of cases) {
      const e = start(shipped(id));
      const obs = await e.step({ type: 'order', tests: [order] });
      expect([id, obs.items[0]]).toMatchObject([id, { kind: 'result', result: { text: WITHHELD_TEXT }, price: 0 }]);
      expect(resultOf(e)).toMatchObject({ decision: 'withheld', reason: expect.stringMatching(/region this test reports on/) });
    }
  });

  it('still returns a normal template when nothing in the case concerns it', async () => {
    const e = start(dka);
    const obs = await e.step({ type: 'order', tests: ['TSH'] });
    expect(obs.items[0]).toMatchObject({ result: { value: catalog.get('tsh')!.normal.value } });
    expect(resultOf(e)).toMatchObject({ decision: 'synthetic', synthetic: true });
  });
});

describe('the examiner finds by body region', () => {
  it('answers an abdominal and a skin exam from sections filed under general', async () => {
    const e = start(importedStyle());
    const obs = await e.step({ type: 'examine', targets: ['abdomen', 'skin'] });
    expect(obs.items[0]).toMatchObject({ kind: 'exam', target: 'abdomen', text: 'Mild flank tenderness on the left.' });
    const skin = obs.items[1];
    expect(skin).toMatchObject({ kind: 'exam', target: 'skin' });
    expect(skin.kind === 'exam' && skin.text).toMatch(/yellow discolouration/i);
    expect(skin.kind === 'exam' && skin.text).not.toMatch(/no .*jaundice/i);
  });

  it('maps free-text requests to targets and a whole-exam request to every finding', async () => {
    const e = start(dka);
    const obs = await e.step({ type: 'examine', targets: ['examine her belly', 'listen to the chest', 'REQUEST TEST: Physical_Examination'] });
    expect(obs.items.map((i) => i.kind === 'exam' && i.target)).toEqual(['abdomen', 'respiratory', 'all']);
    const all = obs.items[2];
    for (const part of ['General:', 'Vitals:', 'Abdomen:', 'Neuro:']) expect(all.kind === 'exam' && all.text).toContain(part);
  });

  it('examines each region a request names', async () => {
    const e = start(dka);
    const obs = await e.step({ type: 'examine', targets: ['heart and lungs'] });
    expect(obs.items.map((i) => i.kind === 'exam' && i.target)).toEqual(['cardiovascular', 'respiratory']);
  });
});

describe('AgentClinic exam requests through the agentclinic protocol', () => {
  it('answers "REQUEST TEST: Physical_Examination" with every finding, free', async () => {
    const e = startEncounter({ kase: dka, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.agentclinic, catalog, seed: 's' });
    const obs = await e.step({ type: 'order', tests: ['Physical_Examination'] });
    expect(obs.items).toHaveLength(1);
    expect(obs.items[0]).toMatchObject({ kind: 'exam', target: 'all' });
    expect(obs.items[0].kind === 'exam' && obs.items[0].text).toContain('Abdomen: Soft, diffuse mild tenderness');
    expect(e.cost).toBe(0);
    const two = await e.step({ type: 'order', tests: ['Abdominal_Examination'] });
    expect(two.items[0]).toMatchObject({ kind: 'exam', target: 'abdomen' });
  });
});

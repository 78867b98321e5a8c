import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog.js';
import { loadVocabulary } from '../vocabulary.js';
import { importDiagnosisArenaFile } from './diagnosisarena.js';

const r = importDiagnosisArenaFile({ file: 'test/fixtures/diagnosisarena/sample.json', catalog: loadCatalog(), vocabulary: loadVocabulary() });
const byId = (id: string) => r.cases.find((c) => c.kase.id === id)!.kase;

describe('DiagnosisArena import', () => {
  it('makes an interactive case of each complete record and says why the others were skipped', () => {
    expect(r.cases.map((c) => c.kase.id)).toEqual(['diagnosisarena-101', 'diagnosisarena-104']);
    expect(r.lines).toBe(4);
    expect(r.skipped.map((s) => [s.line, s.message])).toEqual([
      [2, 'skipped: "Final Diagnosis" is missing or not text'],
      [3, 'skipped: is not a JSON object with DiagnosisArena fields'],
    ]);
  });

  it('keeps the brief short, the history as facts by topic, the exam by region and the tests as catalog results', () => {
    const k = byId('diagnosisarena-101');
    expect(k.patient).toMatchObject({ age: 34, sex: 'female', speaker: 'self' });
    expect(k.presentation).toBe(
      'A 34-year-old woman presented with three weeks of fatigue, palpitations and a weight loss of 5 kg despite a good appetite. What is the most likely diagnosis?',
    );
    // The brief holds no test result, exam finding or diagnosis.
    expect(k.presentation).not.toMatch(/TSH|tremor|Graves/);
    const topics = k.facts.map((f) => f.topic);
    expect(topics).toContain('family history');
    expect(k.facts.find((f) => f.topic === 'family history')!.answer).toMatch(/mother has hypothyroidism/);
    const exam = Object.fromEntries(k.facts.filter((f) => f.category === 'exam').map((f) => [f.topic, f.answer]));
    expect(exam.neck ?? '').toMatch(/thyroid was diffusely enlarged/);
    expect(Object.keys(k.results)).toContain('tsh');
    expect(k.results.tsh).toMatchObject({ value: '< 0.01', unit: 'mIU/L', flag: 'low' });
    expect(k.results['free-t4']).toMatchObject({ value: 4.1, flag: 'high' });
    // "TSH receptor antibodies" is its own test, not the TSH.
    expect(k.results['thyroid-antibodies']).toMatchObject({ flag: 'positive' });
    expect(JSON.stringify(k.facts.filter((f) => f.category === 'exam'))).not.toMatch(/TSH|T4/);
    expect(k.diagnosis).toMatchObject({ name: 'Graves disease', icd10: 'E05.00', icd10_source: 'inferred' });
    expect(k.differential).toEqual(['Toxic multinodular goitre', 'Subacute thyroiditis', 'Pheochromocytoma']);
    expect(k.source).toMatchObject({ kind: 'imported', author: 'DiagnosisArena', dataset: 'sample.json' });
  });

  it('accepts the right option when it is worded differently from the final diagnosis, and lets a parent speak for a child', () => {
    const k = byId('diagnosisarena-104');
    expect(k.diagnosis.accept).toEqual(expect.arrayContaining(['Croup', 'laryngotracheobronchitis']));
    expect(k.patient).toMatchObject({ age: 6, sex: 'male', speaker: 'parent' });
  });
});

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCatalog } from '../catalog.js';
import { loadVocabulary } from '../vocabulary.js';
import { Case } from '../schema.js';
import { crossCheck } from '../validate.js';
import { importAgentClinicFile, mapAgentClinicLine } from './agentclinic.js';
import { parseDemographics } from './demographics.js';
import { examTargetFor } from './exam-sections.js';
import { mapTests } from './map-tests.js';
import { findLocalTest } from './local-tests.js';

const catalog = loadCatalog();
const vocabulary = loadVocabulary();
const ctx = { catalog, vocabulary, dataset: 'sample.jsonl', line: 7 };
const lines = (file: string) =>
  readFileSync(`test/fixtures/agentclinic/${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim().startsWith('{"'));
const medqa = JSON.parse(lines('medqa-sample.jsonl')[0]);
const wilson = JSON.parse(lines('medqa-sample.jsonl')[1]);
const nejm = JSON.parse(lines('nejm-sample.jsonl')[0]);

describe('demographics', () => {
  it('reads age, unit and sex from the usual phrasings', () => {
    expect(parseDemographics('45-year-old male').value).toEqual({ age: 45, ageUnit: 'years', sex: 'male' });
    expect(parseDemographics('A 3-week-old girl').value).toEqual({ age: 3, ageUnit: 'weeks', sex: 'female' });
    expect(parseDemographics('Female, 62 years').value).toEqual({ age: 62, ageUnit: 'years', sex: 'female' });
    expect(parseDemographics('28 yo pregnant woman').value?.sex).toBe('female');
    expect(parseDemographics('Male, 45').value).toEqual({ age: 45, ageUnit: 'years', sex: 'male' });
    expect(parseDemographics('A 70-year-old man whose wife is present').value?.sex).toBe('male');
  });
  it('says what is missing instead of guessing', () => {
    expect(parseDemographics('Adult patient')).toEqual({ missing: ['age', 'sex'] });
    expect(parseDemographics('An 80-year-old').missing).toEqual(['sex']);
  });
});

describe('exam sections', () => {
  it('maps AgentClinic section names to exam targets and leaves the rest undefined', () => {
    expect(examTargetFor('Vital_Signs')).toBe('vitals');
    expect(examTargetFor('Cardiovascular_Examination')).toBe('cardiovascular');
    expect(examTargetFor('Abdominal_Examination')).toBe('abdomen');
    expect(examTargetFor('Neurological_Examination')).toBe('neuro');
    expect(examTargetFor('Skin_Examination')).toBe('skin');
    expect(examTargetFor('HEENT')).toBe('heent');
    expect(examTargetFor('Respiratory_Examination')).toBe('respiratory');
    expect(examTargetFor('Ice_Pack_Test')).toBeUndefined();
  });
});

describe('test results', () => {
  it('flattens inconsistent groups, merges panel components and keeps unknown tests case-local', () => {
    const r = mapTests({
      catalog,
      tests: {
        Blood_Work: { WBC: '14.2 x10^9/L', Platelets: '90 x10^9/L' },
        Laboratory_Tests: { Hemoglobin: '9.1 g/dL', Serum_Ceruloplasmin: 'Low' },
        Blood_Tests: { Basic_Metabolic_Panel: { Sodium: '128 mmol/L', Glucose: '5.5 mmol/L' } },
        Imaging: { Chest_X_Ray: 'Right lower lobe consolidation.' },
      },
    });
    expect(r.results.cbc.components).toEqual({
      WBC: { value: 14.2, unit: 'x10^9/L' },
      Platelets: { value: 90, unit: 'x10^9/L' },
      Hemoglobin: { value: 9.1, unit: 'g/dL' },
    });
    expect(r.results.bmp.components).toMatchObject({ Sodium: { value: 128, unit: 'mmol/L' }, Glucose: { value: 5.5 } });
    expect(r.results['chest-xray']).toEqual({ text: 'Right lower lobe consolidation.' });
    expect(r.results['local:serum-ceruloplasmin']).toEqual({ text: 'Low', flag: 'low' });
    expect(r.localTests).toEqual(['Test_Results.Laboratory_Tests.Serum_Ceruloplasmin']);
  });
  it('routes a loose component by the group it sits in (urine, CSF)', () => {
    const r = mapTests({ catalog, tests: { Urine_Tests: { Protein: '3+' }, CSF_Analysis: { Protein: '95 mg/dL' } } });
    expect(r.results.urinalysis.components?.Protein).toEqual({ value: '3+' });
    expect(r.results['lumbar-puncture'].components?.Protein).toEqual({ value: 95, unit: 'mg/dL' });
  });
});

describe('MedQA mapping', () => {
  const m = mapAgentClinicLine(medqa, ctx);
  const kase = Case.parse(m.case);
  it('makes a valid case with id, source and an ICD-10-CM code inferred from the index', () => {
    expect(m.problems).toEqual([]);
    expect(kase.id).toBe('agentclinic-medqa-7');
    expect(kase.source).toEqual({ kind: 'imported', author: 'AgentClinic', dataset: 'sample.jsonl', license: 'see source dataset' });
    expect(kase.patient).toMatchObject({ age: 34, sex: 'female', speaker: 'self' });
    // The name leads through the Alphabetic Index to one billable code, so the placeholder R69 is replaced.
    expect(kase.diagnosis).toEqual({
      name: 'Myasthenia gravis (MG)',
      icd10: 'G70.00',
      icd10_source: 'inferred',
      icd10_term: 'Myasthenia > gravis',
      accept: ['Myasthenia gravis', 'MG'],
      partial: [],
    });
    expect(kase.extra?.icd10_unknown).toBeUndefined();
    expect(kase.presentation).toContain('drooping eyelids');
  });
  it('makes one fact per Patient_Actor field and per symptom, with canonical topics where one fits', () => {
    const byId = Object.fromEntries(kase.facts.map((f) => [f.id, f]));
    expect(byId['primary-symptom']).toMatchObject({ category: 'symptom', topic: 'vision change', answer: 'Double vision.' });
    expect(['secondary-symptom-1', 'secondary-symptom-2', 'secondary-symptom-3'].every((id) => byId[id]?.category === 'symptom')).toBe(true);
    expect(byId['social-history']).toMatchObject({ category: 'social', aliases: ['alcohol'] });
    expect(byId['past-medical-history']).toMatchObject({ category: 'pmh', topic: 'past medical history' });
    expect(byId.history.answer).toMatch(/^For about six weeks my eyelids/);
  });
  it('maps exam sections to targets and lists the unmappable one', () => {
    const exam = kase.facts.filter((f) => f.category === 'exam');
    expect(exam.map((f) => f.topic)).toEqual(['vitals', 'neuro', 'general']);
    expect(exam[2].answer).toMatch(/^Ice pack test: Ptosis improves/);
    expect(m.unmapped).toEqual(['OSCE_Examination.Physical_Examination_Findings.Ice_Pack_Test']);
  });
  it('resolves tests to catalog ids and keeps the rest as local tests that pass cross-checking', () => {
    expect(Object.keys(kase.results).sort()).toEqual(['acetylcholine-receptor-antibodies', 'cbc', 'ct-chest', 'local:repetitive-nerve-stimulation', 'tsh']);
    expect(kase.results['acetylcholine-receptor-antibodies']).toEqual({ text: 'Positive, 12.4 nmol/L', flag: 'positive' });
    expect(crossCheck([{ kase, file: 'x.jsonl', line: 1 }], catalog)).toEqual([]);
  });
  it('gives a child patient a parent speaker and an extended file its own ids', () => {
    const ext = JSON.parse(lines('medqa-extended-sample.jsonl')[0]);
    const c = Case.parse(mapAgentClinicLine(ext, { ...ctx, dataset: 'agentclinic_medqa_extended.jsonl', line: 1 }).case);
    expect(c.id).toBe('agentclinic-medqa-ext-1');
    expect(c.patient).toMatchObject({ age: 5, age_unit: 'weeks', sex: 'male', speaker: 'parent' });
    expect(c.results.bmp.components).toMatchObject({ Potassium: { value: 3.1, unit: 'mmol/L' } });
  });
  it('skips a line without a diagnosis or readable demographics, saying why', () => {
    const noDx = structuredClone(medqa);
    delete noDx.OSCE_Examination.Correct_Diagnosis;
    const skipped = mapAgentClinicLine(noDx, ctx);
    expect(skipped.case).toBeUndefined();
    expect(skipped.problems).toEqual(['OSCE_Examination.Correct_Diagnosis is missing or not text']);
    const noSex = structuredClone(medqa);
    noSex.OSCE_Examination.Patient_Actor.Demographics = '34 years old';
    expect(mapAgentClinicLine(noSex, ctx).problems).toEqual(['Patient_Actor.Demographics "34 years old" gives no sex']);
    expect(mapAgentClinicLine({ hello: 1 }, ctx).problems[0]).toMatch(/neither an AgentClinic MedQA line/);
  });
  it('keeps case-local tests findable by their name however the doctor pads it', () => {
    const w = Case.parse(mapAgentClinicLine(wilson, ctx).case);
    expect(findLocalTest(w, 'serum ceruloplasmin')).toBe('local:serum-ceruloplasmin');
    expect(findLocalTest(w, 'Ceruloplasmin level')).toBe('local:serum-ceruloplasmin');
    expect(findLocalTest(w, '24-hour urine copper')).toBe('local:24-hour-urine-copper');
    expect(findLocalTest(w, 'copper')).toBeUndefined();
  });
});

describe('NEJM mapping', () => {
  const m = mapAgentClinicLine(nejm, ctx);
  const kase = Case.parse(m.case);
  it('takes the correct answer as the diagnosis, the others as the differential, and keeps image_url', () => {
    expect(kase.id).toBe('agentclinic-nejm-7');
    expect(kase.diagnosis.name).toBe('Erythema migrans');
    expect(kase.differential).toEqual(['Tinea corporis', 'Granuloma annulare', 'Cellulitis', 'Fixed drug eruption']);
    expect(kase.extra).toMatchObject({
      image_url: 'https://example.org/images/nejm-1.jpg',
      icd10_unknown: true,
      question: 'What is the most likely diagnosis?',
    });
    expect(kase.patient).toMatchObject({ age: 52, sex: 'male' });
  });
  it('splits patient_info into facts by topic and physical_exams into exam text by target', () => {
    const topics = kase.facts.filter((f) => f.category !== 'exam').map((f) => f.topic);
    expect(topics).toEqual(['chief complaint', 'animal exposure', 'fatigue', 'medications']);
    const exam = Object.fromEntries(kase.facts.filter((f) => f.category === 'exam').map((f) => [f.topic, f.answer]));
    expect(exam.skin).toMatch(/annular rash/);
    expect(exam.vitals).toMatch(/37.9 C/);
  });
  it('skips a line whose answers do not mark exactly one correct option', () => {
    expect(mapAgentClinicLine(JSON.parse(lines('nejm-sample.jsonl')[1]), ctx).problems).toEqual(['answers must mark exactly one option correct (found 2)']);
  });
});

describe('importing a file', () => {
  it('counts loaded and skipped lines, unmapped fields and local tests', () => {
    const r = importAgentClinicFile({ file: 'test/fixtures/agentclinic/medqa-sample.jsonl', catalog, vocabulary, license: 'MIT' });
    expect(r.cases.map((c) => [c.kase.id, c.line])).toEqual([
      ['agentclinic-medqa-1', 1],
      ['agentclinic-medqa-2', 2],
    ]);
    expect(r.cases[0].kase.source.license).toBe('MIT');
    expect(r.skipped.map((p) => p.line)).toEqual([3, 5]);
    expect([...r.unmapped]).toEqual([['OSCE_Examination.Physical_Examination_Findings.Ice_Pack_Test', 1]]);
    expect(r.localTests).toBe(3);
  });
});

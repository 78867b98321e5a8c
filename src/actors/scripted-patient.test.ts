import { describe, it, expect } from 'vitest';
import { loadCases } from '../case/load.js';
import { loadVocabulary } from '../case/vocabulary.js';
import { ScriptedPatient } from './scripted-patient.js';
import { ScriptedExaminer } from './scripted-examiner.js';

const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const patient = new ScriptedPatient(loadVocabulary());
const ask = (text: string, topic?: string) => patient.answer({ kase, question: { text, topic } });

describe('scripted patient', () => {
  it('answers a structured topic query exactly', () => {
    expect(ask('x', 'pain radiation')).toMatchObject({ factIds: ['radiation'], matched: 'topic' });
    expect(ask('x', 'tearing pain')).toMatchObject({ factIds: ['back-pain-neg'], matched: 'alias' });
  });
  it('matches free text by topic, alias and synonym', () => {
    expect(ask('Have you had any chest tightness?').factIds).toEqual(['chest-pain']);
    expect(ask('Do you smoke cigarettes?').factIds).toEqual(['smoking']);
    expect(ask('Are you on any tablets?')).toMatchObject({ factIds: ['meds'], matched: 'synonym' });
    expect(ask('Any diaphoresis?')).toMatchObject({ factIds: ['sweating'] });
  });
  it('matches inflected words through a light stem', () => {
    expect(ask('Does the pain radiate anywhere?').factIds).toEqual(['radiation']);
    expect(ask('Have you been sweating?').factIds).toEqual(['sweating']);
  });
  it('answers several topics in one question', () => {
    expect(ask('Any nausea, and does anything run in the family?').factIds).toEqual(['nausea', 'family']);
  });
  it('gives a plain pertinent negative only for a topic it understood', () => {
    expect(ask('Have you had a cough?')).toMatchObject({ text: "No, I haven't had any cough.", factIds: [], matched: 'none' });
    expect(ask('Do you have any allergies to penicillin?').factIds).toEqual(['allergies']);
  });
  it('says it did not understand instead of denying what it did not understand', () => {
    // Was "No, I haven't noticed anything like that.": a denial of a question it never understood.
    expect(ask('How is the weather?')).toMatchObject({ text: 'Sorry, what do you mean?', factIds: [], matched: 'unclear' });
  });
  it('speaks for a child in the caregiver voice', () => {
    const child = { ...kase, patient: { ...kase.patient, speaker: 'mother' as const, sex: 'female' as const } };
    expect(patient.answer({ kase: child, question: { text: 'Any cough?' } }).text).toBe("No, she hasn't had any cough.");
  });
});

describe('scripted examiner', () => {
  const examiner = new ScriptedExaminer();
  it('returns exam facts by target and normal findings otherwise', () => {
    expect(examiner.examine({ kase, target: 'heart' })).toMatchObject({ target: 'cardiovascular', normal: false, factIds: ['exam-cardiovascular'] });
    expect(examiner.examine({ kase, target: 'abdomen' })).toMatchObject({ normal: true, text: expect.stringContaining('non-tender') });
  });
});

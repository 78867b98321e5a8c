import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadCatalog } from '../catalog.js';
import { loadVocabulary } from '../vocabulary.js';
import type { Case } from '../schema.js';
import { importAgentClinicFile } from './agentclinic.js';
import { examTargetFor, splitLabelled } from './exam-sections.js';
import { parseDemographics } from './demographics.js';
import { cleanRolePlay, firstPerson, listItems } from './role-play.js';
import { componentOf, flagOf } from './values.js';

const catalog = loadCatalog();
const vocabulary = loadVocabulary();
const load = (name: string) => importAgentClinicFile({ file: `test/fixtures/agentclinic/${name}`, catalog, vocabulary });
const files = ['issue13-medqa.jsonl', 'issue13-medqa-extended.jsonl', 'issue13-nejm.jsonl', 'issue13-nejm-extended.jsonl'];
const imports = Object.fromEntries(files.map((f) => [f, load(f)]));
const byLine = (file: string, line: number): Case => imports[file].cases.find((c) => c.line === line)!.kase;
// What examining each target returns: every exam fact filed under it.
const exam = (k: Case) => {
  const out: Record<string, string> = {};
  for (const f of k.facts.filter((x) => x.category === 'exam')) out[f.topic] = out[f.topic] ? `${out[f.topic]} ${f.answer}` : f.answer;
  return out;
};
const all = files.flatMap((f) => imports[f].cases.map((c) => c.kase));

describe('flags and values', () => {
  it('reads the flag a result text states, wherever it states it', () => {
    expect(flagOf('5600 U/L (elevated)')).toBe('high');
    expect(flagOf('81,000 /mm3 (elevated)')).toBe('high');
    expect(flagOf('81,000 /mm3 (decreased)')).toBe('low');
    expect(flagOf('3.1 mmol/L (low)')).toBe('low');
    expect(flagOf('Slightly Decreased')).toBe('low');
    expect(flagOf('9% (increased)')).toBe('high');
    expect(flagOf('Positive, 12.4 nmol/L')).toBe('positive');
    expect(flagOf('Non-reactive')).toBe('negative');
    expect(flagOf('Reactive')).toBe('positive');
    expect(flagOf('Negative for malignancy')).toBe('negative');
    expect(flagOf('Leukocyturia present')).toBe('positive');
    expect(flagOf('12.5 g/dL')).toBeUndefined();
    expect(flagOf('Mild periportal inflammation with scattered plasma cells')).toBeUndefined();
  });
  it('keeps the number, unit and reference range and flags against the range when no word does', () => {
    expect(componentOf('81,000 /mm3 (elevated)')).toEqual({ value: 81000, unit: '/mm3', flag: 'high' });
    expect(componentOf('2660 per cubic millimeter (reference range, 40-200)')).toEqual({
      value: 2660,
      unit: '/mm3',
      flag: 'high',
      range: '40-200',
    });
    expect(componentOf('Gram-positive cocci in clusters')).toEqual({ value: 'Gram-positive cocci in clusters' });
  });
});

describe('demographics', () => {
  it('imports ages in days, weeks and months and newborns with the right unit', () => {
    expect(parseDemographics('6 weeks, female').value).toEqual({ age: 6, ageUnit: 'weeks', sex: 'female' });
    expect(parseDemographics('Newborn, female').value).toEqual({ age: 0, ageUnit: 'days', sex: 'female' });
    expect(parseDemographics('Neonate, male').value).toEqual({ age: 0, ageUnit: 'days', sex: 'male' });
    expect(parseDemographics('10 days old boy').value).toEqual({ age: 10, ageUnit: 'days', sex: 'male' });
    expect(parseDemographics('Infant girl', 'The 4-month-old has a cough.').value).toEqual({ age: 4, ageUnit: 'months', sex: 'female' });
  });
  it('takes sex from the history pronouns when the demographics lack it, but never a duration for an age', () => {
    expect(parseDemographics('45 years old', 'He reports chest pain. His wife drove him in.').value?.sex).toBe('male');
    expect(parseDemographics('45 years old', 'She has had pain for 3 days. Her husband is worried.').value).toEqual({
      age: 45,
      ageUnit: 'years',
      sex: 'female',
    });
    expect(parseDemographics('Adult', 'He has had a cough for 3 days.').missing).toEqual(['age']);
    expect(parseDemographics('40 years old', 'The patient reports pain.').missing).toEqual(['sex']);
  });
});

describe('exam section table', () => {
  it('maps every AgentClinic section name to a target', () => {
    const table: Record<string, string> = {
      Leg: 'extremities',
      Knee: 'msk',
      ENT: 'heent',
      Obstetric_Examination: 'pelvic',
      Musculoskeletal: 'msk',
      Genitourinary: 'genitourinary',
      Rectal: 'rectal',
      Lymph: 'lymph',
      Lymph_Nodes: 'lymph',
      Breast: 'breast',
      Back: 'msk',
      Mental_Status: 'mental-status',
      Pelvic_Examination: 'pelvic',
      Extremities: 'extremities',
      Lower_Extremity_Examination: 'extremities',
      Eyes: 'eyes',
      Fundoscopy: 'eyes',
      Throat: 'throat',
      Chest: 'respiratory',
      Lungs: 'respiratory',
      Heart: 'cardiovascular',
      Cardiac_Examination: 'cardiovascular',
      Abdominal_Examination: 'abdomen',
      Skin_Examination: 'skin',
      Neurological_Examination: 'neuro',
      Cranial_Nerves: 'neuro',
      Vital_Signs: 'vitals',
      General_Appearance: 'general',
      Neck_Examination: 'neck',
      Ophthalmic_Examination: 'eyes',
      Slit_Lamp_Findings: 'eyes',
      Audiological_Examination: 'ears',
      Otoscopy: 'ears',
      Renal_Angles: 'abdomen',
      Hip: 'msk',
      Shoulder: 'msk',
      Spine: 'msk',
      Joints: 'msk',
      Hands: 'extremities',
      Feet: 'extremities',
      HEENT: 'heent',
      Oral_Cavity: 'heent',
      Psychiatric_Examination: 'mental-status',
      Scrotal_Examination: 'genitourinary',
      Digital_Rectal_Examination: 'rectal',
      Gait_Analysis: 'neuro',
      Respiratory_Examination: 'respiratory',
      Thyroid: 'neck',
      Axillae: 'lymph',
      Dermatological_Examination: 'skin',
    };
    for (const [section, target] of Object.entries(table)) expect([section, examTargetFor(section)]).toEqual([section, target]);
    expect(examTargetFor('Palpation')).toBeUndefined();
  });
  it('splits a text by its own region labels', () => {
    expect(splitLabelled('Uncomfortable. Abdomen: mild flank tenderness. Skin: no rash.')).toEqual([
      { target: undefined, text: 'Uncomfortable.' },
      { target: 'abdomen', label: 'Abdomen', text: 'mild flank tenderness.' },
      { target: 'skin', label: 'Skin', text: 'no rash.' },
    ]);
  });
});

describe('role-play text', () => {
  it('keeps numbered and bulleted entries whole and rewrites them in the first person', () => {
    expect(listItems('1. **Fever**: You have had fever. It is worse at night. 2. **Cough**: Dry.')).toEqual([
      'Fever: You have had fever. It is worse at night.',
      'Cough: Dry.',
    ]);
    expect(firstPerson("You've had fevers and your cough keeps you awake.")).toBe("I've had fevers and my cough keeps me awake.");
  });
  it('drops the role-play lead, actor notes and remarks about unseen results, with reasons', () => {
    const c = cleanRolePlay(
      'For your role as a patient, you are a 50-year-old man with a cough. You have some confusion regarding your blood test results. Remember, you do not know your diagnosis.',
    );
    expect(c.items.map((i) => i.text)).toEqual(['I am a 50-year-old man with a cough.']);
    expect(c.dropped.map((d) => d.reason)).toEqual([
      'role-play instruction',
      'role-play instruction or a note on what the patient has not been told',
      'role-play instruction or a note on what the patient has not been told',
    ]);
  });
});

describe('issue 13 sample files (MedQA, MedQA-extended, NEJM, NEJM-extended shapes)', () => {
  it('gives every result its own test name, never a generic one, in every AgentClinic sample file', () => {
    const everyFile = readdirSync('test/fixtures/agentclinic').filter((f) => f.endsWith('.jsonl'));
    expect(everyFile.length).toBeGreaterThanOrEqual(9);
    for (const k of everyFile.flatMap((f) => load(f).cases.map((c) => c.kase)))
      for (const id of Object.keys(k.results)) expect(id).not.toMatch(/^local:(findings?|results?|level|value|values|comments|impression|others?)$/);
  });
  it('finds a CT chest mass and an acetylcholine-receptor antibody under their tests (myasthenia)', () => {
    const k = byLine('issue13-medqa.jsonl', 1);
    expect(k.results['ct-chest'].text).toMatch(/anterior mediastinum/);
    expect(k.results['acetylcholine-receptor-antibodies']).toMatchObject({ flag: 'positive' });
    expect(k.results['acetylcholine-receptor-antibodies'].text).toMatch(/9\.8 nmol\/L/);
    expect(k.patient.sex).toBe('female');
    expect(exam(k)).toMatchObject({
      eyes: expect.stringMatching(/ptosis/),
      abdomen: 'Soft and non-tender.',
      'mental-status': expect.stringMatching(/oriented/),
    });
  });
  it('keeps a bone-marrow finding and a genetics result apart, and leaves management out', () => {
    const k = byLine('issue13-medqa.jsonl', 2);
    expect(k.results['bone-marrow-biopsy'].text).toMatch(/granulocytic hyperplasia/);
    expect(k.results['bone-marrow-biopsy'].text).not.toMatch(/BCR-ABL1/);
    expect(k.results['local:genetic-testing'].text).toMatch(/BCR-ABL1/);
    expect(k.results.cbc.components).toMatchObject({
      WBC: { value: 98000, flag: 'high' },
      Platelets: { value: 520000, flag: 'high' },
      Hemoglobin: { flag: 'low' },
    });
  });
  it('never lets a joint-fluid count overwrite the blood count', () => {
    const k = byLine('issue13-medqa.jsonl', 3);
    expect(k.results.cbc.components?.WBC).toMatchObject({ value: 15800, flag: 'high' });
    expect(k.results.arthrocentesis.components?.WBC).toMatchObject({ value: 92000, flag: 'high' });
    expect(exam(k)).toMatchObject({
      msk: expect.stringMatching(/effusion of the right knee/),
      extremities: expect.stringMatching(/calf/),
      skin: expect.stringMatching(/Erythema/),
    });
  });
  it('flags "(elevated)" values and files labels inside a general block by region (leptospirosis, CLL)', () => {
    const lep = byLine('issue13-medqa.jsonl', 6);
    expect(lep.results.ck).toEqual({ value: 5600, unit: 'U/L', flag: 'high' });
    expect(lep.results.cbc.components?.Platelets).toMatchObject({ value: 62000, flag: 'low' });
    expect(lep.results['local:leptospira-igm-elisa']).toMatchObject({ flag: 'positive' });
    expect(exam(lep)).toMatchObject({
      general: 'Ill-appearing and visibly jaundiced.',
      abdomen: expect.stringMatching(/^mild flank tenderness/),
      eyes: expect.stringMatching(/conjunctival suffusion/),
      extremities: expect.stringMatching(/calves/),
    });
    const cll = byLine('issue13-medqa.jsonl', 7);
    expect(cll.results.cbc.components?.WBC).toEqual({ value: 81000, unit: '/mm3', flag: 'high' });
    expect(cll.results['flow-cytometry'].text).toMatch(/CD5 and CD23/);
    expect(exam(cll)).toMatchObject({ lymph: expect.stringMatching(/axillary/), abdomen: expect.stringMatching(/Spleen tip/) });
  });
  it('imports a newborn and an infant with the right age unit and sex from the history', () => {
    expect(byLine('issue13-medqa.jsonl', 4).patient).toMatchObject({ age: 0, age_unit: 'days', sex: 'male', speaker: 'parent' });
    expect(byLine('issue13-medqa-extended.jsonl', 1).patient).toMatchObject({ age: 4, age_unit: 'months', sex: 'female' });
    expect(byLine('issue13-medqa-extended.jsonl', 3).patient).toMatchObject({ age: 16, sex: 'male' });
    expect(byLine('issue13-nejm.jsonl', 3).patient).toMatchObject({ age: 7, age_unit: 'weeks', sex: 'male' });
    expect(byLine('issue13-nejm-extended.jsonl', 1).patient).toMatchObject({ age: 0, age_unit: 'days', sex: 'female' });
  });
  it('files every exam section and labelled sub-part under its region (HELLP)', () => {
    const k = byLine('issue13-medqa-extended.jsonl', 2);
    const e = exam(k);
    expect(e.abdomen).toMatch(/right upper quadrant/);
    expect(e.pelvic).toMatch(/Fundal height/);
    expect(e.eyes).toMatch(/papilledema/);
    expect(e.extremities).toMatch(/edema/);
    expect(e['mental-status']).toMatch(/anxious/);
    expect(e.general).toBe('Uncomfortable.');
    expect(k.results.cbc.components?.Platelets).toEqual({ value: 81000, unit: '/mm3', flag: 'low' });
    expect(exam(byLine('issue13-medqa-extended.jsonl', 3))).toMatchObject({
      genitourinary: expect.stringMatching(/cremasteric/),
      rectal: 'Not performed.',
      breast: expect.any(String),
    });
  });
  it('keeps management, follow-up and treatment text out of every case', () => {
    const text = JSON.stringify(all);
    for (const phrase of ['imatinib', 'Imatinib', 'tyrosine kinase', 'Repeat aspiration', 'Magnesium sulfate', 'surgical exploration'])
      expect(text).not.toContain(phrase);
    const dropped = [...imports['issue13-medqa.jsonl'].dropped.entries()];
    expect(dropped).toEqual([['management or follow-up text', 3]]);
  });
  it('gives the NEJM doctor the vignette opening and question, and the patient a clean first-person story', () => {
    const k = byLine('issue13-nejm.jsonl', 1);
    expect(k.presentation).toBe(
      'A 64-year-old man presented with three months of low back and rib pain, fatigue and thirst. What is the most likely diagnosis?',
    );
    const story = k.facts.filter((f) => f.category !== 'exam');
    for (const f of story) expect(f.answer).not.toMatch(/role|actor|Remember|\*\*|confusion|test results|diagnosis/i);
    expect(story.map((f) => f.topic)).not.toContain('confusion');
    // The numbered entry is whole: both of its parts are in one fact.
    expect(story.find((f) => f.topic === 'thirst')?.answer).toBe('I have been very thirsty and am passing a lot of urine.');
    expect(story.find((f) => f.topic === 'chief complaint')?.answer).toBe(
      "I've had an aching pain in my lower back and ribs for three months, worse when I turn in bed.",
    );
  });
  it('turns laboratory values in the NEJM exam text into results of their tests', () => {
    const k = byLine('issue13-nejm.jsonl', 1);
    expect(k.results.spep.text).toMatch(/Monoclonal IgG spike/);
    expect(k.results.cbc.components?.Platelets).toMatchObject({ value: 96000, flag: 'low' });
    expect(k.results['liver-panel'].components).toMatchObject({ AST: { value: 41, unit: 'U/L' }, ALT: { value: 38, unit: 'U/L' } });
    expect(k.results.bmp.components?.Calcium).toMatchObject({ value: 12.6, flag: 'high' });
    for (const f of k.facts.filter((x) => x.category === 'exam')) expect(f.answer).not.toMatch(/U\/L|electrophoresis|platelet/i);
    const hep = byLine('issue13-nejm-extended.jsonl', 2);
    expect(hep.results['hepatitis-panel'].components).toMatchObject({ 'HAV IgM': { value: 'Reactive', flag: 'positive' }, HBsAg: { flag: 'negative' } });
    expect(exam(hep)).toMatchObject({ eyes: expect.stringMatching(/scleral icterus/), abdomen: expect.stringMatching(/hepatomegaly/) });
  });
  it('takes tests and exam from the vignette when the readings field holds none, and keeps the image as media', () => {
    const k = byLine('issue13-nejm.jsonl', 2);
    expect(k.results['skin-biopsy'].text).toMatch(/band-like lymphocytic infiltrate/);
    expect(exam(k)).toMatchObject({ skin: expect.stringMatching(/violaceous papules/), heent: expect.stringMatching(/buccal mucosa/) });
    expect(k.media).toEqual([
      { id: 'image-1', url: 'https://example.org/rounds-samples/nejm-lichen.jpg', caption: 'The image published with the case.', revealed: 'on-request' },
    ]);
    expect(JSON.stringify(k.facts)).not.toMatch(/\(left\)|\(right\)/);
  });
  it('reports lines imported and skipped with reasons and the fields mapped', () => {
    const r = imports['issue13-nejm.jsonl'];
    expect([r.lines, r.cases.length]).toEqual([4, 3]);
    expect(r.skipped.map((s) => [s.line, s.message])).toEqual([[4, 'skipped: answers must mark exactly one option correct (found 0)']]);
    expect(r.fields.get('media')).toBe(3);
    expect(r.dropped.get('says it holds no test results')).toBe(1);
    expect(imports['issue13-medqa.jsonl'].inferred.get('sex from the pronouns of the history')).toBe(2);
  });
});

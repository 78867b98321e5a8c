import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { loadCatalog } from '../src/case/catalog.js';
import { demographicGate } from '../src/kb/demographics.js';

// The shipped knowledge base, checked against the chapters of ICD-10-CM that
// fix who can have a disease: pregnancy (O) only in women of childbearing age,
// perinatal conditions (P) only in infants, genital-organ codes only in the
// matching sex. The gate the doctors use must exclude them for anyone else.
const kb = loadKnowledgeBase(undefined, { catalog: loadCatalog() });
const ids = (pred: (icd10: string) => boolean) => kb.diseases.filter((d) => pred(d.icd10)).map((d) => d.id);
const excludedFor = (age: number, ageUnit: string, sex: string) => {
  const gate = demographicGate(kb, { age, ageUnit, sex });
  return new Set([...gate.excluded].map((j) => kb.diseases[j].id));
};

const pregnancy = ids((c) => c.startsWith('O'));
const perinatal = ids((c) => c.startsWith('P'));
// N40-N53: diseases of male genital organs; N70-N98: inflammatory and noninflammatory female pelvic disorders.
const maleGenital = ids((c) => /^N(4\d|5[0-3])/.test(c));
const femaleGenital = ids((c) => /^N(7\d|8\d|9[0-8])/.test(c));

describe('the shipped knowledge base respects sex and age', () => {
  it('has diseases in each of those chapters to check', () => {
    expect(pregnancy.length).toBeGreaterThan(20);
    expect(perinatal.length).toBeGreaterThan(5);
    expect(femaleGenital.length).toBeGreaterThan(10);
  });

  it('never offers a pregnancy or female pelvic disease to a man', () => {
    const out = excludedFor(30, 'years', 'male');
    expect(pregnancy.filter((id) => !out.has(id))).toEqual([]);
    expect(femaleGenital.filter((id) => !out.has(id))).toEqual([]);
  });

  it('never offers a male genital disease to a woman', () => {
    const out = excludedFor(30, 'years', 'female');
    expect(maleGenital.filter((id) => !out.has(id))).toEqual([]);
  });

  it('never offers a pregnancy disease to a girl of 6 or a woman of 70', () => {
    for (const age of [6, 70]) {
      const out = excludedFor(age, 'years', 'female');
      expect(pregnancy.filter((id) => !out.has(id))).toEqual([]);
    }
  });

  it('offers perinatal diseases to a 5-day-old and never to a 3-year-old', () => {
    const newborn = excludedFor(5, 'days', 'female');
    expect(perinatal.filter((id) => newborn.has(id))).toEqual([]);
    const toddler = excludedFor(3, 'years', 'female');
    expect(perinatal.filter((id) => !toddler.has(id))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from './knowledge-base.js';
import { ageInYears, demographicGate, EXCLUDED_LOG } from './demographics.js';
import { tinyVocabulary } from './tiny-kb.fixture.js';
import { Disease } from './schema.js';

const kb = buildKnowledgeBase(
  {
    findings: [{ id: 'pain', label: 'pain', how: { ask: 'abdominal pain' }, background: 0.1 }],
    diseases: [
      Disease.parse({
        id: 'ectopic',
        name: 'Ectopic pregnancy',
        icd10: 'O00.109',
        specialty: 'obgyn',
        prior: 1,
        findings: { pain: 0.9 },
        sex: 'female',
        age: { min: 10, max: 55, outside: 0 },
      }),
      Disease.parse({
        id: 'gca',
        name: 'Giant cell arteritis',
        icd10: 'M31.6',
        specialty: 'rheum',
        prior: 1,
        findings: { pain: 0.2 },
        age: { min: 50, outside: 0.01 },
      }),
      Disease.parse({ id: 'torsion', name: 'Testicular torsion', icd10: 'N44.00', specialty: 'uro', prior: 1, findings: { pain: 0.8 }, sex: 'male' }),
      Disease.parse({ id: 'appendicitis', name: 'Appendicitis', icd10: 'K35.80', specialty: 'gi', prior: 1, findings: { pain: 0.9 } }),
    ],
  },
  tinyVocabulary(),
);
const idx = (id: string) => kb.diseaseIndex.get(id)!;

describe('demographicGate', () => {
  it('excludes diseases of the other sex and outside a hard age band', () => {
    const man = demographicGate(kb, { age: 30, ageUnit: 'years', sex: 'male' });
    expect([...man.excluded].sort()).toEqual([idx('ectopic')]);
    expect(man.logWeight[idx('ectopic')]).toBe(EXCLUDED_LOG);
    const girl = demographicGate(kb, { age: 6, ageUnit: 'years', sex: 'female' });
    expect(girl.excluded.has(idx('ectopic'))).toBe(true); // below the band, outside: 0
    expect(girl.excluded.has(idx('torsion'))).toBe(true);
  });

  it('down-weights, but keeps, a disease outside a soft age band', () => {
    const young = demographicGate(kb, { age: 35, ageUnit: 'years', sex: 'female' });
    expect(young.excluded.has(idx('gca'))).toBe(false);
    expect(young.logWeight[idx('gca')]).toBeCloseTo(Math.log(0.01));
    const old = demographicGate(kb, { age: 72, ageUnit: 'years', sex: 'female' });
    expect(old.logWeight[idx('gca')]).toBe(0);
    expect(old.excluded.has(idx('ectopic'))).toBe(true);
  });

  it('never excludes on sex when the case records neither female nor male', () => {
    const g = demographicGate(kb, { age: 30, ageUnit: 'years', sex: 'other' });
    expect(g.excluded.has(idx('torsion'))).toBe(false);
    expect(g.excluded.has(idx('ectopic'))).toBe(false);
  });

  it('reads ages given in days, weeks and months', () => {
    expect(ageInYears({ age: 6, ageUnit: 'weeks' })).toBeCloseTo((6 * 7) / 365.25);
    expect(ageInYears({ age: 18, ageUnit: 'months' })).toBeCloseTo(1.5);
    expect(ageInYears({ age: 10, ageUnit: 'days' })).toBeCloseTo(10 / 365.25);
  });
});

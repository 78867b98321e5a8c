import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from './knowledge-base.js';
import { changedFindings, forPatient, findingApplies } from './patient-kb.js';
import { belief, findingGain, flatRowsForTest, posterior } from './posterior.js';
import { buildLogRows, logRowsOf } from './log-rows.js';
import { loadKnowledgeBase } from './load.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { Finding, KbFile } from './schema.js';
import { tinyVocabulary } from './tiny-kb.fixture.js';

// "cough" stands in for a sex-specific symptom and "travel" for one whose background depends on age.
const kb = buildKnowledgeBase(
  {
    findings: [
      Finding.parse({ id: 'only-women', label: 'only-women', how: { ask: 'cough' }, background: 0.05, sex: 'female' }),
      Finding.parse({ id: 'adults-only', label: 'adults-only', how: { examine: 'abdomen', match: ['rebound'] }, background: 0.05, age: { min: 18 } }),
      Finding.parse({
        id: 'fever',
        label: 'fever',
        how: { ask: 'fever' },
        background: 0.1,
        background_by_age: [
          { max: 2, rate: 0.4 },
          { min: 80, rate: 0.2 },
        ],
      }),
      Finding.parse({ id: 'plain', label: 'plain', how: { order: 'crp', flag: ['high'] }, background: 0.1 }),
    ],
    diseases: [
      { id: 'a', name: 'A', icd10: 'R69', specialty: 't', prior: 1, findings: { 'only-women': 0.9, 'adults-only': 0.9, fever: 0.8, plain: 0.7 } },
      { id: 'b', name: 'B', icd10: 'R69', specialty: 't', prior: 1, findings: { plain: 0.2 } },
    ],
  },
  tinyVocabulary(),
);
const f = (id: string) => kb.findingIndex.get(id)!;
const a = kb.diseaseIndex.get('a')!;
const man = { age: 40, ageUnit: 'years', sex: 'male' };
const woman = { age: 40, ageUnit: 'years', sex: 'female' };

describe('findings by sex and age (forPatient)', () => {
  it('drops a finding of the other sex: no question reaches it and observing it moves nothing', () => {
    const view = forPatient(kb, man);
    expect(view.byTopic.has('cough')).toBe(false);
    expect(posterior(view, [{ finding: f('only-women'), present: true }])[a]).toBeCloseTo(0.5, 12);
    expect(findingGain(view, belief(view, []), f('only-women'))).toBe(0);
    // The same finding counts for a woman.
    const hers = forPatient(kb, woman);
    expect(hers.byTopic.get('cough')).toEqual([f('only-women')]);
    expect(posterior(hers, [{ finding: f('only-women'), present: true }])[a]).toBeGreaterThan(0.9);
  });

  it('drops a finding outside its ages, and keeps other findings on the same target reachable', () => {
    const child = forPatient(kb, { age: 6, ageUnit: 'years', sex: 'female' });
    expect(child.byTarget.has('abdomen')).toBe(false);
    expect(forPatient(kb, woman).byTarget.get('abdomen')).toEqual([f('adults-only')]);
    expect(findingApplies(kb.findings[f('adults-only')], 'female', 18)).toBe(true);
    expect(findingApplies(kb.findings[f('adults-only')], 'female', 17.9)).toBe(false);
  });

  it('uses the background of the age band, so a common finding in toddlers says less', () => {
    const toddler = forPatient(kb, { age: 18, ageUnit: 'months', sex: 'female' });
    const elder = forPatient(kb, { age: 85, ageUnit: 'years', sex: 'female' });
    const adult = forPatient(kb, woman);
    expect(toddler.findings[f('fever')].background).toBe(0.4);
    expect(elder.findings[f('fever')].background).toBe(0.2);
    expect(adult.findings[f('fever')].background).toBe(0.1);
    const pa = (v: typeof kb) => posterior(v, [{ finding: f('fever'), present: true }])[a];
    // Likelihood ratio 0.8/0.4 = 2 for the toddler, 0.8/0.1 = 8 for the adult.
    expect(pa(toddler)).toBeCloseTo(2 / 3, 12);
    expect(pa(adult)).toBeCloseTo(8 / 9, 12);
    expect(pa(elder)).toBeCloseTo(0.8, 12);
  });

  it('returns the shared knowledge base when nothing is sex- or age-aware, and one cached view per profile', () => {
    const plain = buildKnowledgeBase(
      {
        findings: [{ id: 'x', label: 'x', how: { ask: 'fever' }, background: 0.1 }],
        diseases: [{ id: 'd', name: 'D', icd10: 'R69', specialty: 't', prior: 1, findings: { x: 0.5 } }],
      },
      tinyVocabulary(),
    );
    expect(forPatient(plain, man)).toBe(plain);
    expect(forPatient(kb, man)).toBe(forPatient(kb, { age: 50, ageUnit: 'years', sex: 'male' }));
    expect(forPatient(kb, man)).not.toBe(forPatient(kb, woman));
    // A view of a view is the view of the shared base.
    expect(forPatient(forPatient(kb, man), woman)).toBe(forPatient(kb, woman));
    // A patient of unrecorded sex keeps sex-specific findings.
    expect(forPatient(kb, { age: 40, ageUnit: 'years', sex: 'unknown' }).byTopic.has('cough')).toBe(true);
  });

  it('validates the new fields', () => {
    expect(KbFile.safeParse({ findings: [{ id: 'x', label: 'x', how: { ask: 'fever' }, background: 0.1, background_by_age: [{ rate: 0.2 }] }] }).success).toBe(
      false,
    );
    expect(KbFile.safeParse({ findings: [{ id: 'x', label: 'x', how: { ask: 'fever' }, background: 0.1, age: {} }] }).success).toBe(false);
    expect(KbFile.safeParse({ findings: [{ id: 'x', label: 'x', how: { ask: 'fever' }, background: 0.1, sex: 'other' }] }).success).toBe(false);
    expect(
      KbFile.safeParse({
        findings: [{ id: 'x', label: 'x', how: { ask: 'fever' }, background: 0.1, sex: 'male', age: { min: 12 }, background_by_age: [{ max: 2, rate: 0.3 }] }],
      }).success,
    ).toBe(true);
  });

  it("derives a view's flat tables from the shared ones, equal to those built finding by finding", () => {
    const profiles = [
      man,
      woman,
      { age: 6, ageUnit: 'years', sex: 'female' },
      { age: 18, ageUnit: 'months', sex: 'male' },
      { age: 85, ageUnit: 'years', sex: 'female' },
    ];
    for (const p of profiles) {
      const view = forPatient(kb, p);
      expectSameTables(view);
      // Only the findings the view changed have rows of their own.
      const changed = new Set(changedFindings(view));
      for (let i = 0; i < kb.findings.length; i++) if (!changed.has(i)) expect(view.deltaLogPresent[i]).toBe(kb.deltaLogPresent[i]);
    }
    expect(changedFindings(kb)).toBeUndefined();
  });

  it('does the same for the shipped knowledge base, over both sexes and a lifetime of ages', () => {
    const shipped = loadKnowledgeBase();
    const views = new Set<KnowledgeBase>();
    for (const sex of ['female', 'male', 'unknown']) for (let age = 0; age <= 100; age += 5) views.add(forPatient(shipped, { age, ageUnit: 'years', sex }));
    views.add(forPatient(shipped, { age: 4, ageUnit: 'months', sex: 'male' }));
    expect(views.size).toBeGreaterThan(5);
    for (const view of views) expectSameTables(view);
  });
});

function expectSameTables(view: KnowledgeBase): void {
  const rows = logRowsOf(view);
  const built = buildLogRows(view);
  for (const k of ['start', 'listers', 'present', 'absent'] as const) expect(sameBits(rows[k], built[k]), k).toBe(true);
  const flat = flatRowsForTest(view, true);
  const plain = flatRowsForTest(view, false);
  for (const k of ['start', 'listers', 'ph', 'background'] as const) expect(sameBits(flat[k], plain[k]), k).toBe(true);
}

/** Whether two typed arrays hold the same bytes (bit for bit); a deep toEqual is far slower on these sizes. */
function sameBits(a: Int32Array | Float64Array, b: Int32Array | Float64Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

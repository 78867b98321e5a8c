import { describe, expect, it } from 'vitest';
import { belief, entropy, findingGain, findingGains, informationGain, JOINT_LIMIT, posterior, topDiseases } from './posterior.js';
import { buildKnowledgeBase } from './knowledge-base.js';
import { tinyVocabulary, twoDiseaseKb } from './tiny-kb.fixture.js';

const kb = twoDiseaseKb();
const [FEVER, REBOUND, COIN] = ['fever', 'rebound', 'coin'].map((id) => kb.findingIndex.get(id)!);
const [A, B] = ['a', 'b'].map((id) => kb.diseaseIndex.get(id)!);

describe('posterior', () => {
  it('starts at the normalised priors (3 : 1 -> 0.75 / 0.25)', () => {
    const p = posterior(kb, []);
    expect(p[A]).toBeCloseTo(0.75, 12);
    expect(p[B]).toBeCloseTo(0.25, 12);
  });

  it('updates on a present finding', () => {
    // A: 0.75 * 0.9 = 0.675; B: 0.25 * 0.2 = 0.05; sum 0.725 -> 0.931034 / 0.068966.
    const p = posterior(kb, [{ finding: FEVER, present: true }]);
    expect(p[A]).toBeCloseTo(0.675 / 0.725, 12);
    expect(p[B]).toBeCloseTo(0.05 / 0.725, 12);
  });

  it('updates on an absent finding, using the background for a disease that does not list it', () => {
    // fever present, rebound absent: A 0.675 * (1 - 0.8) = 0.135; B 0.05 * (1 - 0.1 background) = 0.045 -> 0.75 / 0.25.
    const p = posterior(kb, [
      { finding: FEVER, present: true },
      { finding: REBOUND, present: false },
    ]);
    expect(p[A]).toBeCloseTo(0.75, 12);
    expect(p[B]).toBeCloseTo(0.25, 12);
  });

  it('stays finite when evidence is overwhelming (log space)', () => {
    const obs = Array.from({ length: 2000 }, () => ({ finding: FEVER, present: false }));
    const p = posterior(kb, obs);
    expect(p[B]).toBeCloseTo(1, 12);
    expect(Number.isFinite(p[A])).toBe(true);
  });

  it('reports entropy in bits: H(0.75, 0.25) = 0.811278', () => {
    expect(belief(kb, []).entropy).toBeCloseTo(0.811278, 6);
    expect(entropy([0.5, 0.5])).toBeCloseTo(1, 12);
  });
});

describe('information gain', () => {
  const prior = belief(kb, []);

  it('matches the hand computation for one finding', () => {
    // P(fever) = 0.725; H(D|fever) = H(0.931034, 0.068966) = 0.362020;
    // H(D|no fever) = H(0.272727, 0.727273) = 0.845351;
    // IG = 0.811278 - 0.725 * 0.362020 - 0.275 * 0.845351 = 0.316319 bits.
    expect(findingGain(kb, prior, FEVER)).toBeCloseTo(0.316319, 5);
    // rebound: P = 0.75 * 0.8 + 0.25 * 0.1 = 0.625 -> IG = 0.295739 bits.
    expect(findingGain(kb, prior, REBOUND)).toBeCloseTo(0.295739, 5);
  });

  it('computes every unobserved finding at once, bit for bit as findingGain, and 0 for observed ones', () => {
    const after = belief(kb, [{ finding: FEVER, present: true }]);
    const evidence = new Int8Array(kb.findings.length);
    evidence[FEVER] = 1;
    const out = new Float64Array(kb.findings.length).fill(-1);
    findingGains(kb, after, evidence, out);
    expect(out[FEVER]).toBe(0);
    expect(out[REBOUND]).toBe(findingGain(kb, after, REBOUND));
    expect(out[REBOUND]).toBeGreaterThan(0.1);
    expect(out[COIN]).toBe(findingGain(kb, after, COIN));
  });

  it('is zero for a finding equally likely under every disease', () => {
    expect(findingGain(kb, prior, COIN)).toBeCloseTo(0, 12);
  });

  it('computes the joint outcome exactly for a few findings', () => {
    // Enumerating the four (fever, rebound) outcomes by hand gives 0.483032 bits,
    // less than 0.316319 + 0.295739 because the two findings overlap.
    expect(informationGain(kb, prior, [FEVER, REBOUND])).toBeCloseTo(0.483032, 5);
    expect(informationGain(kb, prior, [FEVER])).toBeCloseTo(findingGain(kb, prior, FEVER), 12);
    expect(informationGain(kb, prior, [])).toBe(0);
  });

  it('never exceeds the entropy, even past the exact limit', () => {
    const findings = Array.from({ length: JOINT_LIMIT + 3 }, (_, i) => ({ id: `f${i}`, label: 'f', how: { ask: 'fever' }, background: 0.5 }));
    const big = buildKnowledgeBase(
      {
        findings,
        diseases: [
          { id: 'a', name: 'A', icd10: 'R69', specialty: 't', synonyms: [], prior: 1, findings: Object.fromEntries(findings.map((f) => [f.id, 0.99])) },
          { id: 'b', name: 'B', icd10: 'R69', specialty: 't', synonyms: [], prior: 1, findings: Object.fromEntries(findings.map((f) => [f.id, 0.01])) },
        ],
      },
      tinyVocabulary(),
    );
    const b = belief(big, []);
    const all = findings.map((_, i) => i);
    expect(informationGain(big, b, all)).toBeLessThanOrEqual(b.entropy + 1e-12);
    expect(informationGain(big, b, all.slice(0, JOINT_LIMIT))).toBeLessThanOrEqual(b.entropy + 1e-12);
    expect(informationGain(big, b, all.slice(0, JOINT_LIMIT))).toBeGreaterThan(0.99);
  });
});

describe('topDiseases', () => {
  it('ranks by probability and breaks ties by index (id order)', () => {
    expect(topDiseases([0.1, 0.3, 0.3, 0.2, 0.1], 3)).toEqual([1, 2, 3]);
    expect(topDiseases([0.25, 0.25, 0.25, 0.25], 2)).toEqual([0, 1]);
    expect(topDiseases([0.5, 0.5], 5)).toEqual([0, 1]);
  });
});

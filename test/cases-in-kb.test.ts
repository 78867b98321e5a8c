import { describe, it, expect } from 'vitest';
import { loadCases } from '../src/case/load.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KbDisease } from '../src/kb/knowledge-base.js';
import type { Case } from '../src/case/schema.js';
import { matchDiagnosis } from '../src/scoring/diagnosis-match.js';

// A built-in doctor can only name diseases its knowledge base holds: a shipped case whose
// diagnosis is not there is one no built-in doctor can ever get right.
const kb = loadKnowledgeBase();
const cases = loadCases('data/cases').cases.map((c) => c.kase);

const words = (texts: readonly string[]) =>
  new Set(
    texts
      .join(' ')
      .toLowerCase()
      .match(/[a-z0-9]{3,}/g) ?? [],
  );

/** The KB disease that names the case's diagnosis: same ICD-10-CM code, or its name or a synonym judged correct. */
function kbDiseaseFor(kase: Case, diseases: readonly KbDisease[]): KbDisease | undefined {
  const code = kase.diagnosis.icd10?.toUpperCase();
  const byCode = diseases.find((d) => code && d.icd10.toUpperCase() === code);
  if (byCode) return byCode;
  const names = (d: KbDisease) => [d.name, ...d.synonyms];
  const named = (d: KbDisease) => names(d).some((name) => matchDiagnosis(kase, { name }).level === 'correct');
  // The matcher is the judge; diseases sharing a word with the case's names go first only because it is slow over all 356.
  const own = words([kase.diagnosis.name, ...kase.diagnosis.accept, ...kase.diagnosis.partial]);
  const shared = (d: KbDisease) => [...words(names(d))].filter((w) => own.has(w)).length;
  const ordered = diseases.map((d) => ({ d, n: shared(d) })).sort((a, b) => b.n - a.n);
  return ordered.find(({ d }) => named(d))?.d;
}

describe('shipped cases and the knowledge base', () => {
  it('every shipped case has a diagnosis some KB disease names', () => {
    expect(cases.length).toBeGreaterThan(100);
    const missing = cases.filter((k) => !kbDiseaseFor(k, kb.diseases)).map((k) => `${k.id} (${k.diagnosis.name})`);
    expect(missing, `cases whose diagnosis is not in data/kb: ${missing.join(', ')}`).toEqual([]);
  });

  it('the check fails for a case whose disease the KB lacks', () => {
    // The same check against a KB without the disease of a real case must report that case.
    const kase = cases.find((k) => k.id === 'cardio-pericarditis-001')!;
    const found = kbDiseaseFor(kase, kb.diseases)!;
    expect(found.name).toMatch(/pericarditis/i);
    // The cardiology diseases less every pericardial one: enough neighbours to be a real search, small enough to stay fast.
    const without = kb.diseases.filter((d) => d.specialty === 'cardiology' && ![d.name, ...d.synonyms].some((s) => /pericard/i.test(s)));
    expect(without.length).toBeGreaterThan(10);
    expect(kbDiseaseFor(kase, without)).toBeUndefined();
  });
});

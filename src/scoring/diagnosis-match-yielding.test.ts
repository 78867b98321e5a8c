import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { loadCases } from '../case/load.js';
import { dataDir } from '../util/paths.js';

// Shipped cases, each asked with its own name, a sibling's name and a name with added words: new words for the matcher.
function pairs() {
  const cases = loadCases(join(dataDir(), 'cases'))
    .cases.map((c) => c.kase)
    .slice(0, 60);
  return cases.flatMap((kase, i) => [
    { kase, entry: { name: kase.diagnosis.name } },
    { kase, entry: { name: cases[(i + 7) % cases.length].diagnosis.name } },
    { kase, entry: { name: `chronic ${kase.diagnosis.name.toLowerCase()} with complications` } },
  ]);
}

describe('matchDiagnosisYielding', () => {
  it('gives the verdict and reason matchDiagnosis gives, doing the term matcher’s first-time work in slices', async () => {
    const list = pairs();
    vi.resetModules();
    const plain = await import('./diagnosis-match.js');
    const expected = list.map((p) => plain.matchDiagnosis(p.kase, p.entry));
    // A fresh matcher (new module instances) for the yielding path.
    vi.resetModules();
    const fresh = await import('./diagnosis-match.js');
    const got: unknown[] = [];
    for (const p of list) got.push(await fresh.matchDiagnosisYielding(p.kase, p.entry));
    expect(got).toEqual(expected);
  });

  it('refuses a text with new words inside refusingColdTerms until warmTerms has prepared it', async () => {
    vi.resetModules();
    const terms = await import('../case/codes/term-match.js');
    terms.warmTermMatcher();
    const text = 'obstructive hypertrophic cardiomyopathy';
    expect(() => terms.refusingColdTerms(() => terms.matchTerms(text))).toThrow(terms.ColdTermsError);
    await terms.warmTerms(text);
    const warm = terms.refusingColdTerms(() => terms.matchTerms(text));
    expect(warm.length).toBeGreaterThan(0);
    expect(warm).toEqual(terms.matchTerms(text));
  });
});

import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// Without the term data disk cache the matcher derives words as texts need them: the first-time work this file is about.
function withCacheDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const was = process.env.ROUNDS_CACHE_DIR;
  process.env.ROUNDS_CACHE_DIR = dir;
  return fn().finally(() => {
    if (was === undefined) delete process.env.ROUNDS_CACHE_DIR;
    else process.env.ROUNDS_CACHE_DIR = was;
  });
}

describe('matchDiagnosisYielding', () => {
  it('gives the verdict and reason matchDiagnosis gives, doing the term matcher’s first-time work in slices', () =>
    withCacheDir('', async () => {
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
    }));

  it('refuses a text with new words inside refusingColdTerms until warmTerms has prepared it', () =>
    withCacheDir('', async () => {
      vi.resetModules();
      const terms = await import('../case/codes/term-match.js');
      terms.warmTermMatcher();
      const text = 'obstructive hypertrophic cardiomyopathy';
      expect(() => terms.refusingColdTerms(() => terms.matchTerms(text))).toThrow(terms.ColdTermsError);
      await terms.warmTerms(text);
      const warm = terms.refusingColdTerms(() => terms.matchTerms(text));
      expect(warm.length).toBeGreaterThan(0);
      expect(warm).toEqual(terms.matchTerms(text));
    }));

  // The test run's shared cache (test/support/build-cli.ts) when there is one: in `npm test` an earlier test file has
  // usually derived the words into it already (over a second of CPU saved), and whether this file derives them or
  // reads them, the matcher has stored words, which is what this test is about. (Checked: with coldWork ignoring the
  // stored words, it fails on the shared cache too.)
  it('has no first-time work to refuse when the derived words come from the disk cache', () =>
    withCacheDir(process.env.ROUNDS_CACHE_DIR || mkdtempSync(join(tmpdir(), 'rounds-yielding-')), async () => {
      vi.resetModules();
      const terms = await import('../case/codes/term-match.js');
      terms.warmTermMatcher();
      const text = 'obstructive hypertrophic cardiomyopathy';
      const got = terms.refusingColdTerms(() => terms.matchTerms(text));
      expect(got.length).toBeGreaterThan(0);
      vi.resetModules();
      const lazy = await withCacheDir('', async () => {
        const fresh = await import('../case/codes/term-match.js');
        return fresh.matchTerms(text);
      });
      expect(got).toEqual(lazy);
    }));
});

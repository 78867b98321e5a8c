import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCases } from '../case/load.js';
import { dataDir } from '../util/paths.js';
import { loadMatchGold } from './match-gold.js';

// Every name the matcher meets in the gold set and the shipped cases: truths, answers, accepted and partial names.
function sample() {
  const gold = loadMatchGold();
  const cases = loadCases(join(dataDir(), 'cases')).cases.map((c) => c.kase);
  const names = new Set<string>();
  for (const l of gold) names.add(l.truth).add(l.answer);
  for (const k of cases) for (const n of [k.diagnosis.name, ...k.diagnosis.accept, ...k.diagnosis.partial]) names.add(n);
  return { gold, cases, names: [...names] };
}

/** A fresh matcher (new module instances) with the given cache directory: '' derives each piece as a text needs it. */
async function run(cacheDir: string, s: ReturnType<typeof sample>) {
  const was = process.env.ROUNDS_CACHE_DIR;
  process.env.ROUNDS_CACHE_DIR = cacheDir;
  try {
    vi.resetModules();
    const { matchTerms } = await import('../case/codes/term-match.js');
    const { canonicalDiagnosis } = await import('../case/codes/diagnosis-text.js');
    const { runMatchGold } = await import('./match-gold.js');
    const { matchDiagnosis } = await import('./diagnosis-match.js');
    const terms = s.names.map((n) => [n, matchTerms(n), matchTerms(canonicalDiagnosis(n))]);
    const gold = runMatchGold(s.gold);
    // Each case's own names and a sibling case's name judged against it.
    const verdicts = s.cases.flatMap((kase, i) =>
      [kase.diagnosis.name, s.cases[(i + 11) % s.cases.length].diagnosis.name].map((name) => matchDiagnosis(kase, { name })),
    );
    return { terms, gold, verdicts };
  } finally {
    if (was === undefined) delete process.env.ROUNDS_CACHE_DIR;
    else process.env.ROUNDS_CACHE_DIR = was;
  }
}

describe('term matcher with and without the term data disk cache', () => {
  it('gives the same codes and verdicts deriving as it goes, deriving all and saving, and reading the cache', async () => {
    const s = sample();
    expect(s.names.length).toBeGreaterThan(1500);
    const dir = mkdtempSync(join(tmpdir(), 'rounds-term-agree-'));
    const lazy = await run('', s);
    const saved = await run(dir, s);
    const cached = await run(dir, s);
    expect(saved).toEqual(lazy);
    expect(cached).toEqual(lazy);
    expect(lazy.terms.filter(([, a]) => (a as unknown[]).length).length).toBeGreaterThan(500);
  }, 300_000);
});

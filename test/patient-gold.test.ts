import { describe, expect, it } from 'vitest';
import { loadCases } from '../src/case/load.js';
import type { Case } from '../src/case/schema.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { loadGold, runGold, staleGold, summarize } from '../src/actors/patient-gold.js';

// The patient is measured, not assumed: the gold set in data/patient-gold holds
// questions as clinicians and parents ask them and the facts that answer them.
const cases = new Map<string, Case>(loadCases('data/cases').cases.map(({ kase }) => [kase.id, kase]));
const gold = loadGold('data/patient-gold');

describe('patient gold set', () => {
  it('is large and names only cases and facts that exist', () => {
    expect(gold.length).toBeGreaterThanOrEqual(2000);
    expect(staleGold(cases, gold)).toEqual([]);
  });

  it('the deterministic patient answers at least 95% and contradicts the case at most 0.5%', async () => {
    const outcomes = await runGold(deterministicActors().patient, cases, gold);
    const s = summarize(outcomes);
    const rate = (k: number) => Math.round((1000 * k) / s.n) / 10;
    // Rates in percent, so a failure prints the figures the bench prints.
    expect({ errors: s.error, leaked: s.leaked }).toEqual({ errors: 0, leaked: 0 });
    expect(rate(s.answered)).toBeGreaterThanOrEqual(95);
    expect(rate(s.contradicted)).toBeLessThanOrEqual(0.5);
  }, 60_000);
});

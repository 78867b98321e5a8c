import { expect, it } from 'vitest';
import { loadCases } from './load.js';
import { caseSetHash } from './case-set-hash.js';

it('is the same for the same cases in any order and changes when any content changes', () => {
  const cases = loadCases('data/cases/cardiology').cases.map((c) => c.kase);
  expect(cases.length).toBeGreaterThan(1);
  const h = caseSetHash(cases);
  expect(h).toMatch(/^[0-9a-f]{64}$/);
  expect(caseSetHash([...cases].reverse())).toBe(h);
  // Key order inside a case is not content.
  const reordered = cases.map((c) => Object.fromEntries(Object.entries(c).reverse()) as typeof c);
  expect(caseSetHash(reordered)).toBe(h);
  const edited = cases.map((c, i) => (i === 0 ? { ...c, presentation: `${c.presentation} ` } : c));
  expect(caseSetHash(edited)).not.toBe(h);
  expect(caseSetHash(cases.slice(1))).not.toBe(h);
});

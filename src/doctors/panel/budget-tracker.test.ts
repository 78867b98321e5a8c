import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../case/catalog.js';
import { checkBudget } from './budget-tracker.js';
import { uniqueTests } from './unique-tests.js';

const catalog = loadCatalog();

describe('budget tracker', () => {
  it('keeps tests in the panel order while they fit and cancels each that would exceed the maximum', () => {
    const r = checkBudget({ tests: ['ECG', 'chest x-ray', 'troponin'], spent: 300, max: 330, catalog, prices: {} });
    expect(r.kept).toEqual(['ECG', 'troponin']);
    expect(r.cancelled).toEqual([{ test: 'chest x-ray', price: 32.67 }]);
    expect(r.projected).toBeCloseTo(300 + 13.91 + 12.47, 2);
  });

  it('uses protocol price overrides; unknown names cost nothing', () => {
    const r = checkBudget({ tests: ['ECG', 'serum unobtainium'], spent: 0, max: 10, catalog, prices: { 'ecg-12-lead': 50 } });
    expect(r.kept).toEqual(['serum unobtainium']);
    expect(r.cancelled).toEqual([{ test: 'ECG', price: 50 }]);
  });
});

describe('unique tests', () => {
  it('merges synonyms and repeats, and skips tests already resulted', () => {
    expect(uniqueTests({ requests: ['CBC', 'complete blood count', 'ECG', 'Mystery', 'mystery', 'troponin'], catalog, already: ['troponin-i-hs'] })).toEqual({
      tests: ['CBC', 'ECG', 'Mystery'],
      duplicates: ['complete blood count', 'mystery', 'troponin'],
    });
  });
});

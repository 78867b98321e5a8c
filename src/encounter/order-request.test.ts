import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../case/catalog.js';
import { loadCases } from '../case/load.js';
import { orderRequestSteps } from './order-request.js';

const catalog = loadCatalog();
const kase = loadCases('data/cases').cases.find(({ kase }) => kase.id === 'cardio-stemi-inferior-001')!.kase;

describe('orderRequestSteps', () => {
  it('reads a batch into catalog tests, examinations the order names and pieces nothing recognised, in order', () => {
    const steps = orderRequestSteps(kase, catalog, 'ECG and a troponin, plus some blood work');
    const tests = steps.flatMap((s) => ('test' in s ? [s.test.id] : []));
    expect(tests).toEqual(['ecg-12-lead', 'troponin-i-hs']);
    expect(steps.some((s) => 'unrecognised' in s)).toBe(true);
    expect(orderRequestSteps(kase, catalog, 'Physical_Examination')).toEqual([{ exam: 'all' }]);
  });

  it('answers the same request for the same case with the same steps, read once', () => {
    const first = orderRequestSteps(kase, catalog, 'troponin and potassium');
    expect(orderRequestSteps(kase, catalog, 'troponin and potassium')).toBe(first);
    const other = loadCases('data/cases').cases.find(({ kase: k }) => k.id !== kase.id)!.kase;
    expect(orderRequestSteps(other, catalog, 'troponin and potassium')).not.toBe(first);
  });
});

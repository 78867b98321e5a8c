import { describe, it, expect } from 'vitest';
import type { Case } from './schema.js';
import { icd10Problems } from './validate-codes.js';

const withCode = (icd10: string) => ({ diagnosis: { name: 'x', icd10, accept: [], partial: [] } }) as unknown as Case;

describe('ICD-10-CM code validity', () => {
  it('accepts a billable FY2025 code', () => {
    expect(icd10Problems(withCode('C92.50'), 'a.yaml')).toEqual([]);
  });
  it('rejects a heading and lists its billable codes', () => {
    const [p] = icd10Problems(withCode('C92.5'), 'a.yaml', 3);
    expect(p).toMatchObject({ file: 'a.yaml', line: 3, path: 'diagnosis.icd10' });
    expect(p.message).toMatch(/"C92.5" .* is a heading, not a billable FY2025 ICD-10-CM code; use one of C92.50, C92.51, C92.52/);
  });
  it('rejects a code that does not exist and points at its nearest heading', () => {
    const [p] = icd10Problems(withCode('I21.99'), 'a.yaml');
    expect(p.message).toMatch(
      /"I21.99" is not an FY2025 ICD-10-CM code; under I21.9 \(Acute myocardial infarction, unspecified\) the billable codes are I21.9/,
    );
  });
});

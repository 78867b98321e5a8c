import { describe, it, expect } from 'vitest';
import { describeCode, isBillable, canonicalCode } from './lookup.js';
import { inferIcd10 } from './infer.js';
import { searchCodes } from './search.js';

describe('ICD-10-CM FY2025 lookup', () => {
  it('reads billable codes with their official titles', () => {
    expect(describeCode('I21.19')).toMatchObject({
      billable: true,
      title: 'ST elevation (STEMI) myocardial infarction involving other coronary artery of inferior wall',
    });
    expect(describeCode('J18.9')?.title).toBe('Pneumonia, unspecified organism');
    expect(isBillable('K35.80')).toBe(true);
  });
  it('derives a title for a heading the code file does not list, and lists its billable codes', () => {
    const c92 = describeCode('C92');
    expect(c92).toMatchObject({ billable: false, derivedTitle: true, title: 'Myeloid leukemia' });
    expect(c92?.billableChildren).toContain('C92.50');
    expect(describeCode('I21')?.title).toBe('Acute myocardial infarction');
  });
  it('tidies codes as typed and knows what does not exist', () => {
    expect(canonicalCode(' i2119 ')).toBe('I21.19');
    expect(describeCode('Q99.99')).toBeUndefined();
    expect(isBillable('C92.5')).toBe(false);
  });
});

describe('inferIcd10', () => {
  it.each([
    ['Acute myeloid leukemia', 'C92.00'],
    ['Myasthenia gravis', 'G70.00'],
    ['Inferior STEMI', 'I21.19'],
    ['Celiac disease', 'K90.0'],
    ['Probable acute appendicitis', 'K35.80'],
  ])('codes "%s" as %s with the matched term', (name, code) => {
    const got = inferIcd10({ name });
    expect(got?.code).toBe(code);
    expect(got?.term.length).toBeGreaterThan(3);
  });
  it('keeps no code when the index does not lead to one', () => {
    expect(inferIcd10({ name: 'Unicorn horn syndrome' })).toBeUndefined();
  });
});

describe('searchCodes', () => {
  it('finds codes through titles and index paths, with abbreviations expanded', () => {
    const codes = searchCodes('AML', 50).map((h) => h.code);
    expect(codes.some((c) => c.startsWith('C92.0'))).toBe(true);
  });
});

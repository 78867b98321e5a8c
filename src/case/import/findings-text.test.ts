import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog.js';
import { parseFindingsText } from './findings-text.js';

const catalog = loadCatalog();
const parse = (text: string) => parseFindingsText({ text, catalog, sentences: true });

describe('test sentences of a case report', () => {
  it('reads an analyte whose name ends in a digit (T4, B12) as that analyte, not as a bedside finding', () => {
    const r = parse('Free T4 was 4.1 ng/dL (reference 0.8-1.8). Vitamin B12 was 95 pg/mL (reference 200-900).');
    expect(r.results['free-t4']).toMatchObject({ value: 4.1, unit: 'ng/dL', flag: 'high' });
    expect(r.exam).toEqual([]);
  });
  it('keeps a value beyond the assay limit with its comparator, flagged from the bound', () => {
    const r = parse('TSH was less than 0.01 mIU/L (reference 0.4-4.0).');
    expect(r.results.tsh).toMatchObject({ value: '< 0.01', unit: 'mIU/L', flag: 'low' });
  });
  it('files TSH receptor antibodies under the thyroid antibodies, never under the TSH', () => {
    const r = parse('TSH receptor antibodies were positive.');
    expect(Object.keys(r.results)).toEqual(['thyroid-antibodies']);
  });
});

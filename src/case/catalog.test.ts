import { describe, it, expect } from 'vitest';
import { loadCatalog } from './catalog.js';

const catalog = loadCatalog();

describe('catalog', () => {
  it('ships at least 150 priced tests with a source', () => {
    expect(catalog.tests.length).toBeGreaterThanOrEqual(150);
    for (const t of catalog.tests) {
      expect(t.price.usd).toBeGreaterThanOrEqual(0);
      expect(t.price.source).toMatch(/CMS/);
    }
  });
  it.each([
    ['cbc', ['cbc']],
    ['complete blood count', ['cbc']],
    ['FBC', ['cbc']],
    ['CBC and BMP, plus a chest x-ray', ['cbc', 'bmp', 'chest-xray']],
    ['troponin-i-hs', ['troponin-i-hs']],
    ['12-lead ECG & troponin', ['ecg-12-lead', 'troponin-i-hs']],
    ['kidney biopsy and PLA2R antibody', ['kidney-biopsy', 'pla2r-antibody']],
    ['ASO titre, serum tryptase, total testosterone', ['aso-titre', 'tryptase', 'testosterone-total']],
    ['macular OCT', ['oct-retina']],
    ['joint aspiration', ['arthrocentesis']],
    ['CT-guided bone biopsy', ['bone-biopsy']],
    ['bone marrow biopsy', ['bone-marrow-biopsy']],
    ['CTA abdomen', ['cta-abdomen-pelvis']],
    ['CT abdomen', ['ct-abdomen-pelvis']],
    ['punch biopsy, shave biopsy and an excisional biopsy', ['skin-biopsy', 'skin-biopsy-shave', 'skin-biopsy-excisional']],
    ['stool culture and a GI PCR panel', ['stool-culture', 'gi-pcr-panel']],
    // A plural ending in -ies or -es names the test, not a shorter test inside it ("TSH" in "TSH receptor antibodies").
    ['TSH receptor antibodies', ['thyroid-antibodies']],
    ['thyroid stimulating immunoglobulins', ['thyroid-antibodies']],
    ['blood cultures', ['blood-culture']],
  ])('resolves %s', (text, ids) => {
    const r = catalog.resolve(text);
    expect(r.tests.map((t) => t.id)).toEqual(ids);
    expect(r.unrecognised).toEqual([]);
  });
  it('reports what matches nothing without throwing', () => {
    const r = catalog.resolve('CBC and a unicorn scan');
    expect(r.tests.map((t) => t.id)).toEqual(['cbc']);
    expect(r.unrecognised).toEqual(['unicorn scan']);
    expect(catalog.resolve('some blood work').tests).toEqual([]);
  });
  it('applies protocol price overrides', () => {
    expect(catalog.price('cbc', { cbc: 1 })).toBe(1);
    expect(catalog.price('cbc')).toBe(catalog.get('cbc')!.price.usd);
  });
});

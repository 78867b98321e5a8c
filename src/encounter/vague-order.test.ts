import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../case/catalog.js';
import { isVagueOrder } from './vague-order.js';

const catalog = loadCatalog();

describe('vague orders', () => {
  it('recognises classes of test that name no study', () => {
    for (const v of [
      'some blood work',
      'bloods',
      'labs',
      'basic labs',
      'imaging',
      'a scan',
      'CT',
      'a CT scan',
      'MRI',
      'ultrasound',
      'x-ray',
      'an X ray',
      'xray',
      'tests',
      'some tests',
      'further investigations',
      'routine bloods',
      'a full workup',
    ]) {
      expect(isVagueOrder(v), v).toBe(true);
    }
  });

  it('leaves specific or merely unknown requests alone', () => {
    for (const s of ['chest x-ray', 'CT head', 'blood cultures', 'serum unobtainium', 'MRI of the lumbar spine', 'complete blood count', ''])
      expect(isVagueOrder(s), s).toBe(false);
  });

  it('a generic CT, scan, MRI, ultrasound or x-ray never resolves to an imaging study, so no read is released', () => {
    for (const v of ['CT', 'a CT', 'CT scan', 'scan', 'a scan', 'MRI', 'ultrasound', 'x-ray', 'xray', 'imaging', 'radiograph']) {
      const r = catalog.resolve(v);
      expect(r.tests, v).toEqual([]);
      expect(r.unrecognised.every(isVagueOrder), v).toBe(true);
    }
    // The exact study does resolve, to a study the catalog marks as specific.
    const ct = catalog.resolve('CT head').tests[0];
    expect(catalog.get(ct.id)?.specific).toBe(true);
  });
});

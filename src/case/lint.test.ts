import { describe, it, expect } from 'vitest';
import { unitKey } from './lint-units.js';
import { join } from 'node:path';
import { lintCases, lintResult, type LintableResult } from './lint.js';
import { parseRange, parseValue, position } from './lint-range.js';
import { loadCases } from './load.js';
import { loadCatalog } from './catalog.js';
import { dataDir } from '../util/paths.js';

function lint(key: string, r: LintableResult): string[] {
  const out: string[] = [];
  lintResult(key, r, (path, message) => out.push(`${path.join('.')}: ${message}`));
  return out;
}

describe('range reading', () => {
  it.each([
    ['3.5-5.0', { low: 3.5, high: 5 }],
    ['275 – 295 mOsm/kg', { low: 275, high: 295 }],
    ['4.0-11.0 x10^9/L', { low: 4, high: 11 }],
    ['-2 to +2', { low: -2, high: 2 }],
    ['< 20', { high: 20, highStrict: true }],
    ['>= 60 mL/min', { low: 60 }],
    ['> 60', { low: 60, lowStrict: true }],
  ])('reads %s', (text, range) => expect(parseRange(text)).toEqual(range));
  it.each(['< 92 (pregnancy); < 100', 'negative at < 1:80', 'systolic fall < 20, diastolic fall < 10 mmHg', 'negative'])('leaves %s alone', (text) => {
    expect(parseRange(text)).toBeUndefined();
  });
  it('places exact and bounded values', () => {
    expect(position(parseValue('300')!, parseRange('275-295')!)).toBe('above');
    expect(position(parseValue(20)!, parseRange('< 20')!)).toBe('above');
    expect(position(parseValue('< 0.2')!, parseRange('< 1.0')!)).toBe('within');
    expect(position(parseValue('< 5')!, parseRange('3-10')!)).toBeUndefined();
  });
});

describe('content lint', () => {
  it('flags a flag that disagrees with its own range, in values and components', () => {
    expect(lint('serum-osmolality', { value: 300, unit: 'mOsm/kg', flag: 'normal', range: '275-295' })).toEqual([
      'results.serum-osmolality.flag: flag "normal" disagrees with value 300 and range "275-295" (above the range: expected high)',
    ]);
    expect(lint('cmp', { components: { Potassium: { value: 3.1, unit: 'mmol/L', flag: 'high', range: '3.5-5.0' } } })[0]).toMatch(
      /Potassium\.flag: .*below the range: expected low/,
    );
    expect(lint('cmp', { components: { Potassium: { value: 3.1, unit: 'mmol/L', flag: 'low', range: '3.5-5.0' } } })).toEqual([]);
    expect(lint('anti-dsdna', { value: 3, unit: 'IU/mL', flag: 'negative', range: '< 10 IU/mL' })).toEqual([]);
    expect(lint('ethanol-level', { value: '< 10', unit: 'mg/dL', flag: 'negative', range: '80-100 (legal limit)' })).toEqual([]);
  });
  it('checks blood gases against Henderson–Hasselbalch (±0.03) and venous labels', () => {
    const dka = lint('venous-blood-gas', {
      components: { pH: { value: 7.08 }, PaCO2: { value: 20, unit: 'mmHg' }, HCO3: { value: 6.5, unit: 'mmol/L' } },
    });
    expect(dka).toHaveLength(2);
    expect(dka[0]).toMatch(/venous gas reports pCO2/);
    expect(dka[1]).toMatch(/pH 7.08 does not follow .* gives 7.12/);
    expect(lint('venous-blood-gas', { components: { pH: { value: 7.08 }, pCO2: { value: 22, unit: 'mmHg' }, HCO3: { value: 6.5, unit: 'mmol/L' } } })).toEqual(
      [],
    );
    // 5.3 kPa is 40 mmHg: a normal arterial gas.
    expect(lint('arterial-blood-gas', { components: { pH: { value: 7.4 }, PaCO2: { value: 5.3, unit: 'kPa' }, HCO3: { value: 24, unit: 'mmol/L' } } })).toEqual(
      [],
    );
  });
  it('knows the units of common analytes', () => {
    expect(lint('cmp', { components: { Sodium: { value: 140, unit: 'mg/dL' } } })[0]).toMatch(/"mg\/dL" is not a unit for sodium/);
    expect(lint('cmp', { components: { Creatinine: { value: 88, unit: 'µmol/L' }, Glucose: { value: 5.4, unit: 'mmol/L' } } })).toEqual([]);
    expect(lint('troponin-i-hs', { value: 1240 })[0]).toMatch(/needs a unit/);
    expect(lint('cbc', { components: { WBC: { value: 7, unit: '×10⁹/L' } } })).toEqual([]);
    expect(lint('unknown-test', { value: 3, unit: 'furlongs' })).toEqual([]);
  });
  it('adds up a WBC differential: percentages to 100, absolute counts to the WBC', () => {
    const pct = (n: number) => ({ value: n, unit: '%' });
    expect(lint('cbc', { components: { Neutrophils: pct(70), Lymphocytes: pct(20), Monocytes: pct(6), Eosinophils: pct(3), Basophils: pct(1) } })).toEqual([]);
    expect(lint('cbc', { components: { Neutrophils: pct(80), Lymphocytes: pct(30), Monocytes: pct(6) } })[0]).toMatch(/add up to 116%/);
    const abs = (n: number) => ({ value: n, unit: 'x10^9/L' });
    expect(
      lint('cbc', { components: { WBC: abs(8), Neutrophils: abs(5), Lymphocytes: abs(2), Monocytes: abs(0.6), Eosinophils: abs(0.3), Basophils: abs(0.1) } }),
    ).toEqual([]);
    expect(lint('cbc', { components: { WBC: abs(8), Neutrophils: abs(9), Lymphocytes: abs(2) } })[0]).toMatch(/add up to 11, not the WBC of 8/);
  });
  it('finds nothing to fix in the shipped cases or the catalog normal results', () => {
    const { cases } = loadCases(join(dataDir(), 'cases'));
    expect(cases.length).toBeGreaterThan(100);
    expect(lintCases(cases)).toEqual([]);
    const found: string[] = [];
    for (const t of loadCatalog().tests) lintResult(t.id, t.normal, (path, message) => found.push(`${t.id} ${path.join('.')}: ${message}`), ['normal']);
    expect(found).toEqual([]);
  });
});

describe('unit spelling', () => {
  it('reads units spelled out as imported datasets write them', () => {
    expect(unitKey('per cubic millimeter')).toBe(unitKey('/mm3'));
    expect(unitKey('cells per microliter')).toBe(unitKey('cells/uL'));
    expect(unitKey('mg per deciliter')).toBe(unitKey('mg/dL'));
    expect(unitKey('mmol per litre')).toBe(unitKey('mmol/L'));
  });
});

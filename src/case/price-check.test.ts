import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPrices, priceChanges } from './price-check.js';
import { loadFeeSchedules, type FeeSchedules } from './fees.js';

function catalogWith(price: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-prices-'));
  writeFileSync(
    join(dir, 'tests.yaml'),
    `tests:\n  - id: cbc\n    name: Complete blood count\n    category: lab\n    price: ${price}\n    normal: { value: normal }\n`,
  );
  return dir;
}

describe('prices:check', () => {
  it('passes on the shipped catalog: every test has a basis, codes on the 2025 files, and the schedule price', () => {
    const report = checkPrices();
    expect(report.problems).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(170);
    for (const t of report.tests) expect(t.price.basis).toBeDefined();
  });
  it('prices the tests issue 14 named from the right codes', () => {
    const byId = new Map(checkPrices().tests.map((t) => [t.id, t.price]));
    expect(byId.get('coronary-angiography')?.codes).toEqual(['93458']);
    expect(byId.get('coronary-angiography')!.usd).toBeGreaterThan(byId.get('ct-abdomen-pelvis')!.usd);
    expect(byId.get('stool-culture')?.codes).not.toContain('87507');
    expect(byId.get('ttg-iga')?.codes).toEqual(['86364']);
    expect(byId.get('acetylcholine-receptor-antibodies')?.codes).toEqual(['86041']);
  });
  it('fails on a missing basis, a deleted code, or a price that differs from the reference schedule', () => {
    expect(checkPrices({ catalogDir: catalogWith('{ codes: ["85025"] }') }).problems[0].message).toMatch(/basis/);
    expect(checkPrices({ catalogDir: catalogWith('{ basis: clfs, codes: ["83519"] }') }).problems).toEqual([]);
    expect(checkPrices({ catalogDir: catalogWith('{ basis: clfs, codes: ["8X519"] }') }).problems[0].message).toMatch(/not on the CMS 2025/);
    const fees = loadFeeSchedules();
    const reference: FeeSchedules = { clfs: new Map(fees.clfs).set('85025', 7.79), pfs: fees.pfs };
    const off = checkPrices({ catalogDir: catalogWith('{ basis: clfs, codes: ["85025"] }'), reference });
    expect(off.problems.map((p) => p.message)).toEqual(["price $7.77 differs from the schedule's $7.79"]);
  });
  it('lists changed, new and removed prices', () => {
    const tests = checkPrices({ catalogDir: catalogWith('{ basis: clfs, codes: ["85025"] }') }).tests;
    expect(priceChanges(new Map([['cbc', 7.77]]), tests)).toEqual([]);
    expect(
      priceChanges(
        new Map([
          ['cbc', 9],
          ['esr', 2],
        ]),
        tests,
      ).map((c) => [c.id, c.old, c.new]),
    ).toEqual([
      ['esr', 2, undefined],
      ['cbc', 9, 7.77],
    ]);
  });
});

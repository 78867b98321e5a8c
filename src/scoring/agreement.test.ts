import { describe, expect, it } from 'vitest';
import { agreementTable, cohenKappa, kappaWithCi } from './agreement.js';

describe("Cohen's kappa", () => {
  it('matches a hand computation', () => {
    // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15.
    // po = 35/50 = 0.7; pA(yes) = 0.5, pB(yes) = 0.6; pe = 0.3 + 0.2 = 0.5; kappa = 0.2 / 0.5 = 0.4.
    const pairs: Array<[number, number]> = [
      ...Array.from({ length: 20 }, () => [1, 1] as [number, number]),
      ...Array.from({ length: 5 }, () => [1, 0] as [number, number]),
      ...Array.from({ length: 10 }, () => [0, 1] as [number, number]),
      ...Array.from({ length: 15 }, () => [0, 0] as [number, number]),
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.4, 12);
    const ci = kappaWithCi(pairs, { seed: 's' })!;
    expect(ci.low).toBeLessThan(0.4);
    expect(ci.high).toBeGreaterThan(0.4);
  });
  it('is 1 for perfect agreement, about 0 or below for chance, null for nothing', () => {
    expect(
      cohenKappa([
        [1, 1],
        [0, 0],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toBe(-1);
    expect(cohenKappa([])).toBeNull();
  });
  it('pairs raters only on encounters both rated', () => {
    const rows = agreementTable(
      new Map([
        [
          'judge',
          new Map([
            ['e1', 1],
            ['e2', 0],
            ['e3', 1],
          ]),
        ],
        [
          'match',
          new Map([
            ['e1', 1],
            ['e2', 0],
            ['e3', 0],
          ]),
        ],
        [
          'human',
          new Map([
            ['e1', 1],
            ['e3', 1],
          ]),
        ],
      ]),
    );
    expect(rows.map((r) => [r.a, r.b, r.n, r.observed])).toEqual([
      ['judge', 'match', 3, 2 / 3],
      ['judge', 'human', 2, 1],
      ['match', 'human', 2, 0.5],
    ]);
  });
});

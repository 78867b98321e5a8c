import { describe, expect, it } from 'vitest';
import { paretoFrontier } from './pareto.js';

describe('paretoFrontier', () => {
  it('keeps points no other point beats on both cost and accuracy', () => {
    const pts = [
      { cost: 0, accuracy: 0.2 }, // cheapest: on the frontier
      { cost: 300, accuracy: 0.6 },
      { cost: 400, accuracy: 0.5 }, // dominated by the $300 point
      { cost: 900, accuracy: 0.9 },
      { cost: 900, accuracy: 0.8 }, // same cost, less accurate
      { cost: 300, accuracy: 0.6 }, // a tie is not dominated
    ];
    expect(paretoFrontier(pts)).toEqual([0, 1, 3, 5]);
    expect(paretoFrontier([])).toEqual([]);
  });
});

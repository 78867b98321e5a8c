import type { Catalog } from '../../case/catalog.js';

/** The outcome of checking planned tests against what is left of a budget. */
export interface BudgetCheck {
  kept: string[];
  cancelled: Array<{ test: string; price: number }>;
  /** Spend so far plus the kept tests. */
  projected: number;
}

/** Price of one requested test as the catalog resolves it (unknown names cost nothing: the hospital refuses them free). */
export function requestPrice({ catalog, request, prices }: { catalog: Catalog; request: string; prices: Record<string, number> }): number {
  return catalog.resolve(request).tests.reduce((sum, t) => sum + catalog.price(t.id, prices), 0);
}

/**
 * Keeps planned tests in the panel's order while they fit under `max`;
 * cancels each that would take spending over it.
 */
export function checkBudget({
  tests,
  spent,
  max,
  catalog,
  prices,
}: {
  tests: string[];
  spent: number;
  max: number;
  catalog: Catalog;
  prices: Record<string, number>;
}): BudgetCheck {
  const out: BudgetCheck = { kept: [], cancelled: [], projected: spent };
  for (const test of tests) {
    const price = requestPrice({ catalog, request: test, prices });
    if (out.projected + price > max + 1e-9) out.cancelled.push({ test, price });
    else {
      out.kept.push(test);
      out.projected += price;
    }
  }
  return out;
}

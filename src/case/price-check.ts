import { join } from 'node:path';
import { loadCatalog } from './catalog.js';
import type { CatalogTest, PriceBasis } from './catalog-schema.js';
import { loadFeeSchedules, type FeeSchedules } from './fees.js';
import { computePrice } from './price.js';
import { CaseValidationError, type CaseProblem } from '../util/errors.js';
import { dataDir } from '../util/paths.js';

/** What `prices:check` found: how many tests, by basis, and every problem. */
export interface PriceCheckReport {
  checked: number;
  byBasis: Partial<Record<PriceBasis, number>>;
  tests: CatalogTest[];
  problems: CaseProblem[];
}

/** One price that differs between two versions of the catalog. */
export interface PriceChange {
  id: string;
  old?: number;
  new?: number;
  codes: string;
}

/**
 * Checks every catalog test's price against the fee schedules: each test
 * has a basis and codes on the 2025 files (loading fails otherwise), and
 * its price equals, to the cent, the same codes priced from `reference`
 * (the official files when available) — so the shipped copy cannot drift.
 */
export function checkPrices(opts: { catalogDir?: string; fees?: FeeSchedules; reference?: FeeSchedules } = {}): PriceCheckReport {
  const fees = opts.fees ?? loadFeeSchedules();
  const reference = opts.reference ?? fees;
  const catalogDir = opts.catalogDir ?? join(dataDir(), 'catalog');
  let tests: CatalogTest[];
  try {
    tests = [...loadCatalog(catalogDir, fees).tests];
  } catch (e) {
    if (e instanceof CaseValidationError) return { checked: 0, byBasis: {}, tests: [], problems: e.problems };
    throw e;
  }
  const problems: CaseProblem[] = [];
  const byBasis: Partial<Record<PriceBasis, number>> = {};
  for (const t of tests) {
    const at = (message: string) => problems.push({ file: catalogDir, path: `${t.id}.price`, message });
    if (!t.price.basis || !t.price.codes) {
      at('has no basis and codes');
      continue;
    }
    byBasis[t.price.basis] = (byBasis[t.price.basis] ?? 0) + 1;
    const expected = computePrice({ basis: t.price.basis, codes: t.price.codes, note: t.price.note }, reference);
    if (!expected.price) for (const m of expected.problems) at(`against the reference schedules: ${m}`);
    else if (Math.abs(expected.price.usd - t.price.usd) > 0.01) {
      at(`price $${t.price.usd.toFixed(2)} differs from the schedule's $${expected.price.usd.toFixed(2)}`);
    }
  }
  return { checked: tests.length, byBasis, tests, problems };
}

/** Lists prices that differ between an older catalog (id → usd) and the current tests, largest change first. */
export function priceChanges(old: Map<string, number>, tests: readonly CatalogTest[]): PriceChange[] {
  const out: PriceChange[] = [];
  const now = new Map(tests.map((t) => [t.id, t]));
  for (const t of tests) {
    const before = old.get(t.id);
    if (before === undefined || Math.abs(before - t.price.usd) > 0.005)
      out.push({ id: t.id, old: before, new: t.price.usd, codes: (t.price.codes ?? []).join(', ') });
  }
  for (const [id, usd] of old) if (!now.has(id)) out.push({ id, old: usd, codes: '' });
  const delta = (c: PriceChange) => (c.old === undefined || c.new === undefined ? Infinity : Math.abs(c.new - c.old));
  return out.sort((a, b) => delta(b) - delta(a) || a.id.localeCompare(b.id));
}

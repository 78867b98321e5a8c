import type { Actors } from './actors.js';
import type { Case, Result } from '../case/schema.js';
import type { Catalog } from '../case/catalog.js';
import type { CatalogTest } from '../case/catalog-schema.js';
import type { Rng } from '../util/rng.js';
import { answerFromCase, checkSynthetic, type LabDecision } from '../case/lab-answer.js';

/** One answered order, ready to be recorded and shown. */
export interface OrderOutcome {
  name: string;
  result: Result;
  price: number;
  /** True when the result was made up (a checked template or a model's synthesis), not read from the case. */
  synthetic: boolean;
  decision: LabDecision;
  resolvedFrom?: string[];
  reason: string;
}

function sameResult(a: Result, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(JSON.parse(JSON.stringify(b)));
}

/**
 * Answers one catalog order: from the case first (its own result, a local
 * test of the same name, the analyte inside another result, the nearest
 * equivalent), else from the lab actor, whose made-up result is checked
 * against everything the case holds. The ordered test's price is charged for
 * every answer except a withheld one: nothing was reported, so nothing is billed.
 */
export async function orderResult({
  kase,
  catalog,
  test,
  price,
  lab,
  rng,
}: {
  kase: Case;
  catalog: Catalog;
  test: CatalogTest;
  price: number;
  lab: Actors['lab'];
  rng: Rng;
}): Promise<OrderOutcome> {
  const fromCase = answerFromCase({ kase, catalog, test });
  if (fromCase) return { ...fromCase, price, synthetic: false };
  const reply = await lab.result({ kase, test, rng });
  if (!reply.synthetic)
    return { decision: 'case', name: test.name, result: reply.result, price, synthetic: false, reason: 'The lab returned the case result.' };
  const { text, value, unit, range, flag, components } = test.normal;
  const isTemplate = sameResult(reply.result, { text, value, unit, range, flag, components });
  const checked = checkSynthetic({ kase, catalog, test, result: reply.result, template: isTemplate });
  if (checked.decision === 'withheld') return { ...checked, price: 0, synthetic: false };
  return { ...checked, price, synthetic: true };
}

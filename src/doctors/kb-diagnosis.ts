import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { topDiseases, type Belief } from '../kb/posterior.js';
import type { Action } from '../encounter/actions.js';

/** The k most probable diseases with rounded probabilities, for notes and diagnoses. */
export function topOfBelief(kb: KnowledgeBase, b: Belief, k = 5): Array<{ id: string; name: string; icd10: string; p: number }> {
  // Excluded diseases are skipped while ranking: asking for k + |excluded| and filtering made the insertion list long.
  const excluded = b.excluded;
  const top = topDiseases(b.p, k, excluded && excluded.size > 0 ? excluded : undefined);
  return top.map((j) => ({ id: kb.diseases[j].id, name: kb.diseases[j].name, icd10: kb.diseases[j].icd10, p: round(b.p[j]) }));
}

/** A diagnose action naming the top diseases of the posterior, most probable first. */
export function diagnoseFromBelief(kb: KnowledgeBase, b: Belief, observed: number, k = 5): Extract<Action, { type: 'diagnose' }> {
  return {
    type: 'diagnose',
    differential: topOfBelief(kb, b, k).map((d) => ({ name: d.name, probability: d.p, icd10: d.icd10 })),
    rationale: `Naive-Bayes posterior over ${kb.diseases.length} diseases from ${observed} observed findings.`,
  };
}

function round(p: number): number {
  return Math.round(p * 10000) / 10000;
}

import type { KnowledgeBase } from '../../kb/knowledge-base.js';
import type { Catalog } from '../../case/catalog.js';
import type { Question } from '../../encounter/actions.js';

/** One move the baseline may make: a question, an exam target or a test, with the findings it reveals. */
export interface Candidate {
  kind: 'ask' | 'examine' | 'order';
  /** Canonical topic, exam target or catalog test id. */
  key: string;
  findings: readonly number[];
  /** The natural-language question with its topic hint (asks only). */
  question?: Question;
}

const cache = new WeakMap<KnowledgeBase, WeakMap<Catalog, readonly Candidate[]>>();

/**
 * Every move the knowledge base can learn from: one question per ask topic
 * (the vocabulary's phrasing), one per exam target, one per orderable test.
 * Built once per (knowledge base, catalog) and sorted by kind then key, so
 * ties in score always break the same way.
 */
export function candidatesFor(kb: KnowledgeBase, catalog: Catalog): readonly Candidate[] {
  let byCatalog = cache.get(kb);
  const hit = byCatalog?.get(catalog);
  if (hit) return hit;
  const out = kb.base ? fromBase(kb, candidatesFor(kb.base, catalog)) : buildCandidates(kb, catalog);
  if (!byCatalog) cache.set(kb, (byCatalog = new WeakMap()));
  byCatalog.set(catalog, out);
  return out;
}

/** The candidates, key by key. */
export function buildCandidates(kb: KnowledgeBase, catalog: Catalog): Candidate[] {
  const out: Candidate[] = [];
  const sorted = <T>(m: ReadonlyMap<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [topic, findings] of sorted(kb.byTopic)) {
    const entry = kb.vocabulary.lookup(topic);
    out.push({ kind: 'ask', key: topic, findings, question: { text: entry?.question ?? `Tell me about your ${topic}.`, topic } });
  }
  for (const [target, findings] of sorted(kb.byTarget)) out.push({ kind: 'examine', key: target, findings });
  for (const [test, findings] of sorted(kb.byTest)) if (catalog.has(test)) out.push({ kind: 'order', key: test, findings });
  return out;
}

/**
 * A patient view's candidates from its shared knowledge base's: the view's lists are the shared ones less the
 * findings it drops (kb/patient-kb.ts), under the same keys and vocabulary, so its candidates are the shared
 * ones in the same order, less those left with no finding, each with the view's list (the shared candidate
 * itself where the list lost nothing).
 */
function fromBase(kb: KnowledgeBase, shared: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of shared) {
    const findings = (c.kind === 'ask' ? kb.byTopic : c.kind === 'examine' ? kb.byTarget : kb.byTest).get(c.key);
    if (findings === undefined) continue;
    out.push(findings === c.findings ? c : { ...c, findings });
  }
  return out;
}

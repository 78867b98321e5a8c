import type { KnowledgeBase } from '../../kb/knowledge-base.js';
import { findingGains, informationGain, JOINT_LIMIT, type Belief } from '../../kb/posterior.js';
import type { EvidenceState } from '../../kb/evidence.js';
import type { Action } from '../../encounter/actions.js';
import type { DoctorView } from '../../encounter/view.js';
import type { Catalog } from '../../case/catalog.js';
import type { Candidate } from './candidates.js';
import type { BaselineOptions } from './options.js';

/** A candidate with its expected gain (bits), cost (USD) and score this turn. */
export interface ScoredMove {
  candidate: Candidate;
  gain: number;
  cost: number;
  score: number;
  /** The candidate's position in kind-then-key order, for breaking ties the same way every time. */
  order: number;
}

/** Best score first; equal scores in candidate order. */
const byScore = (a: ScoredMove, b: ScoredMove) => b.score - a.score || a.order - b.order;

export interface ChooseInput {
  kb: KnowledgeBase;
  belief: Belief;
  evidence: EvidenceState;
  candidates: readonly Candidate[];
  /** Whether a candidate (at its position in `candidates`) was already taken (asked, examined or ordered). */
  taken: (c: Candidate, order: number) => boolean;
  view: DoctorView;
  catalog: Catalog;
  options: BaselineOptions;
}

// Added to every cost: each action also spends a turn, so a free step is not infinitely good.
const TURN_COST = 1;

/**
 * What a candidate costs now. Questions and exams share the visit fee when
 * they would open a new visit (a full turn's worth of them pays it once) and
 * cost nothing extra inside a visit already paid for; tests cost their price.
 */
export function moveCost(c: Candidate, view: DoctorView, catalog: Catalog): number {
  const p = view.protocol;
  if (c.kind === 'order') return catalog.price(c.key, p.prices);
  if (view.inVisit) return 0;
  return p.visitFee / (c.kind === 'ask' ? p.maxQuestionsPerTurn : p.maxExamsPerTurn);
}

// Test prices per candidate position, looked up once per (candidates, catalog, protocol prices) rather than
// per candidate per turn: the catalog and the protocol's overrides never change during a run.
const priceTables = new WeakMap<readonly Candidate[], { catalog: Catalog; overrides: Record<string, number> | undefined; prices: Float64Array }>();

function testPrices(candidates: readonly Candidate[], catalog: Catalog, overrides: Record<string, number> | undefined): Float64Array {
  const hit = priceTables.get(candidates);
  if (hit && hit.catalog === catalog && hit.overrides === overrides) return hit.prices;
  const prices = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) if (candidates[i].kind === 'order') prices[i] = catalog.price(candidates[i].key, overrides);
  priceTables.set(candidates, { catalog, overrides, prices });
  return prices;
}

/**
 * Whether a candidate's exact gain can differ from its bound. One finding's gain is its bound, and beyond
 * JOINT_LIMIT findings informationGain returns the same capped sum of single gains, in the same order, so
 * the bound already holds it bit for bit; only 2..JOINT_LIMIT open findings need the joint computation.
 */
function needsExact(open: readonly number[]): boolean {
  return open.length > 1 && open.length <= JOINT_LIMIT;
}

// Single-finding gains of the current call, all computed in one pass over contiguous rows (findingGains),
// reused across calls: scoreMoves runs every turn of every encounter and never re-enters.
let singleScratch = new Float64Array(0);
let conditionalScratch = new Float64Array(0);

// Below this share of the best score so far, a candidate's exact gain is not worth computing.
const EXACT_SHARE = 0.2;

/**
 * Scores every untaken, affordable candidate that is still worth its minimum
 * gain. Exact joint gains are the expensive part, so each candidate first
 * gets an upper bound, the sum of its findings' single gains (findings are
 * independent given the disease, so information is subadditive); candidates
 * are then evaluated exactly in bound order, and those whose bound falls
 * below EXACT_SHARE of the best exact score keep the bound as their gain:
 * they cannot be chosen first, and only pad the tail of a batch.
 */
export function scoreMoves(input: ChooseInput): ScoredMove[] {
  const { kb, belief, evidence, candidates, taken, view, catalog, options } = input;
  if (singleScratch.length < kb.findings.length) {
    singleScratch = new Float64Array(kb.findings.length);
    conditionalScratch = new Float64Array(kb.findings.length);
  }
  const single = singleScratch;
  const conditional = conditionalScratch;
  findingGains(kb, belief, evidence, single, conditional);
  // Each passing candidate becomes its ScoredMove at once (gain and score its bound until refined), with
  // its open findings and cost factor alongside by index: one allocation per candidate per turn.
  const pending: ScoredMove[] = [];
  const opens: Array<readonly number[]> = [];
  const factors: number[] = [];
  const budget = view.budgetLeft;
  const prices = testPrices(candidates, catalog, view.protocol.prices);
  for (let order = 0; order < candidates.length; order++) {
    const c = candidates[order];
    if (taken(c, order)) continue;
    const cost = c.kind === 'order' ? prices[order] : moveCost(c, view, catalog);
    // A new visit must be affordable as a whole, whatever share one question carries.
    const upfront = c.kind === 'order' ? cost : view.inVisit ? 0 : view.protocol.visitFee;
    if (budget !== null && upfront > budget + 1e-9) continue;
    // Bound first, without allocating: most candidates stop here.
    let bound = 0;
    let openCount = 0;
    for (const i of c.findings) {
      if (evidence[i] !== 0) continue;
      openCount++;
      bound += single[i];
    }
    bound = Math.min(bound, belief.entropy);
    if (openCount === 0 || bound < options.minGain) continue;
    const factor = Math.pow(cost + TURN_COST, options.costWeight);
    pending.push({ candidate: c, gain: bound, cost, score: bound / factor, order });
    opens.push(openCount === c.findings.length ? c.findings : c.findings.filter((i) => evidence[i] === 0));
    factors.push(factor);
  }
  const out: ScoredMove[] = [];
  if (pending.length === 0) return out;
  // The exact score of the top bound is a floor for the best score, so candidates whose bound is
  // below EXACT_SHARE of it need neither exact work nor sorting: they keep their bound.
  let top = 0;
  for (let k = 0; k < pending.length; k++) if (pending[k].score > pending[top].score) top = k;
  const topGain = needsExact(opens[top]) ? informationGain(kb, belief, opens[top], conditional) : pending[top].gain;
  const floor = topGain / factors[top];
  const hot: number[] = [];
  for (let k = 0; k < pending.length; k++) {
    if (pending[k].score >= floor * EXACT_SHARE) hot.push(k);
    else out.push(pending[k]);
  }
  hot.sort((a, b) => pending[b].score - pending[a].score || pending[a].order - pending[b].order);
  let best = 0;
  for (const k of hot) {
    const m = pending[k];
    if (needsExact(opens[k]) && m.score >= best * EXACT_SHARE) {
      // The top candidate's exact gain is already known (the floor).
      const gain = k === top ? topGain : informationGain(kb, belief, opens[k], conditional);
      if (gain < options.minGain) continue;
      m.gain = gain;
      m.score = gain / factors[k];
    }
    if (m.score > best) best = m.score;
    out.push(m);
  }
  return out;
}

/**
 * The next move: the best-scoring candidate, batched with the next best of
 * the same kind up to the protocol's per-turn cap (tests only while they
 * score within batchRatio of the best and fit the budget). Undefined when no
 * step is worth taking, which means it is time to diagnose.
 */
export function chooseMove(input: ChooseInput): { action: Exclude<Action, { type: 'diagnose' }>; moves: ScoredMove[] } | undefined {
  const scored = scoreMoves(input);
  if (scored.length === 0) return undefined;
  let best = scored[0];
  for (const s of scored) if (byScore(s, best) < 0) best = s;
  const kind = best.candidate.kind;
  const p = input.view.protocol;
  const same = scored.filter((s) => s.candidate.kind === kind).sort(byScore);
  if (kind === 'ask') {
    const moves = same.slice(0, p.maxQuestionsPerTurn);
    return { action: { type: 'ask', questions: moves.map((m) => m.candidate.question!) }, moves };
  }
  if (kind === 'examine') {
    const moves = same.slice(0, p.maxExamsPerTurn);
    return { action: { type: 'examine', targets: moves.map((m) => m.candidate.key) }, moves };
  }
  const moves: ScoredMove[] = [];
  let spend = 0;
  const budget = input.view.budgetLeft;
  for (const m of same) {
    if (moves.length >= p.maxTestsPerTurn) break;
    if (moves.length > 0 && m.score < best.score * input.options.batchRatio) break;
    if (budget !== null && spend + m.cost > budget + 1e-9) continue;
    moves.push(m);
    spend += m.cost;
  }
  return { action: { type: 'order', tests: moves.map((m) => m.candidate.key) }, moves };
}

import type { KnowledgeBase } from '../../kb/knowledge-base.js';
import { informationGain, JOINT_LIMIT, openGainSum, type Belief } from '../../kb/posterior.js';
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

// Test prices and their cost factors per candidate position, worked out once per (candidates, catalog, protocol
// prices, cost weight) rather than per candidate per turn: none of them changes during a run.
interface TestCosts {
  catalog: Catalog;
  overrides: Record<string, number> | undefined;
  costWeight: number;
  prices: Float64Array;
  factors: Float64Array;
}
const testCostTables = new WeakMap<readonly Candidate[], TestCosts>();

function testCosts(candidates: readonly Candidate[], catalog: Catalog, overrides: Record<string, number> | undefined, costWeight: number): TestCosts {
  const hit = testCostTables.get(candidates);
  if (hit && hit.catalog === catalog && hit.overrides === overrides && hit.costWeight === costWeight) return hit;
  const prices = new Float64Array(candidates.length);
  const factors = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i].kind !== 'order') continue;
    prices[i] = catalog.price(candidates[i].key, overrides);
    factors[i] = Math.pow(prices[i] + TURN_COST, costWeight);
  }
  const table = { catalog, overrides, costWeight, prices, factors };
  testCostTables.set(candidates, table);
  return table;
}

/**
 * Whether a candidate's exact gain can differ from its bound. One finding's gain is its bound, and beyond
 * JOINT_LIMIT findings informationGain returns the same capped sum of single gains, in the same order, so
 * the bound already holds it bit for bit; only 2..JOINT_LIMIT open findings need the joint computation.
 */
function needsExact(open: readonly number[]): boolean {
  return open.length > 1 && open.length <= JOINT_LIMIT;
}

// H(f | D) of the open findings of the current call's moves (openGainSum), reused across calls: scoring
// runs every turn of every encounter and never re-enters.
let conditionalScratch = new Float64Array(0);

// Below this share of the best score so far, a candidate's exact gain is not worth computing.
const EXACT_SHARE = 0.2;

/**
 * How far (bits) a computed exact gain may exceed its bound. In exact arithmetic it never does (findings are
 * independent given the disease, so information is subadditive), but a single gain whose listers hold under
 * 1e-9 of the posterior counts as 0 while the joint computation still sees it: at most 1e-9 times a finding's
 * largest divergence from its background (tens of bits) per finding, far below this.
 */
const BOUND_SLACK = 1e-6;

/** A scoring pass: the scored moves, and (lazy passes only) the hot moves whose exact gain was put off. */
interface Scoring {
  out: ScoredMove[];
  /** Moves owed an exact gain, in the order the full pass would have computed it, with their open findings. */
  deferred: ScoredMove[];
  deferredOpen: Array<readonly number[]>;
  deferredFactor: number[];
}

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
  return score(input, false).out;
}

/**
 * scoreMoves, with `lazy` putting off the exact gain of a hot move whose bound (plus BOUND_SLACK) already
 * scores below the best so far: its exact score can then only be lower, so it can neither become the best nor
 * move the running best that decides the others' fate. Such a move matters only if it may pad the chosen
 * kind's batch, which chooseMove settles afterwards (settleDeferred).
 */
function score(input: ChooseInput, lazy: boolean): Scoring {
  const { kb, belief, evidence, candidates, taken, view, catalog, options } = input;
  if (conditionalScratch.length < kb.findings.length) conditionalScratch = new Float64Array(kb.findings.length);
  const conditional = conditionalScratch;
  // Each passing candidate becomes its ScoredMove at once (gain and score its bound until refined), with
  // its open findings and cost factor alongside by index: one allocation per candidate per turn.
  const pending: ScoredMove[] = [];
  const opens: Array<readonly number[]> = [];
  const factors: number[] = [];
  const budget = view.budgetLeft;
  const tests = testCosts(candidates, catalog, view.protocol.prices, options.costWeight);
  // Every question costs the same this turn, and so does every exam (moveCost): one factor each.
  const askCost = view.inVisit ? 0 : view.protocol.visitFee / view.protocol.maxQuestionsPerTurn;
  const examCost = view.inVisit ? 0 : view.protocol.visitFee / view.protocol.maxExamsPerTurn;
  const askFactor = Math.pow(askCost + TURN_COST, options.costWeight);
  const examFactor = Math.pow(examCost + TURN_COST, options.costWeight);
  const entropy = belief.entropy;
  for (let order = 0; order < candidates.length; order++) {
    const c = candidates[order];
    if (taken(c, order)) continue;
    const cost = c.kind === 'order' ? tests.prices[order] : c.kind === 'ask' ? askCost : examCost;
    // A new visit must be affordable as a whole, whatever share one question carries.
    const upfront = c.kind === 'order' ? cost : view.inVisit ? 0 : view.protocol.visitFee;
    if (budget !== null && upfront > budget + 1e-9) continue;
    // Bound first, without allocating: most candidates stop here. Single gains are worked out only for the
    // moves still open (each finding belongs to one move), summed in the moves' finding order.
    const findings = c.findings;
    let openCount = 0;
    for (let f = 0; f < findings.length; f++) if (evidence[findings[f]] === 0) openCount++;
    if (openCount === 0) continue;
    const bound = Math.min(openGainSum(kb, belief, findings, evidence, conditional), entropy);
    if (bound < options.minGain) continue;
    const factor = c.kind === 'order' ? tests.factors[order] : c.kind === 'ask' ? askFactor : examFactor;
    pending.push({ candidate: c, gain: bound, cost, score: bound / factor, order });
    opens.push(openCount === findings.length ? findings : findings.filter((i) => evidence[i] === 0));
    factors.push(factor);
  }
  const out: ScoredMove[] = [];
  const deferred: ScoredMove[] = [];
  const deferredOpen: Array<readonly number[]> = [];
  const deferredFactor: number[] = [];
  if (pending.length === 0) return { out, deferred, deferredOpen, deferredFactor };
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
      if (lazy && k !== top && (m.gain + BOUND_SLACK) / factors[k] < best) {
        deferred.push(m);
        deferredOpen.push(opens[k]);
        deferredFactor.push(factors[k]);
        continue;
      }
      // The top candidate's exact gain is already known (the floor).
      const gain = k === top ? topGain : informationGain(kb, belief, opens[k], conditional);
      if (gain < options.minGain) continue;
      m.gain = gain;
      m.score = gain / factors[k];
    }
    if (m.score > best) best = m.score;
    out.push(m);
  }
  return { out, deferred, deferredOpen, deferredFactor };
}

/**
 * Gives the deferred moves of the chosen kind their exact gain, as the full pass would have (dropping those
 * under the minimum gain), when they may still enter the batch: a deferred move whose bound scores below the
 * batch's last place among the moves already scored (or, for tests, below batchRatio of the best) ends up
 * behind it whatever its exact gain, so it is left out. Returns the chosen kind's moves, unsorted.
 */
function settleDeferred(input: ChooseInput, scoring: Scoring, best: ScoredMove, cap: number): ScoredMove[] {
  const kind = best.candidate.kind;
  const same = scoring.out.filter((s) => s.candidate.kind === kind);
  const { deferred, deferredOpen, deferredFactor } = scoring;
  if (deferred.length === 0) return same;
  const { kb, belief, options, view } = input;
  // Tests below batchRatio of the best are never batched; with no budget to skip over, neither is anything
  // behind the first `cap`.
  const ratioFloor = kind === 'order' ? best.score * options.batchRatio : -Infinity;
  const useCap = kind !== 'order' || view.budgetLeft === null;
  const scores = same.map((s) => s.score).sort((a, b) => b - a);
  const threshold = () => Math.max(ratioFloor, useCap && scores.length >= cap ? scores[cap - 1] : -Infinity);
  // Highest bound first, so the threshold only rises as moves are settled.
  const order = deferred.map((_, k) => k).filter((k) => deferred[k].candidate.kind === kind);
  order.sort((a, b) => deferred[b].score - deferred[a].score || deferred[a].order - deferred[b].order);
  for (const k of order) {
    const m = deferred[k];
    const factor = deferredFactor[k];
    if ((m.gain + BOUND_SLACK) / factor < threshold()) break;
    const gain = informationGain(kb, belief, deferredOpen[k], conditionalScratch);
    if (gain < options.minGain) continue;
    m.gain = gain;
    m.score = gain / factor;
    same.push(m);
    let at = scores.length;
    scores.push(m.score);
    while (at > 0 && scores[at - 1] < m.score) {
      scores[at] = scores[at - 1];
      scores[--at] = m.score;
    }
  }
  return same;
}

/**
 * The next move: the best-scoring candidate, batched with the next best of
 * the same kind up to the protocol's per-turn cap (tests only while they
 * score within batchRatio of the best and fit the budget). Undefined when no
 * step is worth taking, which means it is time to diagnose.
 */
export function chooseMove(input: ChooseInput): { action: Exclude<Action, { type: 'diagnose' }>; moves: ScoredMove[] } | undefined {
  const scoring = score(input, true);
  const scored = scoring.out;
  if (scored.length === 0) return undefined;
  let best = scored[0];
  for (const s of scored) if (byScore(s, best) < 0) best = s;
  const kind = best.candidate.kind;
  const p = input.view.protocol;
  const cap = kind === 'ask' ? p.maxQuestionsPerTurn : kind === 'examine' ? p.maxExamsPerTurn : p.maxTestsPerTurn;
  const same = settleDeferred(input, scoring, best, cap).sort(byScore);
  if (kind === 'ask') {
    const moves = same.slice(0, cap);
    return { action: { type: 'ask', questions: moves.map((m) => m.candidate.question!) }, moves };
  }
  if (kind === 'examine') {
    const moves = same.slice(0, cap);
    return { action: { type: 'examine', targets: moves.map((m) => m.candidate.key) }, moves };
  }
  const moves: ScoredMove[] = [];
  let spend = 0;
  const budget = input.view.budgetLeft;
  for (const m of same) {
    if (moves.length >= cap) break;
    if (moves.length > 0 && m.score < best.score * input.options.batchRatio) break;
    if (budget !== null && spend + m.cost > budget + 1e-9) continue;
    moves.push(m);
    spend += m.cost;
  }
  return { action: { type: 'order', tests: moves.map((m) => m.candidate.key) }, moves };
}

import type { DoctorContext, DoctorFactory } from '../encounter/doctor.js';
import type { DoctorView } from '../encounter/view.js';
import type { Action } from '../encounter/actions.js';
import type { DoctorSpec } from './spec.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../kb/load.js';
import { parseBaselineOptions, type BaselineOptions } from './baseline/options.js';
import { candidatesFor, type Candidate } from './baseline/candidates.js';
import { chooseMove } from './baseline/choose.js';
import { KbTracker } from './kb-tracker.js';
import { diagnoseFromBelief, topOfBelief } from './kb-diagnosis.js';
import { MemoizedDoctor, type PureDoctor } from './act-memo.js';

/**
 * `baseline`: a naive-Bayes sequential diagnoser with no model behind it.
 * Each turn it updates the posterior from everything seen, diagnoses when the
 * leader is clear enough (or turns or money run out, or nothing is worth
 * learning), and otherwise takes the questions, exams or tests with the most
 * expected information gain per dollar.
 */
export function baselineDoctor(spec: DoctorSpec): DoctorFactory {
  const options = parseBaselineOptions(spec);
  // Its acts depend on the views alone, so encounters that retrace one already played (every seed of a case in
  // the deterministic hospital) take them from the act memo.
  const scope = `baseline:${JSON.stringify(options, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`;
  return {
    name: spec.raw,
    create: (ctx) => new MemoizedDoctor(ctx, scope, (inner) => new BaselineDoctor(inner, options)),
    replayable: true,
  };
}

/** One baseline encounter; `kb` defaults to the shipped knowledge base (tests pass their own). */
export class BaselineDoctor implements PureDoctor {
  private readonly tracker: KbTracker;
  /** The moves this patient can be asked, examined or tested for, built on the first act from the patient's view of the KB. */
  private candidates: readonly Candidate[] = [];
  /** Which candidates were already taken, by position, and how many of each of the tracker's taken sets it holds. */
  private taken = new Uint8Array(0);
  private takenFor: readonly Candidate[] = [];
  private readonly takenSeen = [0, 0, 0];

  constructor(
    private readonly ctx: DoctorContext,
    private readonly options: BaselineOptions,
    kb: KnowledgeBase = loadKnowledgeBase(undefined, { catalog: ctx.catalog }),
  ) {
    this.tracker = new KbTracker(kb, options.presentation);
  }

  /** Reads a view without choosing a move: the act memo answered it (act-memo.ts). */
  catchUp(view: DoctorView): void {
    this.tracker.update(view);
  }

  act(view: DoctorView): Action {
    const t = this.tracker;
    const b = t.update(view);
    const { kb } = t;
    this.candidates = candidatesFor(kb, this.ctx.catalog);
    const top = topOfBelief(kb, b);
    this.ctx.note?.('posterior', { top: top.map((d) => ({ id: d.id, p: d.p })), entropy: Math.round(b.entropy * 1000) / 1000 });
    const leader = kb.diseaseIndex.get(top[0].id)!;
    const lead = b.p[leader];
    const lastTurn = view.turnsLeft <= 1 || view.turn + 1 >= this.options.maxTurns;
    if (lastTurn) return diagnoseFromBelief(kb, b, this.tracker.observed);
    const commit = () => this.confirmation(view, leader) ?? diagnoseFromBelief(kb, b, this.tracker.observed);
    if (lead >= this.options.threshold) return commit();
    const taken = this.takenFlags();
    const choose = (onlyQuestions: boolean) =>
      chooseMove({
        kb,
        belief: b,
        evidence: t.evidence,
        candidates: this.candidates,
        taken: (c, order) => taken[order] === 1 || (onlyQuestions && c.kind !== 'ask'),
        view,
        catalog: this.ctx.catalog,
        options: this.options,
      });
    // A presentation that points nowhere in particular calls for a history before any test.
    if (view.history.length === 0 && lead < this.options.history) {
      const questions = choose(true);
      if (questions) return questions.action;
    }
    const move = choose(false);
    if (!move) return commit();
    // A move that would open a visit pays the whole fee: only worth it while the leader is still weak.
    const opensVisit = move.action.type !== 'order' && !view.inVisit && view.protocol.visitFee > 0;
    if (opensVisit && lead >= this.options.visitThreshold) return commit();
    return move.action;
  }

  /**
   * The leader's confirming tests not yet ordered, as one order, when the
   * options ask for confirmation and a turn (besides the diagnosis) and the
   * budget allow; undefined means commit now. Tests already ordered count as
   * done even if refused, so this can never loop.
   */
  private confirmation(view: DoctorView, leader: number): Action | undefined {
    if (!this.options.confirm || view.turnsLeft < 2 || view.turn + 2 > this.options.maxTurns) return undefined;
    const p = view.protocol;
    const missing = this.tracker.kb.diseases[leader].confirmWith.filter((id) => !this.tracker.orderedTests.has(id) && this.ctx.catalog.has(id));
    const tests: string[] = [];
    let spend = 0;
    for (const id of missing) {
      if (tests.length >= p.maxTestsPerTurn) break;
      const price = this.ctx.catalog.price(id, p.prices);
      if (view.budgetLeft !== null && spend + price > view.budgetLeft + 1e-9) continue;
      tests.push(id);
      spend += price;
    }
    return tests.length > 0 ? { type: 'order', tests } : undefined;
  }

  /**
   * Which candidates were already asked, examined or ordered, by candidate position, so scoring each of the
   * hundreds of candidates is one array read. The tracker's taken sets only grow (in insertion order), so each
   * act marks only the keys added since the last one.
   */
  private takenFlags(): Uint8Array {
    if (this.takenFor !== this.candidates) {
      this.takenFor = this.candidates;
      this.taken = new Uint8Array(this.candidates.length);
      this.takenSeen.fill(0);
    }
    const at = positionsOf(this.candidates);
    const t = this.tracker;
    const sets = [t.askedTopics, t.examinedTargets, t.orderedTests];
    for (let s = 0; s < 3; s++) {
      if (sets[s].size === this.takenSeen[s]) continue;
      let n = 0;
      for (const key of sets[s]) {
        if (n++ < this.takenSeen[s]) continue;
        const order = at[s].get(key);
        if (order !== undefined) this.taken[order] = 1;
      }
      this.takenSeen[s] = n;
    }
    return this.taken;
  }
}

const KINDS = ['ask', 'examine', 'order'] as const;

// Each candidate list's positions by key, one map per kind in KINDS order; candidate lists are built once per
// knowledge base and catalog.
const positions = new WeakMap<readonly Candidate[], Array<Map<string, number>>>();

function positionsOf(candidates: readonly Candidate[]): Array<Map<string, number>> {
  let at = positions.get(candidates);
  if (!at) {
    at = KINDS.map(() => new Map<string, number>());
    candidates.forEach((c, i) => at![KINDS.indexOf(c.kind)].set(c.key, i));
    positions.set(candidates, at);
  }
  return at;
}

import type { Doctor, DoctorContext, DoctorFactory } from '../encounter/doctor.js';
import type { DoctorView } from '../encounter/view.js';
import type { Action } from '../encounter/actions.js';
import type { DoctorSpec } from './spec.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../kb/load.js';
import { parseBaselineOptions, type BaselineOptions } from './baseline/options.js';
import { candidatesFor, type Candidate } from './baseline/candidates.js';
import { chooseMove } from './baseline/choose.js';
import { KbTracker } from './kb-tracker.js';
import { diagnoseFromBelief, topOfBelief } from './kb-diagnosis.js';

/**
 * `baseline`: a naive-Bayes sequential diagnoser with no model behind it.
 * Each turn it updates the posterior from everything seen, diagnoses when the
 * leader is clear enough (or turns or money run out, or nothing is worth
 * learning), and otherwise takes the questions, exams or tests with the most
 * expected information gain per dollar.
 */
export function baselineDoctor(spec: DoctorSpec): DoctorFactory {
  const options = parseBaselineOptions(spec);
  return {
    name: spec.raw,
    create: (ctx) => new BaselineDoctor(ctx, options),
  };
}

/** One baseline encounter; `kb` defaults to the shipped knowledge base (tests pass their own). */
export class BaselineDoctor implements Doctor {
  private readonly tracker: KbTracker;
  private readonly candidates: readonly Candidate[];

  constructor(
    private readonly ctx: DoctorContext,
    private readonly options: BaselineOptions,
    kb: KnowledgeBase = loadKnowledgeBase(undefined, { catalog: ctx.catalog }),
  ) {
    this.tracker = new KbTracker(kb, options.presentation);
    this.candidates = candidatesFor(kb, ctx.catalog);
  }

  act(view: DoctorView): Action {
    const { kb } = this.tracker;
    const t = this.tracker;
    const b = t.update(view);
    const top = topOfBelief(kb, b);
    this.ctx.note?.('posterior', { top: top.map((d) => ({ id: d.id, p: d.p })), entropy: Math.round(b.entropy * 1000) / 1000 });
    const lead = b.p[kb.diseaseIndex.get(top[0].id)!];
    const lastTurn = view.turnsLeft <= 1 || view.turn + 1 >= this.options.maxTurns;
    if (lastTurn || lead >= this.options.threshold) return diagnoseFromBelief(kb, b, this.tracker.observed);
    const move = chooseMove({
      kb,
      belief: b,
      evidence: t.evidence,
      candidates: this.candidates,
      taken: (c) => (c.kind === 'ask' ? t.askedTopics : c.kind === 'examine' ? t.examinedTargets : t.orderedTests).has(c.key),
      view,
      catalog: this.ctx.catalog,
      options: this.options,
    });
    if (!move) return diagnoseFromBelief(kb, b, this.tracker.observed);
    // A move that would open a visit pays the whole fee: only worth it while the leader is still weak.
    const opensVisit = move.action.type !== 'order' && !view.inVisit && view.protocol.visitFee > 0;
    if (opensVisit && lead >= this.options.visitThreshold) return diagnoseFromBelief(kb, b, this.tracker.observed);
    return move.action;
  }
}

import type { Action, DifferentialEntry } from '../../encounter/actions.js';
import type { Doctor, DoctorContext, DoctorFactory } from '../../encounter/doctor.js';
import type { DoctorView } from '../../encounter/view.js';
import { callModel } from '../../llm/call-model.js';
import type { DoctorSpec } from '../spec.js';
import { checkBudget } from './budget-tracker.js';
import { panelConfig, type PanelConfig } from './options.js';
import { AGGREGATOR_SYSTEM, aggregatorMessages, PANEL_SYSTEM, panelMessages } from './prompt.js';
import { AggregateTurn, PanelTurn } from './schema.js';
import { uniqueTests } from './unique-tests.js';

/** The `panel` doctor factory: one panel per encounter. */
export function panelDoctorFactory(config: PanelConfig): DoctorFactory {
  return { name: config.name, create: (ctx) => new PanelDoctor(config, ctx) };
}

/** Registry builder for `panel`. */
export function panelDoctor(spec: DoctorSpec): DoctorFactory {
  return panelDoctorFactory(panelConfig(spec));
}

/** The action a panel (or the aggregator) agreed on, before the variant's rules apply. */
interface Proposal {
  action: 'ask' | 'order' | 'diagnose';
  questions: string[];
  tests: string[];
  differential: DifferentialEntry[];
  rationale: string;
}

/**
 * A MAI-DxO-style panel: each turn one structured call plays Hypothesis,
 * Test-Chooser, Challenger, Stewardship and Checklist and reaches a consensus;
 * the variant's rules (instant, questions-only, budget, ensemble) then shape
 * the action. Every deliberation and every change a rule makes is a note.
 */
export class PanelDoctor implements Doctor {
  constructor(
    private readonly config: PanelConfig,
    private readonly ctx: DoctorContext,
  ) {}

  async act(view: DoctorView): Promise<Action> {
    const proposal = this.config.variant === 'ensemble' ? await this.ensemble(view) : (await this.deliberate(view, undefined)).proposal;
    return this.applyRules(view, proposal);
  }

  private budgetLeft(view: DoctorView): number | null {
    return this.config.budget === null ? null : Math.max(0, this.config.budget - view.cost);
  }

  /** One panel deliberation; `member` numbers the ensemble's independent panels. */
  private async deliberate(view: DoctorView, member: number | undefined): Promise<{ turn: PanelTurn; proposal: Proposal }> {
    const settings = member === undefined ? this.config.settings : { ...this.config.settings, seed: (this.config.settings.seed ?? 0) + member };
    const r = await callModel({
      handle: this.config.handle,
      settings,
      system: PANEL_SYSTEM,
      messages: panelMessages({ view, variant: this.config.variant, budgetLeft: this.budgetLeft(view) }),
      output: PanelTurn,
      purpose: 'panel doctor',
    });
    const turn = r.object as PanelTurn;
    // Checklist, deterministic half: which of the panel's test names the hospital would not recognise.
    const unknownTests = [...turn.testChooser.tests, ...turn.consensus.tests].filter((t) => this.ctx.catalog.resolve(t).tests.length === 0);
    this.ctx.note?.('panel', { variant: this.config.variant, ...(member === undefined ? {} : { member: member + 1 }), ...turn, unknownTests });
    return { turn, proposal: fromPanel(turn) };
  }

  /** n independent panels, then an aggregator; the union of its tests is ordered once. */
  private async ensemble(view: DoctorView): Promise<Proposal> {
    const members: Array<{ turn: PanelTurn; proposal: Proposal }> = [];
    for (let i = 0; i < this.config.n; i++) members.push(await this.deliberate(view, i));
    const r = await callModel({
      handle: this.config.handle,
      settings: this.config.settings,
      system: AGGREGATOR_SYSTEM,
      messages: aggregatorMessages({ view, panels: members.map((m) => m.turn), variant: this.config.variant, budgetLeft: this.budgetLeft(view) }),
      output: AggregateTurn,
      purpose: 'panel aggregator',
    });
    const agg = r.object as AggregateTurn;
    let tests = agg.tests;
    // An aggregator that orders without naming tests means the panels' tests.
    if (agg.action === 'order' && tests.length === 0) tests = members.flatMap((m) => (m.proposal.action === 'order' ? m.proposal.tests : []));
    const already = view.history.flatMap((h) => h.items.flatMap((i) => (i.kind === 'result' ? [i.testId] : [])));
    const merged = uniqueTests({ requests: tests, catalog: this.ctx.catalog, already });
    this.ctx.note?.('panel-aggregate', { members: members.length, ...agg, ordered: merged.tests, duplicates: merged.duplicates });
    return { action: agg.action, questions: agg.questions, tests: merged.tests, differential: agg.differential.map(entry), rationale: agg.rationale };
  }

  /** Applies the variant's rules and the protocol's caps to the agreed action. */
  private applyRules(view: DoctorView, p: Proposal): Action {
    const variant = this.config.variant;
    const protocol = view.protocol;
    const rule = (why: string, data: Record<string, unknown> = {}) => this.ctx.note?.('panel-rule', { variant, rule: why, ...data });
    if (variant === 'instant' || view.turnsLeft <= 1) {
      if (p.action !== 'diagnose') rule(variant === 'instant' ? 'instant-diagnoses-now' : 'last-turn', { proposed: p.action });
      return diagnose(p);
    }
    let action = p.action;
    if (action === 'order' && variant === 'questions-only') {
      rule('questions-only-never-orders', { cancelled: p.tests });
      action = p.questions.length ? 'ask' : 'diagnose';
    }
    if (action === 'ask' && p.questions.length === 0) action = 'diagnose';
    if (action === 'order') {
      let tests = p.tests.slice(0, protocol.maxTestsPerTurn);
      if (variant === 'budgeted' && this.config.budget !== null) {
        const check = checkBudget({ tests, spent: view.cost, max: this.config.budget, catalog: this.ctx.catalog, prices: protocol.prices });
        if (check.cancelled.length) {
          this.ctx.note?.('panel-budget', {
            spent: view.cost,
            max: this.config.budget,
            kept: check.kept,
            cancelled: check.cancelled,
            projected: check.projected,
          });
        }
        tests = check.kept;
      }
      if (tests.length) return { type: 'order', tests };
      action = p.questions.length ? 'ask' : 'diagnose';
      rule('nothing-left-to-order', { next: action });
    }
    if (action === 'ask') {
      // A new visit costs the visit fee; a budgeted panel that cannot afford one diagnoses instead.
      const fee = view.inVisit ? 0 : protocol.visitFee;
      if (variant === 'budgeted' && this.config.budget !== null && view.cost + fee > this.config.budget + 1e-9) {
        this.ctx.note?.('panel-budget', { spent: view.cost, max: this.config.budget, cancelled: [{ visit: fee }] });
        return diagnose(p);
      }
      return { type: 'ask', questions: p.questions.slice(0, protocol.maxQuestionsPerTurn).map((text) => ({ text })) };
    }
    return diagnose(p);
  }
}

function entry(d: { name: string; probability: number }): DifferentialEntry {
  return { name: d.name, probability: d.probability };
}

function fromPanel(t: PanelTurn): Proposal {
  const c = t.consensus;
  const differential = t.hypothesis.differential.map(entry);
  // The consensus diagnosis leads; the Hypothesis role's ranking fills in the rest.
  const dx = c.diagnosis.trim();
  if (c.action === 'diagnose' && dx && differential[0]?.name.toLowerCase() !== dx.toLowerCase()) {
    const rest = differential.filter((d) => d.name.toLowerCase() !== dx.toLowerCase());
    differential.splice(0, differential.length, { name: dx }, ...rest);
  }
  return { action: c.action, questions: c.questions, tests: c.tests, differential, rationale: c.rationale };
}

function diagnose(p: Proposal): Action {
  return p.rationale ? { type: 'diagnose', differential: p.differential, rationale: p.rationale } : { type: 'diagnose', differential: p.differential };
}

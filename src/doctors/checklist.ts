import type { DoctorContext, DoctorFactory } from '../encounter/doctor.js';
import type { DoctorView } from '../encounter/view.js';
import type { Action } from '../encounter/actions.js';
import { checkOptions, type DoctorSpec } from './spec.js';
import { ConfigError } from '../util/errors.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../kb/load.js';
import { KbTracker } from './kb-tracker.js';
import { diagnoseFromBelief } from './kb-diagnosis.js';
import { MemoizedDoctor, type PureDoctor } from './act-memo.js';

/** The standard history, most important first (a short encounter keeps the head of each list). */
export const CHECKLIST_TOPICS = [
  'fever',
  'chest pain',
  'shortness of breath',
  'abdominal pain',
  'headache',
  'cough',
  'nausea',
  'vomiting',
  'diarrhea',
  'dysuria',
  'rash',
  'joint pain',
  'weight loss',
  'fatigue',
  'dizziness',
  'leg swelling',
  'palpitations',
  'blood in stool',
  'confusion',
  'past medical history',
  'medications',
  'allergies',
  'surgical history',
  'smoking',
  'alcohol',
  'recreational drugs',
  'travel',
  'family history',
];

/** Every main system. */
export const CHECKLIST_TARGETS = ['general', 'vitals', 'heent', 'neck', 'cardiovascular', 'respiratory', 'abdomen', 'neuro', 'skin', 'msk', 'extremities'];

/** The broad panel; the pregnancy test is added for women of child-bearing age only. */
export const CHECKLIST_PANEL = [
  'cbc',
  'cmp',
  'crp',
  'urinalysis',
  'ecg-12-lead',
  'chest-xray',
  'troponin-i-hs',
  'lipase',
  'tsh',
  'blood-culture',
  'd-dimer',
  'lactate',
  'esr',
];

type Step = Exclude<Action, { type: 'diagnose' }>;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Fits the three phases into the turns available (one kept for the
 * diagnosis): while the plan is too long, the longest phase gives up a turn,
 * so a short protocol trims every phase rather than dropping one.
 */
export function planChecklist(view: DoctorView, tests: string[], questions: Array<{ text: string; topic: string }>): Step[] {
  const p = view.protocol;
  const phases = [
    chunk(questions, p.maxQuestionsPerTurn).map((q): Step => ({ type: 'ask', questions: q })),
    chunk(CHECKLIST_TARGETS, p.maxExamsPerTurn).map((t): Step => ({ type: 'examine', targets: t })),
    chunk(tests, p.maxTestsPerTurn).map((t): Step => ({ type: 'order', tests: t })),
  ];
  const available = Math.max(0, view.turnsLeft - 1);
  const turns = phases.map((ph) => ph.length);
  while (turns.reduce((a, b) => a + b, 0) > available) {
    let longest = 0;
    for (let k = 1; k < turns.length; k++) if (turns[k] > turns[longest]) longest = k;
    turns[longest]--;
  }
  return phases.flatMap((ph, k) => ph.slice(0, turns[k]));
}

/**
 * `checklist`: the floor any doctor should beat. Asks a fixed history,
 * examines every main system, orders a fixed broad panel (always within the
 * protocol's per-turn caps, turn limit and budget), then diagnoses from the
 * same knowledge-base posterior and evidence code as `baseline`.
 */
export function checklistDoctor(spec: DoctorSpec): DoctorFactory {
  checkOptions(spec, []);
  if (spec.argument !== undefined) throw new ConfigError(`Doctor "checklist" takes no options, but was given "${spec.argument}".`);
  // Its acts depend on the views alone (the plan is made from the first), so encounters that retrace one already
  // played (every seed of a case in the deterministic hospital) take them from the act memo; where one departs,
  // the doctor is built and replays the memo's acts to rebuild its plan.
  return { name: spec.raw, create: (ctx) => new MemoizedDoctor(ctx, 'checklist', (inner) => new ChecklistDoctor(inner)), replayable: true };
}

/** One checklist encounter; `kb` defaults to the shipped knowledge base (tests pass their own). */
export class ChecklistDoctor implements PureDoctor {
  private readonly tracker: KbTracker;
  private plan: Step[] | undefined;

  constructor(
    private readonly ctx: DoctorContext,
    kb: KnowledgeBase = loadKnowledgeBase(undefined, { catalog: ctx.catalog }),
  ) {
    this.tracker = new KbTracker(kb, true);
  }

  act(view: DoctorView): Action {
    const b = this.tracker.update(view);
    const kb = this.tracker.kb;
    if (!this.plan) {
      const questions = CHECKLIST_TOPICS.flatMap((topic) => {
        const entry = kb.vocabulary.lookup(topic);
        // A topic whose every finding cannot apply to this patient (their sex or age) is not asked.
        const inapplicable = entry !== undefined && kb.base?.byTopic.has(entry.topic) === true && !kb.byTopic.has(entry.topic);
        return entry && !inapplicable ? [{ text: entry.question, topic: entry.topic }] : [];
      });
      const female = view.patient.sex === 'female' && view.patient.ageUnit === 'years' && view.patient.age >= 12 && view.patient.age <= 55;
      const tests = [...CHECKLIST_PANEL, ...(female ? ['urine-pregnancy-test'] : [])].filter((t) => this.ctx.catalog.has(t));
      this.plan = planChecklist(view, tests, questions);
    }
    while (this.plan.length > 0 && view.turnsLeft > 1) {
      const step = this.affordable(this.plan.shift()!, view);
      if (step) return step;
    }
    return diagnoseFromBelief(kb, b, this.tracker.observed);
  }

  /** The step, trimmed to what the budget left can pay for; undefined when none of it can be. */
  private affordable(step: Step, view: DoctorView): Step | undefined {
    const left = view.budgetLeft;
    if (left === null) return step;
    if (step.type !== 'order') return view.inVisit || view.protocol.visitFee <= left + 1e-9 ? step : undefined;
    let spend = 0;
    const tests = step.tests.filter((t) => {
      const price = this.ctx.catalog.price(t, view.protocol.prices);
      if (spend + price > left + 1e-9) return false;
      spend += price;
      return true;
    });
    return tests.length > 0 ? { type: 'order', tests } : undefined;
  }
}

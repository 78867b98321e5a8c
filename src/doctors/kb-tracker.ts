import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { observeItems, observePresentation, topicOfQuestion, type AnswerLedger, type EvidenceChanges, type EvidenceState } from '../kb/evidence.js';
import { beliefInto, type Belief } from '../kb/posterior.js';
import { applyRow, logRowsOf } from '../kb/log-rows.js';
import type { DoctorView } from '../encounter/view.js';
import { demographicGate, type DemographicGate } from '../kb/demographics.js';
import { canonicalTarget } from '../case/exam-targets.js';
import { forPatient } from '../kb/patient-kb.js';

interface PatientStart {
  gate: DemographicGate;
  /** The log prior with the gate's weights added. */
  logPrior: Float64Array;
  /** The knowledge base as it applies to this patient (forPatient). */
  kb: KnowledgeBase;
}

// Gates, gated priors and patient views by knowledge base and (sex, age): the same few patients recur across a suite's cases and
// seeds, and both are only read. Bounded: dropped whole when full.
const starts = new WeakMap<KnowledgeBase, Map<string, PatientStart>>();
const STARTS_LIMIT = 4096;
// Where update sorts an act's changed findings (typed, for the native numeric sort); updates never overlap.
let scratch = new Int32Array(256);

function patientStart(kb: KnowledgeBase, patient: DoctorView['patient']): PatientStart {
  let byPatient = starts.get(kb);
  if (!byPatient) starts.set(kb, (byPatient = new Map()));
  const key = `${patient.sex}\0${patient.age}\0${patient.ageUnit}`;
  let hit = byPatient.get(key);
  if (!hit) {
    const gate = demographicGate(kb, patient);
    const logPrior = Float64Array.from(kb.logPrior);
    for (let j = 0; j < logPrior.length; j++) logPrior[j] += gate.logWeight[j];
    if (byPatient.size >= STARTS_LIMIT) byPatient.clear();
    byPatient.set(key, (hit = { gate, logPrior, kb: forPatient(kb, patient) }));
  }
  return hit;
}

/**
 * Follows one encounter's view for a knowledge-base doctor: the evidence so
 * far and what has already been asked, examined and ordered. The history is
 * append-only, so each act reads only the entries added since the last one.
 */
export class KbTracker {
  readonly evidence: EvidenceState;
  readonly askedTopics = new Set<string>();
  readonly examinedTargets = new Set<string>();
  readonly orderedTests = new Set<string>();
  private processed = 0;
  private started = false;
  /** Whether `belief` holds the posterior of `logp`. */
  private believed = false;
  /** Unnormalised log posterior of `evidence`, kept up to date instead of recomputed. */
  private readonly logp: Float64Array;
  /** `evidence` as the last update left it: the readers change only a few findings per act, so only those are copied. */
  private readonly before: EvidenceState;
  /** The findings the readers changed during this update, in the order they changed (kb/evidence.ts). */
  private readonly changed: EvidenceChanges = [];
  /** The posterior handed out by update, overwritten by the next one. */
  private readonly belief: Belief;
  private readonly ledger: AnswerLedger = new Map();
  /** Findings observed so far. */
  observed = 0;
  /** The patient's sex and age applied to the prior, set on the first update. */
  gate: DemographicGate | undefined;

  /** The knowledge base as it applies to this patient (kb/patient-kb.ts) once the first view is read; the shared one before. */
  kb: KnowledgeBase;

  constructor(
    kb: KnowledgeBase,
    private readonly usePresentation: boolean,
  ) {
    this.kb = kb;
    // One allocation for the five arrays: a doctor is built per encounter, and each typed array of this size is
    // allocated outside the heap, at a cost far above its few kilobytes.
    const D = kb.diseases.length;
    const F = kb.findings.length;
    const buffer = new ArrayBuffer(3 * D * 8 + 2 * F);
    this.logp = new Float64Array(buffer, 0, D);
    this.logp.set(kb.logPrior);
    this.belief = { p: new Float64Array(buffer, D * 8, D), logp: new Float64Array(buffer, 2 * D * 8, D), entropy: 0 };
    this.evidence = new Int8Array(buffer, 3 * D * 8, F);
    this.before = new Int8Array(buffer, 3 * D * 8 + F, F);
  }

  /**
   * Reads new history entries; returns the posterior over all evidence so far. The Belief is the tracker's
   * own and the next update overwrites it: read it during the act, never keep it.
   */
  update(view: DoctorView): Belief {
    const changed = this.changed;
    changed.length = 0;
    if (!this.started) {
      this.started = true;
      // Sex and age act on the prior: a man cannot have an ectopic pregnancy, whatever the findings say.
      const start = patientStart(this.kb, view.patient);
      this.gate = start.gate;
      // Findings the patient cannot have (vaginal bleeding in a man) drop out; age bands set the background rates.
      this.kb = start.kb;
      this.logp.set(start.logPrior);
      if (this.usePresentation) observePresentation(this.kb, view.presentation, this.evidence, changed);
    }
    for (; this.processed < view.history.length; this.processed++) {
      const { action, items } = view.history[this.processed];
      // What was asked for counts as taken even if refused, so a refusal can never cause a loop.
      if (action.type === 'ask') {
        for (const q of action.questions) this.askedTopics.add(topicOfQuestion(this.kb.vocabulary, q) ?? q.text);
      } else if (action.type === 'examine') {
        for (const t of action.targets) this.examinedTargets.add(canonicalTarget(t) ?? t);
      } else if (action.type === 'order') {
        for (const t of action.tests) this.orderedTests.add(t);
      }
      for (const item of items) {
        if (item.kind === 'result') this.orderedTests.add(item.testId);
        if (item.kind === 'exam') this.examinedTargets.add(item.target);
      }
      observeItems(this.kb, items, this.evidence, this.ledger, changed);
    }
    // Only findings whose state changed touch the running sum (absent may later turn present). They are applied
    // in finding order, as a scan of every finding would: the sum's rounding, hence every probability, stays the same.
    const n = changed.length;
    if (scratch.length < n) scratch = new Int32Array(2 * n);
    for (let k = 0; k < n; k++) scratch[k] = changed[k];
    const order = n > 1 ? scratch.subarray(0, n).sort() : scratch;
    const { before, evidence, logp } = this;
    const rows = logRowsOf(this.kb);
    let moved = false;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const was = before[i];
      const now = evidence[i];
      if (was === now) continue;
      before[i] = now;
      moved = true;
      if (was === 0) this.observed++;
      // Absent turned present: the absence comes back out of the sum before the presence goes in.
      if (was !== 0) applyRow(rows, logp, i, false, true);
      applyRow(rows, logp, i, now > 0, false);
    }
    // An act that changed nothing (a refusal, a repeated answer) leaves the sum as it was, and the belief with it.
    if (!moved && this.believed) return this.belief;
    this.believed = true;
    const b = beliefInto(logp, this.belief);
    if (this.gate && this.gate.excluded.size > 0) b.excluded = this.gate.excluded;
    return b;
  }
}

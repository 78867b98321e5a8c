import { checkOptions, numberOption, type DoctorSpec } from '../spec.js';
import { ConfigError } from '../../util/errors.js';

/** The baseline doctor's tunables, from `--doctor baseline:key=value,...`. */
export interface BaselineOptions {
  /** Diagnose once the top posterior reaches this. */
  threshold: number;
  /**
   * Diagnose rather than open a fee-charging visit once the top posterior
   * reaches this. The fee is most of what an encounter costs, so it is paid
   * only while the leader is weak; once paid, questions and exams continue
   * up to `threshold`.
   */
  visitThreshold: number;
  /**
   * Exponent on cost in score = gain / (cost + 1)^costWeight. 0 ignores price
   * (pure information gain), 1 (the default) is gain per dollar. Tuned on the
   * shipped cases: 1 with visit-threshold 0.5 cost about 45% of the checklist
   * at better top-1; 0.5 (the brief's starting point) asked more and cost more
   * for about the same accuracy.
   */
  costWeight: number;
  /** Actions allowed including the diagnosis; Infinity leaves it to the protocol. */
  maxTurns: number;
  /** Expected gain in bits below which a step is not worth taking. */
  minGain: number;
  /** A test joins a batch only if its score is at least this share of the best test's. */
  batchRatio: number;
  /** Whether symptoms named in the presentation count as evidence (1) or not (0). */
  presentation: boolean;
  /**
   * Before committing, order the leader's `confirm_with` tests that have no
   * result yet, when turns and budget allow (1), or diagnose on the posterior
   * alone as the first baseline did (0).
   */
  confirm: boolean;
  /**
   * Start with a history (questions only) when the presentation leaves the
   * leader's probability under this: a non-specific complaint. 0 never does.
   */
  history: number;
}

export const BASELINE_DEFAULTS: BaselineOptions = {
  threshold: 0.85,
  visitThreshold: 0.5,
  costWeight: 1,
  maxTurns: Infinity,
  minGain: 0.01,
  batchRatio: 0.5,
  presentation: true,
  confirm: true,
  history: 0.2,
};

/** The first baseline's behaviour, kept for comparison: no confirmation, no forced history. */
export const BASELINE_V1 = { confirm: false, history: 0 } as const;

const KNOWN = ['threshold', 'visit-threshold', 'cost-weight', 'max-turns', 'min-gain', 'batch-ratio', 'presentation', 'confirm', 'history'];

/** Reads and checks the options of a baseline spec; a bad one is a ConfigError naming it. */
export function parseBaselineOptions(spec: DoctorSpec): BaselineOptions {
  checkOptions(spec, KNOWN);
  if (spec.argument !== undefined) {
    throw new ConfigError(`Doctor "${spec.kind}" takes only key=value options, not "${spec.argument}"; e.g. --doctor baseline:threshold=0.9,cost-weight=0.5.`);
  }
  const d = BASELINE_DEFAULTS;
  const maxTurns = numberOption(spec, 'max-turns', d.maxTurns, 1);
  if (Number.isFinite(maxTurns) && !Number.isInteger(maxTurns)) {
    throw new ConfigError(`Doctor option max-turns=${spec.options['max-turns']} in "${spec.raw}" must be a whole number.`);
  }
  const flag = (key: string, fallback: boolean): boolean => {
    const v = numberOption(spec, key, fallback ? 1 : 0, 0, 1);
    if (v !== 0 && v !== 1) throw new ConfigError(`Doctor option ${key}=${spec.options[key]} in "${spec.raw}" must be 0 or 1.`);
    return v === 1;
  };
  return {
    threshold: numberOption(spec, 'threshold', d.threshold, 0, 1),
    visitThreshold: numberOption(spec, 'visit-threshold', d.visitThreshold, 0, 1),
    costWeight: numberOption(spec, 'cost-weight', d.costWeight, 0, 4),
    maxTurns,
    minGain: numberOption(spec, 'min-gain', d.minGain, 0, 100),
    batchRatio: numberOption(spec, 'batch-ratio', d.batchRatio, 0, 1),
    presentation: flag('presentation', d.presentation),
    confirm: flag('confirm', d.confirm),
    history: numberOption(spec, 'history', d.history, 0, 1),
  };
}

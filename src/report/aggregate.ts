import type { EncounterDetail, RunReportData } from '../store/types.js';
import { DEFAULT_RESAMPLES, mean, wilsonInterval, type Interval } from '../scoring/stats.js';
import { clusterBootstrapMeanCi, clusteredComparison, passHatK } from '../scoring/clustered.js';
import { agreementTable, type AgreementRow } from '../scoring/agreement.js';
import { ratingsOf } from './ratings.js';
import { summarizeRubric, type RubricSummary } from './rubric-summary.js';
import { accuracyBasis, summarizeJudge, type AccuracyBasis, type JudgeSummary } from './judge-summary.js';

/** A count out of a denominator with its 95% interval: Wilson, or a case bootstrap when cases have several replicates. */
export interface Proportion extends Interval {
  successes: number;
  n: number;
  /** Set when the interval resamples cases (seeds are replicates of a case): the number of cases. */
  clusteredCases?: number;
}

/**
 * How a group's seeds relate: `single` (one encounter per case), `identical` (every case's replicates ended the
 * same way, so the doctor is deterministic here and each case counts once) or `varied` (a stochastic doctor:
 * intervals resample cases and pass^k is reported).
 */
export type Replicates = 'single' | 'identical' | 'varied';

/** A mean over `n` values, optionally with a bootstrap 95% interval. */
export interface MeanValue {
  n: number;
  mean: number;
}
export interface MeanWithCi extends MeanValue {
  low: number;
  high: number;
}

/** One specialty within a doctor/protocol group. */
export interface SpecialtySummary {
  specialty: string;
  /** Finished encounters, errors included. */
  n: number;
  scored: number;
  correct: number;
  accuracy: Proportion | null;
  meanCost: number | null;
}

/** Everything the reports say about one doctor under one protocol. */
export interface GroupSummary {
  doctor: string;
  protocol: string;
  /** Finished encounters (those with a verdict). */
  n: number;
  /** Planned encounters that have not finished; not in `n`. */
  pending: number;
  /** n − errors: the accuracy denominator. */
  scored: number;
  correct: number;
  partial: number;
  incorrect: number;
  noDiagnosis: number;
  errors: number;
  /** Top-1 correct / scored, Wilson 95% CI (the deterministic diagnosis match). */
  accuracy: Proportion | null;
  /** The llm judge's scores (SDBench's 5-point rubric), or null when the run had no judge. */
  judge: JudgeSummary | null;
  /** Which accuracy leads (charts, headline): `judge` = judge score 4 or more, `match` = the deterministic match. */
  basis: AccuracyBasis;
  /** Correct within the first three of the differential / scored. */
  top3: Proportion | null;
  /** Mean cost in USD of scored encounters, percentile bootstrap 95% CI. */
  cost: MeanWithCi | null;
  turns: MeanValue | null;
  questions: MeanValue | null;
  exams: MeanValue | null;
  tests: MeanValue | null;
  /** Mean must-ask coverage (0–1) over scored encounters whose case lists must-ask items. */
  mustAsk: MeanValue | null;
  mustOrder: MeanValue | null;
  /** Mean number of must-not tests ordered, over cases that list any. */
  mustNot: MeanValue | null;
  /** Share of encounters whose diagnosis followed a resulted `confirm_with` test (the safety scorer), where scored. */
  confirmed: MeanValue | null;
  /** Share of encounters whose final differential left out a cannot-miss diagnosis (safety scorer's cant_miss < 1). */
  cantMissMissed: MeanValue | null;
  /** Share of encounters committed at a stated probability under the closure threshold (safety scorer). */
  prematureClosure: MeanValue | null;
  /** DiagnosisArena's top-1 and top-5 from the `dxarena` scorer (a judge grades each entry 2/1/0), Wilson 95% CI; null when it did not run. */
  dxarenaTop1: Proportion | null;
  dxarenaTop5: Proportion | null;
  specialties: SpecialtySummary[];
  /** Distinct cases among the finished encounters. */
  cases: number;
  replicates: Replicates;
  /** Most finished replicates of any one case (the number of seeds, when none errored). */
  maxReplicates: number;
  /** pass^k for k = 1..maxReplicates (τ²-bench), for stochastic doctors; null otherwise. */
  passK: Array<{ k: number; value: number | null }> | null;
  /**
   * For stochastic doctors only: the Wilson interval that would be reported if every encounter were an independent
   * sample (the unclustered, too-narrow one), kept so reports can show what clustering by case changed.
   */
  naiveAccuracy: Proportion | null;
  /** HealthBench rubric scores, overall and per tag, when the run had the rubric scorer. */
  rubric: RubricSummary | null;
}

/** Two doctors compared on the encounters they share (same case, seed and protocol). */
export interface GroupComparison {
  protocol: string;
  a: string;
  b: string;
  /** Encounters both finished. */
  shared: number;
  /** Shared pairs where either side ended in error: left out of the comparison. */
  excluded: number;
  /** Pairs compared (shared − excluded). */
  n: number;
  aAccuracy: number | null;
  bAccuracy: number | null;
  /** Cases compared (pairs are clustered by case: seeds are replicates). */
  cases: number;
  /** Top-1 accuracy of A minus B with a case bootstrap 95% CI. */
  difference: Interval | null;
  /** Cases where A did better than B, and the reverse (with one pair per case: pairs only A, or only B, got right). */
  aOnly: number;
  bOnly: number;
  /** Exact sign test over cases; McNemar's exact test when each case has one pair. */
  pValue: number | null;
  /** Mean cost of A minus B over the compared pairs, case bootstrap 95% CI. */
  costDifference: Interval | null;
}

/** The aggregate of one run: every report format renders this. */
export interface RunSummary {
  runId: string;
  /** Encounters in the data, finished or not. */
  encounters: number;
  finished: number;
  pending: number;
  errors: number;
  groups: GroupSummary[];
  comparisons: GroupComparison[];
  /** How the bootstrap intervals were drawn, so they can be reproduced. */
  bootstrap: { resamples: number; seed: string };
  /** Agreement between the judge, the deterministic match and people, when the run has human labels. */
  agreement: AgreementRow[] | null;
}

export interface SummarizeOptions {
  resamples?: number;
  /** Base seed of every bootstrap; the run id by default, so a report of a run is always the same. */
  seed?: string;
  /** Headline accuracy: `auto` (default) uses the judge under protocol sdbench when the run has one. */
  accuracy?: 'auto' | AccuracyBasis;
}

/** A named score's value, or null when the scorer did not (or could not) give one. */
export function scoreValue(e: EncounterDetail, name: string): number | null {
  const v = e.scores[name]?.value;
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** The encounter's cost: the stored column, else the cost score. */
export function encounterCost(e: EncounterDetail): number | null {
  return e.cost ?? scoreValue(e, 'cost');
}

/** The encounter's turns: the stored column, else the turns score. */
export function encounterTurns(e: EncounterDetail): number | null {
  return e.turns ?? scoreValue(e, 'turns');
}

/** Whether the encounter counts towards accuracy: finished and not in error. */
export function isScored(e: EncounterDetail): boolean {
  return e.verdict !== null && e.verdict !== 'error';
}

/** Encounters in plan order; ties keep their input order. */
export function inPlanOrder(encounters: readonly EncounterDetail[]): EncounterDetail[] {
  return encounters
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.ordinal - y.e.ordinal || x.i - y.i)
    .map((x) => x.e);
}

function meanOf(values: Array<number | null>): MeanValue | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? { n: present.length, mean: mean(present) } : null;
}

function proportion(successes: number, n: number): Proportion | null {
  const w = wilsonInterval(successes, n);
  return w ? { successes, n, ...w } : null;
}

/** A 0/1 score as a proportion over the encounters that have it (a null, an ungraded one, is left out, never a 0). */
function binaryProportion(values: Array<number | null>): Proportion | null {
  const known = values.filter((v): v is number => v !== null);
  return proportion(known.filter((v) => v === 1).length, known.length);
}

function groupKey(doctor: string, protocol: string): string {
  return JSON.stringify([doctor, protocol]);
}

/** The accuracy that leads for a group: the judge's under its basis, else the deterministic match. */
export function headlineAccuracy(g: GroupSummary): Proportion | null {
  return g.basis === 'judge' && g.judge?.correct ? g.judge.correct : g.accuracy;
}

/** What an encounter ended with; replicates of a deterministic doctor share it. */
function outcomeFingerprint(e: EncounterDetail): string {
  const scores = Object.keys(e.scores)
    .sort()
    .map((k) => [k, e.scores[k].value]);
  return JSON.stringify([e.verdict, e.diagnosis, e.cost, e.turns, scores]);
}

/** Finished encounters grouped by case, in first-seen order. */
function byCase(list: readonly EncounterDetail[]): Map<string, EncounterDetail[]> {
  const out = new Map<string, EncounterDetail[]>();
  for (const e of list) {
    const l = out.get(e.caseId);
    if (l) l.push(e);
    else out.set(e.caseId, [e]);
  }
  return out;
}

/** Whether a group's seeds are single, identical (a deterministic doctor) or varied. */
export function replicatesOf(finished: readonly EncounterDetail[]): Replicates {
  const cases = byCase(finished);
  if ([...cases.values()].every((l) => l.length <= 1)) return 'single';
  for (const l of cases.values()) {
    const first = outcomeFingerprint(l[0]);
    if (l.some((e) => outcomeFingerprint(e) !== first)) return 'varied';
  }
  return 'identical';
}

/** Keeps the first finished encounter of each case: identical replicates are one observation. */
function firstPerCase(finished: readonly EncounterDetail[]): EncounterDetail[] {
  return [...byCase(finished).values()].map((l) => l[0]);
}

/** One doctor under one protocol from its encounters (any runs'): what a leaderboard row and a report group show. */
export function summarizeGroup(
  doctor: string,
  protocol: string,
  all: EncounterDetail[],
  opts: { resamples: number; seed: string; accuracy: 'auto' | AccuracyBasis },
): GroupSummary {
  const allFinished = all.filter((e) => e.verdict !== null);
  const replicates = replicatesOf(allFinished);
  const maxReplicates = Math.max(0, ...[...byCase(allFinished).values()].map((l) => l.length));
  // A deterministic doctor's seeds repeat one observation: counting them would narrow every interval for nothing.
  const finished = replicates === 'identical' ? firstPerCase(allFinished) : allFinished;
  const scored = finished.filter(isScored);
  const count = (v: string) => finished.filter((e) => e.verdict === v).length;
  const correct = count('correct');
  const top3Values = scored.map((e) => scoreValue(e, 'top3'));
  const top3Known = top3Values.filter((v): v is number => v !== null);
  const costs = scored.map(encounterCost).filter((v): v is number => v !== null);
  const judge = summarizeJudge(scored);
  const clusters = (value: (e: EncounterDetail) => number | null) =>
    [...byCase(scored).values()].map((l) => l.map(value).filter((v): v is number => v !== null));
  const costCi = clusterBootstrapMeanCi(clusters(encounterCost), { resamples: opts.resamples, seed: `${opts.seed}|cost|${doctor}|${protocol}` });
  const varied = replicates === 'varied';
  const accuracy = varied
    ? clusteredProportion(
        clusters((e) => (e.verdict === 'correct' ? 1 : 0)),
        { resamples: opts.resamples, seed: `${opts.seed}|acc|${doctor}|${protocol}` },
      )
    : proportion(correct, scored.length);
  const passK = varied
    ? Array.from({ length: maxReplicates }, (_, i) => ({
        k: i + 1,
        value: passHatK(
          [...byCase(scored).values()].map((l) => ({ successes: l.filter((e) => e.verdict === 'correct').length, trials: l.length })),
          i + 1,
        ),
      }))
    : null;

  const bySpecialty = new Map<string, EncounterDetail[]>();
  for (const e of finished) {
    const list = bySpecialty.get(e.specialty);
    if (list) list.push(e);
    else bySpecialty.set(e.specialty, [e]);
  }
  const specialties = [...bySpecialty.keys()].sort().map((specialty): SpecialtySummary => {
    const list = bySpecialty.get(specialty)!;
    const s = list.filter(isScored);
    const c = s.filter((e) => e.verdict === 'correct').length;
    return { specialty, n: list.length, scored: s.length, correct: c, accuracy: proportion(c, s.length), meanCost: meanOf(s.map(encounterCost))?.mean ?? null };
  });

  return {
    doctor,
    protocol,
    n: finished.length,
    pending: all.length - allFinished.length,
    scored: scored.length,
    correct,
    partial: count('partial'),
    incorrect: count('incorrect'),
    noDiagnosis: count('no-diagnosis'),
    errors: count('error'),
    accuracy,
    judge,
    basis: accuracyBasis({ protocol, judge, prefer: opts.accuracy }),
    // A scored encounter without a top3 score is left out rather than counted as a miss.
    top3: proportion(top3Known.filter((v) => v === 1).length, top3Known.length),
    cost: costCi ? { n: costs.length, mean: costCi.estimate, low: costCi.low, high: costCi.high } : null,
    turns: meanOf(scored.map(encounterTurns)),
    questions: meanOf(scored.map((e) => scoreValue(e, 'questions'))),
    exams: meanOf(scored.map((e) => scoreValue(e, 'exams'))),
    tests: meanOf(scored.map((e) => scoreValue(e, 'tests'))),
    mustAsk: meanOf(scored.map((e) => scoreValue(e, 'must_ask'))),
    mustOrder: meanOf(scored.map((e) => scoreValue(e, 'must_order'))),
    mustNot: meanOf(scored.map((e) => scoreValue(e, 'must_not'))),
    confirmed: meanOf(scored.map((e) => scoreValue(e, 'confirmed'))),
    cantMissMissed: meanOf(scored.map((e) => scoreValue(e, 'cant_miss')).map((v) => (v === null ? null : v < 1 ? 1 : 0))),
    prematureClosure: meanOf(scored.map((e) => scoreValue(e, 'premature_closure'))),
    dxarenaTop1: binaryProportion(scored.map((e) => scoreValue(e, 'dxarena_top1'))),
    dxarenaTop5: binaryProportion(scored.map((e) => scoreValue(e, 'dxarena_top5'))),
    specialties,
    cases: byCase(finished).size,
    replicates,
    maxReplicates,
    passK,
    naiveAccuracy: varied ? proportion(correct, scored.length) : null,
    rubric: summarizeRubric(finished, { resamples: opts.resamples, seed: `${opts.seed}|${doctor}|${protocol}` }),
  };
}

/** A proportion whose interval resamples cases; the estimate is pooled over every replicate. */
function clusteredProportion(clusters: number[][], opts: { resamples: number; seed: string }): Proportion | null {
  const ci = clusterBootstrapMeanCi(clusters, opts);
  if (!ci) return null;
  const n = clusters.reduce((s, c) => s + c.length, 0);
  const successes = clusters.reduce((s, c) => s + c.reduce((t, v) => t + v, 0), 0);
  return { successes, n, estimate: ci.estimate, low: ci.low, high: ci.high, clusteredCases: clusters.filter((c) => c.length > 0).length };
}

/** Finished encounters keyed by case and seed; a repeated case+seed gets its occurrence number so repeats pair in order. */
function pairingIndex(list: EncounterDetail[]): Map<string, EncounterDetail> {
  const seen = new Map<string, number>();
  const out = new Map<string, EncounterDetail>();
  for (const e of list) {
    if (e.verdict === null) continue;
    const base = JSON.stringify([e.caseId, e.seed]);
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    out.set(`${base}#${k}`, e);
  }
  return out;
}

/** Compares two lists of encounters (two doctors, or one doctor in two runs) on the cases both played. */
export function compareGroups(
  protocol: string,
  a: string,
  b: string,
  ea: EncounterDetail[],
  eb: EncounterDetail[],
  opts: { resamples: number; seed: string },
): GroupComparison | null {
  // A deterministic doctor's identical seeds count once, as in its own summary.
  const once = (l: EncounterDetail[]) => {
    const finished = l.filter((e) => e.verdict !== null);
    return replicatesOf(finished) === 'identical' ? firstPerCase(finished) : finished;
  };
  const cb = byCase(once(eb));
  const pairs: Array<[EncounterDetail, EncounterDetail]> = [];
  for (const [caseId, la] of byCase(once(ea))) {
    const lb = cb.get(caseId);
    if (!lb) continue;
    if (la.length === 1 || lb.length === 1) {
      // One side counted once (deterministic, or a single seed): it meets each replicate of the other.
      for (const x of la) for (const y of lb) pairs.push([x, y]);
      continue;
    }
    // Both sides have replicates: pair the same seeds, repeats of a seed in order.
    const ib = pairingIndex(lb);
    for (const [key, x] of pairingIndex(la)) {
      const y = ib.get(key);
      if (y) pairs.push([x, y]);
    }
  }
  if (pairs.length === 0) return null;
  const both = pairs.filter(([x, y]) => isScored(x) && isScored(y));
  const top1 = (e: EncounterDetail) => (e.verdict === 'correct' ? 1 : 0);
  const seed = `${opts.seed}|pair|${a}|${b}|${protocol}`;
  const clustered = (value: (e: EncounterDetail) => number | null) => {
    const m = new Map<string, Array<[number, number]>>();
    for (const [x, y] of both) {
      const vx = value(x);
      const vy = value(y);
      if (vx === null || vy === null) continue;
      const l = m.get(x.caseId);
      if (l) l.push([vx, vy]);
      else m.set(x.caseId, [[vx, vy]]);
    }
    return [...m.values()];
  };
  const acc = clusteredComparison(clustered(top1), { resamples: opts.resamples, seed });
  const cost = clusteredComparison(clustered(encounterCost), { resamples: opts.resamples, seed: `${seed}|cost` });
  return {
    protocol,
    a,
    b,
    shared: pairs.length,
    excluded: pairs.length - both.length,
    n: both.length,
    cases: acc?.cases ?? 0,
    aAccuracy: acc?.a ?? null,
    bAccuracy: acc?.b ?? null,
    difference: acc?.difference ?? null,
    aOnly: acc?.aBetter ?? 0,
    bOnly: acc?.bBetter ?? 0,
    pValue: acc?.pValue ?? null,
    costDifference: cost?.difference ?? null,
  };
}

/**
 * Aggregates a run per (doctor, protocol): verdict counts, accuracy with
 * Wilson CIs, costs with bootstrap CIs, process means, a per-specialty
 * breakdown, and paired comparisons of doctors on shared encounters. Groups
 * follow the order doctors (then protocols) first appear in the plan.
 */
export function summarizeRun(data: RunReportData, options: SummarizeOptions = {}): RunSummary {
  const opts = { resamples: options.resamples ?? DEFAULT_RESAMPLES, seed: options.seed ?? data.run.id };
  const groupOpts = { ...opts, accuracy: options.accuracy ?? 'auto' };
  const encounters = inPlanOrder(data.encounters);
  const doctors: string[] = [];
  const protocols: string[] = [];
  const byGroup = new Map<string, EncounterDetail[]>();
  for (const e of encounters) {
    if (!doctors.includes(e.doctor)) doctors.push(e.doctor);
    if (!protocols.includes(e.protocol)) protocols.push(e.protocol);
    const k = groupKey(e.doctor, e.protocol);
    const list = byGroup.get(k);
    if (list) list.push(e);
    else byGroup.set(k, [e]);
  }

  const groups: GroupSummary[] = [];
  for (const d of doctors) {
    for (const p of protocols) {
      const list = byGroup.get(groupKey(d, p));
      if (list) groups.push(summarizeGroup(d, p, list, groupOpts));
    }
  }

  // Only groups under the same protocol can share (case, seed, protocol) encounters.
  const comparisons: GroupComparison[] = [];
  for (const p of protocols) {
    const here = doctors.filter((d) => byGroup.has(groupKey(d, p)));
    for (let i = 0; i < here.length; i++) {
      for (let j = i + 1; j < here.length; j++) {
        const c = compareGroups(p, here[i], here[j], byGroup.get(groupKey(here[i], p))!, byGroup.get(groupKey(here[j], p))!, opts);
        if (c) comparisons.push(c);
      }
    }
  }

  const finished = encounters.filter((e) => e.verdict !== null);
  return {
    runId: data.run.id,
    encounters: encounters.length,
    finished: finished.length,
    pending: encounters.length - finished.length,
    errors: finished.filter((e) => e.verdict === 'error').length,
    groups,
    comparisons,
    bootstrap: opts,
    agreement: agreementOf(finished, opts),
  };
}

/** The agreement table when people labelled some encounters; null otherwise. */
function agreementOf(finished: readonly EncounterDetail[], opts: { resamples: number; seed: string }): AgreementRow[] | null {
  const ratings = ratingsOf(finished);
  return ratings.has('human') ? agreementTable(ratings, { resamples: opts.resamples, seed: `${opts.seed}|agreement` }) : null;
}

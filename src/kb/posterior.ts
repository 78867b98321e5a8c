import { binaryEntropyBits, type KnowledgeBase } from './knowledge-base.js';
import { startsOf } from './log-rows.js';
import { changedFindings } from './patient-kb.js';

/** One finding seen present or absent. */
export interface Observation {
  finding: number;
  present: boolean;
}

/** A posterior over the diseases of a knowledge base, with its natural logs and entropy. */
export interface Belief {
  p: Float64Array;
  logp: Float64Array;
  /** Shannon entropy of `p` in bits. */
  entropy: number;
  /** Diseases impossible for this patient (sex, age): probability 0 and never named. */
  excluded?: ReadonlySet<number>;
  /** The log normaliser beliefInto found (logp = unnormalised - logZ), for a caller that keeps beliefs to reuse. */
  logZ?: number;
}

/** Gains of outcome sets larger than this many findings are approximated (2^k outcomes). */
export const JOINT_LIMIT = 5;

const LN2 = Math.LN2;

/**
 * Naive-Bayes log posterior up to a constant: log prior plus, per observation,
 * log P(observation | disease) relative to the finding's background (a shift
 * shared by every disease that does not list it, so normalising removes it).
 */
export function logPosterior(kb: KnowledgeBase, observations: Iterable<Observation>, out = new Float64Array(kb.diseases.length)): Float64Array {
  out.set(kb.logPrior);
  for (const o of observations) applyObservation(kb, out, o);
  return out;
}

/**
 * Adds one observation to a running log posterior with a weight: 1 adds it,
 * -1 takes it back out, and a weight below 1 tempers it. Only the diseases
 * that list the finding move, so this costs the number of listers.
 */
export function applyObservation(kb: KnowledgeBase, logp: Float64Array, o: Observation, weight = 1): void {
  const js = kb.listedBy[o.finding];
  const delta = o.present ? kb.deltaLogPresent[o.finding] : kb.deltaLogAbsent[o.finding];
  for (let k = 0; k < js.length; k++) logp[js[k]] += weight * delta[k];
}

/** Normalises a log posterior in place (log-sum-exp) and returns the probabilities. */
export function normalizeLog(logp: Float64Array, p = new Float64Array(logp.length)): Float64Array {
  let max = -Infinity;
  for (let j = 0; j < logp.length; j++) if (logp[j] > max) max = logp[j];
  let sum = 0;
  for (let j = 0; j < logp.length; j++) sum += p[j] = Math.exp(logp[j] - max);
  const logZ = max + Math.log(sum);
  for (let j = 0; j < logp.length; j++) {
    logp[j] -= logZ;
    p[j] /= sum;
  }
  return p;
}

/** The posterior over diseases given observations, as probabilities summing to 1. */
export function posterior(kb: KnowledgeBase, observations: Iterable<Observation>): Float64Array {
  return normalizeLog(logPosterior(kb, observations));
}

/** Builds a Belief (posterior, normalised log posterior, entropy) from observations. */
export function belief(kb: KnowledgeBase, observations: Iterable<Observation>): Belief {
  return beliefFromLog(logPosterior(kb, observations));
}

/**
 * Builds a Belief from an unnormalised log posterior (left untouched), for
 * callers that keep a running sum of log likelihoods instead of recomputing it.
 */
export function beliefFromLog(unnormalised: Float64Array): Belief {
  const logp = Float64Array.from(unnormalised);
  const p = normalizeLog(logp);
  let h = 0;
  for (let j = 0; j < p.length; j++) if (p[j] > 0) h -= p[j] * logp[j];
  return { p, logp, entropy: h / LN2 };
}

// Below this, exp() is exactly 0 in double precision (the smallest subnormal is e^-744.4): excluded diseases sit here.
const EXP_UNDERFLOW = -746;

/**
 * beliefFromLog into a Belief the caller owns (its arrays of the right length), for a caller that builds one
 * every turn: the same operations in the same order, so every value is bit for bit the one beliefFromLog gives,
 * in one pass fewer and without allocating.
 */
export function beliefInto(unnormalised: Float64Array, out: Belief): Belief {
  const { p, logp } = out;
  const n = unnormalised.length;
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (unnormalised[j] > max) max = unnormalised[j];
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const x = unnormalised[j] - max;
    sum += p[j] = x < EXP_UNDERFLOW ? 0 : Math.exp(x);
  }
  const logZ = max + Math.log(sum);
  out.logZ = logZ;
  let h = 0;
  for (let j = 0; j < n; j++) {
    const lj = (logp[j] = unnormalised[j] - logZ);
    const pj = (p[j] /= sum);
    if (pj > 0) h -= pj * lj;
  }
  out.entropy = h / LN2;
  return out;
}

/** Shannon entropy in bits of a probability vector. */
export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let j = 0; j < p.length; j++) if (p[j] > 0) h -= p[j] * Math.log(p[j]);
  return h / LN2;
}

/** P(finding present) under the belief: the background plus the listers' departures from it. */
export function findingProbability(kb: KnowledgeBase, b: Belief, finding: number): number {
  const js = kb.listedBy[finding];
  const dp = kb.deltaP[finding];
  let p1 = kb.findings[finding].background;
  for (let k = 0; k < js.length; k++) p1 += b.p[js[k]] * dp[k];
  return p1;
}

/** H(f | D) = Σ p(d) h(P(f|d)) in bits, computed from the listers only. */
function conditionalEntropy(kb: KnowledgeBase, b: Belief, finding: number): number {
  const js = kb.listedBy[finding];
  const dh = kb.deltaH[finding];
  let e = kb.backgroundH[finding];
  for (let k = 0; k < js.length; k++) e += b.p[js[k]] * dh[k];
  return e;
}

/**
 * Expected entropy reduction (bits) from observing one finding, as the mutual
 * information I(D; f) = H(f) - H(f | D) = h(Σ p q) - Σ p h(q). Both sums run
 * over the few diseases that list the finding (the rest share the background).
 */
export function findingGain(kb: KnowledgeBase, b: Belief, finding: number): number {
  const js = kb.listedBy[finding];
  const dp = kb.deltaP[finding];
  const dh = kb.deltaH[finding];
  let p1 = kb.findings[finding].background;
  let e = kb.backgroundH[finding];
  let mass = 0;
  for (let k = 0; k < js.length; k++) {
    const pj = b.p[js[k]];
    mass += pj;
    p1 += pj * dp[k];
    e += pj * dh[k];
  }
  // Once the posterior has left every disease that lists it, a finding cannot inform: skip the logs.
  if (mass < 1e-9) return 0;
  const gain = binaryEntropyBits(p1) - e;
  return gain > 0 ? gain : 0;
}

/**
 * Every finding's sparse row laid end to end (listers, then P and h departures interleaved), built once per
 * knowledge base or patient view. Per-finding typed arrays scatter over the heap; one pass over contiguous
 * arrays is several times faster when every finding's gain is wanted at once.
 */
export interface FlatRows {
  start: Int32Array;
  listers: Int32Array;
  /** deltaP and deltaH of each lister, interleaved. */
  ph: Float64Array;
  background: Float64Array;
}

const flatRows = new WeakMap<KnowledgeBase, FlatRows>();
// The last knowledge base asked about and its rows: scoring asks once per candidate, hundreds of times an act,
// always about the same patient view.
let lastKb: KnowledgeBase | undefined;
let lastFlat: FlatRows | undefined;

function flatOf(kb: KnowledgeBase): FlatRows {
  if (kb === lastKb) return lastFlat!;
  let flat = flatRows.get(kb);
  if (!flat) {
    const changed = kb.base && changedFindings(kb);
    flat = changed ? spliceFlat(kb, flatOf(kb.base!), changed) : buildFlat(kb);
    flatRows.set(kb, flat);
  }
  lastKb = kb;
  lastFlat = flat;
  return flat;
}

/** The flat rows, finding by finding. */
function buildFlat(kb: KnowledgeBase): FlatRows {
  const F = kb.findings.length;
  const start = startsOf(kb);
  const listers = new Int32Array(start[F]);
  const ph = new Float64Array(2 * start[F]);
  const background = new Float64Array(F);
  for (let i = 0; i < F; i++) {
    writeFlatRow(kb, i, start[i], listers, ph);
    background[i] = kb.findings[i].background;
  }
  return { start, listers, ph, background };
}

function writeFlatRow(kb: KnowledgeBase, i: number, at: number, listers: Int32Array, ph: Float64Array): void {
  listers.set(kb.listedBy[i], at);
  const dp = kb.deltaP[i];
  const dh = kb.deltaH[i];
  for (let k = 0; k < dp.length; k++) {
    ph[2 * (at + k)] = dp[k];
    ph[2 * (at + k) + 1] = dh[k];
  }
}

/**
 * A patient view's flat rows from its shared knowledge base's, as buildFlat would lay them: runs of unchanged
 * findings (whose rows and backgrounds are the shared ones) copied whole, the changed findings written one by one
 * (kb/log-rows.ts does the same for the log rows).
 */
function spliceFlat(kb: KnowledgeBase, base: FlatRows, changed: readonly number[]): FlatRows {
  const F = kb.findings.length;
  const start = startsOf(kb);
  const listers = new Int32Array(start[F]);
  const ph = new Float64Array(2 * start[F]);
  const background = Float64Array.from(base.background);
  const copy = (from: number, to: number) => {
    if (from >= to) return;
    const a = base.start[from];
    const b = base.start[to];
    listers.set(base.listers.subarray(a, b), start[from]);
    ph.set(base.ph.subarray(2 * a, 2 * b), 2 * start[from]);
  };
  let next = 0;
  for (const i of changed) {
    copy(next, i);
    writeFlatRow(kb, i, start[i], listers, ph);
    background[i] = kb.findings[i].background;
    next = i + 1;
  }
  copy(next, F);
  return { start, listers, ph, background };
}

/** The flat rows of a knowledge base, built finding by finding without the cache (tests compare the two). */
export function flatRowsForTest(kb: KnowledgeBase, cached: boolean): FlatRows {
  return cached ? flatOf(kb) : buildFlat(kb);
}

/**
 * findingGain of every finding not yet observed (evidence 0), into `out`; observed findings get 0. The same
 * sums in the same order as findingGain, so each value is bit for bit the one findingGain returns. With
 * `conditional`, H(f | D) of each unobserved finding goes there too (for informationGain).
 */
export function findingGains(kb: KnowledgeBase, b: Belief, evidence: Int8Array, out: Float64Array, conditional?: Float64Array): void {
  const { start, listers, ph, background } = flatOf(kb);
  const p = b.p;
  const bgH = kb.backgroundH;
  const F = kb.findings.length;
  for (let i = 0; i < F; i++) {
    if (evidence[i] !== 0) {
      out[i] = 0;
      continue;
    }
    let p1 = background[i];
    let e = bgH[i];
    let mass = 0;
    for (let k = start[i], end = start[i + 1]; k < end; k++) {
      const pj = p[listers[k]];
      mass += pj;
      p1 += pj * ph[2 * k];
      e += pj * ph[2 * k + 1];
    }
    if (conditional) conditional[i] = e;
    if (mass < 1e-9) {
      out[i] = 0;
      continue;
    }
    const gain = binaryEntropyBits(p1) - e;
    out[i] = gain > 0 ? gain : 0;
  }
}

/**
 * The sum of findingGain over the findings of a list not yet observed (evidence 0), in list order, each gain
 * bit for bit the one findingGain returns; H(f | D) of each goes into `conditional` (for informationGain).
 * For a caller that wants the gains of some findings only (one move's), where findingGains does them all.
 */
export function openGainSum(kb: KnowledgeBase, b: Belief, findings: readonly number[], evidence: Int8Array, conditional: Float64Array): number {
  const { start, listers, ph, background } = flatOf(kb);
  const p = b.p;
  const bgH = kb.backgroundH;
  let sum = 0;
  for (let f = 0; f < findings.length; f++) {
    const i = findings[f];
    if (evidence[i] !== 0) continue;
    let p1 = background[i];
    let e = bgH[i];
    let mass = 0;
    for (let k = start[i], end = start[i + 1]; k < end; k++) {
      const pj = p[listers[k]];
      mass += pj;
      p1 += pj * ph[2 * k];
      e += pj * ph[2 * k + 1];
    }
    conditional[i] = e;
    if (mass < 1e-9) continue;
    const gain = binaryEntropyBits(p1) - e;
    if (gain > 0) sum += gain;
  }
  return sum;
}

// Scratch for joint outcomes, reused across calls: gains run in hot loops.
const SIZE = 1 << JOINT_LIMIT;
const scratchA = new Float64Array(SIZE);
const scratchP = new Float64Array(SIZE);
let stamp = new Uint32Array(0);
let stampNow = 0;

// The likelihood rows of the findings of the current joint computation, hoisted out of the per-disease loop.
const rows: Float64Array[] = [];

/** Adds the outcome distribution over the first k findings of one disease (column j of `rows`), weighted by w, into scratchP. */
function addOutcomes(k: number, j: number, w: number): void {
  scratchA[0] = w;
  let size = 1;
  for (let f = 0; f < k; f++) {
    const q = rows[f][j];
    for (let o = 0; o < size; o++) {
      scratchA[o + size] = scratchA[o] * q;
      scratchA[o] -= scratchA[o + size];
    }
    size *= 2;
  }
  for (let o = 0; o < size; o++) scratchP[o] += scratchA[o];
}

/** The same for every disease that lists none of the findings: each finding at its background rate. */
function addBackgroundOutcomes(kb: KnowledgeBase, findings: readonly number[], w: number): void {
  scratchA[0] = w;
  let size = 1;
  for (let f = 0; f < findings.length; f++) {
    const q = kb.findings[findings[f]].background;
    for (let o = 0; o < size; o++) {
      scratchA[o + size] = scratchA[o] * q;
      scratchA[o] -= scratchA[o + size];
    }
    size *= 2;
  }
  for (let o = 0; o < size; o++) scratchP[o] += scratchA[o];
}

/**
 * Expected entropy reduction (bits) from observing several findings at once
 * (one question's answer, one exam target, one test's result):
 * I(D; O) = H(O) - Σ_f H(f | D), since findings are independent given the
 * disease. H(O) is exact over the 2^k joint outcomes up to JOINT_LIMIT
 * findings, with every disease that lists none of them folded into one
 * background term; beyond that the sum of the single gains, capped at the
 * entropy, stands in: an upper bound (information is subadditive here).
 * `conditional`, when given, holds H(f | D) of each finding as findingGains
 * left it, so the joint case need not sum the listers again.
 */
export function informationGain(kb: KnowledgeBase, b: Belief, findings: readonly number[], conditional?: Float64Array): number {
  const k = findings.length;
  if (k === 0) return 0;
  if (k === 1) return findingGain(kb, b, findings[0]);
  if (k > JOINT_LIMIT) {
    let sum = 0;
    for (const f of findings) sum += findingGain(kb, b, f);
    return Math.min(sum, b.entropy);
  }
  const D = b.p.length;
  if (stamp.length < D) stamp = new Uint32Array(D);
  if (++stampNow === 0xffffffff) {
    stamp.fill(0);
    stampNow = 1;
  }
  scratchP.fill(0, 0, 1 << k);
  for (let f = 0; f < k; f++) rows[f] = kb.likelihood[findings[f]];
  const p = b.p;
  let listedMass = 0;
  for (const f of findings) {
    const js = kb.listedBy[f];
    for (let t = 0; t < js.length; t++) {
      const j = js[t];
      if (stamp[j] === stampNow) continue;
      stamp[j] = stampNow;
      const pj = p[j];
      // A disease the posterior has left (an excluded one) would add only zeros.
      if (pj === 0) continue;
      listedMass += pj;
      addOutcomes(k, j, pj);
    }
  }
  const rest = 1 - listedMass;
  if (rest > 0) addBackgroundOutcomes(kb, findings, rest);
  let gain = 0;
  for (let o = 0; o < 1 << k; o++) if (scratchP[o] > 0) gain -= scratchP[o] * Math.log(scratchP[o]);
  gain /= LN2;
  for (const f of findings) gain -= conditional ? conditional[f] : conditionalEntropy(kb, b, f);
  return gain > 0 ? gain : 0;
}

/**
 * Indices of the k most probable diseases, most probable first; ties go to the lower index (id order).
 * Diseases in `skip` (a patient's excluded ones) are passed over, as if the list were cut after them.
 */
export function topDiseases(p: ArrayLike<number>, k: number, skip?: ReadonlySet<number>): number[] {
  const out: number[] = [];
  // Once the list is full, the probability of its last entry: most diseases fall below it, one comparison each.
  let floor = -Infinity;
  for (let j = 0; j < p.length; j++) {
    const pj = p[j];
    if (out.length === k && pj <= floor) continue;
    if (skip !== undefined && skip.has(j)) continue;
    let at = out.length < k ? out.length : k - 1;
    out[at] = j;
    // Strict > keeps earlier (lower-id) diseases ahead on ties.
    while (at > 0 && p[out[at - 1]] < pj) {
      out[at] = out[at - 1];
      out[--at] = j;
    }
    if (out.length === k) floor = p[out[k - 1]];
  }
  return out;
}

import type { Belief } from '../kb/posterior.js';

/**
 * The posteriors a knowledge-base doctor has reached, as a tree per patient start (knowledge-base view and gated
 * prior, kb-tracker.ts): a child is the belief after one act's changes (which findings moved, from what to what)
 * applied to its parent's running sum. The deterministic hospital shows every seed of a case the same replies,
 * so later encounters walk the tree and copy each belief instead of normalising (an exp per disease) again.
 *
 * A belief is a function of the start and the sequence of change lists alone (the sum is built from them in a
 * fixed order), so a belief taken from the tree is bit for bit the one normalising would give.
 */
export interface BeliefNode {
  /** The memo generation it belongs to: a node of an earlier one is dropped and never read. */
  readonly gen: number;
  /** The running (unnormalised) log posterior, probabilities, log normaliser and entropy at this node (none at a root, which no act returns). */
  readonly u: Float64Array | undefined;
  readonly p: Float64Array | undefined;
  readonly logZ: number;
  readonly entropy: number;
  next: Map<string, BeliefNode> | undefined;
}

// Numbers held (two per disease and act) before the memo is dropped whole: 48 MB, some 4,000 acts of a 739-disease
// base (the core suite's 270 cases take about 2,000 under the baseline and 3,500 under the checklist).
const LIMIT = 6_000_000;
let generation = 1;
let held = 0;

/** A fresh root (a patient start's). */
export function rootNode(): BeliefNode {
  return { gen: generation, u: undefined, p: undefined, logZ: 0, entropy: 0, next: undefined };
}

/** Whether a node belongs to the memo as it stands (not dropped since). */
export function isLive(node: BeliefNode): boolean {
  return node.gen === generation;
}

/** The child of a live node for one act's change key, if some encounter reached it before. */
export function childOf(node: BeliefNode, key: string): BeliefNode | undefined {
  return node.gen === generation ? node.next?.get(key) : undefined;
}

/**
 * Copies a node's running sum into `unnormalised` and its belief into `out`, the log posterior from the sum as
 * normalising computes it (unnormalised - logZ), so every value is the one normalising gives.
 */
export function readNode(node: BeliefNode, unnormalised: Float64Array, out: Belief): Belief {
  const u = node.u!;
  unnormalised.set(u);
  out.p.set(node.p!);
  const { logp } = out;
  const logZ = node.logZ;
  for (let j = 0; j < logp.length; j++) logp[j] = u[j] - logZ;
  out.logZ = logZ;
  out.entropy = node.entropy;
  return out;
}

/**
 * Keeps a running sum and the belief just computed from it (by beliefInto, so with its logZ) as the child of a
 * live node; returns the child, or undefined when the memo was full and has been dropped (the caller then stops
 * memoising this encounter).
 */
export function remember(node: BeliefNode, key: string, unnormalised: Float64Array, b: Belief): BeliefNode | undefined {
  if (node.gen !== generation) return undefined;
  if (held + 2 * b.p.length > LIMIT) {
    generation++;
    held = 0;
    return undefined;
  }
  held += 2 * b.p.length;
  const child: BeliefNode = {
    gen: generation,
    u: Float64Array.from(unnormalised),
    p: Float64Array.from(b.p),
    logZ: b.logZ!,
    entropy: b.entropy,
    next: undefined,
  };
  (node.next ??= new Map()).set(key, child);
  return child;
}

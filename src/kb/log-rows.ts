import type { KnowledgeBase } from './knowledge-base.js';
import { changedFindings } from './patient-kb.js';

/**
 * Every finding's listers and log-likelihood departures (deltaLogPresent, deltaLogAbsent) laid end to end, built
 * once per knowledge base or patient view. A running log posterior applies a few dozen findings per act; read
 * through the per-finding typed arrays, each one costs several scattered loads (the row, its backing store) before
 * the first addition, where here it costs one.
 */
export interface LogRows {
  /** Finding i's listers sit at start[i] .. start[i + 1] - 1. */
  start: Int32Array;
  listers: Int32Array;
  present: Float64Array;
  absent: Float64Array;
}

const rows = new WeakMap<KnowledgeBase, LogRows>();

/** The flat rows of a knowledge base (cached). A patient view's are the shared knowledge base's, re-laid where it changed. */
export function logRowsOf(kb: KnowledgeBase): LogRows {
  let r = rows.get(kb);
  if (r) return r;
  const changed = kb.base && changedFindings(kb);
  r = changed ? spliceLogRows(kb, logRowsOf(kb.base!), changed) : buildLogRows(kb);
  rows.set(kb, r);
  return r;
}

/** The flat rows, finding by finding. */
export function buildLogRows(kb: KnowledgeBase): LogRows {
  const F = kb.findings.length;
  const start = startsOf(kb);
  const listers = new Int32Array(start[F]);
  const present = new Float64Array(start[F]);
  const absent = new Float64Array(start[F]);
  for (let i = 0; i < F; i++) {
    listers.set(kb.listedBy[i], start[i]);
    present.set(kb.deltaLogPresent[i], start[i]);
    absent.set(kb.deltaLogAbsent[i], start[i]);
  }
  return { start, listers, present, absent };
}

/** Where each finding's listers start in a flat layout (and, at F, their total). */
export function startsOf(kb: KnowledgeBase): Int32Array {
  const F = kb.findings.length;
  const start = new Int32Array(F + 1);
  for (let i = 0; i < F; i++) start[i + 1] = start[i] + kb.listedBy[i].length;
  return start;
}

/**
 * A patient view's flat rows from its shared knowledge base's: the same arrays buildLogRows gives, the runs of
 * unchanged findings copied whole (their rows are the shared ones) and only the changed findings' rows written one
 * by one. Patient views are built per encounter's first act, and a few dozen of some 1,600 findings change.
 */
function spliceLogRows(kb: KnowledgeBase, base: LogRows, changed: readonly number[]): LogRows {
  const F = kb.findings.length;
  const start = startsOf(kb);
  const listers = new Int32Array(start[F]);
  const present = new Float64Array(start[F]);
  const absent = new Float64Array(start[F]);
  const copy = (from: number, to: number) => {
    if (from >= to) return;
    const a = base.start[from];
    const b = base.start[to];
    listers.set(base.listers.subarray(a, b), start[from]);
    present.set(base.present.subarray(a, b), start[from]);
    absent.set(base.absent.subarray(a, b), start[from]);
  };
  let next = 0;
  for (const i of changed) {
    copy(next, i);
    listers.set(kb.listedBy[i], start[i]);
    present.set(kb.deltaLogPresent[i], start[i]);
    absent.set(kb.deltaLogAbsent[i], start[i]);
    next = i + 1;
  }
  copy(next, F);
  return { start, listers, present, absent };
}

/**
 * applyObservation (kb/posterior.ts) on the flat rows, weight 1 (add) or -1 (take back out): the same additions
 * in the same order, so the sum is bit for bit the same (x + -1 * d is x - d exactly).
 */
export function applyRow(r: LogRows, logp: Float64Array, finding: number, present: boolean, remove: boolean): void {
  const { listers } = r;
  const delta = present ? r.present : r.absent;
  const end = r.start[finding + 1];
  if (remove) for (let k = r.start[finding]; k < end; k++) logp[listers[k]] -= delta[k];
  else for (let k = r.start[finding]; k < end; k++) logp[listers[k]] += delta[k];
}

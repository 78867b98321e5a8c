import type { Doctor, DoctorContext } from '../encounter/doctor.js';
import type { DoctorView } from '../encounter/view.js';
import type { Action } from '../encounter/actions.js';

/**
 * A doctor whose act is a function of the views it was shown and nothing else (no rng, no clock, no model):
 * the same sequence of views always gets the same sequence of actions and notes. `catchUp`, when given, brings
 * its state up to a view without choosing a move (cheaper than an act whose answer is thrown away).
 */
export interface PureDoctor extends Doctor {
  act(view: DoctorView): Action;
  catchUp?(view: DoctorView): void;
}

/** One act some encounter made: its action and notes, and the acts that followed it, by what the next view added. */
interface ActNode {
  readonly gen: number;
  readonly action: Action | undefined;
  readonly notes: ReadonlyArray<readonly [string, unknown]>;
  next: Map<string, ActNode> | undefined;
}

// What the memo may hold before it is dropped whole, counted as each key's length plus a node's own cost (its map
// entry, action and notes, ~500 bytes). The core suite's 270 cases take some 2,000 acts under the baseline, a
// little over a kilobyte each; 64 million is some 50,000 acts and under 100 MB.
const DEFAULT_LIMIT = 64_000_000;
let limit = DEFAULT_LIMIT;
const NODE_COST = 500;
let generation = 1;
let held = 0;

// Roots by catalog (prices and the knowledge base built against it), then by the doctor's configuration and what
// the view holds from the start (presentation, patient, protocol, media, record). A generation's roots go with it.
const roots = new WeakMap<object, { gen: number; byStart: Map<string, ActNode> }>();

function rootFor(scope: string, catalog: object, view: DoctorView): ActNode | undefined {
  let table = roots.get(catalog);
  if (!table || table.gen !== generation) roots.set(catalog, (table = { gen: generation, byStart: new Map() }));
  const key = JSON.stringify([scope, view.presentation, view.patient, view.protocol, view.media, view.record, view.ehr, view.conversation]);
  let root = table.byStart.get(key);
  if (!root) {
    if (!hold(key)) return undefined;
    table.byStart.set(key, (root = { gen: generation, action: undefined, notes: [], next: undefined }));
  }
  return root;
}

/** Counts a new node against the limit; false (and the memo dropped whole) when it is full. */
function hold(key: string): boolean {
  held += key.length + NODE_COST;
  if (held <= limit) return true;
  generation++;
  held = 0;
  return false;
}

/** What one view adds to the last one: the counters and the history entries since, as a key. */
function stepKey(view: DoctorView, from: number): string {
  return JSON.stringify([view.turn, view.turnsLeft, view.cost, view.budgetLeft, view.inVisit, view.imagesOnRequest, view.history.slice(from)]);
}

/** A view as the doctor saw it at an earlier act: its history cut where it then ended, and that act's counters. */
interface PastView {
  historyLength: number;
  turn: number;
  turnsLeft: number;
  cost: number;
  budgetLeft: number | null;
  inVisit: boolean;
  imagesOnRequest: number | undefined;
}

/**
 * Wraps a pure doctor so that an encounter retracing one already played gets each act from a memo: the
 * deterministic hospital shows every seed of a case the same replies, so every seed after the first would
 * recompute the same posterior and the same move choice. The doctor itself is built on the first act the memo
 * cannot answer, and first catches up on the acts answered for it, so from there on it acts exactly as if it had
 * made them. Actions and notes handed out from the memo are the ones first recorded, shared: neither is mutated
 * downstream (the engine copies an action when it parses it; notes are serialised).
 */
export class MemoizedDoctor implements Doctor {
  private inner: PureDoctor | undefined;
  private node: ActNode | undefined;
  private started = false;
  /** History entries already accounted for in the memo path. */
  private seen = 0;
  /** The acts answered from the memo that the doctor has not yet seen. */
  private readonly owed: PastView[] = [];
  private recording: Array<readonly [string, unknown]> | undefined;
  private muted = false;

  constructor(
    private readonly ctx: DoctorContext,
    /** The doctor's kind and options, as a string: encounters share a memo only under the same one. */
    private readonly scope: string,
    private readonly make: (ctx: DoctorContext) => PureDoctor,
  ) {}

  act(view: DoctorView): Action {
    if (!this.started) {
      this.started = true;
      this.node = rootFor(this.scope, this.ctx.catalog, view);
    }
    const at = this.node;
    const key = at ? stepKey(view, this.seen) : '';
    this.seen = view.history.length;
    const hit = at && at.gen === generation ? at.next?.get(key) : undefined;
    if (hit) {
      this.node = hit;
      for (const [kind, data] of hit.notes) this.ctx.note?.(kind, data);
      this.owed.push({
        historyLength: view.history.length,
        turn: view.turn,
        turnsLeft: view.turnsLeft,
        cost: view.cost,
        budgetLeft: view.budgetLeft,
        inVisit: view.inVisit,
        imagesOnRequest: view.imagesOnRequest,
      });
      return hit.action!;
    }
    const doctor = this.doctor(view);
    const notes: Array<readonly [string, unknown]> = [];
    this.recording = notes;
    let action: Action;
    try {
      action = doctor.act(view);
    } finally {
      this.recording = undefined;
    }
    this.node = at && remember(at, key, action, notes);
    return action;
  }

  /** The doctor, built on first need and brought up to date with the acts the memo answered. */
  private doctor(view: DoctorView): PureDoctor {
    if (!this.inner) {
      this.inner = this.make({
        ...this.ctx,
        note: (kind, data) => {
          if (this.muted) return;
          this.recording?.push([kind, data]);
          this.ctx.note?.(kind, data);
        },
      });
    }
    const doctor = this.inner;
    if (this.owed.length > 0) {
      this.muted = true;
      try {
        for (const past of this.owed) {
          const then: DoctorView = { ...view, ...past, history: view.history.slice(0, past.historyLength) };
          if (doctor.catchUp) doctor.catchUp(then);
          else doctor.act(then);
        }
      } finally {
        this.muted = false;
      }
      this.owed.length = 0;
    }
    return doctor;
  }
}

/** Keeps an act as the child of a live node; undefined when the memo was full and has been dropped. */
function remember(node: ActNode, key: string, action: Action, notes: ReadonlyArray<readonly [string, unknown]>): ActNode | undefined {
  if (node.gen !== generation) return undefined;
  if (!hold(key)) return undefined;
  const child: ActNode = { gen: generation, action, notes, next: undefined };
  (node.next ??= new Map()).set(key, child);
  return child;
}

/** Forgets every remembered act (tests, benches). */
export function clearActMemo(): void {
  generation++;
  held = 0;
}

/** Sets what the memo may hold (see DEFAULT_LIMIT), or restores the default; forgets every remembered act (tests). */
export function setActMemoLimit(n = DEFAULT_LIMIT): void {
  limit = n;
  clearActMemo();
}

import type { Action } from './actions.js';
import type { DoctorView } from './view.js';
import type { Protocol } from './protocol.js';
import type { Catalog } from '../case/catalog.js';
import type { Rng } from '../util/rng.js';
import type { EventBody } from './events.js';

/** What a doctor may use besides the view: never the case itself. */
export interface DoctorContext {
  catalog: Catalog;
  protocol: Protocol;
  rng: Rng;
  signal?: AbortSignal;
  /** The disease this encounter's cognitive biases steer towards (from the case's differential, by seed), if any. */
  biasDisease?: string;
  /** Lets a doctor record its deliberation as `note` events. */
  note?: (kind: string, data: unknown) => void;
}

/** A policy: view in, action out. One instance serves one encounter. */
export interface Doctor {
  act(view: DoctorView): Action | Promise<Action>;
}

/** Builds a fresh doctor for each encounter. `name` is how it appears in runs and reports. */
export interface DoctorFactory {
  name: string;
  create(ctx: DoctorContext): Doctor;
  /**
   * True when its doctors make no model, network or human call and act only on the view and the rng: a resume
   * replays such an encounter exactly, so its events may be committed together at the end instead of step by step.
   */
  replayable?: boolean;
}

export type { EventBody };

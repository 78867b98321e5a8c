import type { Action, Question } from './actions.js';
import type { Protocol } from './protocol.js';
import type { Result } from '../case/schema.js';
import type { ShownMedia } from './events.js';

/** One thing the doctor learned from an action, as the doctor sees it. */
export type RevealedItem =
  | { kind: 'answer'; question: Question; text: string }
  | { kind: 'exam'; target: string; text: string }
  | { kind: 'result'; request: string; testId: string; name: string; price: number; result: Result }
  | { kind: 'notice'; text: string }
  | { kind: 'image'; media: ShownMedia; text: string }
  /** A FHIR server's answer to one call: status and body (a resource, a Bundle or an OperationOutcome). */
  | { kind: 'fhir'; method: string; url: string; status: number; body: unknown };

/** What came back from one action. */
export interface Observation {
  turn: number;
  items: RevealedItem[];
  cost: number;
  ended: boolean;
}

/** Everything the doctor is allowed to see: the presentation and what has been revealed. */
export interface DoctorView {
  presentation: string;
  patient: { age: number; ageUnit: string; sex: string; speaker: string };
  protocol: Protocol;
  /** Turns used so far (each action is one turn). */
  turn: number;
  turnsLeft: number;
  cost: number;
  /** Budget left, or null when the protocol has none. */
  budgetLeft: number | null;
  /** Whether the next ask/examine would be charged a new visit fee. */
  inVisit: boolean;
  history: Array<{ turn: number; action: Action; items: RevealedItem[] }>;
  /** Images shown with the presentation (`revealed: start`); absent when the case has none. */
  media?: ShownMedia[];
  /** An EHR task: its id, the clock ("it is now") and the FHIR base URL the doctor's calls go to. */
  ehr?: { taskId: string; now: string; fhirBase: string };
  /**
   * A clinical case with the patient's prior record (an `ehr` section without a task): the FHIR base URL, the
   * patient's id there and the encounter's clock. FHIR calls read the record; the encounter is still scored on its diagnosis.
   */
  record?: { patient: string; now: string; fhirBase: string };
  /** A conversation case: the messages so far; the doctor writes the next assistant message (a `respond` action). */
  conversation?: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  /** How many of the case's images are still to be shown on request (an `image` action). */
  imagesOnRequest?: number;
}

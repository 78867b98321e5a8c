import type { Action, DifferentialEntry, Question } from './actions.js';
import type { Protocol } from './protocol.js';
import type { Result } from '../case/schema.js';
import type { LabDecision } from '../case/lab-answer.js';

/** One image as shown to the doctor: where it is and its caption (never the case's other fields). */
export interface ShownMedia {
  id: string;
  url?: string;
  path?: string;
  caption: string;
}

export const END_REASONS = ['diagnosed', 'finished', 'turn-limit', 'budget', 'error', 'cancelled'] as const;
export type EndReason = (typeof END_REASONS)[number];

/**
 * How a patient's reply was found: which matching rule hit, none (a pertinent
 * negative), or unclear (the patient did not understand; never a negative).
 */
export type MatchKind = 'fact-id' | 'topic' | 'alias' | 'synonym' | 'text' | 'none' | 'unclear';

/** The payload of each event type; an encounter is its list of these. */
export type EventBody =
  | {
      type: 'start';
      caseId: string;
      protocol: Protocol;
      seed: string;
      presentation: string;
      patient: { age: number; ageUnit: string; sex: string; speaker: string };
    }
  | { type: 'action'; turn: number; action: Action }
  | { type: 'visit'; turn: number; fee: number }
  | {
      type: 'answer';
      turn: number;
      question: Question;
      factIds: string[];
      matched: MatchKind;
      text: string;
      /** Which of the patient's rules produced the reply ("opener", "follow-up:duration", "deny:fever"...). */
      rule?: string;
      /** How sure the patient was of what was asked, 0 to 1. */
      confidence?: number;
    }
  | { type: 'exam'; turn: number; target: string; factIds: string[]; normal: boolean; text: string }
  | {
      type: 'result';
      turn: number;
      request: string;
      testId: string;
      name: string;
      price: number;
      result: Result;
      /** True when the case does not list this test and the lab made the result up. */
      synthetic: boolean;
      /** True for a case-local test (`local:*`, imported cases): not in the catalog, no price. */
      local?: boolean;
      /** How the lab answered: case, component, equivalent, assembled, synthetic, adjusted or withheld. */
      decision?: LabDecision;
      /** Case result keys the answer was read from (e.g. `venous-blood-gas` for an ordered ABG). */
      resolvedFrom?: string[];
      /** Why the lab answered as it did, for audit; never shown to the doctor. */
      reason?: string;
    }
  | { type: 'unrecognised'; turn: number; request: string; text: string }
  /** Images shown to the doctor: at the start (turn 0, `revealed: start`) or on request (an `image` action). */
  | { type: 'image'; turn: number; media: ShownMedia[]; text: string }
  | { type: 'refused'; turn: number; reason: string; text: string }
  | { type: 'diagnosis'; turn: number; differential: DifferentialEntry[]; rationale?: string }
  | { type: 'note'; turn: number; author: string; kind: string; data: unknown }
  | { type: 'error'; turn: number; code: string; message: string }
  /** A model patient's reply named the diagnosis (`matched`); `text` is the withheld reply, never shown to the doctor. */
  /** A model patient named the diagnosis; `withheld`: the doctor never saw that text (absent on events recorded before it existed). */
  | { type: 'leak'; turn: number; text: string; matched: string; withheld?: boolean }
  /**
   * One FHIR call of an EHR task and what the server answered. `response` is the body (a string cut at 64 KB when
   * larger); `stored` is the resource as the server stored it after a successful POST or PUT, which the grader reads.
   */
  | {
      type: 'fhir';
      turn: number;
      method: string;
      url: string;
      status: number;
      request?: unknown;
      response: unknown;
      truncated?: boolean;
      stored?: Record<string, unknown>;
      /** The OperationOutcome's diagnostic of a refused request. */
      diagnostics?: string;
    }
  /** The doctor's answer to an EHR task (`FINISH([...])`). */
  | { type: 'finish'; turn: number; answer: unknown[] }
  /** The doctor's reply to a conversation case (the `respond` protocol): the next assistant message. */
  | { type: 'reply'; turn: number; text: string }
  | { type: 'end'; turn: number; reason: EndReason; cost: number; turns: number };

export type EventType = EventBody['type'];

/** A stored event: its body plus position and time. */
export type EncounterEvent = EventBody & { seq: number; at: string };

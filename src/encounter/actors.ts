import type { Question } from './actions.js';
import type { MatchKind } from './events.js';
import type { Case, Result } from '../case/schema.js';
import type { CatalogTest } from '../case/catalog-schema.js';
import type { Rng } from '../util/rng.js';

export interface PatientReply {
  text: string;
  factIds: string[];
  matched: MatchKind;
  /** Which rule produced the reply, for the audit trail. */
  rule?: string;
  /** How sure the patient was of what was asked, 0 to 1. */
  confidence?: number;
  /** Every model reply that named the diagnosis, regenerated or replaced; the engine records a `leak` event for each. */
  leaks?: PatientLeak[];
}

/** A model reply that named the diagnosis: what it said, which term matched, and whether it was kept from the doctor. */
export interface PatientLeak {
  text: string;
  matched: string;
  withheld: boolean;
}

/** One earlier exchange of this encounter, oldest first: what the patient needs to follow "it" and "the pain". */
export interface DialogueTurn {
  turn: number;
  question: Question;
  text: string;
  factIds: string[];
  matched: MatchKind;
}

/** What a patient is asked with: the case, the question, the dialogue so far and the encounter's RNG. */
export interface PatientInput {
  kase: Case;
  question: Question;
  /** Earlier questions and replies of this encounter (not including the current question). */
  dialogue: readonly DialogueTurn[];
  rng: Rng;
  /** The encounter's seed, for choices that must stay the same on every turn (the disease a bias names). */
  seed?: string;
}

export interface ExamReply {
  /** Canonical target name. */
  target: string;
  text: string;
  factIds: string[];
  normal: boolean;
}

export interface LabReply {
  result: Result;
  synthetic: boolean;
}

/** The hospital side of an encounter. Each has a deterministic and (later) an LLM implementation. */
export interface Actors {
  patient: { answer(input: PatientInput): PatientReply | Promise<PatientReply> };
  examiner: { examine(input: { kase: Case; target: string; rng: Rng }): ExamReply | Promise<ExamReply> };
  lab: { result(input: { kase: Case; test: CatalogTest; rng: Rng }): LabReply | Promise<LabReply> };
  /** True when no actor calls a model: its replies depend only on the case, the input and the rng, so a resume replays them exactly. */
  replayable?: boolean;
  /** The record for EHR tasks; absent, a FHIR call is refused. */
  ehr?: EhrActor;
}

/** One FHIR server for one encounter: what an EHR task's calls go to. */
export interface EhrSession {
  readonly base: string;
  request(call: { method: string; url: string; body?: unknown }): Promise<{ status: number; body: unknown }>;
}

/** Opens an encounter's record: a fresh store seeded from the case's `ehr` section (or an external server). */
export interface EhrActor {
  /** The base URL calls are addressed to (shown to the doctor). */
  readonly base: string;
  open(input: { kase: Case }): Promise<EhrSession>;
}

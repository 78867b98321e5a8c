import type { Question } from './actions.js';
import type { MatchKind } from './events.js';
import type { Case, Result } from '../case/schema.js';
import type { CatalogTest } from '../case/catalog-schema.js';
import type { Rng } from '../util/rng.js';

export interface PatientReply {
  text: string;
  factIds: string[];
  matched: MatchKind;
  /** Set when a model-backed patient still named the diagnosis after regenerating; the engine records a `leak` event. */
  leak?: { text: string; matched: string };
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
  patient: { answer(input: { kase: Case; question: Question; rng: Rng }): PatientReply | Promise<PatientReply> };
  examiner: { examine(input: { kase: Case; target: string; rng: Rng }): ExamReply | Promise<ExamReply> };
  lab: { result(input: { kase: Case; test: CatalogTest; rng: Rng }): LabReply | Promise<LabReply> };
}

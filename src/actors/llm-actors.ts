import { ehrActor } from '../ehr/ehr-actor.js';
import type { Actors } from '../encounter/actors.js';
import { deterministicActors } from './deterministic.js';
import { resolveActor } from './registry.js';

/** True for the default, model-free actor. */
export function isDeterministic(spec: string | undefined): boolean {
  return spec === undefined || spec.trim() === '' || spec.trim().toLowerCase() === 'deterministic';
}

/**
 * The hospital for a run: deterministic by default; each role may name another
 * registered actor (`src/actors/registry.ts`), e.g. a model patient
 * `llm:<model>,temperature=0.2,bias=...`. Models and keys are resolved here,
 * so a missing key fails before the run.
 */
export function buildActors({
  patient,
  examiner,
  lab,
  fhir,
  env = process.env,
}: {
  patient?: string;
  examiner?: string;
  lab?: string;
  /** An external FHIR R4 base URL for EHR tasks; the embedded store by default. */
  fhir?: string;
  env?: NodeJS.ProcessEnv;
}): Actors {
  const ctx = { env, base: deterministicActors() };
  return {
    patient: resolveActor('patient', patient)(ctx),
    examiner: resolveActor('examiner', examiner)(ctx),
    lab: resolveActor('lab', lab)(ctx),
    ehr: ehrActor({ fhir }),
    // Only the deterministic hospital (and the embedded record) answers the same way on a rerun, so only it may share a group commit.
    replayable: [patient, examiner, lab].every(isDeterministic) && fhir === undefined,
  };
}

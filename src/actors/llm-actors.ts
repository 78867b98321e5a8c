import { ehrActor } from '../ehr/ehr-actor.js';
import type { Actors } from '../encounter/actors.js';
import { deterministicActors } from './deterministic.js';
import { LlmPatient } from './llm-patient.js';
import { LlmLab } from './llm-lab.js';
import { openModel } from '../llm/call-model.js';
import { parseComponentSpec } from '../llm/component-spec.js';
import { settingsFromOptions } from '../llm/settings.js';

/** True for the default, model-free actor. */
export function isDeterministic(spec: string | undefined): boolean {
  return spec === undefined || spec.trim() === '' || spec.trim().toLowerCase() === 'deterministic';
}

/**
 * The hospital for a run: deterministic by default; `patient` and `lab` may
 * name a model (`llm:<model>,temperature=0.2,bias=...` or a model string).
 * Models and keys are resolved here, so a missing key fails before the run.
 */
export function buildActors({
  patient,
  lab,
  fhir,
  env = process.env,
}: {
  patient?: string;
  lab?: string;
  /** An external FHIR R4 base URL for EHR tasks; the embedded store by default. */
  fhir?: string;
  env?: NodeJS.ProcessEnv;
}): Actors {
  const base = deterministicActors();
  const actors: Actors = { ...base, ehr: ehrActor({ fhir }) };
  if (!isDeterministic(patient)) {
    const spec = parseComponentSpec({ raw: patient!, what: 'patient', known: ['temperature', 'max-tokens', 'seed', 'bias'] });
    const llm = new LlmPatient({
      handle: openModel(spec.model, env),
      settings: settingsFromOptions({ options: spec.options, where: spec.raw }),
      bias: spec.options.bias,
      grounding: base.patient,
    });
    actors.patient = { answer: (i) => llm.answer(i) };
  }
  if (!isDeterministic(lab)) {
    const spec = parseComponentSpec({ raw: lab!, what: 'lab', known: ['temperature', 'max-tokens', 'seed'] });
    const llm = new LlmLab({ handle: openModel(spec.model, env), settings: settingsFromOptions({ options: spec.options, where: spec.raw }) });
    actors.lab = { result: (i) => llm.result(i) };
  }
  return actors;
}

import type { Actors } from '../encounter/actors.js';
import { Registry, type OptionDoc } from '../util/registry.js';
import type { Spec } from '../util/spec.js';
import { checkOptions } from '../util/spec.js';
import { ConfigError } from '../util/errors.js';
import { openModel } from '../llm/call-model.js';
import { parseComponentSpec } from '../llm/component-spec.js';
import { PROVIDERS } from '../llm/model-string.js';
import { settingsFromOptions } from '../llm/settings.js';
import { LlmPatient } from './llm-patient.js';
import { LlmLab } from './llm-lab.js';

/** What an actor is built with: the environment (for model keys) and the deterministic hospital, which model actors stand on. */
export interface ActorContext {
  env: NodeJS.ProcessEnv;
  base: Actors;
}

/** A resolved actor spec: options are checked at resolve time; models and keys are opened when the hospital is built. */
export type ActorBuilder<K extends keyof Actors> = (ctx: ActorContext) => Actors[K];

/** The three hospital roles, each its own registry: `--patient`, `--lab` and `rounds actors list` read them. */
export const patients = new Registry<ActorBuilder<'patient'>>('Patient');
export const examiners = new Registry<ActorBuilder<'examiner'>>('Examiner');
export const labs = new Registry<ActorBuilder<'lab'>>('Lab');

/** The registry of each role, by the role's name (as `rounds actors list` prints them). */
export const ACTOR_ROLES = { patient: patients, examiner: examiners, lab: labs } as const;
export type ActorRole = keyof typeof ACTOR_ROLES;

const MODEL_SETTINGS: OptionDoc[] = [
  { name: 'temperature', description: 'sampling temperature (provider default when unset)' },
  { name: 'max-tokens', description: 'most tokens per reply' },
  { name: 'seed', description: 'sampling seed, for providers that honour one' },
];
const PATIENT_OPTIONS: OptionDoc[] = [...MODEL_SETTINGS, { name: 'bias', description: 'a cognitive-bias prompt for the patient (see src/llm/biases.ts)' }];
const LAB_OPTIONS: OptionDoc[] = MODEL_SETTINGS;

/** The model-free actor: takes no argument and no options. */
function deterministic<K extends keyof Actors>(role: K, spec: Spec): ActorBuilder<K> {
  checkOptions(spec, []);
  if (spec.argument !== undefined) throw new ConfigError(`${spec.what} "deterministic" takes no argument, not "${spec.argument}".`);
  return (ctx) => ctx.base[role];
}

/** A model patient that answers from the case, grounded on the deterministic patient and guarded against leaks. */
function llmPatient(spec: Spec): ActorBuilder<'patient'> {
  const c = parseComponentSpec({ raw: spec.raw, what: 'patient', known: PATIENT_OPTIONS.map((o) => o.name) });
  return ({ env, base }) => {
    const llm = new LlmPatient({
      handle: openModel(c.model, env),
      settings: settingsFromOptions({ options: c.options, where: c.raw }),
      bias: c.options.bias,
      grounding: base.patient,
    });
    return { answer: (i) => llm.answer(i) };
  };
}

/** A model lab for tests the case does not list; listed results stay the case's. */
function llmLab(spec: Spec): ActorBuilder<'lab'> {
  const c = parseComponentSpec({ raw: spec.raw, what: 'lab', known: LAB_OPTIONS.map((o) => o.name) });
  return ({ env }) => {
    const llm = new LlmLab({ handle: openModel(c.model, env), settings: settingsFromOptions({ options: c.options, where: c.raw }) });
    return { result: (i) => llm.result(i) };
  };
}

patients.register({
  name: 'deterministic',
  summary: 'answers from the case facts by topic, with fixed replies for what the case does not say (the default)',
  options: [],
  build: (spec) => deterministic('patient', spec),
});
examiners.register({
  name: 'deterministic',
  summary: "reports the case's findings for a target and a normal finding for any other (the only examiner)",
  options: [],
  build: (spec) => deterministic('examiner', spec),
});
labs.register({
  name: 'deterministic',
  summary: "returns the case's results, and a normal result from the catalog's reference range for unlisted tests (the default)",
  options: [],
  build: (spec) => deterministic('lab', spec),
});
// Model strings carry colons and may carry "=" (a URL's query), so the model actors read their own options.
patients.register({
  name: 'llm',
  summary: 'a language model plays the patient from the case, grounded on the deterministic patient, with a leak guard (llm:<model>)',
  argument: '<model>',
  options: [{ name: 'model', description: 'the model string, instead of the argument' }, ...PATIENT_OPTIONS],
  checksOwnOptions: true,
  build: llmPatient,
});
labs.register({
  name: 'llm',
  summary: 'a language model invents results for tests the case does not list, within the case (llm:<model>)',
  argument: '<model>',
  options: [{ name: 'model', description: 'the model string, instead of the argument' }, ...LAB_OPTIONS],
  checksOwnOptions: true,
  build: llmLab,
});
for (const p of PROVIDERS) {
  patients.register({
    name: p,
    summary: `shorthand for llm:${p}:<model>`,
    argument: '<model>',
    options: PATIENT_OPTIONS,
    checksOwnOptions: true,
    build: llmPatient,
  });
  labs.register({ name: p, summary: `shorthand for llm:${p}:<model>`, argument: '<model>', options: LAB_OPTIONS, checksOwnOptions: true, build: llmLab });
}

/** Resolves one role's spec; no spec (or an empty one) is the deterministic actor. */
export function resolveActor<K extends ActorRole>(role: K, raw: string | undefined): ActorBuilder<K> {
  const text = raw === undefined || raw.trim() === '' ? 'deterministic' : raw;
  return (ACTOR_ROLES[role] as unknown as Registry<ActorBuilder<K>>).resolve(text);
}

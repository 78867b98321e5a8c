import { ConfigError } from '../util/errors.js';
import { createRng } from '../util/rng.js';
import { normalize } from '../util/text.js';

/**
 * Cognitive-bias instructions for the simulated patient and doctor, in the
 * spirit of the AgentClinic paper (Schmidgall et al., 2024), worded by the
 * Rounds authors. Each text is appended to the system prompt of an LLM patient
 * or doctor; the deterministic actors and doctors ignore them.
 *
 * As in AgentClinic, the biases that steer towards a diagnosis name one: their
 * text holds a `{disease|fallback}` slot, filled per encounter with a disease
 * from the case's differential (see `biasDisease`), or the fallback words when
 * the case has no differential.
 */
export type BiasRole = 'patient' | 'doctor';

const DISTRUST = (about: string, detail: string) =>
  `You are uneasy about the doctor because of their ${about}. ${detail} You answer the questions, but guardedly: you volunteer less, question the doctor's suggestions and are slow to accept their advice. Never explain this distrust unless asked directly.`;

const DOCTOR_DISTRUST = (about: string) =>
  `You hold an unexamined prejudice about the patient's ${about}: you doubt how reliable their account is, discount the symptoms they report and give less weight to their concerns than you would for another patient. Never state this prejudice.`;

/** The 11 patient biases: name -> instruction for an LLM patient. */
export const PATIENT_BIASES: Readonly<Record<string, string>> = {
  recency:
    'A friend of yours was recently treated for {disease|a serious illness} after symptoms a little like yours. That is the first thing on your mind: you keep bringing it up and ask whether you might have the same thing.',
  frequency:
    'You have read many stories about {disease|one common condition} and how often it causes symptoms like yours, and you are convinced it is what most people with your complaints have. You steer the conversation towards it.',
  false_consensus:
    'You assume everyone sees your symptoms the way you do: the people around you who heard about them all think it is {disease|nothing serious}, you believe the doctor will agree, and you play down details that do not fit that view.',
  self_diagnosis:
    'You have searched your symptoms online and decided that you have {disease|a particular illness}. You state this diagnosis of your own early, push back when the doctor suggests something else and ask for the tests or treatment you read about.',
  gender: DISTRUST('gender', 'You doubt that a doctor of their gender can really understand your problem.'),
  race: DISTRUST('race', 'You doubt that a doctor of their racial background will take your complaints seriously.'),
  sexual_orientation: DISTRUST('sexual orientation', 'You worry that their sexual orientation colours how they will judge you.'),
  cultural: DISTRUST('cultural background', 'You feel someone from their culture cannot understand your way of life or your beliefs about illness.'),
  religion: DISTRUST('religion', 'You suspect their religious beliefs will shape the advice they give you.'),
  socioeconomic: DISTRUST(
    'socioeconomic background',
    'You feel a doctor from their background looks down on people in your situation and will not consider what you can afford.',
  ),
  education: DISTRUST('education', 'You doubt the quality of the medical school they went to and whether their training is good enough for your problem.'),
};

/** The 12 doctor biases: name -> instruction for an LLM doctor. */
export const DOCTOR_BIASES: Readonly<Record<string, string>> = {
  recency:
    'You recently looked after a patient with {disease|a rare, serious condition} and missed it at first. It is still fresh in your mind, and you tend to see it in the patients you meet now.',
  frequency:
    'Most patients you have seen this month turned out to have {disease|the same common illness}. You expect this patient to have it too and reach for it before weighing other causes.',
  false_consensus:
    'You believe most of your colleagues would read this presentation as {disease|you do on first impression}, so you see little need to question that view or look for evidence against it.',
  status_quo:
    'For presentations like this one your unit has always settled on {disease|the diagnosis and management you usually choose}, and you are reluctant to move away from that routine even when new findings point elsewhere.',
  confirmation:
    'From the start you are fairly sure the patient has {disease|the first diagnosis that occurs to you}. You ask questions and order tests that would confirm it, and you give too little weight to findings that argue against it.',
  gender: DOCTOR_DISTRUST('gender'),
  race: DOCTOR_DISTRUST('race'),
  sexual_orientation: DOCTOR_DISTRUST('sexual orientation'),
  cultural: DOCTOR_DISTRUST('cultural background'),
  religion: DOCTOR_DISTRUST('religion'),
  socioeconomic: DOCTOR_DISTRUST('socioeconomic status'),
  education: DOCTOR_DISTRUST('level of education'),
};

const TABLES: Record<BiasRole, Readonly<Record<string, string>>> = { patient: PATIENT_BIASES, doctor: DOCTOR_BIASES };

const SLOT = /\{disease\|([^}]*)\}/g;

/** Whether a bias text names the disease it steers towards (has a `{disease|...}` slot). */
export function hasDiseaseSlot(text: string): boolean {
  return /\{disease\|[^}]*\}/.test(text);
}

/** Fills a bias text's disease slots with `disease`, or with each slot's fallback words when there is none. */
export function fillDiseaseSlot(text: string, disease?: string): string {
  return text.replace(SLOT, (_m, fallback: string) => disease?.trim() || fallback);
}

/**
 * The disease an encounter's biases steer towards: one of the case's differential
 * diagnoses other than the true one, chosen by the encounter's seed (the same seed,
 * the same disease), or undefined when the case lists none.
 */
export function biasDisease({ kase, seed }: { kase: BiasCase; seed: string | number }): string | undefined {
  const options = optionsOf(kase);
  if (options.length === 0) return undefined;
  return createRng(`${seed}:bias-disease`).pick(options);
}

type BiasCase = { differential?: readonly string[]; diagnosis: { name: string; accept?: readonly string[] } };

/**
 * The options per case, computed once: every encounter asks (its seed picks), and normalising the
 * differential each time was ~1% of a harness run. Kept with the fields they came from, so a case whose
 * differential or diagnosis is replaced gets them computed again.
 */
const optionsByCase = new WeakMap<object, { differential?: readonly string[]; diagnosis: object; options: readonly string[] }>();

function optionsOf(kase: BiasCase): readonly string[] {
  const hit = optionsByCase.get(kase);
  if (hit && hit.differential === kase.differential && hit.diagnosis === kase.diagnosis) return hit.options;
  const truth = new Set([kase.diagnosis.name, ...(kase.diagnosis.accept ?? [])].map((n) => normalize(n)));
  const options = [...new Set((kase.differential ?? []).map((d) => d.trim()).filter((d) => d && !truth.has(normalize(d))))];
  optionsByCase.set(kase, { differential: kase.differential, diagnosis: kase.diagnosis, options });
  return options;
}

/**
 * The prompt text of one bias, its disease slot filled when `disease` is given (the
 * slot's fallback words otherwise, or kept as a slot with `keepSlot`); an unknown name
 * fails with the names that exist for that role.
 */
export function biasPrompt({ role, name, disease, keepSlot }: { role: BiasRole; name: string; disease?: string; keepSlot?: boolean }): string {
  const table = TABLES[role];
  if (!table) throw new ConfigError(`Unknown bias role "${String(role)}"; use patient or doctor.`);
  const text = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!text) throw new ConfigError(`Unknown ${role} bias "${name}"; available: ${Object.keys(table).join(', ')}.`);
  return keepSlot && !disease ? text : fillDiseaseSlot(text, disease);
}

/** A parsed `--bias` value such as `patient:recency` or `doctor:confirmation`. */
export interface BiasSpec {
  role: BiasRole;
  name: string;
}

/** Parses and checks one `--bias` value; dashes are accepted for underscores (`false-consensus`). */
export function parseBias(raw: string): BiasSpec {
  const m = raw.trim().match(/^(patient|doctor):([a-z_-]+)$/i);
  if (!m) throw new ConfigError(`Bias "${raw}" must look like patient:<name> or doctor:<name>, e.g. patient:recency or doctor:confirmation.`);
  const spec: BiasSpec = { role: m[1].toLowerCase() as BiasRole, name: m[2].toLowerCase().replace(/-/g, '_') };
  biasPrompt(spec);
  return spec;
}

// Doctors that follow no prompt, so a doctor bias cannot reach them.
const DETERMINISTIC_DOCTORS = new Set(['baseline', 'checklist', 'script']);

/**
 * The one-line warning for biases that will have no effect because the
 * patient or a doctor they target is deterministic, or undefined.
 */
export function biasWarning({ biases, doctors, patient }: { biases: string[]; doctors: string[]; patient?: string }): string | undefined {
  const specs = biases.map(parseBias);
  const out: string[] = [];
  const patientBiases = specs.filter((b) => b.role === 'patient');
  if (patientBiases.length && (!patient?.trim() || patient.trim().toLowerCase() === 'deterministic')) {
    out.push(`patient biases (${patientBiases.map((b) => b.name).join(', ')}) need an llm patient (--patient llm:<model>)`);
  }
  const doctorBiases = specs.filter((b) => b.role === 'doctor');
  const fixed = doctors.filter((d) => DETERMINISTIC_DOCTORS.has(d.split(':')[0].trim().toLowerCase()));
  if (doctorBiases.length && fixed.length) {
    out.push(
      `doctor biases (${doctorBiases.map((b) => b.name).join(', ')}) do not apply to the deterministic doctor${fixed.length === 1 ? '' : 's'} ${fixed.join(', ')}`,
    );
  }
  return out.length ? `warning: biases ignored: ${out.join('; ')}.` : undefined;
}

import { parseDoctorSpec } from '../doctors/spec.js';
import { parseBias } from '../llm/biases.js';
import { ConfigError } from '../util/errors.js';

// Doctor kinds whose prompt a bias can reach (the llm doctor and its provider shorthands).
const PROMPTED_DOCTORS = new Set(['llm', 'openai', 'anthropic', 'google', 'ollama', 'openai-compatible']);

/**
 * Pushes run-level `--bias` values into the component specs, so they reach
 * the prompts: each prompted doctor runs once per doctor bias (as its own
 * doctor, `...,bias=<name>`, so results stay apart), and the llm patient takes
 * the one patient bias. A spec that already names a bias keeps it.
 */
export function applyBiases(input: { biases?: string[]; doctors: string[]; patient?: string }): { doctors: string[]; patient?: string } {
  const specs = (input.biases ?? []).map(parseBias);
  const doctorBiases = specs.filter((b) => b.role === 'doctor').map((b) => b.name);
  const patientBiases = specs.filter((b) => b.role === 'patient').map((b) => b.name);
  if (patientBiases.length > 1) {
    throw new ConfigError(`Only one patient bias per run (got ${patientBiases.join(', ')}); run each in its own run.`);
  }
  const doctors = input.doctors.flatMap((d) => {
    const spec = parseDoctorSpec(d);
    if (!PROMPTED_DOCTORS.has(spec.kind) || spec.options.bias !== undefined || doctorBiases.length === 0) return [d];
    return doctorBiases.map((name) => `${d},bias=${name}`);
  });
  let patient = input.patient;
  if (patient && patientBiases.length === 1) {
    const spec = parseDoctorSpec(patient);
    if (spec.kind !== 'deterministic' && spec.options.bias === undefined) patient = `${patient},bias=${patientBiases[0]}`;
  }
  return { doctors, patient };
}

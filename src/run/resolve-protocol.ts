import { PROTOCOL_PRESETS, Protocol } from '../encounter/protocol.js';
import { parseDoctorSpec, numberOption, checkOptions } from '../doctors/spec.js';
import { ConfigError } from '../util/errors.js';

const OPTIONS: Record<string, keyof Protocol> = {
  'max-turns': 'maxTurns',
  'max-questions': 'maxQuestionsPerTurn',
  'max-tests': 'maxTestsPerTurn',
  'max-exams': 'maxExamsPerTurn',
  'visit-fee': 'visitFee',
  budget: 'budget',
};

/** Resolves `--protocol name[:key=value,...]` to a preset with overrides, e.g. `default:budget=1500`. */
export function resolveProtocol(raw: string): Protocol {
  const spec = parseDoctorSpec(raw, 'Protocol');
  const preset = PROTOCOL_PRESETS[spec.kind];
  if (!preset || spec.argument) {
    throw new ConfigError(`Unknown protocol "${raw}"; available: ${Object.keys(PROTOCOL_PRESETS).join(', ')} (options: ${Object.keys(OPTIONS).join(', ')}).`);
  }
  checkOptions(spec, Object.keys(OPTIONS));
  const out: Protocol = { ...preset, name: spec.raw };
  for (const [key, field] of Object.entries(OPTIONS)) {
    if (spec.options[key] === undefined) continue;
    const integer = field !== 'visitFee' && field !== 'budget';
    const n = numberOption(spec, key, 0, integer ? 1 : 0, 1e9);
    if (integer && !Number.isInteger(n)) throw new ConfigError(`Protocol option ${key} must be a whole number.`);
    (out as Record<string, unknown>)[field] = n;
  }
  const parsed = Protocol.safeParse(out);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const key = Object.entries(OPTIONS).find(([, f]) => f === field)?.[0] ?? field;
    throw new ConfigError(
      `Protocol option ${key} in "${raw}" is out of range (${(issue?.message ?? 'invalid').replace(/^Too small: expected number to be /, 'must be ').replace(/^Too big: expected number to be /, 'must be ')}).`,
    );
  }
  return parsed.data;
}

import { PROTOCOL_PRESETS, Protocol } from './protocol.js';
import { numberOption, type Spec } from '../util/spec.js';
import { Registry, type OptionDoc } from '../util/registry.js';
import { ConfigError } from '../util/errors.js';

/** The options every preset takes, each overriding one field of the preset. */
const FIELDS: Array<{ key: string; field: keyof Protocol; integer: boolean; description: string }> = [
  { key: 'max-turns', field: 'maxTurns', integer: true, description: 'doctor actions allowed before the encounter ends (turn-limit)' },
  { key: 'max-questions', field: 'maxQuestionsPerTurn', integer: true, description: 'questions allowed in one ask action' },
  { key: 'max-tests', field: 'maxTestsPerTurn', integer: true, description: 'tests allowed in one order action' },
  { key: 'max-exams', field: 'maxExamsPerTurn', integer: true, description: 'examination targets allowed in one examine action' },
  { key: 'visit-fee', field: 'visitFee', integer: false, description: 'USD charged once per visit (a run of ask/examine turns)' },
  { key: 'budget', field: 'budget', integer: false, description: 'USD the encounter may spend; the action that would exceed it ends it' },
];

/** Every protocol: `--protocol`, /play, the gym, MCP and `rounds protocols list` read this one registry. */
export const protocols = new Registry<Protocol>('Protocol');

/** The documented options of a preset, with the preset's values as defaults. */
function optionDocs(preset: Protocol): OptionDoc[] {
  return FIELDS.map(({ key, field, description }) => {
    const value = preset[field];
    return { name: key, description, default: value === null ? 'none' : String(value) };
  });
}

/** A preset with the overrides of its spec (`default:budget=1500`), checked against the protocol schema. */
function buildPreset(preset: Protocol, spec: Spec): Protocol {
  if (spec.argument !== undefined) {
    throw new ConfigError(`Protocol "${spec.kind}" takes options, not an argument ("${spec.argument}"); write e.g. --protocol ${spec.kind}:budget=1500.`);
  }
  const out: Protocol = { ...preset, name: spec.raw };
  for (const { key, field, integer } of FIELDS) {
    if (spec.options[key] === undefined) continue;
    const n = numberOption(spec, key, 0, integer ? 1 : 0, 1e9);
    if (integer && !Number.isInteger(n)) throw new ConfigError(`Protocol option ${key} must be a whole number.`);
    (out as Record<string, unknown>)[field] = n;
  }
  const parsed = Protocol.safeParse(out);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const key = FIELDS.find((f) => f.field === field)?.key ?? field;
    throw new ConfigError(
      `Protocol option ${key} in "${spec.raw}" is out of range (${(issue?.message ?? 'invalid').replace(/^Too small: expected number to be /, 'must be ').replace(/^Too big: expected number to be /, 'must be ')}).`,
    );
  }
  return parsed.data;
}

/** Adds a protocol preset under its name; every preset takes the same overrides. */
export function registerProtocol(preset: Protocol, summary: string): void {
  Protocol.parse(preset);
  protocols.register({ name: preset.name, summary, options: optionDocs(preset), build: (spec) => buildPreset(preset, spec) });
}

/** Resolves `--protocol name[:key=value,...]` to a preset with overrides, e.g. `default:budget=1500`. */
export function resolveProtocol(raw: string): Protocol {
  return protocols.resolve(raw);
}

registerProtocol(PROTOCOL_PRESETS.default, 'the Rounds rules: 30 turns, up to 5 questions, tests or exams a turn, a $300 visit fee');
registerProtocol(PROTOCOL_PRESETS.agentclinic, "AgentClinic's rules: 20 turns, one question or one test a turn, the whole examination at once, no visit fee");
registerProtocol(
  PROTOCOL_PRESETS.sdbench,
  'SDBench rules: 40 turns, up to 3 tests a turn, a $300 visit fee, vague orders answered with a free request to be specific',
);
registerProtocol(
  PROTOCOL_PRESETS.respond,
  'one turn: the case is a conversation and the doctor writes the next assistant message (a respond action), graded by --scorer rubric (HealthBench)',
);

import { ConfigError } from '../util/errors.js';

/** A parsed `--doctor` string: `name`, `name:key=value,key=value` or `name:argument`. */
export interface DoctorSpec {
  kind: string;
  /** Text after the first colon when it is not key=value options (e.g. the file of `script:`). */
  argument?: string;
  options: Record<string, string>;
  raw: string;
  /** What the string configures, for messages: `Doctor` (default), `Protocol`... */
  what?: string;
}

/**
 * Parses a doctor string. `script:demo.yaml` has an argument; `baseline:threshold=0.9` has options.
 * Protocols use the same syntax: `what` names the kind of thing in messages.
 */
export function parseDoctorSpec(raw: string, what = 'Doctor'): DoctorSpec {
  const text = raw.trim();
  if (!text) throw new ConfigError(what === 'Doctor' ? 'The doctor name is empty; try --doctor baseline.' : `The ${what.toLowerCase()} name is empty.`);
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  const spec: DoctorSpec = { kind, options: {}, raw: text, ...(what !== 'Doctor' ? { what } : {}) };
  if (!rest) return spec;
  const parts = rest.split(',');
  // script:file.yaml,speed=1 → argument plus options; threshold=0.9 → options only.
  if (!parts[0].includes('=')) spec.argument = parts.shift();
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ConfigError(`${what} option "${part}" in "${raw}" must look like key=value.`);
    const key = part.slice(0, eq).trim();
    // Which of two values would win is a guess the user should not have to make.
    if (Object.hasOwn(spec.options, key)) throw new ConfigError(`${what} option ${key} is given twice in "${raw}"; give it once.`);
    spec.options[key] = part.slice(eq + 1).trim();
  }
  return spec;
}

/** Reads a numeric option, or the default; rejects values that are not numbers in range. */
export function numberOption(spec: DoctorSpec, key: string, fallback: number, min = -Infinity, max = Infinity): number {
  const raw = spec.options[key];
  if (raw === undefined) return fallback;
  // Number('') is 0: an empty value is a mistake, not zero.
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(`${spec.what ?? 'Doctor'} option ${key}=${raw} in "${spec.raw}" must be a number between ${min} and ${max}.`);
  }
  return n;
}

/** Fails on options the doctor does not understand, naming the ones it does. */
export function checkOptions(spec: DoctorSpec, known: string[]): void {
  for (const key of Object.keys(spec.options)) {
    if (!known.includes(key)) {
      throw new ConfigError(`${spec.what ?? 'Doctor'} "${spec.kind}" has no option "${key}"; it takes ${known.length ? known.join(', ') : 'no options'}.`);
    }
  }
}

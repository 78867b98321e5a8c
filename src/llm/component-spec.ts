import { ConfigError } from '../util/errors.js';
import { PROVIDERS } from './model-string.js';
import { nearest } from '../util/spec.js';

/** A model-backed component string: `llm:<model>[,key=value...]`, `llm:model=<model>,...` or `<provider>:<model>[,key=value...]`. */
export interface ComponentSpec {
  model: string;
  options: Record<string, string>;
  raw: string;
}

/** Parses the string given to --patient, --lab or --judge (after `deterministic` was ruled out). */
export function parseComponentSpec({ raw, what, known }: { raw: string; what: string; known: string[] }): ComponentSpec {
  const text = raw.trim();
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  let rest = colon < 0 ? '' : text.slice(colon + 1);
  if (kind !== 'llm' && !(PROVIDERS as readonly string[]).includes(kind)) {
    const near = nearest(kind, ['llm', ...PROVIDERS]);
    throw new ConfigError(`Unknown ${what} "${raw}"${near ? ` (did you mean ${near}?)` : ''}; use llm:<model> or a model string such as openai:gpt-4.1-mini.`);
  }
  if (kind !== 'llm') rest = `${kind}:${rest}`;
  const parts = rest.split(',');
  const options: Record<string, string> = {};
  let model = parts[0].includes('=') && !parts[0].includes(':') ? '' : (parts.shift() ?? '');
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ConfigError(`Option "${part}" in ${what} "${raw}" must look like key=value.`);
    const key = part.slice(0, eq).trim();
    if (Object.hasOwn(options, key)) throw new ConfigError(`Option ${key} is given twice in ${what} "${raw}"; give it once.`);
    options[key] = part.slice(eq + 1).trim();
  }
  if (model.startsWith('model=')) model = model.slice(6);
  if (options.model) {
    model = options.model;
    delete options.model;
  }
  // Named as the kind of thing it is (Patient, Lab, Judge), with the nearest option for a typo.
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = nearest(key, known);
    throw new ConfigError(`${What} "${raw}" has no option "${key}"${near ? ` (did you mean ${near}?)` : ''}; it takes ${known.join(', ')}.`);
  }
  if (!model.trim()) throw new ConfigError(`The ${what} "${raw}" names no model; write llm:openai:gpt-4.1-mini or openai:gpt-4.1-mini.`);
  return { model: model.trim(), options, raw: text };
}

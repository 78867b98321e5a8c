import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Action } from '../encounter/actions.js';
import type { DoctorFactory } from '../encounter/doctor.js';
import { ConfigError } from '../util/errors.js';
import { parseYaml } from '../util/parse-cache.js';
import { checkOptions, type DoctorSpec } from './spec.js';

const Script = z.union([z.array(Action).min(1), z.object({ name: z.string().optional(), actions: z.array(Action).min(1) }).strict()]);

/**
 * `script:<file>` plays a fixed list of actions from YAML or JSON, for tests
 * and demos. When the list runs out before a diagnosis it diagnoses
 * "undetermined", so the encounter always ends by the doctor's own turn.
 */
export function scriptDoctor(spec: DoctorSpec): DoctorFactory {
  checkOptions(spec, []);
  const file = spec.argument;
  if (!file) throw new ConfigError('The script doctor needs a file: --doctor script:path/to/actions.yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`Script file ${file} cannot be read; check the path after "script:".`);
  }
  // Through the parse cache: a run's harness doctor, parsed cold at every start otherwise.
  const r = Script.safeParse(parseYaml(text));
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ConfigError(`Script file ${file} is not a list of actions: ${i.path.join('.') || 'top level'}: ${i.message}.`);
  }
  const actions = Array.isArray(r.data) ? r.data : r.data.actions;
  const name = Array.isArray(r.data) ? `script:${file}` : (r.data.name ?? `script:${file}`);
  return {
    name,
    replayable: true,
    create() {
      let i = 0;
      return {
        act: () => actions[i++] ?? { type: 'diagnose', differential: [{ name: 'undetermined' }] },
      };
    },
  };
}

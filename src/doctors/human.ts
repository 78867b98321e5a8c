import type { DoctorFactory } from '../encounter/doctor.js';
import { ConfigError, DoctorError } from '../util/errors.js';
import { checkOptions, type DoctorSpec } from './spec.js';

/**
 * `human:<name>`: a person playing at the browser seat (`rounds serve`, /play).
 * It resolves so runs and leaderboards can name it, but only the seat drives
 * it one step per request; a batch runner asking it to act is an error.
 */
export function humanDoctor(spec: DoctorSpec): DoctorFactory {
  checkOptions(spec, []);
  const name = spec.argument?.trim();
  if (!name || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(name)) {
    throw new ConfigError('The human doctor needs a name of letters, digits, dots, dashes or underscores: human:<name>.');
  }
  return {
    name: `human:${name}`,
    create() {
      return {
        act() {
          throw new DoctorError(`The doctor human:${name} is driven from the browser seat (rounds serve, /play) and cannot act in a batch run.`);
        },
      };
    },
  };
}

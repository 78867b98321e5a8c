import type { DoctorFactory } from '../../encounter/doctor.js';
import { ConfigError, DoctorError } from '../../util/errors.js';
import { checkOptions, type DoctorSpec } from '../spec.js';

/** A name an MCP client gives itself; kept to characters the doctor-spec syntax reads literally. */
export const MCP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

/**
 * `mcp:<name>`: an MCP client driving encounters through `rounds mcp`. It
 * resolves so runs and leaderboards can name it, but only the MCP server drives
 * it, one tool call per step; a batch runner asking it to act is an error.
 */
export function mcpDoctor(spec: DoctorSpec): DoctorFactory {
  checkOptions(spec, []);
  const name = spec.argument?.trim();
  if (!name || !MCP_NAME.test(name)) throw new ConfigError('The mcp doctor needs a name of letters, digits, dots, dashes or underscores: mcp:<name>.');
  return {
    name: `mcp:${name}`,
    create() {
      return {
        act() {
          throw new DoctorError(`The doctor mcp:${name} is driven by an MCP client through \`rounds mcp\` and cannot act in a batch run.`);
        },
      };
    },
  };
}

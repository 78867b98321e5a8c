import { Command } from 'commander';
import { collectVersions } from '../run/versions.js';
import { registerCasesCommand } from './cases.js';
import { registerCodesCommand } from './codes.js';
import { registerRunCommand } from './run.js';
import { registerRunsCommand } from './runs.js';
import { registerReportCommand } from './report.js';
import { registerImportCommand } from './import.js';
import { registerWorkerCommand } from './worker.js';
import { registerServeCommand } from './serve.js';
import { registerDoctorSchemaCommand, registerMcpCommand } from './mcp.js';
import '../doctors/builtins.js';

/** Builds the `rounds` command tree. */
export function buildProgram(): Command {
  const program = new Command('rounds')
    .description('Rounds: a simulated hospital for testing clinical AI.')
    .version(collectVersions().rounds)
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: true });
  registerCasesCommand(program);
  registerCodesCommand(program);
  registerRunCommand(program);
  registerRunsCommand(program);
  registerReportCommand(program);
  registerImportCommand(program);
  registerWorkerCommand(program);
  registerServeCommand(program);
  registerMcpCommand(program);
  registerDoctorSchemaCommand(program);
  return program;
}

/** CLI entry point. */
export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}

import { Command } from 'commander';
import { collectVersions } from '../run/versions.js';
import { registerCasesCommand } from './cases.js';
import { registerRunCommand } from './run.js';
import { registerRunsCommand } from './runs.js';
import { registerReportCommand } from './report.js';
import { registerImportCommand } from './import.js';
import { registerWorkerCommand } from './worker.js';
import { registerServeCommand } from './serve.js';
import { registerStoreCommand } from './store.js';
import { registerDoctorSchemaCommand, registerMcpCommand } from './mcp.js';
import '../doctors/builtins.js';
import { escapeControls } from './errors.js';

export { escapeControls };

/** Builds the `rounds` command tree. */
export function buildProgram(): Command {
  const program = new Command('rounds')
    .description('Rounds: a simulated hospital for testing clinical AI.')
    .version(collectVersions().rounds)
    .showHelpAfterError('(run with --help for usage)')
    // Commander quotes the bad value in its error; a value holding a newline or other control character is shown escaped, so the error stays one line.
    .configureOutput({ outputError: (text, write) => write(escapeControls(text)) })
    .configureHelp({ sortSubcommands: true });
  registerCasesCommand(program);
  registerRunCommand(program);
  registerRunsCommand(program);
  registerReportCommand(program);
  registerImportCommand(program);
  registerWorkerCommand(program);
  registerServeCommand(program);
  registerStoreCommand(program);
  registerMcpCommand(program);
  registerDoctorSchemaCommand(program);
  return program;
}

/** CLI entry point. */
export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}


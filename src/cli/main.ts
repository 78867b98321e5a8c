import { Command } from 'commander';
import { collectVersions } from '../session/versions.js';
import { escapeControls } from './escape.js';

type Register = (program: Command) => void;

/**
 * Every command, with the one line `rounds --help` lists. A command's module
 * (and with it the AI SDK, BullMQ, Hono, the MCP SDK...) is imported only when
 * that command runs, so `rounds --version` and `rounds --help` load none of them.
 */
const COMMANDS: Array<{ name: string; summary: string; load: () => Promise<Register> }> = [
  { name: 'cases', summary: 'list, show, validate cases and print their schema', load: async () => (await import('./cases.js')).registerCasesCommand },
  { name: 'codes', summary: 'search and show ICD-10-CM FY2025 codes (for writing cases)', load: async () => (await import('./codes.js')).registerCodesCommand },
  {
    name: 'run',
    summary: 'run doctors on suites of cases, store every event, print results and write a report',
    load: async () => (await import('./run.js')).registerRunCommand,
  },
  { name: 'runs', summary: 'list and inspect stored runs', load: async () => (await import('./runs.js')).registerRunsCommand },
  {
    name: 'report',
    summary: 'render a stored run as Markdown, JSON, CSV or a self-contained HTML page',
    load: async () => (await import('./report.js')).registerReportCommand,
  },
  {
    name: 'import',
    summary: 'import cases from other benchmarks into Rounds case files',
    load: async () => (await import('./import.js')).registerImportCommand,
  },
  {
    name: 'ehr',
    summary: 'EHR tasks over FHIR R4: list and check tasks, show one, try a FHIR call on a task record',
    load: async () => (await import('./ehr.js')).registerEhrCommand,
  },
  {
    name: 'worker',
    summary: 'run queued encounters from `rounds run --queue` (start one or more on any machine)',
    load: async () => (await import('./worker.js')).registerWorkerCommand,
  },
  {
    name: 'serve',
    summary: 'serve the web UI and HTTP API (runs, transcripts, live encounters, the human doctor seat at /play)',
    load: async () => (await import('./serve.js')).registerServeCommand,
  },
  {
    name: 'compare',
    summary: 'paired differences per doctor between two stored runs',
    load: async () => (await import('./compare.js')).registerCompareCommand,
  },
  {
    name: 'leaderboard',
    summary: 'the leaderboard across stored runs, one board per case set and protocol',
    load: async () => (await import('./leaderboard.js')).registerLeaderboardCommand,
  },
  {
    name: 'judge-agreement',
    summary: "Cohen's kappa between the llm judge, the deterministic match and human labels",
    load: async () => (await import('./judge-agreement.js')).registerJudgeAgreementCommand,
  },
  { name: 'store', summary: 'look after the store of runs', load: async () => (await import('./store.js')).registerStoreCommand },
  {
    name: 'mcp',
    summary: 'serve encounters as MCP tools so any MCP client can be the doctor',
    load: async () => (await import('./mcp.js')).registerMcpCommand,
  },
  {
    name: 'doctors',
    summary: 'list the doctors --doctor can name, with their options',
    load: async () => (await import('./plugins.js')).registerDoctorsCommand,
  },
  {
    name: 'protocols',
    summary: 'list the protocols --protocol can name, with their options',
    load: async () => (await import('./plugins.js')).registerProtocolsCommand,
  },
  {
    name: 'importers',
    summary: 'list the importers `rounds import` can run',
    load: async () => (await import('./plugins.js')).registerImportersCommand,
  },
  { name: 'actors', summary: 'list the patients, examiners and labs of the hospital', load: async () => (await import('./plugins.js')).registerActorsCommand },
  {
    name: 'doctor-schema',
    summary: 'print the JSON Schemas of the HTTP doctor view and action',
    load: async () => (await import('./mcp.js')).registerDoctorSchemaCommand,
  },
  {
    name: 'scorers',
    summary: 'list the scorers a run can use (`rounds run --scorer name[:options]`)',
    load: async () => (await import('./scorers.js')).registerScorersCommand,
  },
];

function baseProgram(): Command {
  return (
    new Command('rounds')
      .description('Rounds: a simulated hospital for testing clinical AI.')
      .version(collectVersions().rounds)
      // Program options (`-V`, `-h`) are read only before the command name, so `rounds run --seeds -V` is a bad seed count, not a request for the version.
      .enablePositionalOptions()
      .showHelpAfterError('(run with --help for usage)')
      // Commander quotes the bad value in its error; a value holding a newline or other control character is shown escaped, so the error stays one line.
      .configureOutput({ outputError: (text, write) => write(escapeControls(text)) })
      .configureHelp({ sortSubcommands: true })
  );
}

/** Loads every command module and returns a factory for the whole command tree, for tests that inspect or fuzz it. */
export async function programFactory(): Promise<() => Command> {
  await import('../doctors/builtins.js');
  const registers = await Promise.all(COMMANDS.map((c) => c.load()));
  return () => {
    const program = baseProgram();
    for (const register of registers) register(program);
    return program;
  };
}

/** CLI entry point: loads only the command being run; for anything else, lists the commands. */
export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`rounds cases list | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = baseProgram();
  // `rounds help run` needs the run command loaded as much as `rounds run --help` does.
  const name = argv[2] === 'help' ? argv[3] : argv[2];
  const command = COMMANDS.find((c) => c.name === name);
  if (command) {
    // No doctors/builtins.js here: every module that reads the doctor registry imports it (registering the built-ins),
    // so `runs`, `cases`, `report`... no longer load every doctor (~70 ms of each start).
    (await command.load())(program);
  } else {
    for (const c of COMMANDS) program.command(c.name).description(c.summary);
  }
  await program.parseAsync(argv);
}

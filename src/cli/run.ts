import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option, InvalidArgumentError } from 'commander';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import type { RunConfig } from '../run/start-run.js';
import { formatProblem } from '../util/errors.js';
import { displayPath } from '../case/load.js';
import { ProgressDisplay } from './progress.js';
import { EXIT, handled } from './errors.js';
import { collectNonEmpty, maxUsd, positiveInt, retryCount, runIdFlag, seedCount, timeoutSeconds } from './flags.js';
import { prepareOutDir } from './out-dir.js';
import { ConfigError } from '../util/errors.js';
import { formatUsageLine } from '../llm/usage-summary.js';
import { biasWarning, parseBias } from '../llm/biases.js';
import { maskStoreUrl } from '../store/store-url.js';

export const DEFAULT_DOCTOR = 'baseline';
export const DEFAULT_SUITE = 'core';

export { positiveInt };

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
const collectSeed = collectNonEmpty('a seed, e.g. --seed 7');

/** Collects `--bias role:name`, rejecting unknown names at parse time with the list of known ones. */
const collectBias = (value: string, previous: string[] | undefined) => {
  try {
    const b = parseBias(value);
    return [...(previous ?? []), `${b.role}:${b.name}`];
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

interface RunOptions {
  suite?: string[];
  doctor?: string[];
  protocol?: string[];
  seeds: number;
  seed?: string[];
  concurrency: number;
  store: string;
  queue?: string;
  resume?: string;
  retryErrors?: boolean;
  skipInvalid?: boolean;
  report: 'html' | 'md' | 'json' | 'csv' | 'none';
  out: string;
  quiet?: boolean;
  patient?: string;
  lab?: string;
  fhir?: string;
  judge?: string;
  moderator?: string;
  scorer?: string[];
  bias?: string[];
  cache: 'readwrite' | 'read' | 'off';
  offline?: boolean;
  maxUsd?: number;
  prices?: string;
  rpm?: number;
  tpm?: number;
  timeout?: number;
  retries?: number;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run doctors on suites of cases, store every event, print results and write a report')
    .option('-s, --suite <suite>', `suite name, specialty, folder, file or glob (repeatable; default ${DEFAULT_SUITE})`, collect)
    .option('-d, --doctor <doctor>', `doctor, e.g. baseline, baseline:threshold=0.9, script:file.yaml (repeatable; default ${DEFAULT_DOCTOR})`, collect)
    .option('-p, --protocol <protocol>', 'protocol preset with options, e.g. default, sdbench, default:budget=1500 (repeatable; default default)', collect)
    .option('--seeds <n>', 'number of seeds per case (at most 10,000)', seedCount, 1)
    .option('--seed <seed>', 'an explicit seed (repeatable; overrides --seeds)', collectSeed)
    .option('-c, --concurrency <n>', 'encounters run at once', positiveInt, 4)
    .option('--store <path>', 'SQLite file or postgres:// URL for runs and events', DEFAULT_STORE)
    .option('--queue <url>', 'enqueue the encounters on this Redis URL for `rounds worker` processes and follow their progress')
    .option('--resume <run-id>', 'finish an interrupted run without repeating finished encounters', runIdFlag)
    .option('--retry-errors', 'with --resume: also rerun the encounters that ended in error (a provider outage, a bad key)')
    .option('--skip-invalid', 'run the valid cases and list the invalid ones instead of stopping')
    .addOption(new Option('--report <format>', 'report written at the end').choices(['html', 'md', 'json', 'csv', 'none']).default('html'))
    .option('--out <dir>', 'folder for the report', '.rounds/reports')
    .option('-q, --quiet', 'no progress display')
    .option('--patient <actor>', 'patient: deterministic (default) or a model, e.g. llm:openai:gpt-4.1-mini,temperature=0.3')
    .option('--lab <actor>', 'lab for tests the case does not list: deterministic (default) or a model, e.g. llm:openai:gpt-4.1-mini')
    .option('--fhir <url>', 'EHR tasks talk to this external FHIR R4 server (which must hold their patients) instead of a fresh embedded store per encounter')
    .option('--judge <model>', 'also grade each diagnosis with an llm judge (SDBench 5-point rubric), e.g. openai:gpt-4.1')
    .option('--moderator <model>', 'also ask a model AgentClinic\'s "same disease?" question (score moderator), e.g. openai:gpt-4.1-mini')
    .option('--scorer <scorer>', 'add a scorer to the built-in ones, e.g. judge:openai:gpt-4.1 (repeatable; `rounds scorers list` shows them)', collect)
    .option('--bias <role:name>', 'a cognitive-bias prompt for the llm patient or doctor, e.g. patient:recency, doctor:confirmation (repeatable)', collectBias)
    .addOption(new Option('--cache <mode>', 'model call cache in the store').choices(['readwrite', 'read', 'off']).default('readwrite'))
    .option('--offline', 'fail an encounter on a model-call cache miss instead of calling out')
    .option('--max-usd <usd>', 'stop the run cleanly (resumable) once model calls have cost this much', maxUsd)
    .option('--prices <file>', 'YAML or JSON price table (USD per 1M tokens) over the defaults')
    .option('--rpm <n>', 'model requests per minute, per model, shared by all encounters', positiveInt)
    .option('--tpm <n>', 'model tokens per minute, per model, shared by all encounters', positiveInt)
    .option('--timeout <seconds>', 'timeout of one model call attempt (default 120)', timeoutSeconds)
    .option('--retries <n>', 'retries of a failed model call (default 3, at most 20)', retryCount)
    .action(handled(runAction));
}

async function runAction(opts: RunOptions): Promise<void> {
  if (opts.retryErrors && opts.resume === undefined)
    throw new ConfigError('--retry-errors reruns the errored encounters of a stored run; use it with --resume <run-id>.');
  // The report folder is checked before the run, not found unwritable after an hour of model calls.
  if (opts.report !== 'none') prepareOutDir(opts.out);
  // BullMQ and ioredis load only for a queued run: a local run's first encounter does not wait for them.
  const queue = opts.queue ? { ...(await import('../run/queue-connection.js')), ...(await import('../run/queue-runner.js')) } : undefined;
  if (opts.queue) await queue!.checkRedis(opts.queue);
  // The run machinery (every doctor, actor, scorer...) loads once the flags have passed commander's checks: a bad
  // flag value is refused without it.
  const { startRun, resumeRun } = await import('../run/start-run.js');
  const store = await openStore(opts.store);
  const controller = new AbortController();
  let runId = '';
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    controller.abort();
    process.stderr.write('\nStopping after the encounters in progress... (Ctrl-C again to quit at once)\n');
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  let display: ProgressDisplay | undefined;
  try {
    const handlers = {
      signal: controller.signal,
      onStart: (info: { runId: string; total: number; remaining: number; skipped: import('../util/errors.js').CaseProblem[] }) => {
        runId = info.runId;
        if (info.skipped.length) {
          process.stderr.write(`Skipping invalid cases (${info.skipped.length} problem${info.skipped.length === 1 ? '' : 's'}):\n`);
          for (const p of info.skipped) process.stderr.write(`  ${formatProblem({ ...p, file: displayPath(p.file) })}\n`);
        }
        const resumed = info.remaining < info.total || opts.resume !== undefined ? ` (resuming: ${info.remaining} left)` : '';
        process.stderr.write(`Run ${info.runId}: ${info.total} encounters${resumed}, store ${store.location}\n`);
        if (!opts.quiet) display = new ProgressDisplay(process.stderr, info.total, info.total - info.remaining);
      },
      onProgress: (p: Parameters<ProgressDisplay['update']>[0]) => display?.update(p),
      ...(opts.queue
        ? {
            runner: queue!.queueRunner({
              queueUrl: opts.queue,
              storeLocation: opts.store,
              onEnqueued: (q: { added: number; queued: number }) =>
                process.stderr.write(
                  `Queued ${q.added} encounter${q.added === 1 ? '' : 's'} on ${maskStoreUrl(opts.queue!)} (${q.queued - q.added} already queued); waiting for \`rounds worker --queue ...\` processes.\n`,
                ),
            }),
          }
        : {}),
    };
    let outcome;
    if (opts.resume !== undefined) {
      outcome = await resumeRun(store, opts.resume, handlers, { retryErrors: Boolean(opts.retryErrors) });
    } else {
      const config: RunConfig = {
        suites: opts.suite ?? [DEFAULT_SUITE],
        doctors: opts.doctor ?? [DEFAULT_DOCTOR],
        protocols: opts.protocol ?? ['default'],
        seeds: opts.seed ?? Array.from({ length: opts.seeds }, (_, i) => String(i)),
        concurrency: opts.concurrency,
        skipInvalid: Boolean(opts.skipInvalid),
        ...(opts.patient ? { patient: opts.patient } : {}),
        ...(opts.lab ? { lab: opts.lab } : {}),
        ...(opts.fhir ? { fhir: opts.fhir } : {}),
        ...(opts.judge ? { judge: opts.judge } : {}),
        ...(opts.moderator ? { moderator: opts.moderator } : {}),
        ...(opts.scorer?.length ? { scorers: opts.scorer } : {}),
        ...(opts.bias?.length ? { biases: opts.bias } : {}),
        cache: opts.cache,
        ...(opts.offline ? { offline: true } : {}),
        ...(opts.maxUsd !== undefined ? { maxUsd: opts.maxUsd } : {}),
        ...(opts.prices ? { prices: resolve(opts.prices) } : {}),
        ...(opts.rpm || opts.tpm ? { rateLimits: { requestsPerMinute: opts.rpm, tokensPerMinute: opts.tpm } } : {}),
        ...(opts.timeout || opts.retries !== undefined
          ? { retry: { ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}), ...(opts.retries !== undefined ? { maxAttempts: opts.retries + 1 } : {}) } }
          : {}),
      };
      const warning = config.biases ? biasWarning({ biases: config.biases, doctors: config.doctors, patient: config.patient }) : undefined;
      if (warning) process.stderr.write(`${warning}\n`);
      outcome = await startRun(store, config, handlers);
    }
    display?.finish();
    // The report modules load once the run is over: they are not needed before the first encounter.
    const [{ renderReport, formatErrorReasons, formatResultsTable }, { summarizeRun }] = await Promise.all([
      import('../report/index.js'),
      import('../report/aggregate.js'),
    ]);
    const data = await store.reportData(outcome.runId, { events: opts.report === 'html' || opts.report === 'csv' });
    console.log(formatResultsTable(summarizeRun(data)));
    const errors = formatErrorReasons(data);
    if (errors) console.log(errors);
    const usageLine = formatUsageLine(data.encounters);
    if (usageLine) console.log(usageLine);
    if ('stoppedBy' in outcome && outcome.stoppedBy === 'max-usd') console.log('Stopped: the --max-usd limit was reached.');
    if (!outcome.completed) {
      const storeFlag = (opts.store === '.rounds/rounds.db' ? '' : ` --store ${store.location}`) + (opts.queue ? ` --queue ${maskStoreUrl(opts.queue)}` : '');
      console.log(`Interrupted: ${outcome.progress.done} of ${outcome.progress.total} encounters done.`);
      console.log(`Resume with: npx rounds run --resume ${outcome.runId}${storeFlag}`);
      process.exitCode = EXIT.interrupted;
      return;
    }
    if (opts.report !== 'none') {
      const ext = opts.report === 'md' ? 'md' : opts.report;
      const file = resolve(join(opts.out, `${outcome.runId}.${ext}`));
      writeFileSync(file, renderReport(data, opts.report));
      console.log(`Report: ${displayPath(file)}`);
    }
    console.log(`Run id: ${outcome.runId}`);
    // Nothing was scored: a script checking `$?` must not mistake a provider outage for results.
    if (data.encounters.length > 0 && data.encounters.every((e) => e.status === 'done' && e.verdict === 'error')) {
      process.stderr.write(
        `Every encounter ended in error; see the error events (\`rounds report ${outcome.runId}\`), fix the cause, then rerun them with --resume ${outcome.runId} --retry-errors.\n`,
      );
      process.exitCode = EXIT.allErrored;
    }
  } catch (e) {
    display?.finish();
    if (runId && controller.signal.aborted) process.stderr.write(`Resume with: npx rounds run --resume ${runId}\n`);
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await store.close();
  }
}

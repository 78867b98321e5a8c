import { Command } from 'commander';
import { startWorker } from '../run/worker.js';
import { checkRedis } from '../run/queue-connection.js';
import { openStore } from '../store/store.js';
import { positiveInt } from './flags.js';
import { handled } from './errors.js';
import { redactSecrets } from '../util/redact.js';

interface WorkerFlags {
  queue: string;
  store?: string;
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
}

const envInt = (name: string, fallback: number) =>
  Number.isInteger(Number(process.env[name])) && Number(process.env[name]) > 0 ? Number(process.env[name]) : fallback;

/** `rounds worker`: runs queued encounters until stopped (SIGINT/SIGTERM finish the encounters in progress). */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run queued encounters from `rounds run --queue` (start one or more on any machine)')
    .requiredOption('--queue <url>', 'Redis URL of the queue, e.g. redis://host:6379')
    .option(
      '--store <url>',
      'store to write to, e.g. postgres://user:pw@host/rounds (env ROUNDS_STORE; default: the password-free store each job names, with PGPASSWORD)',
    )
    .option('-c, --concurrency <n>', 'encounters run at once by this worker', positiveInt, 4)
    .option(
      '--lock-duration <ms>',
      "job lock lifetime; a killed worker's encounters are retried after about this long (env ROUNDS_LOCK_DURATION_MS)",
      positiveInt,
      envInt('ROUNDS_LOCK_DURATION_MS', 10_000),
    )
    .option(
      '--stalled-interval <ms>',
      'how often expired locks are looked for (env ROUNDS_STALLED_INTERVAL_MS)',
      positiveInt,
      envInt('ROUNDS_STALLED_INTERVAL_MS', 5_000),
    )
    .action(handled(workerAction));
}

async function workerAction(flags: WorkerFlags): Promise<void> {
  await checkRedis(flags.queue);
  // Open (and migrate) the store up front so a wrong --store fails here, in one sentence, not in every job.
  const store = flags.store ?? (process.env.ROUNDS_STORE || undefined);
  if (store) await (await openStore(store)).close();
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${redactSecrets(line)}\n`);
  const w = await startWorker({
    queueUrl: flags.queue,
    store,
    concurrency: flags.concurrency,
    lockDurationMs: flags.lockDuration,
    stalledIntervalMs: flags.stalledInterval,
    log,
  });
  process.stdout.write('worker ready\n');
  await new Promise<void>((resolveStopped) => {
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(130);
      stopping = true;
      log('stopping: finishing the encounters in progress (signal again to quit at once)');
      w.close().then(resolveStopped, (e: Error) => {
        log(`error while stopping: ${e.message}`);
        process.exitCode = 1;
        resolveStopped();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  log('worker stopped');
}

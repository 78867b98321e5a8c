import type { Command } from 'commander';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import { createApp } from '../server/app.js';
import { loadUiAssets } from '../server/ui-assets.js';
import { dataDir, packageRoot } from '../util/paths.js';
import { loadCases } from '../case/load.js';
import { loadKnowledgeBase } from '../kb/load.js';
import { warmTermMatcher } from '../case/codes/term-match.js';
import { warmDeterministicActors } from '../actors/deterministic.js';
import { ConfigError } from '../util/errors.js';
import { handled } from './errors.js';
import { parseDoctorOrigin } from '../llm/egress-policy.js';
import { DEFAULT_MAX_PLAN } from '../server/plan-limit.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Whether binding this host keeps the server private to this machine. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and HTTP API (runs, transcripts, live encounters, the human doctor seat at /play)')
    .option('--port <n>', 'port to listen on', '7878')
    .option('--host <host>', 'address to bind; anything but loopback needs ROUNDS_TOKEN', '127.0.0.1')
    .option('--store <path>', 'SQLite file', DEFAULT_STORE)
    .option(
      '--allow-model <pattern>',
      'a model string runs posted over HTTP may use; `*` matches anything (openai:*, openai-compatible:http://127.0.0.1:8000/v1#*); repeatable; none by default',
      collect,
      [],
    )
    .option(
      '--allow-doctor-url <origin>',
      'an origin (scheme://host:port) http doctors posted over HTTP may be reached at; repeatable; none by default',
      collect,
      [],
    )
    .option('--max-plan <n>', 'most encounters one run posted over HTTP may plan', String(DEFAULT_MAX_PLAN))
    .action(
      handled(async (opts: { port: string; host: string; store: string; allowModel: string[]; allowDoctorUrl: string[]; maxPlan: string }) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port ${opts.port} is not a port number (0-65535).`);
        const maxPlan = Number(opts.maxPlan);
        if (!Number.isInteger(maxPlan) || maxPlan < 1 || maxPlan > 10_000_000)
          throw new ConfigError(`--max-plan ${opts.maxPlan} must be a whole number from 1 to 10000000.`);
        const allowDoctorUrls = opts.allowDoctorUrl.map(parseDoctorOrigin);
        const badPattern = opts.allowModel.find((p) => !p.trim());
        if (badPattern !== undefined) throw new ConfigError('--allow-model needs a pattern, e.g. --allow-model "openai:*".');
        const exposed = !isLoopback(opts.host);
        const token = process.env.ROUNDS_TOKEN || undefined;
        if (exposed && !token) {
          throw new ConfigError(
            `Refusing to listen on ${opts.host} without a token: set ROUNDS_TOKEN so writes and hidden case data need it, or keep the default --host 127.0.0.1.`,
          );
        }
        const store = await openStore(opts.store);
        const assets = loadUiAssets(join(packageRoot(), 'web', 'dist'));
        const app = createApp({ store, token, requireToken: exposed, assets, allowModels: opts.allowModel, allowDoctorUrls, maxPlan });
        // The app keeps parsed case files; parse the shipped ones now, not in the first request that needs them.
        loadCases(join(dataDir(), 'cases'));
        // Likewise the knowledge base the built-in doctors reason with (cached per process once read),
        // and the ICD-10-CM matcher the diagnosis scorer uses (about a second of CPU to build).
        loadKnowledgeBase();
        warmTermMatcher();
        // And the deterministic patient's topic index, which every run's first question would build (~0.3 s of CPU).
        warmDeterministicActors();
        const server = serve({ fetch: app.fetch, port, hostname: opts.host }, (info) => {
          const shown = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
          console.log(`Rounds is serving ${opts.store} at http://${shown}:${info.port}/`);
          if (assets.size === 0) console.log('The web UI is not built; run `npm run build:web` (the API works without it).');
          if (exposed) console.log('Exposed beyond localhost: writes and hidden case data need "Authorization: Bearer $ROUNDS_TOKEN".');
          console.log(
            opts.allowModel.length || allowDoctorUrls.length
              ? `Runs posted over HTTP may use models ${opts.allowModel.join(', ') || '(none)'} and doctors at ${allowDoctorUrls.join(', ') || '(none)'}.`
              : 'Runs posted over HTTP may use built-in doctors only; allow models with --allow-model and http doctors with --allow-doctor-url.',
          );
          if (process.env.OPENAI_COMPATIBLE_API_KEY && !process.env.OPENAI_COMPATIBLE_BASE_URL) {
            console.log(
              'OPENAI_COMPATIBLE_API_KEY is set without OPENAI_COMPATIBLE_BASE_URL: runs posted over HTTP send it nowhere; set the base URL it belongs to.',
            );
          }
        });
        await new Promise<void>((resolve, reject) => {
          server.once('error', (e: NodeJS.ErrnoException) =>
            reject(
              new ConfigError(
                e.code === 'EADDRINUSE'
                  ? `Port ${port} on ${opts.host} is already in use; choose another with --port.`
                  : `Cannot listen on ${opts.host}:${port}: ${e.message}.`,
              ),
            ),
          );
          const stop = () => {
            // Runs started here are interrupted, not lost: `rounds run --resume` finishes them.
            void app.shutdown().finally(() => server.close(() => void store.close().finally(resolve)));
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
}

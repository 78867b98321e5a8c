import type { Command } from 'commander';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import { createApp } from '../server/app.js';
import { loadUiAssets } from '../server/ui-assets.js';
import { packageRoot } from '../util/paths.js';
import { ConfigError } from '../util/errors.js';
import { handled } from './errors.js';

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
    .action(
      handled(async (opts: { port: string; host: string; store: string }) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port ${opts.port} is not a port number (0-65535).`);
        const exposed = !isLoopback(opts.host);
        const token = process.env.ROUNDS_TOKEN || undefined;
        if (exposed && !token) {
          throw new ConfigError(`Refusing to listen on ${opts.host} without a token: set ROUNDS_TOKEN so writes and hidden case data need it, or keep the default --host 127.0.0.1.`);
        }
        const store = await openStore(opts.store);
        const assets = loadUiAssets(join(packageRoot(), 'web', 'dist'));
        const app = createApp({ store, token, requireToken: exposed, assets });
        const server = serve({ fetch: app.fetch, port, hostname: opts.host }, (info) => {
          const shown = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
          console.log(`Rounds is serving ${opts.store} at http://${shown}:${info.port}/`);
          if (assets.size === 0) console.log('The web UI is not built; run `npm run build:web` (the API works without it).');
          if (exposed) console.log('Exposed beyond localhost: writes and hidden case data need "Authorization: Bearer $ROUNDS_TOKEN".');
        });
        await new Promise<void>((resolve, reject) => {
          server.once('error', (e: NodeJS.ErrnoException) =>
            reject(new ConfigError(e.code === 'EADDRINUSE' ? `Port ${port} on ${opts.host} is already in use; choose another with --port.` : `Cannot listen on ${opts.host}:${port}: ${e.message}.`)),
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

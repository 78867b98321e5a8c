import type { Command } from 'commander';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { deterministicActors } from '../actors/deterministic.js';
import { loadCatalog } from '../case/catalog.js';
import { CaseSource } from '../gym/case-source.js';
import { DOCTOR_VIEW_VERSION, doctorHttpSchemas } from '../doctors/http/doctor-view-schema.js';
import { serveMcpHttp } from '../mcp/http-transport.js';
import { createMcpServer } from '../mcp/mcp-server.js';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import { ConfigError } from '../util/errors.js';
import { handled } from './errors.js';

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('serve encounters as MCP tools (start_case, ask_patient, examine, order_tests, diagnose, status) so any MCP client can be the doctor')
    .option('--transport <kind>', 'stdio, or http (streamable HTTP on 127.0.0.1)', 'stdio')
    .option('--port <n>', 'port for --transport http', '7879')
    .option('--store <path>', 'SQLite file or postgres:// URL where encounters are stored', DEFAULT_STORE)
    .action(
      handled(async (opts: { transport: string; port: string; store: string }) => {
        if (opts.transport !== 'stdio' && opts.transport !== 'http') throw new ConfigError(`--transport ${opts.transport} must be stdio or http.`);
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port ${opts.port} is not a port number (0-65535).`);
        const store = await openStore(opts.store);
        const deps = { store, catalog: loadCatalog(), actors: deterministicActors(), cases: new CaseSource() };
        if (opts.transport === 'stdio') {
          // stdout carries the protocol: nothing else may be printed there.
          const { server, session } = createMcpServer(deps);
          const transport = new StdioServerTransport();
          const closed = new Promise<void>((resolve) => {
            transport.onclose = () => resolve();
            process.stdin.once('end', () => resolve());
          });
          await server.connect(transport);
          await closed;
          await session.close();
          await store.close();
          return;
        }
        const http = await serveMcpHttp({ deps, port });
        process.stderr.write(`Rounds MCP server (streamable HTTP) at ${http.url}, storing encounters in ${opts.store}\n`);
        await new Promise<void>((resolve) => {
          const stop = () => void http.close().finally(() => void store.close().finally(resolve));
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
}

/**
 * `rounds doctor-schema`: prints the versioned JSON Schemas of the `http`
 * doctor contract (request and reply). Kept beside `rounds mcp`: both are doors
 * for doctors that live outside Rounds.
 */
export function registerDoctorSchemaCommand(program: Command): void {
  program
    .command('doctor-schema')
    .description(`print the JSON Schemas of the http doctor contract (${DOCTOR_VIEW_VERSION}): the view Rounds POSTs and the action it expects back`)
    .action(handled(() => void console.log(JSON.stringify(doctorHttpSchemas(), null, 2))));
}

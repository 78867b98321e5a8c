import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpServer, type McpDeps } from './mcp-server.js';
import type { McpSession } from './mcp-session.js';

/** A running streamable-HTTP MCP endpoint at http://127.0.0.1:<port>/mcp. */
export interface McpHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves MCP over streamable HTTP on loopback: each client session (the
 * Mcp-Session-Id header) gets its own server and encounter seat.
 */
export async function serveMcpHttp(input: { deps: McpDeps; port: number; host?: string; ttlMs?: number }): Promise<McpHttpServer> {
  const host = input.host ?? '127.0.0.1';
  const ttl = input.ttlMs ?? 30 * 60 * 1000;
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; session: McpSession; lastSeen: number }>();
  // Clients that vanish without ending their session: their open encounter is recorded as abandoned.
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [sid, s] of sessions) {
        if (now - s.lastSeen <= ttl) continue;
        sessions.delete(sid);
        void s.session.close().finally(() => s.transport.close());
      }
    },
    Math.min(ttl, 60_000),
  );
  sweep.unref();
  const allowedHosts: string[] = [];

  const http: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/mcp') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('The MCP endpoint is /mcp.');
        return;
      }
      const id = req.headers['mcp-session-id'];
      const known = typeof id === 'string' ? sessions.get(id) : undefined;
      if (known) {
        known.lastSeen = Date.now();
        return known.transport.handleRequest(req, res);
      }
      if (id !== undefined || req.method !== 'POST') {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Unknown or expired MCP session; initialize a new one.' }, id: null }));
        return;
      }
      const { server, session } = createMcpServer(input.deps);
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        // A web page elsewhere must not reach a loopback server through DNS rebinding.
        enableDnsRebindingProtection: true,
        allowedHosts,
        onsessioninitialized: (sid) => void sessions.set(sid, { transport, session, lastSeen: Date.now() }),
        onsessionclosed: async (sid) => {
          sessions.delete(sid);
          await session.close();
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
        void session.close();
      };
      await server.connect(transport);
      await transport.handleRequest(req, res);
    })().catch((e: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`Internal error: ${e.message}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(input.port, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  allowedHosts.push(`${host}:${port}`, `localhost:${port}`);
  return {
    url: `http://${host}:${port}/mcp`,
    async close() {
      clearInterval(sweep);
      for (const { transport, session } of sessions.values()) {
        await session.close();
        await transport.close();
      }
      sessions.clear();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

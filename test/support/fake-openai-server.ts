import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One chat-completions request as the fake server saw it. */
export interface FakeRequest {
  body: {
    model: string;
    messages: Array<{ role: string; content: unknown; tool_calls?: unknown }>;
    tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters: unknown } }>;
    tool_choice?: unknown;
    response_format?: { type: string; json_schema?: { name?: string; schema: unknown } };
    [k: string]: unknown;
  };
  headers: IncomingHttpHeaders;
  /** 1-based count of requests with this exact body so far (retries of one call share a body). */
  attempt: number;
}

/**
 * `invalid-json`: status 200 with a body that is not JSON (a truncated reply or a gateway's HTML);
 * `wrong-shape`: status 200 with JSON that is not a chat completion.
 */
export type Fault = 'rate-limit' | 'server-error' | 'hang' | 'malformed-tool' | 'empty' | 'invalid-json' | 'wrong-shape';

/** What the handler wants sent back. */
export interface FakeReply {
  content?: string;
  toolCalls?: Array<{ name: string; arguments: unknown }>;
  fault?: Fault;
  /** Seconds for Retry-After on a rate-limit fault (default 0). */
  retryAfter?: number;
  /** Sends this status and body as-is (with `headers`), instead of a completion: e.g. a provider echoing a key in a 4xx body. */
  raw?: { status: number; body: string; headers?: Record<string, string> };
  usage?: { prompt: number; completion: number };
}

export type FakeHandler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  /** Base URL to give the provider, ending in /v1. */
  url: string;
  requests: FakeRequest[];
  /** Count of faults sent, by kind. */
  faults: Record<Fault, number>;
  stop(): Promise<void>;
}

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (random port):
 * POST /v1/chat/completions, non-streaming, with tool calls and JSON replies,
 * scripted by `handler`, with injected faults and optional latency.
 */
export async function startFakeOpenAI({ handler, latencyMs = 0 }: { handler: FakeHandler; latencyMs?: number }): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const faults: Record<Fault, number> = { 'rate-limit': 0, 'server-error': 0, hang: 0, 'malformed-tool': 0, empty: 0, 'invalid-json': 0, 'wrong-shape': 0 };
  const seen = new Map<string, number>();
  const sockets = new Set<Socket>();
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: FakeRequest['body'];
      try {
        body = JSON.parse(raw);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad json' } }));
        return;
      }
      const attempt = (seen.get(raw) ?? 0) + 1;
      seen.set(raw, attempt);
      const request: FakeRequest = { body, headers: req.headers, attempt };
      requests.push(request);
      let reply: FakeReply;
      try {
        reply = await handler(request);
      } catch (e) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `handler failed: ${(e as Error).message}` } }));
        return;
      }
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      if (reply.fault) faults[reply.fault]++;
      if (reply.fault === 'hang') return; // never answer; the client's timeout must fire
      if (reply.raw) {
        res.writeHead(reply.raw.status, { 'content-type': 'application/json', ...reply.raw.headers }).end(reply.raw.body);
        return;
      }
      if (reply.fault === 'invalid-json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "chatcmpl-x", "choices": [{"message": {"content": "Tru');
        return;
      }
      if (reply.fault === 'wrong-shape') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: 'none', status: 'ok' }));
        return;
      }
      if (reply.fault === 'rate-limit') {
        res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(reply.retryAfter ?? 0) })
          .end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit' } }));
        return;
      }
      if (reply.fault === 'server-error') {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'The server had an error', type: 'server_error' } }));
        return;
      }
      const toolCalls =
        reply.fault === 'malformed-tool'
          ? [
              {
                id: `call_${++n}`,
                type: 'function',
                function: { name: reply.toolCalls?.[0]?.name ?? 'diagnose', arguments: '{"differential": [{"name": "Inferior' },
              },
            ]
          : reply.toolCalls?.map((c) => ({
              id: `call_${++n}`,
              type: 'function',
              function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
            }));
      const content = reply.fault === 'empty' ? '' : (reply.content ?? (toolCalls ? null : ''));
      const usage = reply.usage ?? { prompt: Math.ceil(raw.length / 4), completion: Math.ceil(JSON.stringify(reply).length / 4) };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${++n}`,
          object: 'chat.completion',
          created: 1_700_000_000,
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content, ...(toolCalls && reply.fault !== 'empty' ? { tool_calls: toolCalls } : {}) },
              finish_reason: toolCalls && reply.fault !== 'empty' ? 'tool_calls' : 'stop',
            },
          ],
          usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
        }),
      );
    });
  });
  server.on('connection', (s) => {
    s.setNoDelay(true);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    faults,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

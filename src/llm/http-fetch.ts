import { Agent, request } from 'node:http';

// One keep-alive pool for every plain-HTTP model server (vLLM, llama.cpp, Ollama on this machine or the LAN).
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * A small fetch for plain-HTTP, non-streaming JSON calls over node:http with
 * keep-alive. Local model servers answer in milliseconds, and the global
 * fetch's per-request cost is then most of the harness's own time per call
 * (see bench/llm.ts). Responses are read whole; compression is not asked for.
 */
export const httpFetch: typeof fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (url.protocol !== 'http:') return fetch(input, init);
  return new Promise<Response>((resolve, reject) => {
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return reject(signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    headers['accept-encoding'] = 'identity';
    const body = init?.body == null ? undefined : typeof init.body === 'string' ? init.body : undefined;
    if (init?.body != null && body === undefined) return reject(new TypeError('httpFetch only sends string bodies.'));
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const req = request(url, { method: init?.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
        const status = res.statusCode ?? 500;
        const nullBody = status === 204 || status === 304;
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: out }));
      });
    });
    function fail(e: unknown) {
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    }
    const onAbort = () => {
      req.destroy();
      fail(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.end(body);
  });
};

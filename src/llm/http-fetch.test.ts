import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from './http-fetch.js';

let url = '';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/hang') return;
    res.writeHead(req.url === '/limited' ? 429 : 200, { 'content-type': 'application/json', 'retry-after': '2' });
    res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization, encoding: req.headers['accept-encoding'] }));
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('httpFetch', () => {
  it('sends method, headers and body and returns status, headers and body like fetch', async () => {
    const r = await httpFetch(`${url}/limited`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(await r.json()).toEqual({ method: 'POST', body: '{"a":1}', auth: 'Bearer k', encoding: 'identity' });
  });

  it('rejects when the signal aborts a request in flight', async () => {
    const ac = new AbortController();
    const p = httpFetch(`${url}/hang`, { method: 'POST', body: '{}', signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toThrow(/abort/i);
  });
});

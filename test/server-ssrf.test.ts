import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../src/store/store.js';
import { createApp, type RoundsApp } from '../src/server/app.js';

/**
 * Issue 15, item 1: a caller of POST /api/runs must not make the server reach
 * an address of their choosing, nor carry the operator's key there. A real
 * listener on 127.0.0.1 records every request it gets and its Authorization.
 */

const CANARY = 'sk-canary-0123456789abcdef';

interface Hit {
  path: string;
  authorization?: string;
}

let listener: Server;
let origin: string;
const hits: Hit[] = [];
let store: Store;
const apps: RoundsApp[] = [];

/** Whoever waits for a request (firstHit), told of each one as it comes. */
const waiters = new Set<() => void>();

function record(req: IncomingMessage): void {
  hits.push({ path: req.url ?? '', authorization: req.headers.authorization });
  for (const w of waiters) w();
}

beforeAll(async () => {
  listener = createServer((req, res) => {
    record(req);
    req.resume();
    // An error reply: the run records a failed encounter, which is all these tests need.
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"no"}}');
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'rounds-ssrf-')), 's.db'));
});

afterAll(async () => {
  await new Promise<void>((r) => listener.close(() => r()));
  await store.close();
});

beforeEach(() => {
  hits.length = 0;
  vi.stubEnv('OPENAI_COMPATIBLE_API_KEY', CANARY);
  vi.stubEnv('OPENAI_COMPATIBLE_BASE_URL', '');
  vi.stubEnv('ROUNDS_DOCTOR_TOKEN', '');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(apps.splice(0).map((a) => a.shutdown()));
});

function app(options: { allowModels?: string[]; allowDoctorUrls?: string[] } = {}): RoundsApp {
  const a = createApp({ store, ...options });
  apps.push(a);
  return a;
}

function startRun(a: RoundsApp, body: Record<string, unknown>): Promise<Response> {
  return Promise.resolve(
    a.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ suites: ['quick'], seeds: ['1'], concurrency: 1, ...body }),
    }),
  );
}

/**
 * Waits until the listener gets a request under `prefix`; the run reaches it on its first encounter. Each test uses
 * its own prefix, so a request still in flight from an earlier test's run cannot be mistaken for it. Woken by the
 * request itself rather than polled against a deadline, so a slow machine only makes it wait longer; a run that
 * never calls out fails the test at its timeout.
 */
async function firstHit(prefix: string): Promise<Hit> {
  const mine = () => hits.find((h) => h.path.startsWith(prefix));
  const found = mine();
  if (found) return found;
  return new Promise<Hit>((resolve) => {
    const check = () => {
      const hit = mine();
      if (!hit) return;
      waiters.delete(check);
      resolve(hit);
    };
    waiters.add(check);
  });
}

describe('POST /api/runs egress allow-list', () => {
  const model = () => `openai-compatible:${origin}/v1#m`;

  it('refuses a model or doctor URL in any model-bearing field without an allow-list, contacting nobody', async () => {
    const a = app();
    const cases: Array<Record<string, unknown>> = [
      { doctors: [model()] },
      { doctors: [`llm:${model()}`] },
      { doctors: [`panel:model=${model()},variant=instant`] },
      { doctors: ['baseline'], patient: `llm:${model()}` },
      { doctors: ['baseline'], lab: model() },
      { doctors: ['baseline'], judge: model() },
      { doctors: [`${origin}/doctor`] },
      { doctors: ['openai:gpt-4.1-mini'] },
    ];
    for (const body of cases) {
      const res = await startRun(a, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      const { error } = await res.json();
      expect(error.code).toBe('not-allowed');
      expect(error.message).toMatch(/--allow-(model|doctor-url)/);
    }
    expect(await store.listRuns()).toHaveLength(0);
    expect(hits).toEqual([]);
  });

  it('refuses what the allow-list does not match, and base URLs that could dodge a pattern', async () => {
    const a = app({ allowModels: [`openai-compatible:${origin}/v1#*`], allowDoctorUrls: ['http://127.0.0.1:1'] });
    for (const doctors of [[`openai-compatible:${origin}/v2#m`], ['openai:gpt-4.1-mini'], [`${origin}/doctor`]]) {
      const res = await startRun(a, { doctors });
      expect(res.status, doctors[0]).toBe(403);
    }
    // A loose pattern must not let credentials syntax move the request to another host.
    const loose = app({ allowModels: [`openai-compatible:${origin}*`] });
    expect((await startRun(loose, { doctors: [`openai-compatible:${origin}@evil.invalid/v1#m`] })).status).toBe(403);
    expect(hits).toEqual([]);
  });

  it('with the model allowed, never sends OPENAI_COMPATIBLE_API_KEY to a URL other than OPENAI_COMPATIBLE_BASE_URL', async () => {
    const a = app({ allowModels: [`openai-compatible:${origin}/*`] });
    const res = await startRun(a, { doctors: [`openai-compatible:${origin}/a/v1#m`] });
    expect(res.status).toBe(202);
    const hit = await firstHit('/a/');
    expect(hit.path).toBe('/a/v1/chat/completions');
    expect(hit.authorization).toBeUndefined();

    // A configured base URL elsewhere: still no key for this server.
    vi.stubEnv('OPENAI_COMPATIBLE_BASE_URL', 'http://127.0.0.1:1/v1');
    expect((await startRun(a, { doctors: [`openai-compatible:${origin}/b/v1#m`] })).status).toBe(202);
    expect((await firstHit('/b/')).authorization).toBeUndefined();
  });

  it('sends the key to the configured base URL (the control: the listener does see keys)', async () => {
    vi.stubEnv('OPENAI_COMPATIBLE_BASE_URL', `${origin}/c/v1/`);
    const a = app({ allowModels: [`openai-compatible:${origin}/*`] });
    expect((await startRun(a, { doctors: [`openai-compatible:${origin}/c/v1#m`] })).status).toBe(202);
    expect((await firstHit('/c/')).authorization).toBe(`Bearer ${CANARY}`);
  });

  it('reaches an allowed http doctor origin, and only that one', async () => {
    const a = app({ allowDoctorUrls: [`${origin}/`] });
    expect((await startRun(a, { doctors: [`${origin}/doctor,retries=0`] })).status).toBe(202);
    expect((await firstHit('/doctor')).path).toBe('/doctor');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import '../src/doctors/builtins.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';
import { scriptedClinic } from './support/fake-clinic.js';

let dir: string;
let server: FakeServer;
let store: Store;
const clinic = scriptedClinic();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-malformed-'));
  server = await startFakeOpenAI({
    // Every call's first two attempts get a 200 that cannot be read (invalid JSON, then JSON of the wrong shape).
    handler: (req) => (req.attempt === 1 ? { fault: 'invalid-json' } : req.attempt === 2 ? { fault: 'wrong-shape' } : clinic(req)),
  });
  store = await openStore(join(dir, 'rounds.db'));
});
afterAll(async () => {
  await store.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('retries a status-200 reply that is not valid JSON like a 5xx: every encounter succeeds after retries', async () => {
  const url = server.url;
  const r = await startRun(store, {
    suites: ['test/fixtures/cases'],
    doctors: [`openai-compatible:${url}#fake`],
    protocols: ['default'],
    seeds: ['0', '1'],
    concurrency: 2,
    skipInvalid: false,
    patient: `llm:openai-compatible:${url}#fake`,
    judge: `openai-compatible:${url}#fake`,
    cache: 'off',
    retry: { maxAttempts: 3, baseDelayMs: 1, timeoutMs: 5000 },
  });
  expect(r.completed).toBe(true);
  expect(server.faults['invalid-json']).toBeGreaterThan(3);
  expect(server.faults['wrong-shape']).toBeGreaterThan(3);
  const encounters = await store.listEncounters(r.runId);
  expect(encounters.length).toBeGreaterThan(0);
  for (const e of encounters) {
    expect(e.verdict, e.id).toBe('correct');
    expect((await store.getEvents(e.id)).some((ev) => ev.type === 'error')).toBe(false);
  }
}, 120_000);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import '../src/doctors/builtins.js';
import { startFakeOpenAI, type Fault, type FakeServer } from './support/fake-openai-server.js';
import { roleOf, scriptedClinic } from './support/fake-clinic.js';

let dir: string;
let server: FakeServer;
let store: Store;

const clinic = scriptedClinic();
const rotation: Fault[] = ['rate-limit', 'server-error', 'hang', 'malformed-tool', 'empty'];
let firsts = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-faults-'));
  server = await startFakeOpenAI({
    handler: (req) => {
      const ok = clinic(req);
      if (req.body.model === 'mute') return { fault: 'server-error' };
      // The doomed model fails every diagnose-turn call: its retries run out.
      if (req.body.model === 'doomed' && roleOf(req) === 'doctor' && req.body.messages.filter((m) => m.role === 'assistant').length >= 3)
        return { fault: 'server-error' };
      // Every other call fails on its first attempt with the next fault in the rotation, then succeeds.
      if (req.attempt === 1) {
        let fault = rotation[firsts++ % rotation.length];
        if (fault === 'malformed-tool' && !req.body.tools) fault = 'empty';
        return { ...ok, fault, retryAfter: 0 };
      }
      return ok;
    },
  });
  store = await openStore(join(dir, 'rounds.db'));
});
afterAll(async () => {
  await store.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('completes a run under a fault mix: retried calls succeed, exhausted ones are error encounters, nothing is scored silently', async () => {
  const url = server.url;
  const r = await startRun(store, {
    suites: ['test/fixtures/cases'],
    doctors: [`openai-compatible:${url}#fake`, `openai-compatible:${url}#fake,mode=agentclinic,temperature=0`, `openai-compatible:${url}#doomed`],
    protocols: ['default'],
    seeds: ['0', '1', '2'],
    concurrency: 4,
    skipInvalid: false,
    patient: `llm:openai-compatible:${url}#fake`,
    judge: `openai-compatible:${url}#fake`,
    cache: 'off',
    retry: { maxAttempts: 3, baseDelayMs: 5, timeoutMs: 1000 },
  });
  expect(r.completed).toBe(true);
  for (const f of rotation) expect(server.faults[f], f).toBeGreaterThan(0);
  const encounters = await store.listEncounters(r.runId);
  expect(encounters).toHaveLength(9);
  for (const e of encounters) {
    const events = await store.getEvents(e.id);
    const scores = Object.fromEntries((await store.getScores(e.id)).map((s) => [s.name, s]));
    if (e.doctor.includes('#doomed')) {
      expect(e.verdict).toBe('error');
      expect(e.endReason).toBe('error');
      const err = events.find((ev) => ev.type === 'error') as { message: string };
      expect(err.message).toMatch(/failed after 3 attempts: the provider answered 500/);
      expect(scores.diagnosis.value).toBeNull();
      expect(scores.judge).toBeUndefined();
    } else {
      expect(e.verdict).toBe('correct');
      expect(scores.judge.value).toBe(5);
      expect(events.some((ev) => ev.type === 'error')).toBe(false);
    }
  }
});

it('ends an encounter as an error when the model patient fails for good, and scores nothing', async () => {
  const url = server.url;
  const r = await startRun(store, {
    suites: ['test/fixtures/cases'],
    doctors: [`openai-compatible:${url}#fake2`],
    protocols: ['default'],
    seeds: ['0'],
    concurrency: 1,
    skipInvalid: false,
    patient: `llm:openai-compatible:${url}#mute`,
    judge: `openai-compatible:${url}#fake2`,
    cache: 'off',
    retry: { maxAttempts: 3, baseDelayMs: 1, timeoutMs: 1000 },
  });
  expect(r.completed).toBe(true);
  const [e] = await store.listEncounters(r.runId);
  expect(e.verdict).toBe('error');
  const events = await store.getEvents(e.id);
  expect(events.find((ev) => ev.type === 'error')).toMatchObject({
    code: 'actor-error',
    message: expect.stringMatching(/The hospital side failed: The patient call to .*#mute failed after 3 attempts/),
  });
  const scores = await store.getScores(e.id);
  expect(scores.find((s) => s.name === 'diagnosis')?.value).toBeNull();
  expect(scores.some((s) => s.name === 'judge')).toBe(false);
});

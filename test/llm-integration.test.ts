import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/store.js';
import { resumeRun, startRun, type RunConfig } from '../src/run/start-run.js';
import '../src/doctors/builtins.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';
import { roleOf, scriptedClinic } from './support/fake-clinic.js';

let dir: string;
let server: FakeServer;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-llm-'));
  server = await startFakeOpenAI({ handler: scriptedClinic() });
  store = await openStore(join(dir, 'rounds.db'));
});
afterAll(async () => {
  await store.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function config(model: string, extra: Partial<RunConfig> = {}): RunConfig {
  return {
    suites: ['test/fixtures/cases'],
    doctors: [`openai-compatible:${model}`, `openai-compatible:${model},mode=sdbench`],
    protocols: ['default'],
    seeds: ['0'],
    concurrency: 2,
    skipInvalid: false,
    patient: `llm:openai-compatible:${model}`,
    judge: `openai-compatible:${model}`,
    retry: { baseDelayMs: 5, timeoutMs: 5000 },
    ...extra,
  };
}

async function snapshot(runId: string) {
  const encounters = await store.listEncounters(runId);
  const out = [];
  for (const e of encounters) {
    const events = (await store.getEvents(e.id)).map(({ at: _at, ...rest }) => rest);
    const scores = (await store.getScores(e.id)).map(({ encounterId: _id, ...rest }) => rest);
    out.push({ doctor: e.doctor, verdict: e.verdict, endReason: e.endReason, events, scores });
  }
  return out;
}

describe('llm doctor, patient and judge over real HTTP', () => {
  let first: Awaited<ReturnType<typeof snapshot>>;

  it('plays a whole run through @ai-sdk/openai-compatible, tool calls included', async () => {
    const r = await startRun(store, config(`${server.url}#fake-model`));
    expect(r.completed).toBe(true);
    first = await snapshot(r.runId);
    expect(first).toHaveLength(2);
    for (const e of first) {
      expect(e.verdict).toBe('correct');
      const answer = e.events.find((ev) => ev.type === 'answer') as { text: string; factIds: string[] } | undefined;
      expect(answer?.text).toBe("It's a crushing pressure in the middle of my chest, it started two hours ago.");
      // The deterministic grounding still says which fact the question reached.
      expect(answer?.factIds).toContain('chest-pain');
      const score = (n: string) => e.scores.find((s) => s.name === n);
      expect(score('judge')?.value).toBe(5);
      expect(score('judge_correct')?.value).toBe(1);
      expect(score('diagnosis')?.value).toBe(1);
      expect(score('tokens')?.value).toBeGreaterThan(0);
      // A local model has no price: usd is null with the reason, never 0.
      expect(score('usd')?.value).toBeNull();
      expect(score('usd')?.detail).toMatch(/no price/);
    }
    const tools = first.find((e) => !e.doctor.includes('sdbench'))!;
    expect(tools.events.filter((ev) => ev.type === 'action').map((ev) => (ev as { action: { type: string } }).action.type)).toEqual([
      'ask',
      'examine',
      'order',
      'diagnose',
    ]);
    const sdbench = first.find((e) => e.doctor.includes('sdbench'))!;
    expect(sdbench.events.filter((ev) => ev.type === 'action').map((ev) => (ev as { action: { type: string } }).action.type)).toEqual([
      'ask',
      'order',
      'diagnose',
    ]);

    const doctorReq = server.requests.find((q) => roleOf(q) === 'doctor' && q.body.tools);
    expect(doctorReq?.body.tools?.map((t) => t.function.name).sort()).toEqual(['ask_patient', 'diagnose', 'examine', 'order_tests']);
    expect(doctorReq?.body.tool_choice).toBe('required');
    const judgeReq = server.requests.find((q) => roleOf(q) === 'judge');
    expect(judgeReq?.body.response_format?.type).toBe('json_schema');
    // The doctor never sees the diagnosis or the hidden facts.
    for (const q of server.requests.filter((x) => roleOf(x) === 'doctor')) expect(JSON.stringify(q.body.messages)).not.toMatch(/I21\.19|sweating buckets/);
  });

  it('stops cleanly at --max-usd with priced usage per encounter, and the run resumes', async () => {
    const prices = join(dir, 'prices.yaml');
    writeFileSync(prices, `'openai-compatible:${server.url}#priced': { input: 1000, output: 1000 }\n`);
    const model = `${server.url}#priced`;
    const r = await startRun(store, {
      ...config(model),
      doctors: [`openai-compatible:${model}`],
      judge: undefined,
      patient: undefined,
      seeds: ['0', '1', '2', '3', '4', '5'],
      concurrency: 1,
      cache: 'off',
      prices,
      maxUsd: 5,
    });
    expect(r).toMatchObject({ completed: false, stoppedBy: 'max-usd' });
    expect((await store.getRun(r.runId)).status).toBe('interrupted');
    const done = (await store.listEncounters(r.runId)).filter((e) => e.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(6);
    for (const e of done) {
      expect(e.verdict).toBe('correct');
      const usd = (await store.getScores(e.id)).find((s) => s.name === 'usd')!;
      expect(usd.value).toBeGreaterThan(0);
    }
    // Each invocation may spend up to --max-usd again, so resuming makes progress.
    const again = await resumeRun(store, r.runId);
    expect(again.progress.done).toBeGreaterThan(done.length);
  });

  it('replays the same run from the cache with the server stopped: identical events and scores', async () => {
    const calls = server.requests.length;
    await server.stop();
    const r = await startRun(store, config(`${server.url}#fake-model`, { offline: true }));
    expect(r.completed).toBe(true);
    expect(server.requests.length).toBe(calls);
    expect(await snapshot(r.runId)).toEqual(first);
  });

  it('fails fast offline on a cache miss, as an error encounter', async () => {
    const r = await startRun(store, config(`${server.url}#other-model`, { offline: true, doctors: [`openai-compatible:${server.url}#other-model`] }));
    const [e] = await snapshot(r.runId);
    expect(e.verdict).toBe('error');
    const err = e.events.find((ev) => ev.type === 'error') as { message: string };
    expect(err.message).toMatch(/not in the cache and --offline/);
  });
});

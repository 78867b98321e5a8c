import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/store.js';
import { startRun, type RunConfig } from '../src/run/start-run.js';
import '../src/doctors/builtins.js';
import { startFakeOpenAI, type FakeReply, type FakeRequest, type FakeServer } from './support/fake-openai-server.js';

// A 1x1 transparent PNG, inlined so the test needs no network.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const REMOTE = 'https://example.org/rounds-samples/ecg-inferior.png';

let dir: string;
let server: FakeServer;
let store: Store;
/** What the moderator model answers in the current test. */
let moderatorSays: FakeReply = { content: '**Yes.**' };

const system = (req: FakeRequest) => String(req.body.messages.find((m) => m.role === 'system')?.content ?? '');
const isDoctor = (req: FakeRequest) => system(req).includes('You are a physician');
const isModerator = (req: FakeRequest) => system(req).includes('name the same disease');

function handler(req: FakeRequest): FakeReply {
  if (isModerator(req)) return moderatorSays;
  if (system(req).includes('You grade a doctor')) return { content: JSON.stringify({ score: 5, reason: 'Same disease.' }) };
  if (isDoctor(req)) {
    const step = req.body.messages.filter((m) => m.role === 'assistant').length;
    const dx = 'Inferior ST-elevation myocardial infarction';
    if (req.body.tools) {
      const offered = req.body.tools.some((t) => t.function.name === 'request_images');
      if (step === 0 && offered) return { toolCalls: [{ name: 'request_images', arguments: {} }] };
      return { toolCalls: [{ name: 'diagnose', arguments: { differential: [{ name: dx }] } }] };
    }
    return { content: step === 0 ? 'REQUEST IMAGES' : `DIAGNOSIS READY: ${dx}` };
  }
  return { fault: 'server-error' };
}

function caseWithMedia(): string {
  const folder = join(dir, 'media-cases');
  mkdirSync(folder, { recursive: true });
  const base = readFileSync('test/fixtures/cases/stemi.yaml', 'utf8');
  writeFileSync(
    join(folder, 'stemi-media.yaml'),
    `${base.trimEnd()}\nmedia:\n  - { id: photo, url: "${PNG}", caption: The patient at arrival, revealed: start }\n  - { id: ecg, url: "${REMOTE}", caption: 12-lead ECG strip, revealed: on-request }\n`,
  );
  return folder;
}

function config(extra: Partial<RunConfig>): RunConfig {
  // No call cache: the moderator tests send the same question with different scripted answers.
  return {
    suites: [],
    doctors: [],
    protocols: ['default'],
    seeds: ['0'],
    concurrency: 1,
    skipInvalid: false,
    cache: 'off',
    retry: { baseDelayMs: 5, timeoutMs: 5000 },
    ...extra,
  };
}

/** The image URLs of one chat message as the provider sent them. */
function imagesOf(message: { content: unknown }): string[] {
  return Array.isArray(message.content)
    ? (message.content as Array<{ type: string; image_url?: { url: string } }>).filter((p) => p.type === 'image_url').map((p) => p.image_url!.url)
    : [];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-ac-llm-'));
  server = await startFakeOpenAI({ handler });
  store = await openStore(join(dir, 'rounds.db'));
});
afterAll(async () => {
  await store.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('case images reach a vision llm doctor as image parts', () => {
  it('sends start images with the first message and requested ones after request_images (tools mode)', async () => {
    const before = server.requests.length;
    const r = await startRun(store, config({ suites: [caseWithMedia()], doctors: [`openai-compatible:${server.url}#fake-model,vision=true`] }));
    expect(r.completed).toBe(true);
    const doctorReqs = server.requests.slice(before).filter(isDoctor);
    expect(doctorReqs).toHaveLength(2);
    const [first, second] = doctorReqs.map((q) => q.body.messages.filter((m) => m.role === 'user'));
    expect(imagesOf(first[0])).toEqual([PNG]);
    expect(JSON.stringify(first[0].content)).toContain('call request_images');
    expect(imagesOf(second[second.length - 1])).toEqual([REMOTE]);
    const [enc] = await store.listEncounters(r.runId);
    const events = await store.getEvents(enc.id);
    const images = events.filter((e) => e.type === 'image') as Array<{ turn: number; media: Array<{ id: string }> }>;
    expect(images.map((e) => [e.turn, e.media.map((m) => m.id)])).toEqual([
      [0, ['photo']],
      [1, ['ecg']],
    ]);
    expect(enc.verdict).toBe('correct');
  });

  it("parses AgentClinic's REQUEST IMAGES in text mode, and sends no image to a doctor without vision", async () => {
    const before = server.requests.length;
    const r = await startRun(
      store,
      config({
        suites: [caseWithMedia()],
        doctors: [`openai-compatible:${server.url}#fake-model,mode=agentclinic,vision=true`, `openai-compatible:${server.url}#fake-model`],
      }),
    );
    expect(r.completed).toBe(true);
    const reqs = server.requests.slice(before).filter(isDoctor);
    const textMode = reqs.filter((q) => !q.body.tools);
    expect(imagesOf(textMode[1].body.messages.filter((m) => m.role === 'user').at(-1)!)).toEqual([REMOTE]);
    const blind = reqs.filter((q) => q.body.tools);
    for (const q of blind) for (const m of q.body.messages) expect(imagesOf(m)).toEqual([]);
    expect(blind[0].body.tools!.map((t) => t.function.name)).not.toContain('request_images');
  });
});

describe('moderator scorer (AgentClinic "same disease?")', () => {
  it('scores 1 for a yes dressed in markdown, stored beside the deterministic match and the 5-point judge', async () => {
    moderatorSays = { content: '**Yes.**' };
    const r = await startRun(
      store,
      config({
        suites: ['test/fixtures/cases'],
        doctors: [`openai-compatible:${server.url}#fake-model`],
        moderator: `openai-compatible:${server.url}#fake-model`,
        judge: `openai-compatible:${server.url}#fake-model`,
      }),
    );
    const [enc] = await store.listEncounters(r.runId);
    const scores = await store.getScores(enc.id);
    expect(scores.find((s) => s.name === 'moderator')).toMatchObject({ value: 1 });
    expect(scores.find((s) => s.name === 'judge')).toMatchObject({ value: 5 });
    expect(scores.find((s) => s.name === 'diagnosis')).toMatchObject({ value: 1 });
    const asked = server.requests.filter(isModerator).at(-1)!;
    expect(JSON.stringify(asked.body.messages)).toMatch(
      /Correct diagnosis: Inferior ST-elevation myocardial infarction\\nDoctor's diagnosis: Inferior ST-elevation myocardial infarction\\nAre these the same disease\?/,
    );
  });
  it('is null with the reason, never 0, when the answer is neither yes nor no or the call fails', async () => {
    moderatorSays = { content: 'They are closely related.' };
    let r = await startRun(
      store,
      config({
        suites: ['test/fixtures/cases'],
        doctors: [`openai-compatible:${server.url}#fake-model`],
        moderator: `openai-compatible:${server.url}#fake-model`,
      }),
    );
    let scores = await store.getScores((await store.listEncounters(r.runId))[0].id);
    expect(scores.find((s) => s.name === 'moderator')).toMatchObject({ value: null, detail: expect.stringMatching(/neither yes nor no/) });
    moderatorSays = { fault: 'server-error' };
    r = await startRun(
      store,
      config({
        suites: ['test/fixtures/cases'],
        doctors: [`openai-compatible:${server.url}#fake-model`],
        moderator: `openai-compatible:${server.url}#fake-model`,
      }),
    );
    scores = await store.getScores((await store.listEncounters(r.runId))[0].id);
    expect(scores.find((s) => s.name === 'moderator')).toMatchObject({ value: null, detail: expect.stringMatching(/^moderator failed/) });
    moderatorSays = { content: 'No' };
    r = await startRun(
      store,
      config({
        suites: ['test/fixtures/cases'],
        doctors: [`openai-compatible:${server.url}#fake-model`],
        moderator: `openai-compatible:${server.url}#fake-model`,
      }),
    );
    scores = await store.getScores((await store.listEncounters(r.runId))[0].id);
    expect(scores.find((s) => s.name === 'moderator')).toMatchObject({ value: 0 });
  });
});

describe('bias slot', () => {
  it("names a disease from the case differential, chosen by the seed, in the biased doctor's prompt", async () => {
    const before = server.requests.length;
    const r = await startRun(
      store,
      config({ suites: ['test/fixtures/cases'], doctors: [`openai-compatible:${server.url}#fake-model,bias=confirmation`], seeds: ['0', '1', '2', '3'] }),
    );
    expect(r.completed).toBe(true);
    const prompts = server.requests.slice(before).filter(isDoctor).map(system);
    const named = new Set(prompts.map((p) => /fairly sure the patient has ([^.]+)\./.exec(p)?.[1]));
    for (const n of named) expect(['aortic dissection', 'acute pericarditis', 'pulmonary embolism', 'unstable angina']).toContain(n);
    for (const p of prompts) expect(p).not.toMatch(/[{}]/);
  });
});

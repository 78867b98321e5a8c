import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { openStore, type Store } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import '../src/doctors/builtins.js';
import { EMBEDDED_BASE } from '../src/ehr/fhir-store.js';
import { startFakeOpenAI, type FakeRequest, type FakeServer } from './support/fake-openai-server.js';

let dir: string;
let server: FakeServer;
let store: Store;
let taskFile: string;
let postBody: Record<string, unknown>;
const search = 'patient=S2000001&code=85354-9';

/** The fake model records a blood pressure, reads it back, then finishes: in tools mode with tool calls, else as MedAgentBench text. */
function handler(req: FakeRequest) {
  const step = req.body.messages.filter((m) => m.role === 'assistant').length;
  const tools = Array.isArray(req.body.tools) && req.body.tools.length > 0;
  if (tools) {
    if (step === 0) return { toolCalls: [{ name: 'fhir_create', arguments: { resourceType: 'Observation', resource: postBody } }] };
    if (step === 1) return { toolCalls: [{ name: 'fhir_search', arguments: { resourceType: 'Observation', params: search } }] };
    return { toolCalls: [{ name: 'finish', arguments: { answer: [] } }] };
  }
  if (step === 0) return { content: `POST ${EMBEDDED_BASE}Observation\n${JSON.stringify(postBody, null, 2)}` };
  if (step === 1) return { content: `\`\`\`\nGET ${EMBEDDED_BASE}Observation?${search}&_format=json\n\`\`\`` };
  return { content: 'FINISH([])' };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-ehr-llm-'));
  const tasks = parse(readFileSync('data/ehr/tasks/record-vital.yaml', 'utf8')) as Array<{
    id: string;
    reference: { calls: Array<{ body: Record<string, unknown> }> };
  }>;
  const task = tasks.find((t) => t.id === 'ehr-record-vital-01')!;
  postBody = task.reference.calls[0].body;
  taskFile = join(dir, 'task.yaml');
  writeFileSync(taskFile, stringify([task]));
  server = await startFakeOpenAI({ handler });
  store = await openStore(join(dir, 'rounds.db'));
});
afterAll(async () => {
  await store.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('llm doctor on an EHR task against a fake OpenAI-compatible server', () => {
  it('completes the task in tools mode and in MedAgentBench text mode, a POST visible to the later GET', async () => {
    const model = `openai-compatible:${server.url}#fake-model`;
    const r = await startRun(store, {
      suites: [`ehr:${taskFile}`],
      doctors: [model, `${model},mode=medagentbench`],
      protocols: ['default'],
      seeds: ['0'],
      concurrency: 1,
      skipInvalid: false,
      retry: { baseDelayMs: 5, timeoutMs: 5000 },
    });
    expect(r.completed).toBe(true);
    const encounters = await store.listEncounters(r.runId);
    expect(encounters).toHaveLength(2);
    for (const e of encounters) {
      expect(e.verdict, e.doctor).toBe('correct');
      expect(e.endReason).toBe('finished');
      const calls = (await store.getEvents(e.id)).filter((ev) => ev.type === 'fhir') as Array<{
        method: string;
        status: number;
        response: { entry?: Array<{ resource: { id: string } }> };
      }>;
      expect(calls.map((c) => [c.method, c.status])).toEqual([
        ['POST', 201],
        ['GET', 200],
      ]);
      // The written Observation comes back from the search in the same episode.
      expect(calls[1].response.entry?.map((x) => x.resource.id)).toEqual(['w1']);
    }
    // The model itself was shown the stored resource in the GET's answer.
    const thirdCalls = server.requests.filter((q) => q.body.messages.filter((m) => m.role === 'assistant').length === 2);
    expect(thirdCalls).toHaveLength(2);
    for (const q of thirdCalls) expect(String(q.body.messages.at(-1)!.content)).toContain('"id":"w1"');
    // Text mode wrote its own turns back in MedAgentBench's format.
    const text = thirdCalls.find((q) => !q.body.tools)!;
    expect(String(text.body.messages.find((m) => m.role === 'assistant')!.content)).toMatch(/^POST http:\/\/ehr\.rounds\.local\/fhir\/Observation\n\{/);
  });
});

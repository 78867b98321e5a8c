import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeReply, type FakeServer } from './support/fake-openai-server.js';
import { roleOf, scriptedClinic } from './support/fake-clinic.js';

/**
 * Issue 15, items 1 and 4 through `rounds serve` itself: the operator's key
 * goes only to its configured base URL, models come only from --allow-model,
 * and whatever a provider echoes of the key in its errors never reaches the
 * store or any API answer (runs, encounters, events, scores, leaderboard).
 */

const KEY = 'sk-rounds-serve-canary-5e8d1f0a9c3b47d2b6e4';
const bin = join(process.cwd(), 'bin', 'rounds.js');
let dir: string;
let fake: FakeServer;
let child: ChildProcess;
let url: string;
let log = '';

function echo(model: string, key: string): FakeReply | undefined {
  const headers = { 'x-echo-authorization': `Bearer ${key}` };
  if (model === 'echo-400')
    return { raw: { status: 400, headers, body: JSON.stringify({ error: { message: `Invalid request with key ${key}; Authorization: Bearer ${key}` } }) } };
  if (model === 'echo-401') return { raw: { status: 401, headers, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${key}` } }) } };
  if (model === 'echo-200') return { raw: { status: 200, headers, body: `<html>gateway saw Authorization: Bearer ${key}</html>` } };
  return undefined;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-serve-secrets-'));
  const base = scriptedClinic();
  const clinic = (req: Parameters<typeof base>[0]): FakeReply => {
    const reply = base(req) as FakeReply;
    // The doctor also orders a test no case lists, so the llm lab is asked too.
    if (roleOf(req) === 'doctor' && reply.toolCalls?.[0]?.name === 'order_tests')
      return { toolCalls: [{ name: 'order_tests', arguments: { tests: ['ECG', 'troponin', 'plasma metanephrines'] } }] };
    return reply;
  };
  fake = await startFakeOpenAI({
    handler: (req) => echo(req.body.model, String(req.headers.authorization ?? '').replace(/^Bearer /, '')) ?? clinic(req),
  });
  child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--store', join(dir, 'rounds.db'), '--allow-model', `openai-compatible:${fake.url}#*`], {
    env: { ...process.env, ROUNDS_TOKEN: '', OPENAI_COMPATIBLE_API_KEY: KEY, OPENAI_COMPATIBLE_BASE_URL: fake.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d) => (log += d));
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      log += d;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function api(path: string, init?: RequestInit): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}${path}`, init);
  return { status: res.status, text: await res.text() };
}

function post(body: Record<string, unknown>) {
  // Concurrency 16 (the API's most), more than a run's 10 encounters: a model that answers 200 with a body that is not
  // JSON is retried with backoff (a second or more of waiting per call, which the API gives no way to shorten), and
  // with every encounter in flight at once those waits overlap instead of adding up in rounds of 4. What the run
  // stores and the API answers is the same either way.
  return api('/api/runs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ suites: ['quick'], seeds: ['1'], concurrency: 16, ...body }),
  });
}

async function finished(runId: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const { run } = JSON.parse((await api(`/api/runs/${runId}`)).text);
    if (!run.active && run.status !== 'running') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not finish`);
}

it('takes models only from --allow-model, and keeps an echoed key out of the store and every API answer', async () => {
  const m = (name: string) => `openai-compatible:${fake.url}#${name}`;
  // Not on the allow-list: refused before any request leaves.
  const refused = await post({ doctors: ['openai-compatible:http://127.0.0.1:9/v1#m'] });
  expect(refused.status).toBe(403);
  expect(refused.text).toMatch(/--allow-model/);
  expect(fake.requests).toHaveLength(0);

  // The echoing models in every role a run posted over HTTP can name.
  const a = await post({ doctors: [m('fake'), m('echo-400'), m('echo-200')], judge: m('echo-401') });
  const b = await post({ doctors: [m('fake')], patient: `llm:${m('echo-400')}` });
  const c = await post({ doctors: [m('fake')], lab: `llm:${m('echo-200')}` });
  expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
  const runs = [a, b, c].map((r) => JSON.parse(r.text).runId as string);
  for (const id of runs) await finished(id);

  // The key went to the configured base URL, and came back in every role.
  expect(fake.requests.length).toBeGreaterThan(0);
  for (const q of fake.requests) expect(q.headers.authorization).toBe(`Bearer ${KEY}`);
  const echoed = new Set(fake.requests.filter((q) => q.body.model.startsWith('echo-')).map((q) => `${roleOf(q)}:${q.body.model}`));
  expect([...echoed].sort()).toEqual(['doctor:echo-200', 'doctor:echo-400', 'judge:echo-401', 'lab:echo-200', 'patient:echo-400']);

  const answers: Array<[string, string]> = [];
  const get = async (path: string) => answers.push([path, (await api(path)).text]);
  await get('/api/runs');
  await get('/api/leaderboard');
  for (const id of runs) {
    await get(`/api/runs/${id}`);
    await get(`/api/leaderboard?run=${id}`);
    const list = (await api(`/api/encounters?run=${id}&limit=100`)).text;
    answers.push([`/api/encounters?run=${id}`, list]);
    for (const e of JSON.parse(list).encounters as Array<{ id: string }>) await get(`/api/encounters/${e.id}`);
  }
  // The errors really are in what was searched.
  const all = answers.map(([, t]) => t).join('\n');
  expect(all).toMatch(/the provider answered 400/);
  expect(all).toMatch(/judge failed/);

  for (const f of readdirSync(dir)) if (f.startsWith('rounds.db')) answers.push([f, readFileSync(join(dir, f)).toString('latin1')]);
  answers.push(['serve stdout/stderr', log]);
  const canary = [KEY, KEY.slice(3, 30), KEY.slice(-20)];
  const leaks = answers.filter(([, text]) => canary.some((c) => text.includes(c))).map(([where]) => where);
  expect(leaks).toEqual([]);
}, 300_000);

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';
import { roleOf, scriptedClinic } from './support/fake-clinic.js';

const KEY = 'sk-rounds-test-7c1f3e9a2b5d48e6a0f1c2d3e4f5a6b7';
const bin = join(process.cwd(), 'bin', 'rounds.js');
let dir: string;
let server: FakeServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-secrets-'));
  const clinic = scriptedClinic();
  // The doomed model always fails, so error messages are part of what is searched.
  server = await startFakeOpenAI({ handler: (req) => (req.body.model === 'doomed' && roleOf(req) === 'doctor' ? { fault: 'server-error' } : clinic(req)) });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

it('never writes the API key or the Authorization header to the database, events, logs or reports', async () => {
  const store = join(dir, 'rounds.db');
  const reports = join(dir, 'reports');
  const model = `openai-compatible:${server.url}#fake`;
  const env = { ...process.env, OPENAI_COMPATIBLE_API_KEY: KEY };
  const r = await run(
    ['run', '--suite', 'test/fixtures/cases', '--doctor', model, '--doctor', `openai-compatible:${server.url}#doomed`, '--patient', `llm:${model}`, '--judge', model, '--store', store, '--out', reports, '--report', 'html', '--retries', '1', '--quiet'],
    env,
  );
  expect(r.out).toMatch(/Run id: /);
  expect(r.code).toBe(0);
  // The key was really used: every request carried it.
  expect(server.requests.length).toBeGreaterThan(4);
  for (const q of server.requests) expect(q.headers.authorization).toBe(`Bearer ${KEY}`);
  const runId = /Run id: (\S+)/.exec(r.out)![1];
  const more = await run(['report', runId, '--store', store, '--format', 'json', '--out', join(reports, 'r.json')], env);
  const places: Array<[string, string]> = [['stdout/stderr', r.out + more.out]];
  for (const f of readdirSync(dir)) if (f.startsWith('rounds.db')) places.push([f, readFileSync(join(dir, f)).toString('latin1')]);
  for (const f of readdirSync(reports)) places.push([f, readFileSync(join(reports, f), 'utf8')]);
  expect(places.some(([name]) => name.endsWith('.html'))).toBe(true);
  // The store holds the events (the doomed doctor's error among them) and the config.
  expect(places.find(([n]) => n === 'rounds.db')![1]).toContain('failed after 2 attempts');
  for (const [name, text] of places) {
    for (const secret of [KEY, `Bearer ${KEY}`, KEY.slice(8, 30)]) expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
  }
});

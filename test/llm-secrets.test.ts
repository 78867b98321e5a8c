import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { openStore } from '../src/store/store.js';
import { renderReport } from '../src/report/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeReply, type FakeServer } from './support/fake-openai-server.js';
import { roleOf, scriptedClinic } from './support/fake-clinic.js';

const KEY = 'sk-rounds-test-7c1f3e9a2b5d48e6a0f1c2d3e4f5a6b7';
const bin = join(process.cwd(), 'bin', 'rounds.js');
let dir: string;
let server: FakeServer;

/**
 * How a model misbehaves, by its name: `doomed` fails with 500; the `echo-*`
 * models send the key the request carried back in what they answer, the way
 * some gateways quote the request in an error: in a 4xx JSON body, in a 200
 * that is not JSON, in a 401 and in headers.
 */
function echo(model: string, key: string): FakeReply | undefined {
  const headers = { 'x-echo-authorization': `Bearer ${key}`, 'x-request-key': key };
  if (model === 'echo-400')
    return {
      raw: {
        status: 400,
        headers,
        body: JSON.stringify({
          error: { message: `Invalid request with key ${key}; Authorization: Bearer ${key}; url https://api.example/v1?api_key=${key}` },
        }),
      },
    };
  if (model === 'echo-401') return { raw: { status: 401, headers, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${key}` } }) } };
  if (model === 'echo-200') return { raw: { status: 200, headers, body: `<html>gateway saw Authorization: Bearer ${key} and key=${key}</html>` } };
  return undefined;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-secrets-'));
  const base = scriptedClinic();
  const clinic = (req: Parameters<typeof base>[0]): FakeReply => {
    const reply = base(req) as FakeReply;
    // The doctor also orders a test the case does not list, so the llm lab is asked too.
    if (roleOf(req) === 'doctor' && reply.toolCalls?.[0]?.name === 'order_tests')
      return { toolCalls: [{ name: 'order_tests', arguments: { tests: ['ECG', 'troponin', 'lipase'] } }] };
    return reply;
  };
  server = await startFakeOpenAI({
    handler: (req) => {
      const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (req.body.model === 'doomed') return { fault: 'server-error' };
      return echo(req.body.model, key) ?? clinic(req);
    },
  });
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

it('never writes the API key to the database, events, logs or any report, whatever the provider echoes, in every model role', async () => {
  const store = join(dir, 'rounds.db');
  const reports = join(dir, 'reports');
  const m = (name: string) => `openai-compatible:${server.url}#${name}`;
  const env = { ...process.env, OPENAI_COMPATIBLE_API_KEY: KEY };
  const common = ['--suite', 'test/fixtures/cases', '--store', store, '--out', reports, '--retries', '1', '--timeout', '5', '--quiet'];
  // Each run puts the echoing model in one role; the other roles work, so the echoing one is really called.
  const runs: Array<{ role: string; args: string[] }> = [
    {
      role: 'doctor',
      args: [
        '--doctor',
        m('fake'),
        '--doctor',
        m('doomed'),
        '--doctor',
        m('echo-400'),
        '--doctor',
        m('echo-401'),
        '--doctor',
        m('echo-200'),
        '--patient',
        `llm:${m('fake')}`,
        '--judge',
        m('fake'),
      ],
    },
    { role: 'patient', args: ['--doctor', m('fake'), '--patient', `llm:${m('echo-400')}`] },
    { role: 'lab', args: ['--doctor', m('fake'), '--lab', `llm:${m('echo-200')}`] },
    { role: 'judge', args: ['--doctor', m('fake'), '--judge', m('echo-401')] },
    { role: 'moderator', args: ['--doctor', m('fake'), '--moderator', m('echo-400')] },
  ];
  const outputs: string[] = [];
  const runIds: string[] = [];
  for (const [i, r] of runs.entries()) {
    const res = await run(['run', ...common, '--report', ['html', 'md', 'json', 'csv'][i % 4], ...r.args], env);
    expect(res.out, r.role).toMatch(/Run id: /);
    outputs.push(res.out);
    runIds.push(/Run id: (\S+)/.exec(res.out)![1]);
  }
  // The key was really used, and really echoed back, in every role.
  for (const q of server.requests) expect(q.headers.authorization).toBe(`Bearer ${KEY}`);
  const echoed = new Set(server.requests.filter((q) => q.body.model.startsWith('echo-')).map((q) => `${roleOf(q)}:${q.body.model}`));
  expect([...echoed].sort()).toEqual([
    'doctor:echo-200',
    'doctor:echo-400',
    'doctor:echo-401',
    'judge:echo-401',
    'lab:echo-200',
    'moderator:echo-400',
    'patient:echo-400',
  ]);
  // Every run in every format (rendered here: a CLI start per report would take minutes), plus the CLI's own report and show.
  const s = await openStore(store);
  try {
    for (const id of runIds) {
      const data = await s.reportData(id, { events: true });
      for (const format of ['json', 'csv', 'html', 'md'] as const) writeFileSync(join(reports, `${id}-all.${format}`), renderReport(data, format));
    }
  } finally {
    await s.close();
  }
  outputs.push((await run(['report', runIds[0], '--store', store, '--format', 'json'], env)).out);
  outputs.push((await run(['runs', 'show', runIds[1], '--store', store, '--json'], env)).out);

  const places: Array<[string, string]> = [['stdout/stderr', outputs.join('\n')]];
  for (const f of readdirSync(dir)) if (f.startsWith('rounds.db')) places.push([f, readFileSync(join(dir, f)).toString('latin1')]);
  for (const f of readdirSync(reports)) places.push([f, readFileSync(join(reports, f), 'utf8')]);
  for (const ext of ['.html', '.md', '.json', '.csv'])
    expect(
      places.some(([name]) => name.endsWith(ext)),
      ext,
    ).toBe(true);
  // The store holds the failures themselves, so the search below is over real error text.
  const db = places
    .filter(([n]) => n.startsWith('rounds.db'))
    .map(([, t]) => t)
    .join('');
  expect(db).toContain('failed after 2 attempts');
  expect(db).toContain('the provider answered 400');
  expect(db).toContain('judge failed');
  expect(db).toMatch(/moderator[^]{0,200}the provider answered 400|the provider answered 400[^]{0,200}moderator/);
  const counts = places.map(([name, text]) => [name, [KEY, KEY.slice(3, 30), KEY.slice(-20)].reduce((n, s) => n + text.split(s).length - 1, 0)] as const);
  expect(counts.filter(([, n]) => n > 0)).toEqual([]);
}, 240_000);

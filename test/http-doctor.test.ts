import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/store.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-http-doctor-'));

/** Runs the CLI without blocking this process's event loop (the test servers live here). */
function rounds(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((r) => {
    let s = '';
    req.on('data', (d) => (s += d));
    req.on('end', () => r(s));
  });

/** A doctor that plays the STEMI case well: history, ECG and troponin, then the diagnosis. */
function goodAction(turn: number) {
  if (turn === 0) return { type: 'ask', questions: [{ text: 'Tell me about the chest pain' }] };
  if (turn === 1) return { type: 'order', tests: ['ecg-12-lead', 'troponin-i-hs'] };
  return { type: 'diagnose', differential: [{ name: 'Inferior STEMI', probability: 0.9 }] };
}

let server: Server;
let base = '';
let chat: FakeServer;
const sockets = new Set<Socket>();
const seen: { good: any[]; slow: number; authorization: Array<string | undefined>; ehr: any[] } = { good: [], slow: 0, authorization: [], ehr: [] };

/** One shipped EHR task (record a blood pressure) in its own file, and the body its reference solution POSTs. */
const vitalTask = (parse(readFileSync(join(process.cwd(), 'data/ehr/tasks/record-vital.yaml'), 'utf8')) as Array<any>).find(
  (t) => t.id === 'ehr-record-vital-01',
);

/** An EHR doctor: writes the vital, searches for it, finishes. */
function ehrAction(turn: number) {
  if (turn === 0) return { type: 'fhir', method: 'POST', url: 'Observation', body: vitalTask.reference.calls[0].body };
  if (turn === 1) return { type: 'fhir', method: 'GET', url: 'Observation?patient=S2000001&code=85354-9' };
  return { type: 'finish', answer: [] };
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.authorization.push(req.headers.authorization);
    if (req.url === '/good') {
      const parsed = JSON.parse(body);
      seen.good.push(parsed);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(goodAction(parsed.view.turn)));
    } else if (req.url === '/ehr') {
      const parsed = JSON.parse(body);
      seen.ehr.push(parsed);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ehrAction(parsed.view.turn)));
    } else if (req.url === '/slow') {
      seen.slow++;
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(goodAction(2))), 3000).unref();
    } else if (req.url === '/malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"type": "diagnose", "differential": [');
    } else if (req.url === '/invalid') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'operate', on: 'heart' }));
    } else res.writeHead(404).end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The chat-mode vendor: an OpenAI-style endpoint answering in SDBench tags.
  chat = await startFakeOpenAI({
    handler: (req) => {
      const users = req.body.messages.filter((m) => m.role === 'user').length;
      // An EHR task in chat mode: MedAgentBench's text protocol.
      if (req.body.model === 'ehr-bot') {
        if (users === 1) return { content: `POST ${'Observation'}\n${JSON.stringify(vitalTask.reference.calls[0].body)}` };
        if (users === 2) return { content: 'GET Observation?patient=S2000001&code=85354-9' };
        return { content: 'FINISH([])' };
      }
      if (users === 1) return { content: 'Let me ask first.\n<question>Tell me about the chest pain</question>' };
      if (users === 2) return { content: '<test>ECG, troponin</test>' };
      return { content: 'The picture is clear. <diagnosis>Inferior STEMI</diagnosis>' };
    },
  });
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  await chat.stop();
});

describe('http doctor', () => {
  it('runs doctors that answer correctly, slowly, with malformed JSON and over chat; the run completes and errors are counted apart', async () => {
    const store = join(dir, 'run.db');
    const doctors = [
      `${base}/good`,
      `${base}/slow,timeout=0.3,retries=1`,
      `${base}/malformed`,
      `${base}/invalid,retries=0`,
      `${chat.url}/chat/completions,mode=chat,model=vendor-bot`,
    ];
    const r = await rounds(
      ['run', '--suite', 'test/fixtures/cases', ...doctors.flatMap((d) => ['--doctor', d]), '--store', store, '--out', join(dir, 'reports'), '--quiet'],
      {
        ROUNDS_DOCTOR_TOKEN: 'sekret-token-123',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const runId = /Run id: (\S+)/.exec(r.stdout)![1];

    const s = await openStore(store);
    try {
      const data = await s.reportData(runId);
      expect(data.encounters.every((e) => e.status === 'done')).toBe(true);
      const byDoctor = new Map(data.encounters.map((e) => [e.doctor, e]));
      expect(byDoctor.get(`${base}/good`)!.verdict).toBe('correct');
      expect(byDoctor.get(`${chat.url}/chat/completions,mode=chat,model=vendor-bot`)!.verdict).toBe('correct');
      for (const d of doctors.slice(1, 4)) expect(byDoctor.get(d)!.verdict).toBe('error');

      const reason = async (doctor: string) => {
        const events = await s.getEvents(byDoctor.get(doctor)!.id);
        const err = events.find((e) => e.type === 'error') as { code: string; message: string };
        expect(err.code).toBe('doctor-error');
        return err.message;
      };
      expect(await reason(doctors[1])).toMatch(/timed out after 0\.3 s \(2 attempts\)/);
      expect(await reason(doctors[2])).toMatch(/not JSON/);
      expect(await reason(doctors[3])).toMatch(/invalid action \(type: /);
      // The slow doctor was retried once, then given up on.
      expect(seen.slow).toBe(2);

      // The view was posted in the documented, versioned envelope.
      expect(seen.good[0].version).toBe('rounds.doctor-view/1');
      expect(seen.good[0].view.presentation).toContain('chest pain');
      expect(seen.good[1].view.history[0].items[0].text).toMatch(/crushing pressure/);
      expect(JSON.stringify(seen.good)).not.toContain('Inferior ST-elevation'); // never the answer
      // The token came from the environment, was sent, and was stored nowhere.
      expect(seen.authorization.filter(Boolean).every((a) => a === 'Bearer sekret-token-123')).toBe(true);
      const allEvents = (await Promise.all(data.encounters.map((e) => s.getEvents(e.id)))).flat();
      expect(JSON.stringify(allEvents)).not.toContain('sekret');
      expect(JSON.stringify(data.run)).not.toContain('sekret');
    } finally {
      await s.close();
    }

    // Chat mode conversed as the patient would: the observations came back as user messages, the model set by model=.
    const last = chat.requests.at(-1)!.body;
    expect(last.model).toBe('vendor-bot');
    expect(last.messages[0].role).toBe('system');
    expect(JSON.stringify(last.messages)).toMatch(/Patient: It's a crushing pressure/);

    // The report summary counts the errors apart from wrong answers.
    const show = await rounds(['runs', 'show', runId, '--store', store, '--json']);
    const summary = JSON.parse(show.stdout).summary;
    expect(summary.errors).toBe(3);
    const group = (d: string) => summary.groups.find((g: { doctor: string }) => g.doctor === d);
    expect(group(doctors[2])).toMatchObject({ n: 1, errors: 1, scored: 0, incorrect: 0 });
    expect(group(`${base}/good`)).toMatchObject({ n: 1, errors: 0, correct: 1 });
  }, 120_000);

  it('rejects bad doctor strings with one clear sentence', async () => {
    const bad = await rounds(['run', '--suite', 'test/fixtures/cases', '--doctor', `${base}/good,mode=fax`, '--store', join(dir, 'bad.db')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: Doctor option mode=fax .* must be json or chat\.\n$/);
    const cred = await rounds(['run', '--suite', 'test/fixtures/cases', '--doctor', 'http://me:pw@127.0.0.1:9/x', '--store', join(dir, 'bad.db')]);
    expect(cred.stderr).toMatch(/^error: Put no credentials in the doctor URL/);
  }, 60_000);

  it('prints the versioned JSON Schema of the contract', async () => {
    const r = await rounds(['doctor-schema']);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.version).toBe('rounds.doctor-view/1');
    expect(schema.request.properties.version.const).toBe('rounds.doctor-view/1');
    expect(schema.request.properties.view.required).toEqual(expect.arrayContaining(['presentation', 'history', 'turnsLeft']));
    expect(JSON.stringify(schema.response)).toContain('diagnose');
  }, 60_000);

  it('tells a JSON doctor the EHR actions it may take and plays a chat doctor in MedAgentBench text; each POST is applied and visible to the later GET, graded on the store', async () => {
    const tasks = join(dir, 'one-task.yaml');
    writeFileSync(tasks, stringify([vitalTask]));
    const store = join(dir, 'ehr.db');
    const chatDoctor = `${chat.url}/chat/completions,mode=chat,model=ehr-bot`;
    const r = await rounds([
      'run',
      '--suite',
      `ehr:${tasks}`,
      '--doctor',
      `${base}/ehr`,
      '--doctor',
      chatDoctor,
      '--store',
      store,
      '--report',
      'none',
      '--quiet',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(seen.ehr).toHaveLength(3);
    expect(seen.ehr[0].view.ehr).toMatchObject({ taskId: 'ehr-record-vital-01', now: '2023-11-13T10:15:00Z' });
    expect(seen.ehr[0].ehr).toMatchObject({ actions: ['fhir', 'finish'], methods: ['GET', 'POST', 'PUT'], fhirBase: seen.ehr[0].view.ehr.fhirBase });
    const posted = seen.ehr[1].view.history[0].items[0];
    expect(posted).toMatchObject({ kind: 'fhir', method: 'POST', status: 201 });
    const searched = seen.ehr[2].view.history[1].items[0];
    expect(searched).toMatchObject({ kind: 'fhir', method: 'GET', status: 200 });
    expect(searched.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([posted.body.id]);
    const s = await openStore(store);
    try {
      const data = await s.reportData(/Run id: (\S+)/.exec(r.stdout)![1]);
      expect(data.encounters.map((e) => [e.doctor, e.verdict]).sort()).toEqual(
        [
          [`${base}/ehr`, 'correct'],
          [chatDoctor, 'correct'],
        ].sort(),
      );
    } finally {
      await s.close();
    }
    // The chat doctor saw the task in MedAgentBench's protocol, its POST answered 201 and the later GET showing the write.
    const ehrChat = chat.requests.filter((q) => q.body.model === 'ehr-bot');
    expect(ehrChat[0].body.messages[0].content).toMatch(/GET <url>/);
    const last = ehrChat
      .at(-1)!
      .body.messages.map((m: { content: unknown }) => String(m.content))
      .join('\n');
    expect(last).toMatch(/POST Observation answered 201/);
    expect(last).toMatch(/GET Observation\?patient=S2000001&code=85354-9 answered 200:\n.*"total":1/);
    // A clinical encounter gets no ehr block.
    expect(seen.good.every((g) => g.ehr === undefined)).toBe(true);
  }, 120_000);
});

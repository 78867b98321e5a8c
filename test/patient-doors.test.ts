import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CaseSource } from '../src/gym/case-source.js';
import { serveMcpHttp } from '../src/mcp/http-transport.js';
import { openStore } from '../src/store/store.js';
import { loadCases } from '../src/case/load.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { createEnvironment } from '../src/gym/index.js';
import { seededStore, testApp, post } from '../src/server/test-fixture.js';

// Every door (engine, /play, the gym API, MCP, an HTTP doctor) sends the doctor's text to the same
// patient, which splits a message holding several questions itself.
const kase = loadCases('data/cases/cardiology/cardio-pericarditis-001.yaml').cases[0].kase;
const MESSAGE = 'Where is the pain? Have you had a fever?';

describe('the same patient behind every door', () => {
  it('engine: one message with two questions is answered part by part, with the rule and confidence on the event', async () => {
    const e = startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog: loadCatalog(), seed: 's' });
    await e.step({ type: 'ask', questions: [{ text: MESSAGE }] });
    const answer = e.events.find((x) => x.type === 'answer');
    expect(answer).toMatchObject({ type: 'answer', factIds: expect.arrayContaining(['fever']), rule: expect.stringContaining('|') });
    expect(answer && answer.type === 'answer' && answer.confidence).toBeGreaterThan(0.5);
    await e.step({ type: 'ask', questions: [{ text: 'What is the weather like?' }] });
    expect(e.events.filter((x) => x.type === 'answer')[1]).toMatchObject({ matched: 'unclear', factIds: [], text: 'Sorry, what do you mean?' });
  });

  it('/play: a message with several questions gets one reply answering each', async () => {
    const { store } = await seededStore();
    try {
      const app = testApp(store);
      const s = await (await app.request('/api/play', post({ name: 'ada', caseId: kase.id }))).json();
      const r = await (await app.request(`/api/play/${s.sessionId}/step`, post({ action: { type: 'ask', questions: [{ text: MESSAGE }] } }))).json();
      const text: string = r.observation.items[0].text;
      expect(text).toContain(kase.facts.find((f) => f.id === 'fever')!.answer);
      expect(text).toMatch(/chest/i);
    } finally {
      await store.close();
    }
  });

  it('gym API: the same split and the same reply', async () => {
    const env = createEnvironment({});
    try {
      const ep = await env.reset({ suite: 'data/cases/cardiology', caseId: kase.id, seed: 1 });
      const out = await env.step(ep.episodeId, { type: 'ask', questions: [{ text: MESSAGE }] });
      expect(JSON.stringify(out.observation)).toContain(kase.facts.find((f) => f.id === 'fever')!.answer.slice(0, 30));
    } finally {
      await env.close();
    }
  });

  it('MCP: ask_patient with one string holding two questions gets both answered', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'rounds-doors-mcp-')), 'm.db'));
    const http = await serveMcpHttp({ deps: { store, catalog: loadCatalog(), actors: deterministicActors(), cases: new CaseSource() }, port: 0 });
    const client = new Client({ name: 'doors-test', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      await client.callTool({ name: 'start_case', arguments: { suite: 'data/cases/cardiology', case_id: kase.id, doctor_name: 'doors' } });
      const r = (await client.callTool({ name: 'ask_patient', arguments: { questions: [MESSAGE] } })) as { content: Array<{ text: string }> };
      const text = r.content.map((c) => c.text).join('\n');
      expect(text).toContain(kase.facts.find((f) => f.id === 'fever')!.answer.slice(0, 30));
      expect(text).toMatch(/chest/i);
      await client.close();
    } finally {
      await http.close();
      await store.close();
    }
  });

  it('HTTP doctor: the reply in its next view answers both questions, and the stored answer event names both rules', async () => {
    const views: Array<{ view: { turn: number; history: Array<{ items: Array<{ text?: string }> }> } }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const posted = JSON.parse(body);
        views.push(posted);
        const action =
          posted.view.turn === 0 ? { type: 'ask', questions: [{ text: MESSAGE }] } : { type: 'diagnose', differential: [{ name: 'Acute pericarditis' }] };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(action));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const dir = mkdtempSync(join(tmpdir(), 'rounds-doors-http-'));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/doctor`;
      const args = [
        'run',
        '--suite',
        'data/cases/cardiology/cardio-pericarditis-001.yaml',
        '--doctor',
        url,
        '--store',
        join(dir, 'r.db'),
        '--out',
        dir,
        '--quiet',
      ];
      const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(process.cwd(), 'bin', 'rounds.js'), ...args]);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
      expect(r.status, r.stderr).toBe(0);
      const seen = JSON.stringify(views[1].view.history);
      expect(seen).toContain(kase.facts.find((f) => f.id === 'fever')!.answer.slice(0, 30));
      const s = await openStore(join(dir, 'r.db'));
      try {
        const runId = /Run id: (\S+)/.exec(r.stdout)![1];
        const [enc] = (await s.reportData(runId)).encounters;
        const answer = (await s.getEvents(enc.id)).find((e) => e.type === 'answer');
        expect(answer).toMatchObject({ factIds: expect.arrayContaining(['fever']), rule: expect.stringContaining(' | '), confidence: expect.any(Number) });
      } finally {
        await s.close();
      }
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 60_000);
});

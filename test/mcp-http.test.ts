import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { loadCatalog } from '../src/case/catalog.js';
import { CaseSource } from '../src/gym/case-source.js';
import { serveMcpHttp } from '../src/mcp/http-transport.js';
import { openStore } from '../src/store/store.js';

const text = (r: unknown) => (r as { content: Array<{ text: string }> }).content.map((c) => c.text).join('\n');

describe('rounds mcp over streamable HTTP', () => {
  it('serves separate seats to two clients; a client that leaves mid-case is recorded as abandoned', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'rounds-mcp-http-')), 'm.db'));
    const http = await serveMcpHttp({ deps: { store, catalog: loadCatalog(), actors: deterministicActors(), cases: new CaseSource() }, port: 0 });
    let bTransport!: StreamableHTTPClientTransport;
    const connect = async () => {
      const client = new Client({ name: 'http-test', version: '1.0.0' });
      bTransport = new StreamableHTTPClientTransport(new URL(http.url));
      await client.connect(bTransport);
      return client;
    };
    try {
      const a = await connect();
      const b = await connect();
      const sa = await a.callTool({ name: 'start_case', arguments: { suite: 'test/fixtures/cases', doctor_name: 'alpha', seed: '1' } });
      // A case picked from a suite stays anonymous until the end.
      expect(text(sa)).not.toContain('cardio-stemi-inferior-001');
      await b.callTool({ name: 'start_case', arguments: { suite: 'test/fixtures/cases', case_id: 'cardio-stemi-inferior-001', doctor_name: 'beta' } });
      expect(text(await a.callTool({ name: 'status', arguments: {} }))).toMatch(/mcp:alpha on a randomly picked case/);
      const again = await a.callTool({ name: 'start_case', arguments: { random: true, doctor_name: 'alpha' } });
      expect(again.isError).toBe(true);
      const dx = await a.callTool({ name: 'diagnose', arguments: { differential: [{ name: 'Pulmonary embolism' }] } });
      expect(text(dx)).toMatch(/Verdict: incorrect/);
      expect(text(dx)).toContain('cardio-stemi-inferior-001');

      await b.callTool({ name: 'ask_patient', arguments: { questions: ['Do you smoke?'] } });
      await bTransport.terminateSession(); // ends the HTTP session (DELETE) mid-case
      await b.close();

      const runs = await store.listRuns(10);
      const beta = runs.find((r) => (r.config.doctors as string[])[0] === 'mcp:beta')!;
      await expect.poll(async () => (await store.listEncounters(beta.id))[0].verdict, { timeout: 60_000 }).toBe('error');
      const events = await store.getEvents((await store.listEncounters(beta.id))[0].id);
      expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'abandoned' });
      await a.close();
    } finally {
      await http.close();
      await store.close();
    }
  }, 60_000);
});

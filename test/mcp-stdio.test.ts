import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-mcp-'));

function text(result: unknown): string {
  const r = result as { content: Array<{ type: string; text: string }>; isError?: boolean };
  return r.content.map((c) => c.text).join('\n');
}

describe('rounds mcp over stdio', () => {
  it('lets an SDK client complete a case; the encounter is stored and scored under mcp:<name>', async () => {
    const store = join(dir, 'mcp.db');
    const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--store', store], stderr: 'pipe' });
    const client = new Client({ name: 'rounds-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(tools).toEqual(['ask_patient', 'diagnose', 'examine', 'order_tests', 'start_case', 'status']);

      // Acting before a case exists is a readable tool error, not a crash.
      const early = await client.callTool({ name: 'ask_patient', arguments: { questions: ['Where does it hurt?'] } });
      expect(early.isError).toBe(true);
      expect(text(early)).toMatch(/call start_case first/);

      const start = await client.callTool({
        name: 'start_case',
        arguments: { suite: 'test/fixtures/cases', case_id: 'cardio-stemi-inferior-001', doctor_name: 'claude-test', seed: '7' },
      });
      expect(start.isError).toBeFalsy();
      expect(text(start)).toContain('58-year-old man');

      const ask = await client.callTool({ name: 'ask_patient', arguments: { questions: ['Tell me about the chest pain', 'Do you smoke?'] } });
      expect(text(ask)).toMatch(/crushing pressure/);
      expect(text(ask)).toMatch(/pack a day/);
      const exam = await client.callTool({ name: 'examine', arguments: { targets: ['vitals'] } });
      expect(text(exam)).toMatch(/BP 102\/68/);
      const order = await client.callTool({ name: 'order_tests', arguments: { tests: ['ECG', 'troponin'] } });
      expect(text(order)).toMatch(/ST elevation/);
      const status = await client.callTool({ name: 'status', arguments: {} });
      expect(text(status)).toMatch(/Turn 3 of \d+ used/);

      const dx = await client.callTool({ name: 'diagnose', arguments: { differential: [{ name: 'Inferior STEMI' }, { name: 'Aortic dissection' }] } });
      expect(text(dx)).toMatch(/Verdict: correct/);
      const runId = /Stored as run (\S+) /.exec(text(dx))![1];

      const after = await client.callTool({ name: 'ask_patient', arguments: { questions: ['Anything else?'] } });
      expect(after.isError).toBe(true);

      const list = spawnSync(process.execPath, [bin, 'runs', 'list', '--store', store], { encoding: 'utf8' });
      expect(list.status, list.stderr).toBe(0);
      expect(list.stdout).toContain(runId);
      expect(list.stdout).toMatch(/done\s+1\/1 .* mcp:claude-test/);
      const show = spawnSync(process.execPath, [bin, 'runs', 'show', runId, '--store', store, '--json'], { encoding: 'utf8' });
      expect(show.status, show.stderr).toBe(0);
      const summary = JSON.stringify(JSON.parse(show.stdout).summary);
      expect(summary).toContain('mcp:claude-test');
      const shown = spawnSync(process.execPath, [bin, 'runs', 'show', runId, '--store', store], { encoding: 'utf8' });
      // The results table row: top-1 100%, 4 turns, no errors.
      expect(shown.stdout).toMatch(/mcp:claude-test\s+default\s+1\s+100\.0%.*\$\d+\.\d\d\s+4\.0\s+0\s+0/);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('offers the FHIR tools while an EHR task is open: a POST is visible to a later search, and finish grades the store', async () => {
    const store = join(dir, 'mcp-ehr.db');
    const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--store', store], stderr: 'pipe' });
    const client = new Client({ name: 'rounds-test', version: '1.0.0' });
    await client.connect(transport);
    const ehrTools = ['fhir_create', 'fhir_read', 'fhir_search', 'fhir_update', 'finish'];
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('fhir_search');
      const start = await client.callTool({
        name: 'start_case',
        arguments: { suite: 'ehr', case_id: 'ehr-record-vital-01', doctor_name: 'ehr-test', seed: '1' },
      });
      expect(start.isError, text(start)).toBeFalsy();
      expect(text(start)).toMatch(/EHR task ehr-record-vital-01: the FHIR server's base URL is http:\/\/\S+; it is 2023-11-13T10:15:00Z now/);
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(ehrTools));

      // The task's own reference body: a blood pressure panel for S2000001.
      const task = (
        parse(readFileSync(join(process.cwd(), 'data/ehr/tasks/record-vital.yaml'), 'utf8')) as Array<{
          id: string;
          reference: { calls: Array<{ body: unknown }> };
        }>
      ).find((t) => t.id === 'ehr-record-vital-01')!;
      const before = await client.callTool({
        name: 'fhir_search',
        arguments: { resourceType: 'Observation', params: { patient: 'S2000001', code: '85354-9' } },
      });
      expect(JSON.parse(text(before).split('\n')[0].replace(/^200 /, '')).total).toBe(0);
      const created = await client.callTool({ name: 'fhir_create', arguments: { resourceType: 'Observation', resource: task.reference.calls[0].body } });
      expect(text(created)).toMatch(/^201 /);
      const id = JSON.parse(text(created).split('\n')[0].replace(/^201 /, '')).id as string;
      const after = await client.callTool({ name: 'fhir_search', arguments: { resourceType: 'Observation', params: 'patient=S2000001&code=85354-9' } });
      const bundle = JSON.parse(text(after).split('\n')[0].replace(/^200 /, ''));
      expect(bundle.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([id]);
      const read = await client.callTool({ name: 'fhir_read', arguments: { resourceType: 'Observation', id } });
      expect(text(read)).toMatch(/"value":112/);
      // A bad request is the server's OperationOutcome, and the encounter goes on.
      const bad = await client.callTool({ name: 'fhir_search', arguments: { resourceType: 'Observation', params: 'colour=blue' } });
      expect(text(bad)).toMatch(/^400 .*Search parameter \\"colour\\" is not supported/);

      const done = await client.callTool({ name: 'finish', arguments: { answer: [] } });
      expect(text(done)).toMatch(/Verdict: correct .*EHR task score 1/);
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(expect.arrayContaining(ehrTools));

      // A clinical case without a record hides them again.
      await client.callTool({
        name: 'start_case',
        arguments: { suite: 'test/fixtures/cases', case_id: 'cardio-stemi-inferior-001', doctor_name: 'ehr-test', seed: '2' },
      });
      expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('fhir_search');
    } finally {
      await client.close();
    }
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRun } from '../report/aggregate.js';
import type { Store } from '../store/store.js';
import type { RoundsApp } from './app.js';
import { post, seededStore, testApp } from './test-fixture.js';

let store: Store;
let runId: string;
let app: RoundsApp;

beforeAll(async () => {
  ({ store, runId } = await seededStore());
  app = testApp(store);
});
afterAll(async () => {
  await app.shutdown();
  await store.close();
});

describe('runs API', () => {
  it('lists runs with their progress', async () => {
    const res = await app.request('/api/runs');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.runs).toHaveLength(1);
    expect(body.runs[0]).toMatchObject({ id: runId, status: 'done', total: 2, done: 2, active: false });
  });

  it('shows one run with the same summary the reports use, and without the hidden diagnosis', async () => {
    const res = await app.request(`/api/runs/${runId}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    const expected = summarizeRun(await store.reportData(runId));
    expect(body.summary.groups).toEqual(JSON.parse(JSON.stringify(expected.groups)));
    expect(body.encounters).toHaveLength(2);
    expect(body.encounters.map((e: { doctor: string }) => e.doctor).sort()).toEqual(['baseline', 'script-stemi']);
    for (const e of body.encounters) expect(e).not.toHaveProperty('diagnosis');
  });

  it('answers 404 with a message for an unknown run and 400 for a bad query', async () => {
    const missing = await app.request('/api/runs/nope-nope');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({ code: 'not-found', message: expect.stringContaining('nope-nope') });
    const bad = await app.request('/api/runs?limit=lots');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^Invalid query: limit:/);
  });

  it('starts a run in-process and cancels it, leaving it interrupted and resumable', async () => {
    const res = await app.request('/api/runs', post({ suites: ['core'], doctors: ['checklist'], concurrency: 1 }));
    expect(res.status).toBe(202);
    const { runId: started } = await res.json();
    const listed = await (await app.request('/api/runs')).json();
    expect(listed.runs.find((r: { id: string }) => r.id === started)).toMatchObject({ status: 'running', active: true });
    const cancel = await app.request(`/api/runs/${started}/cancel`, post({}));
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toEqual({ runId: started, status: 'interrupted' });
    const detail = await (await app.request(`/api/runs/${started}`)).json();
    expect(detail.run.active).toBe(false);
    expect(detail.encounters.filter((e: { status: string }) => e.status === 'done').length).toBeLessThan(detail.run.total);
  });

  it('runs a started run to the end', async () => {
    const res = await app.request('/api/runs', post({ suites: ['quick'], doctors: ['baseline'], seeds: ['7'] }));
    const { runId: started } = await res.json();
    let run: { status: string; total: number } = { status: 'running', total: 0 };
    // Polls until the run ends, with no deadline of its own: a loaded machine only makes it wait longer, and a run
    // that never ends fails the test at its timeout.
    while (run.status === 'running') {
      await new Promise((r) => setTimeout(r, 25));
      run = (await (await app.request(`/api/runs/${started}`)).json()).run;
    }
    expect(run).toMatchObject({ status: 'done', total: 10 });
  });

  it('rejects bad run requests with 400 and a message', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ suites: [], doctors: ['baseline'] }, /suites/],
      [{ suites: ['quick'], doctors: ['baseline'], extra: 1 }, /extra/],
      [{ suites: ['nope'], doctors: ['baseline'] }, /Unknown suite "nope"/],
      [{ suites: ['/etc'], doctors: ['baseline'] }, /Unknown suite "\/etc"/],
      [{ suites: ['quick'], doctors: ['wizard'] }, /Unknown doctor "wizard"/],
      [{ suites: ['quick'], doctors: ['script:/etc/passwd'] }, /reads a file/],
      [{ suites: ['quick'], doctors: ['human:ada'] }, /seat/],
      [{ suites: ['quick'], doctors: ['mcp:claude'] }, /driven from outside/],
      [{ suites: ['quick'], doctors: ['openai:gpt-4.1-mini,system=/etc/passwd'] }, /system-prompt file/],
      [{ suites: ['quick'], doctors: ['baseline'], protocols: ['fast'] }, /Unknown protocol "fast"/],
    ];
    for (const [body, message] of cases) {
      const res = await app.request('/api/runs', post(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
    const broken = await app.request('/api/runs', post('{"suites": ['));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toEqual({ code: 'bad-json', message: 'The request body is not valid JSON.' });
  });

  it('refuses a non-JSON write (415) and a body over the limit (413)', async () => {
    const form = await app.request('/api/runs', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'suites=quick' });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe('unsupported-media-type');
    const huge = await app.request('/api/runs', post({ suites: ['quick'], doctors: ['baseline'], pad: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('too-large');
  });

  it('cancels only runs it started: 409 for a finished run, 404 for an unknown one', async () => {
    const done = await app.request(`/api/runs/${runId}/cancel`, post({}));
    expect(done.status).toBe(409);
    expect((await done.json()).error.message).toMatch(/not running in this server/);
    expect((await app.request('/api/runs/unknown-run/cancel', post({}))).status).toBe(404);
  });
});

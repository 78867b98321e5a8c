import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Reads a whole SSE body into its messages. */
async function sseMessages(res: Response): Promise<Array<{ id?: string; event?: string; data: string }>> {
  return parseSse(await res.text());
}

function parseSse(text: string): Array<{ id?: string; event?: string; data: string }> {
  return text
    .split('\n\n')
    .filter((b) => b.trim())
    .map((block) => {
      const m: { id?: string; event?: string; data: string } = { data: '' };
      for (const line of block.split('\n')) {
        const i = line.indexOf(':');
        const k = line.slice(0, i);
        const v = line.slice(i + 1).replace(/^ /, '');
        if (k === 'id') m.id = v;
        else if (k === 'event') m.event = v;
        else if (k === 'data') m.data += v;
      }
      return m;
    });
}

describe('encounters API', () => {
  it('lists encounters with filters', async () => {
    const all = await (await app.request(`/api/encounters?run=${runId}`)).json();
    expect(all.encounters).toHaveLength(2);
    const script = await (await app.request(`/api/encounters?run=${runId}&doctor=script-stemi`)).json();
    expect(script.encounters).toHaveLength(1);
    expect(script.encounters[0]).toMatchObject({ doctor: 'script-stemi', caseId: 'cardio-stemi-inferior-001', status: 'done', verdict: 'correct' });
    const none = await (await app.request(`/api/encounters?run=${runId}&verdict=error`)).json();
    expect(none.encounters).toEqual([]);
    const paged = await (await app.request(`/api/encounters?run=${runId}&limit=1&offset=1`)).json();
    expect(paged.encounters).toHaveLength(1);
    expect(paged.encounters[0].id).not.toBe(all.encounters[0].id);
  });

  it('rejects bad filters with 400 and a message', async () => {
    const res = await app.request('/api/encounters?verdict=maybe');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^Invalid query: verdict:/);
    expect((await app.request('/api/encounters?limit=0')).status).toBe(400);
  });

  it('shows one encounter with its events and scores', async () => {
    const [e] = (await (await app.request(`/api/encounters?run=${runId}&doctor=script-stemi`)).json()).encounters;
    const res = await app.request(`/api/encounters/${e.id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.encounter).toMatchObject({ id: e.id, verdict: 'correct' });
    expect(body.events[0].type).toBe('start');
    expect(body.events.at(-1).type).toBe('end');
    expect(body.events.map((x: { seq: number }) => x.seq)).toEqual(body.events.map((_: unknown, i: number) => i));
    expect(body.scores.find((s: { name: string }) => s.name === 'diagnosis')).toMatchObject({ value: 1 });
    expect((await app.request('/api/encounters/does-not-exist')).status).toBe(404);
  });

  it('streams a finished encounter: every stored event replayed, then done', async () => {
    const [e] = (await (await app.request(`/api/encounters?run=${runId}&doctor=script-stemi`)).json()).encounters;
    const stored = await store.getEvents(e.id);
    const res = await app.request(`/api/encounters/${e.id}/events/stream`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const msgs = await sseMessages(res);
    const events = msgs.filter((m) => m.event === 'event');
    expect(events.map((m) => JSON.parse(m.data))).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(events.map((m) => Number(m.id))).toEqual(stored.map((s) => s.seq));
    expect(msgs.at(-1)).toMatchObject({ event: 'done' });
    expect(JSON.parse(msgs.at(-1)!.data)).toMatchObject({ verdict: 'correct' });
  });

  it('resumes a stream after a given event (Last-Event-ID or ?after=)', async () => {
    const [e] = (await (await app.request(`/api/encounters?run=${runId}&doctor=script-stemi`)).json()).encounters;
    const stored = await store.getEvents(e.id);
    const byHeader = (await sseMessages(await app.request(`/api/encounters/${e.id}/events/stream`, { headers: { 'last-event-id': '3' } }))).filter(
      (m) => m.event === 'event',
    );
    expect(byHeader[0].id).toBe('4');
    expect(byHeader).toHaveLength(stored.length - 4);
    const byQuery = (await sseMessages(await app.request(`/api/encounters/${e.id}/events/stream?after=${stored.length - 2}`))).filter(
      (m) => m.event === 'event',
    );
    expect(byQuery.map((m) => JSON.parse(m.data).type)).toEqual(['end']);
    expect((await app.request(`/api/encounters/${e.id}/events/stream?after=x`)).status).toBe(400);
    expect((await app.request('/api/encounters/nope/events/stream')).status).toBe(404);
  });

  it('streams a live encounter as it happens until its end', async () => {
    const start = await (await app.request('/api/play', post({ name: 'live', caseId: 'cardio-stemi-inferior-001' }))).json();
    const res = await app.request(`/api/encounters/${start.encounterId}/events/stream`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (enough: () => boolean) => {
      while (!enough()) {
        const chunk = await reader.read();
        if (chunk.done) return;
        text += chunk.value;
      }
    };
    await app.request(`/api/play/${start.sessionId}/step`, post({ action: { type: 'ask', questions: [{ text: 'Where is the pain?' }] } }));
    // The messages read whole so far (a chunk may end inside one).
    const whole = () => parseSse(text.slice(0, text.lastIndexOf('\n\n') + 1));
    // The answer reaches the stream while the encounter is still open: it is live, not replayed once the encounter ends.
    await readUntil(() => whole().some((m) => m.event === 'event' && JSON.parse(m.data).type === 'answer'));
    expect(whole().some((m) => m.event === 'done')).toBe(false);
    await app.request(`/api/play/${start.sessionId}/step`, post({ action: { type: 'diagnose', differential: [{ name: 'inferior STEMI' }] } }));
    await readUntil(() => false);
    const msgs = parseSse(text);
    const types = msgs.filter((m) => m.event === 'event').map((m) => JSON.parse(m.data).type);
    expect(types[0]).toBe('start');
    expect(types).toContain('answer');
    expect(types).toContain('diagnosis');
    expect(types.at(-1)).toBe('end');
    expect(msgs.at(-1)!.event).toBe('done');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { documentedRoutes } from './openapi.js';
import type { RoundsApp } from './app.js';
import { seededStore, testApp } from './test-fixture.js';

let store: Store;
let app: RoundsApp;
const assets = new Map([
  ['/index.html', { body: new TextEncoder().encode('<!doctype html><div id="root"></div>'), type: 'text/html; charset=utf-8' }],
  ['/assets/app-1.js', { body: new TextEncoder().encode('console.log(1)'), type: 'text/javascript; charset=utf-8' }],
]);

beforeAll(async () => {
  ({ store } = await seededStore());
  app = testApp(store, { assets });
});
afterAll(async () => {
  await store.close();
});

describe('app', () => {
  it('describes every API route in /api/openapi.json', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const registered = app.routes
      .filter((r) => r.path.startsWith('/api/') && !r.path.endsWith('*') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`);
    const documented = documentedRoutes().map((r) => `${r.method} ${r.path}`);
    expect([...new Set(registered)].sort()).toEqual([...documented].sort());
    for (const r of documentedRoutes()) expect(doc.paths[r.path][r.method.toLowerCase()].summary).toBeTruthy();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.request('/api/nothing/here');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'not-found', message: expect.stringContaining('/api/nothing/here') });
  });

  it('serves the UI from memory and falls back to index.html, never to the filesystem', async () => {
    const js = await app.request('/assets/app-1.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('console.log(1)');
    for (const path of ['/', '/runs/abc', '/..%2f..%2fpackage.json', '/assets/../../package.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toBe('<!doctype html><div id="root"></div>');
    }
  });

  it('sends a content security policy that forbids inline scripts', async () => {
    const res = await app.request('/');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('says how to build the UI when it is missing', async () => {
    const bare = testApp(store);
    const res = await bare.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build:web/);
  });

  it('on loopback, refuses requests addressed to other host names (DNS rebinding)', async () => {
    const res = await app.request('http://evil.example/api/runs');
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden-host');
    expect((await app.request('http://127.0.0.1:7878/api/health')).status).toBe(200);
    const exposed = testApp(store, { token: 't', requireToken: true });
    expect((await exposed.request('http://rounds.example/api/health')).status).toBe(200);
  });

  it('will not be exposed without a token', () => {
    expect(() => testApp(store, { requireToken: true })).toThrow(/token is required/);
  });
});

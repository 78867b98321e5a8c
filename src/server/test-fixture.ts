import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../store/store.js';
import { startRun } from '../run/start-run.js';
import { createApp, type CreateAppOptions, type RoundsApp } from './app.js';

/** A temp SQLite store holding one finished run: the script doctor and the baseline on the fixture STEMI case. */
export async function seededStore(): Promise<{ store: Store; runId: string; file: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'rounds-server-')), 'test.db');
  const store = await openStore(file);
  const { runId } = await startRun(store, {
    suites: ['test/fixtures/cases'],
    doctors: ['script:test/fixtures/script-stemi.yaml', 'baseline'],
    protocols: ['default'],
    seeds: ['1'],
    concurrency: 1,
    skipInvalid: false,
  });
  return { store, runId, file };
}

/** An app over a store, for app.request() tests. */
export function testApp(store: Store, options: Partial<CreateAppOptions> = {}): RoundsApp {
  return createApp({ store, pollMs: 20, ...options });
}

/** JSON POST init for app.request(). */
export function post(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

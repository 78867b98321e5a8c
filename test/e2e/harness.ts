import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type BrowserContext } from 'playwright-core';
import { openStore, type Store } from '../../src/store/store.js';
import { startRun } from '../../src/run/start-run.js';
import { createApp, type RoundsApp } from '../../src/server/app.js';
import { loadUiAssets } from '../../src/server/ui-assets.js';

export const CHROMIUM = '/usr/bin/chromium';
export const XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">';

/** Builds the UI once if this checkout has not built it yet (npm install normally has). */
export function ensureUiBuilt(): string {
  const dist = join(process.cwd(), 'web', 'dist');
  if (!existsSync(join(dist, 'index.html')))
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts'], { stdio: 'inherit' });
  return dist;
}

export interface Harness {
  store: Store;
  runId: string;
  url: string;
  app: RoundsApp;
  server: ServerType;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A temp SQLite store seeded by a real run (script doctor, baseline and a
 * doctor whose words carry an XSS payload), the real app on a loopback port,
 * and Debian's chromium with a fresh profile.
 */
export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-e2e-'));
  const xssScript = join(dir, 'xss.yaml');
  writeFileSync(
    xssScript,
    JSON.stringify({
      name: 'script-xss',
      actions: [
        { type: 'ask', questions: [{ text: `Tell me more ${XSS}` }] },
        { type: 'diagnose', differential: [{ name: `Inferior STEMI ${XSS}` }], rationale: `Because ${XSS}` },
      ],
    }),
  );
  const store = await openStore(join(dir, 'e2e.db'));
  const { runId } = await startRun(store, {
    suites: ['test/fixtures/cases'],
    doctors: ['script:test/fixtures/script-stemi.yaml', 'baseline', `script:${xssScript}`],
    protocols: ['default'],
    seeds: ['1', '2'],
    concurrency: 2,
    skipInvalid: false,
  });
  const app = createApp({ store, assets: loadUiAssets(ensureUiBuilt()), pollMs: 50 });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'rounds-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    store,
    runId,
    url: `http://127.0.0.1:${port}`,
    app,
    server,
    context,
    async close() {
      await context.close();
      await app.shutdown();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}

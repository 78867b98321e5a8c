import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { post, testApp } from './test-fixture.js';

let store: Store;
beforeAll(async () => {
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'rounds-plan-')), 'p.db'));
});
afterAll(async () => {
  await store.close();
});

const seeds = (n: number) => Array.from({ length: n }, (_, i) => String(i));

describe('POST /api/runs plan size', () => {
  it('refuses a plan over the default cap with 413 and one sentence, storing nothing', async () => {
    const app = testApp(store);
    // 109 core cases x 2 doctors x 100 seeds = 21,800 encounters.
    const res = await app.request('/api/runs', post({ suites: ['core'], doctors: ['baseline', 'checklist'], seeds: seeds(100) }));
    expect(res.status).toBe(413);
    const { error } = await res.json();
    expect(error.code).toBe('plan-too-large');
    expect(error.message).toMatch(/at most 10,000 per run.*--max-plan/);
    expect(await store.listRuns()).toHaveLength(0);
    await app.shutdown();
  });

  it('honours the operator limit, counting cases shared by two suites once', async () => {
    const app = testApp(store, { maxPlan: 10 });
    const over = await app.request('/api/runs', post({ suites: ['quick'], doctors: ['baseline'], seeds: seeds(2) }));
    expect(over.status).toBe(413);
    const quickTwice = await app.request('/api/runs', post({ suites: ['quick', 'quick'], doctors: ['baseline'], seeds: ['1'], concurrency: 1 }));
    expect(quickTwice.status).toBe(202);
    await app.shutdown();
  });
});

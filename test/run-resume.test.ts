import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/store.js';
import { prepareRun, startRun, resumeRun, type RunConfig } from '../src/run/start-run.js';
import { isLegacyEncounterId, legacyEncounterId, newRunId } from '../src/session/ids.js';
import '../src/doctors/builtins.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-run-'));
const config: RunConfig = {
  suites: ['test/fixtures/cases'],
  doctors: ['script:test/fixtures/script-stemi.yaml'],
  protocols: ['default', 'default:max-turns=2'],
  seeds: ['0', '1', '2'],
  concurrency: 2,
  skipInvalid: false,
};

async function summary(storePath: string, runId: string) {
  const store = await openStore(storePath);
  const data = await store.reportData(runId, { events: true });
  await store.close();
  return data.encounters.map((e) => ({
    case: e.caseId,
    protocol: e.protocol,
    seed: e.seed,
    verdict: e.verdict,
    cost: e.cost,
    seqs: e.events!.map((x) => x.seq),
    types: e.events!.map((x) => x.type),
  }));
}

describe('run and resume', () => {
  it('an interrupted run resumed equals an uninterrupted one, every encounter once', async () => {
    const full = join(dir, 'full.db');
    let store = await openStore(full);
    const a = await startRun(store, config, {}, 'run-a');
    await store.close();
    expect(a.completed).toBe(true);

    const part = join(dir, 'part.db');
    store = await openStore(part);
    const controller = new AbortController();
    const b = await startRun(store, config, { signal: controller.signal, onProgress: (p) => p.done >= 2 && controller.abort() }, 'run-a');
    expect(b.completed).toBe(false);
    expect((await store.getRun('run-a')).status).toBe('interrupted');
    const resumed = await resumeRun(store, 'run-a');
    expect(resumed.completed).toBe(true);
    expect(resumed.progress.done).toBe(6);
    await store.close();

    const x = await summary(full, 'run-a');
    const y = await summary(part, 'run-a');
    expect(y).toEqual(x);
    expect(x).toHaveLength(6);
    expect(x.filter((e) => e.protocol === 'default').every((e) => e.verdict === 'correct')).toBe(true);
    expect(x.filter((e) => e.protocol !== 'default').every((e) => e.verdict === 'no-diagnosis')).toBe(true);
    for (const e of y) expect(e.seqs).toEqual(e.seqs.map((_, i) => i));
  });

  it('fails before storing anything on an unknown doctor, suite or protocol', async () => {
    const store = await openStore(join(dir, 'bad.db'));
    await expect(startRun(store, { ...config, doctors: ['wizard'] })).rejects.toThrow(/Unknown doctor "wizard"; available: .*script/);
    await expect(startRun(store, { ...config, suites: ['nope-suite'] })).rejects.toThrow(/Unknown suite "nope-suite"; available:/);
    await expect(startRun(store, { ...config, protocols: ['fast'] })).rejects.toThrow(
      /Unknown protocol "fast"; available: agentclinic, default, respond, sdbench/,
    );
    expect(await store.listRuns()).toEqual([]);
    await store.close();
  });

  it('stops on invalid cases unless told to skip them', async () => {
    const store = await openStore(join(dir, 'skip.db'));
    const mixed = { ...config, suites: ['test/fixtures/cases', 'test/fixtures/bad'], protocols: ['default'], seeds: ['0'] };
    await expect(startRun(store, mixed)).rejects.toThrow(/problems in case files/);
    let skipped = 0;
    const r = await startRun(store, { ...mixed, skipInvalid: true }, { onStart: (i) => (skipped = i.skipped.length) });
    expect(r.completed).toBe(true);
    expect(r.progress.done).toBe(1);
    expect(skipped).toBeGreaterThanOrEqual(6);
    await store.close();
  });

  it('resumes a run of time-ordered ids, and a run an earlier release stored with hash-only ids, under the ids it has', async () => {
    const runId = newRunId();
    const full = join(dir, 'ordered-full.db');
    let store = await openStore(full);
    await startRun(store, config, {}, runId);
    const fullIds = (await store.listEncounters(runId)).map((e) => e.id);
    await store.close();
    // Plan order is id order: the run's events and scores append at the end of the store's indexes.
    expect(fullIds.every((id) => !isLegacyEncounterId(id))).toBe(true);
    expect([...fullIds].sort()).toEqual(fullIds);

    for (const legacy of [false, true]) {
      const path = join(dir, `ordered-part-${legacy}.db`);
      store = await openStore(path);
      const prepared = prepareRun(runId, config);
      // An earlier release's plan: the same encounters under the plain hash ids.
      const plan = legacy
        ? function* () {
            for (const i of prepared.plan()) yield { ...i, id: legacyEncounterId(runId, i.caseId, i.doctor, i.protocol, i.seed) };
          }
        : prepared.plan;
      const controller = new AbortController();
      const part = await startRun(store, config, { signal: controller.signal, onProgress: (p) => p.done >= 2 && controller.abort() }, runId, {
        ...prepared,
        plan,
      });
      expect(part.completed).toBe(false);
      const before = (await store.listEncounters(runId)).map((e) => e.id);
      expect(before.every((id) => isLegacyEncounterId(id) === legacy)).toBe(true);
      const resumed = await resumeRun(store, runId);
      expect(resumed.completed).toBe(true);
      expect(resumed.progress.done).toBe(6);
      expect((await store.listEncounters(runId)).map((e) => e.id)).toEqual(before);
      await store.close();
      expect(await summary(path, runId)).toEqual(await summary(full, runId));
    }
  });
});

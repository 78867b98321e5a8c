import { caseSetHash } from '../case/case-set-hash.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deterministicActors } from '../actors/deterministic.js';
import { loadCatalog } from '../case/catalog.js';
import { loadCases } from '../case/load.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { emptyUsage } from '../llm/usage.js';
import { scoreEncounter } from '../scoring/score-encounter.js';
import { guarded, type Scorer } from '../scoring/scorer.js';
import { defaultScorers } from '../scoring/scorers.js';
import { AttemptSupersededError } from '../store/attempt-superseded-error.js';
import { openStore, type Store } from '../store/store.js';
import { encounterId, newRunId } from './ids.js';
import { EncounterSession } from './session.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-session-'));
const catalog = loadCatalog();
const actors = deterministicActors();
const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const protocol = PROTOCOL_PRESETS.default;
const ask = { type: 'ask', questions: [{ text: 'Where is the pain?' }] };
const diagnose = { type: 'diagnose', differential: [{ name: 'Inferior STEMI' }] };

let n = 0;
/** A fresh store holding a one-encounter run, as `startRun` would plan it. */
async function plannedStore(): Promise<{ store: Store; runId: string; id: string }> {
  const store = await openStore(join(dir, `s${n++}.db`));
  const runId = newRunId();
  const id = encounterId(runId, 0, kase.id, 'test', protocol.name, `${kase.id}:0`);
  const at = new Date().toISOString();
  await store.createRun({ id: runId, createdAt: at, updatedAt: at, status: 'running', config: {}, versions: {}, total: 1 }, [
    {
      id,
      ordinal: 0,
      caseId: kase.id,
      specialty: kase.specialty,
      difficulty: kase.difficulty,
      diagnosis: kase.diagnosis.name,
      doctor: 'test',
      protocol: 'default',
      seed: `${kase.id}:0`,
    },
  ]);
  return { store, runId, id };
}

const begin = (store: Store, id: string, scorers?: Scorer[]) =>
  EncounterSession.begin({ store, id, kase, protocol, catalog, actors, seed: `${kase.id}:0`, scorers });

describe('encounter session', () => {
  it('stores every event before the next step and finishes with the scores of every scorer', async () => {
    const { store, id } = await plannedStore();
    const s = await begin(store, id);
    await s.append();
    await s.encounter.step(ask);
    await s.append();
    expect((await store.getEvents(id)).length).toBe(s.encounter.events.length);
    await s.encounter.step(diagnose);
    const outcome = await s.finish();
    const expected = scoreEncounter(kase, s.encounter.events);
    expect(outcome).toEqual(expected);
    expect(outcome?.verdict).toBe('correct');
    const row = await store.getEncounter(id);
    expect(row).toMatchObject({ status: 'done', verdict: 'correct', endReason: 'diagnosed', turns: 2 });
    expect(await store.getEvents(id)).toEqual(s.encounter.events);
    expect((await store.getScores(id)).map((x) => x.name).sort()).toEqual(expected.scores.map((x) => x.name).sort());
    await store.close();
  });

  it('fences a superseded attempt: its writes throw, and the new attempt replaces its events', async () => {
    const { store, id } = await plannedStore();
    const old = await begin(store, id);
    await old.append();
    await old.encounter.step(ask);
    const fresh = await begin(store, id);
    await expect(old.append()).rejects.toBeInstanceOf(AttemptSupersededError);
    await fresh.append();
    await fresh.encounter.step(diagnose);
    await fresh.finish();
    expect(await store.getEvents(id)).toEqual(fresh.encounter.events);
    await store.close();
  });

  it('leaves the encounter for resume when the run is stopped while a model-graded scorer grades it', async () => {
    const { store, id } = await plannedStore();
    const stop = new AbortController();
    const grader: Scorer = {
      name: 'grader',
      metrics: ['grade'],
      needsVerdict: true,
      score: async () => {
        stop.abort();
        return [{ name: 'grade', value: null, detail: 'cancelled' }];
      },
    };
    const s = await begin(store, id, [...defaultScorers(), grader]);
    await s.encounter.step(diagnose);
    expect(await s.finish({ signal: stop.signal })).toBeUndefined();
    expect((await store.getEncounter(id)).status).toBe('running');
    expect(await store.getScores(id)).toEqual([]);
    await store.close();
  });

  it('stores a failing scorer as null with its reason, adds model usage last, and grades no errored encounter', async () => {
    const { store, id } = await plannedStore();
    const broken = guarded({
      name: 'broken',
      metrics: ['broken'],
      score: async () => {
        throw new Error('no rubric');
      },
    });
    const graded: string[] = [];
    const grader: Scorer = {
      name: 'grader',
      metrics: ['grade'],
      needsVerdict: true,
      score: async () => (graded.push('x'), [{ name: 'grade', value: 1, detail: 'ok' }]),
    };
    const usage = { ...emptyUsage(), calls: 1, inputTokens: 10, outputTokens: 5 };
    const s = await begin(store, id, [...defaultScorers(), broken, grader]);
    await s.encounter.step(diagnose);
    const out = await s.finish({ usage });
    expect(out?.verdict).toBe('correct');
    expect(out?.scores.find((x) => x.name === 'broken')).toEqual({ name: 'broken', value: null, detail: 'broken scorer failed: no rubric' });
    const names = out!.scores.map((x) => x.name);
    // Scores are stored in scorer order, with the model usage after every scorer (a judge's calls count too).
    expect(names.indexOf('broken')).toBeLessThan(names.indexOf('grade'));
    expect(names.indexOf('grade')).toBeLessThan(names.indexOf('tokens'));

    const second = await plannedStore();
    const e = await begin(second.store, second.id, [...defaultScorers(), grader]);
    e.encounter.fail('doctor-error', 'The doctor failed: boom');
    expect((await e.finish())?.verdict).toBe('error');
    expect(graded).toEqual(['x']);
    await store.close();
    await second.store.close();
  });

  it('records a seat as a one-encounter run that is done when the encounter ends', async () => {
    const store = await openStore(join(dir, 'seat.db'));
    const s = await EncounterSession.open({ store, kase, protocol, catalog, actors, seed: 'abc', doctor: 'env:agent', seat: 'env' });
    expect((await store.getRun(s.runId!)).config).toMatchObject({
      seat: 'env',
      seeds: ['abc'],
      doctors: ['env:agent'],
      scoredBy: ['diagnosis', 'cost', 'process'],
      // Where it came from: the one case's content hash and this checkout's commit.
      caseSetHash: caseSetHash([kase]),
      caseCount: 1,
      gitCommit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(s.encounterId).toBe(encounterId(s.runId!, 0, kase.id, 'env:agent', 'default', `${kase.id}:abc`));
    await s.step(ask);
    expect((await store.getRun(s.runId!)).status).toBe('running');
    await s.step(diagnose);
    expect(s.result?.verdict).toBe('correct');
    expect((await store.getRun(s.runId!)).status).toBe('done');
    expect(await store.getEvents(s.encounterId!)).toEqual(s.encounter.events);

    const bare = await EncounterSession.open({ kase, protocol, catalog, actors, seed: 'abc', doctor: 'env:agent', seat: 'env' });
    await bare.fail('abandoned', 'left');
    expect(bare.runId).toBeUndefined();
    expect(bare.result?.verdict).toBe('error');
    await store.close();
  });
});

import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvironment, DEFAULT_REWARD } from '../src/gym/index.js';
import type { Judge } from '../src/scoring/judge.js';
import { openStore } from '../src/store/store.js';

const suite = 'test/fixtures/cases';
const caseId = 'cardio-stemi-inferior-001';
const dx = (name: string) => ({ type: 'diagnose' as const, differential: [{ name }] });

describe('RL environment as a TypeScript API', () => {
  it('documents its default weights', () => {
    expect(DEFAULT_REWARD).toEqual({ correct: 1, partial: 0.5, costWeight: 0.1, mustAsk: 0.05, mustOrder: 0.05, repeat: 0.02 });
  });

  it('stores episodes as scored one-encounter runs when given a store, and expires idle ones as abandoned', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'rounds-env-api-')), 'e.db'));
    let now = 0;
    const env = createEnvironment({ store, ttlMs: 1000, now: () => now });
    try {
      const done = await env.reset({ suite, caseId, seed: 5, name: 'ppo' });
      const end = await env.step(done.episodeId, dx('inferior STEMI'));
      expect(end.reward).toBeCloseTo(DEFAULT_REWARD.correct, 10); // no cost spent
      const enc = await store.getEncounter(end.info.encounterId!);
      expect(enc).toMatchObject({ doctor: 'env:ppo', verdict: 'correct', status: 'done' });

      const idle = await env.reset({ suite, caseId, seed: 6 });
      now = 5000;
      expect(await env.expire()).toBe(1);
      await expect(env.step(idle.episodeId, dx('x'))).rejects.toThrow(/ended or expired/);
      const abandoned = await store.getEncounter(idle.info.encounterId!);
      expect(abandoned.verdict).toBe('error');
      const events = await store.getEvents(abandoned.id);
      expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'abandoned' });
    } finally {
      await env.close();
      await store.close();
    }
  });

  it('uses a configured judge for terminal correctness', async () => {
    const judge: Judge = { score: async () => [{ name: 'judge', value: 4, detail: 'core disease right' }] };
    const env = createEnvironment({ judge, reward: { costWeight: 0 } });
    const ep = await env.reset({ suite, caseId, seed: 1 });
    const end = await env.step(ep.episodeId, dx('myocardial infarction'));
    expect(end.info.verdict).toBe('partial');
    expect(end.reward).toBeCloseTo(0.75, 10); // (4 - 1) / 4 from the judge, not the match's 0.5
  });
});

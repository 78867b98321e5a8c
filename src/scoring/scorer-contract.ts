import { describe, expect, it } from 'vitest';
import type { Case } from '../case/schema.js';
import type { Scorer, ScoredEncounter } from './scorer.js';

/** What the contract scores: a finished, diagnosed encounter on a case that lists every process item. */
export interface ScorerContractFixture {
  kase: Case;
  encounter: ScoredEncounter;
}

export interface ScorerContractOptions {
  /** Builds the scorer under test, as the registry would (guarded). */
  make: () => Scorer;
  fixture: () => Promise<ScorerContractFixture>;
  /** Runs each scoring call inside whatever the scorer needs (a model-call scope for model-graded ones). */
  around?: <T>(fn: () => Promise<T>) => Promise<T>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The suite every scorer must pass, run once per registered scorer (as Hono
 * runs one router suite against every router): a score per declared metric
 * with its reason; a failure is a null per metric with the reason, never 0;
 * the same input gives the same scores; the encounter and case are only read.
 */
export function scorerContract(name: string, opts: ScorerContractOptions): void {
  const around = opts.around ?? (<T>(fn: () => Promise<T>) => fn());
  describe(`scorer contract: ${name}`, () => {
    it('returns one score per declared metric, each with a reason', async () => {
      const scorer = opts.make();
      expect(scorer.name).toBe(name);
      const { kase, encounter } = await opts.fixture();
      const scores = await around(() => scorer.score(encounter, kase, {}));
      expect(scores.map((s) => s.name).sort()).toEqual([...scorer.metrics].sort());
      for (const s of scores) {
        expect(s.value === null || Number.isFinite(s.value), `${s.name} is a finite number or null`).toBe(true);
        expect(s.detail.trim().length, `${s.name} gives a reason`).toBeGreaterThan(0);
      }
    });

    it('turns a throwing inner function into a null score per metric with the reason, never 0', async () => {
      const scorer = opts.make();
      const { kase } = await opts.fixture();
      const broken: ScoredEncounter = {
        get events(): never {
          throw new Error('the event log could not be read');
        },
      };
      const scores = await around(() => scorer.score(broken, kase, {}));
      expect(scores.map((s) => s.name).sort()).toEqual([...scorer.metrics].sort());
      for (const s of scores) {
        expect(s.value).toBeNull();
        expect(s.detail).toContain('the event log could not be read');
      }
    });

    it('gives the same scores for the same input', async () => {
      const { kase, encounter } = await opts.fixture();
      const a = await around(() => opts.make().score(encounter, kase, {}));
      const b = await around(() => opts.make().score(encounter, kase, {}));
      expect(b).toEqual(a);
    });

    it('never changes the encounter or the case', async () => {
      const { kase, encounter } = await opts.fixture();
      const before = structuredClone({ kase, events: encounter.events });
      // Frozen, a write throws (and the guard would turn it into nulls); the comparison catches anything else.
      deepFreeze(kase);
      deepFreeze(encounter.events);
      const scores = await around(() => opts.make().score(encounter, kase, {}));
      expect({ kase, events: encounter.events }).toEqual(before);
      expect(scores.some((s) => s.value !== null)).toBe(true);
    });
  });
}

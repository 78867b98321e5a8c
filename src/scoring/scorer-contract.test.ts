import { describe, expect, it } from 'vitest';
import { deterministicActors } from '../actors/deterministic.js';
import { loadCatalog } from '../case/catalog.js';
import { loadCases } from '../case/load.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { createRuntime, withCallScope } from '../llm/runtime.js';
import { emptyUsage } from '../llm/usage.js';
import { mockHandle } from '../../test/support/mock-model.js';
import { llmJudge } from './judge.js';
import { llmModerator } from './moderator.js';
import { dxarenaScorer } from './dxarena.js';
import { guarded } from './scorer.js';
import { scorerContract, type ScorerContractFixture, type ScorerContractOptions } from './scorer-contract.js';
import { llmJudgeScorer, moderatorScorer, scorerRegistry } from './scorers.js';
import { rubricScorer } from './rubric-scorer.js';

const catalog = loadCatalog();
const stemi = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;

/** A fresh diagnosed encounter each time, on the STEMI case with a must-not test added so every process metric applies. */
async function fixture(): Promise<ScorerContractFixture> {
  const kase = structuredClone({ ...stemi, expected: { ...stemi.expected, must_not: ['d-dimer'] } });
  const e = startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog, seed: 'contract' });
  for (const action of [
    { type: 'ask', questions: [{ text: 'Where is the pain?' }, { text: 'Does it go anywhere?', topic: 'pain radiation' }] },
    { type: 'order', tests: ['ecg-12-lead', 'd-dimer'] },
    { type: 'diagnose', differential: [{ name: 'Inferior STEMI' }, { name: 'Aortic dissection' }] },
  ])
    await e.step(action);
  return { kase, encounter: { events: e.events } };
}

/** Model-graded scorers run inside a call scope, against a mock model that always gives the same answer. */
const inScope = <T>(fn: () => Promise<T>) =>
  withCallScope({ runtime: createRuntime({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 } }), usage: emptyUsage(), seed: 's' }, fn);

const contracts: Record<string, ScorerContractOptions> = {
  diagnosis: { make: () => scorerRegistry.resolve('diagnosis'), fixture },
  cost: { make: () => scorerRegistry.resolve('cost'), fixture },
  process: { make: () => scorerRegistry.resolve('process'), fixture },
  safety: { make: () => scorerRegistry.resolve('safety'), fixture },
  judge: {
    make: () => llmJudgeScorer(llmJudge({ handle: mockHandle({ replies: [{ text: '{"score":5,"reason":"Same disease."}' }] }), settings: {} })),
    fixture,
    around: inScope,
  },
  dxarena: {
    make: () =>
      guarded(
        dxarenaScorer({
          handle: mockHandle({
            replies: [{ text: '{"grades":[{"entry":1,"grade":2,"reason":"Same disease."},{"entry":2,"grade":0,"reason":"Different."}]}' }],
          }),
          settings: {},
        }),
      ),
    fixture,
    around: inScope,
  },
  rubric: {
    make: () => guarded(rubricScorer({ handle: mockHandle({ replies: [{ text: '{"explanation":"Named an ECG.","criteria_met":true}' }] }), settings: {} })),
    fixture: async () => {
      const f = await fixture();
      const rubric = [
        { criterion: 'Orders a 12-lead ECG early', points: 8, tags: ['axis:completeness'] },
        { criterion: 'Orders a D-dimer for a clear STEMI', points: -3, tags: ['axis:accuracy'] },
      ];
      return { ...f, kase: { ...f.kase, expected: { ...f.kase.expected, rubric } } };
    },
    around: inScope,
  },
  moderator: {
    make: () => moderatorScorer(llmModerator({ handle: mockHandle({ replies: [{ text: 'Yes' }] }), settings: {} })),
    fixture,
    around: inScope,
  },
};

for (const [name, opts] of Object.entries(contracts)) scorerContract(name, opts);

describe('scorer contract coverage', () => {
  it('runs the contract for every registered scorer', () => {
    expect(Object.keys(contracts).sort()).toEqual(scorerRegistry.names());
  });
});

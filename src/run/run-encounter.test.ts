import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../case/catalog.js';
import { loadCases } from '../case/load.js';
import { deterministicActors } from '../actors/deterministic.js';
import type { DoctorFactory } from '../encounter/doctor.js';
import type { EncounterEvent } from '../encounter/events.js';
import { resolveProtocol } from './resolve-protocol.js';
import { currentScope } from '../llm/runtime.js';
import { defaultScorers } from '../scoring/scorers.js';
import type { Scorer } from '../scoring/scorer.js';
import type { Store } from '../store/store.js';
import { runEncounter } from './run-encounter.js';
import type { PlannedEncounter } from './plan.js';

const kase = loadCases('data/cases').cases.find(({ kase }) => kase.id === 'cardio-stemi-inferior-001')!.kase;
const catalog = loadCatalog();
const protocol = resolveProtocol('default');

/** A store that keeps what it is given in memory. */
function memoryStore(): { store: Store; events: EncounterEvent[]; scores: unknown[] } {
  const events: EncounterEvent[] = [];
  const scores: unknown[] = [];
  const store = {
    beginEncounter: async () => 'attempt',
    appendEvents: async (_id: string, e: readonly EncounterEvent[]) => void events.push(...e),
    finishEncounter: async (_id: string, e: readonly EncounterEvent[], outcome: { scores: unknown[] }) => {
      events.push(...e);
      scores.push(...outcome.scores);
    },
  } as unknown as Store;
  return { store, events, scores };
}

function planned(factory: DoctorFactory): PlannedEncounter {
  return {
    id: 'enc-1',
    ordinal: 0,
    caseId: kase.id,
    specialty: kase.specialty,
    difficulty: kase.difficulty,
    diagnosis: kase.diagnosis.name,
    doctor: factory.name,
    protocol: protocol.name,
    seed: `${kase.id}:0`,
    kase,
    factory,
    protocolConfig: protocol,
  };
}

const diagnoses: DoctorFactory = {
  name: 'diagnoses',
  create: () => ({ act: () => ({ type: 'diagnose', differential: [{ name: kase.diagnosis.name }] }) }),
  replayable: true,
};

describe('runEncounter', () => {
  it('runs an encounter with no model anywhere to its verdict', async () => {
    const { store, events } = memoryStore();
    const r = await runEncounter({ item: planned(diagnoses), store, actors: deterministicActors(), catalog, scorers: defaultScorers() });
    expect(r?.verdict).toBe('correct');
    expect(events.at(-1)?.type).toBe('end');
  });

  it("gives a scorer that may call a model the encounter's call scope", async () => {
    const seen: string[] = [];
    const grader: Scorer = {
      name: 'grader',
      metrics: ['grader'],
      score: async () => {
        seen.push(currentScope().seed);
        return [{ name: 'grader', value: 1, detail: 'graded' }];
      },
    };
    const { store, scores } = memoryStore();
    await runEncounter({ item: planned(diagnoses), store, actors: deterministicActors(), catalog, scorers: [...defaultScorers(), grader] });
    expect(seen).toEqual([`${kase.id}:0:enc-1`]);
    expect(scores).toContainEqual({ name: 'grader', value: 1, detail: 'graded' });
  });
});

import type { Case } from '../case/schema.js';
import type { Protocol } from '../encounter/protocol.js';
import type { DoctorFactory } from '../encounter/doctor.js';
import type { PlannedEncounterRow } from '../store/store.js';
import { encounterId, legacyEncounterId } from '../session/ids.js';

/** One encounter to run: a doctor on a case under a protocol and seed. */
export interface PlannedEncounter extends PlannedEncounterRow {
  kase: Case;
  factory: DoctorFactory;
  protocolConfig: Protocol;
}

export interface PlanInput {
  runId: string;
  cases: Case[];
  doctors: DoctorFactory[];
  protocols: Protocol[];
  seeds: string[];
}

/** How many encounters a plan holds, computed before any is built (a mistyped --seeds must fail in a sentence). */
export function planSize(input: Omit<PlanInput, 'runId'>): number {
  return input.cases.length * input.doctors.length * input.protocols.length * input.seeds.length;
}

/**
 * Expands suites x doctors x protocols x seeds into encounters, doctor-major so reports group naturally, one at a
 * time: the store inserts them in chunks as they come, so a large plan is never held whole before it is stored.
 */
export function* planEncounters(input: PlanInput): Generator<PlannedEncounter> {
  let ordinal = 0;
  for (const factory of input.doctors) {
    for (const protocol of input.protocols) {
      for (const seed of input.seeds) {
        for (const kase of input.cases) {
          // The seed string names the case, so every doctor meets the same patient randomness (paired comparisons).
          const encounterSeed = `${kase.id}:${seed}`;
          yield {
            id: encounterId(input.runId, ordinal, kase.id, factory.name, protocol.name, encounterSeed),
            ordinal: ordinal++,
            caseId: kase.id,
            specialty: kase.specialty,
            difficulty: kase.difficulty,
            diagnosis: kase.diagnosis.name,
            doctor: factory.name,
            protocol: protocol.name,
            seed: encounterSeed,
            kase,
            factory,
            protocolConfig: protocol,
          };
        }
      }
    }
  }
}

/** The whole plan as an array (resume, the queue worker: they look encounters up by id). */
export function planRun(input: PlanInput): PlannedEncounter[] {
  return [...planEncounters(input)];
}

/**
 * The plan by the ids its encounters have in the store (resume, the queue worker): encounterId's, or for a run an
 * earlier release stored (`legacy`: its ids the plain hash, see isLegacyEncounterId) those, so such a run still resumes.
 */
export function planById(runId: string, items: readonly PlannedEncounter[], legacy: boolean): Map<string, PlannedEncounter> {
  if (!legacy) return new Map(items.map((i) => [i.id, i]));
  return new Map(
    items.map((i) => {
      const id = legacyEncounterId(runId, i.caseId, i.doctor, i.protocol, i.seed);
      return [id, { ...i, id }];
    }),
  );
}

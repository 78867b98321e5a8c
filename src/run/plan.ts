import type { Case } from '../case/schema.js';
import type { Protocol } from '../encounter/protocol.js';
import type { DoctorFactory } from '../encounter/doctor.js';
import type { PlannedEncounterRow } from '../store/store.js';
import { encounterId } from '../session/ids.js';

/** One encounter to run: a doctor on a case under a protocol and seed. */
export interface PlannedEncounter extends PlannedEncounterRow {
  kase: Case;
  factory: DoctorFactory;
  protocolConfig: Protocol;
}

/** Expands suites x doctors x protocols x seeds into encounters, doctor-major so reports group naturally. */
export function planRun(input: { runId: string; cases: Case[]; doctors: DoctorFactory[]; protocols: Protocol[]; seeds: string[] }): PlannedEncounter[] {
  const out: PlannedEncounter[] = [];
  for (const factory of input.doctors) {
    for (const protocol of input.protocols) {
      for (const seed of input.seeds) {
        for (const kase of input.cases) {
          // The seed string names the case, so every doctor meets the same patient randomness (paired comparisons).
          const encounterSeed = `${kase.id}:${seed}`;
          out.push({
            id: encounterId(input.runId, kase.id, factory.name, protocol.name, encounterSeed),
            ordinal: out.length,
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
          });
        }
      }
    }
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { resolveDoctor } from './registry.js';
import { loadCases } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import { deterministicActors } from '../actors/deterministic.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { loadKnowledgeBase } from '../kb/load.js';
import { demographicGate } from '../kb/demographics.js';
import { createRng } from '../util/rng.js';
import { dataDir } from '../util/paths.js';
import type { Case } from '../case/schema.js';

// Every shipped case, both knowledge-base doctors: no differential may name a disease the patient cannot have.
const catalog = loadCatalog();
const kb = loadKnowledgeBase(undefined, { catalog });
const actors = deterministicActors();
const kases = loadCases(join(dataDir(), 'cases')).cases.map((c) => c.kase);

async function differential(spec: string, kase: Case): Promise<string[]> {
  const protocol = PROTOCOL_PRESETS.default;
  const e = startEncounter({ kase, actors, protocol, catalog, seed: 'gate' });
  const doctor = resolveDoctor(spec).create({ catalog, protocol, rng: createRng('gate') });
  while (!e.ended) await e.step(await doctor.act(e.view()));
  const dx = e.events.find((ev) => ev.type === 'diagnosis');
  return dx && dx.type === 'diagnosis' ? dx.differential.map((d) => d.name) : [];
}

describe('sex and age gating on the shipped library', () => {
  for (const spec of ['baseline', 'checklist']) {
    it(`${spec} never names a sex- or age-impossible disease`, async () => {
      const violations: string[] = [];
      let gated = 0;
      for (const kase of kases) {
        const p = kase.patient;
        const gate = demographicGate(kb, { age: p.age, ageUnit: p.age_unit, sex: p.sex });
        const impossible = new Set([...gate.excluded].map((j) => kb.diseases[j].name));
        if (impossible.size > 0) gated++;
        for (const name of await differential(spec, kase)) if (impossible.has(name)) violations.push(`${kase.id}: ${name}`);
      }
      expect(gated).toBeGreaterThan(50); // most patients rule something out, so the check is not vacuous
      expect(violations).toEqual([]);
    });
  }
});

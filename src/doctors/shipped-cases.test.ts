import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { resolveDoctor } from './registry.js';
import { loadCases } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import { deterministicActors } from '../actors/deterministic.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { loadKnowledgeBase } from '../kb/load.js';
import { createRng } from '../util/rng.js';
import { dataDir } from '../util/paths.js';

// The shipped knowledge base, catalog and cases, through the real engine.
const CASES = ['gi-appendicitis-001', 'cardio-stemi-inferior-001', 'neuro-meningitis-pneumococcal-001', 'endo-dka-001'];
const catalog = loadCatalog();
const actors = deterministicActors();
const all = loadCases(join(dataDir(), 'cases')).cases.map((c) => c.kase);
const kases = CASES.map((id) => all.find((k) => k.id === id)).filter((k) => k !== undefined);

async function run(spec: string, kase: (typeof kases)[number], protocol = PROTOCOL_PRESETS.default) {
  const e = startEncounter({ kase, actors, protocol, catalog, seed: 'shipped' });
  const doctor = resolveDoctor(spec).create({ catalog, protocol, rng: createRng('shipped') });
  while (!e.ended) await e.step(await doctor.act(e.view()));
  return e;
}

describe('baseline and checklist on shipped cases', () => {
  it('the shipped knowledge base loads against the shipped catalog', () => {
    const kb = loadKnowledgeBase(undefined, { catalog });
    expect(kb.diseases.length).toBeGreaterThan(0);
    expect(kases.length).toBeGreaterThan(0);
  });

  for (const protocol of ['default', 'agentclinic', 'sdbench']) {
    it(`end diagnosed, the baseline never repeating itself, and cheaper than the checklist without confirmation (${protocol})`, async () => {
      for (const kase of kases) {
        const base = await run('baseline', kase, PROTOCOL_PRESETS[protocol]);
        // Confirming tests (a CT for appendicitis) can cost more than the checklist's panel; without them the baseline is cheaper.
        const quick = await run('baseline:confirm=0,history=0', kase, PROTOCOL_PRESETS[protocol]);
        const check = await run('checklist', kase, PROTOCOL_PRESETS[protocol]);
        expect([kase.id, base.endReason]).toEqual([kase.id, 'diagnosed']);
        expect([kase.id, check.endReason]).toEqual([kase.id, 'diagnosed']);
        expect(quick.cost, kase.id).toBeLessThan(check.cost);
        const asked: string[] = [];
        const ordered: string[] = [];
        const examined: string[] = [];
        for (const ev of base.events) {
          if (ev.type === 'answer') asked.push(ev.question.topic ?? ev.question.text);
          if (ev.type === 'result') ordered.push(ev.testId);
          if (ev.type === 'exam') examined.push(ev.target);
          expect(ev.type, kase.id).not.toBe('refused');
          expect(ev.type, kase.id).not.toBe('unrecognised');
        }
        expect(new Set(asked).size, kase.id).toBe(asked.length);
        expect(new Set(ordered).size, kase.id).toBe(ordered.length);
        expect(new Set(examined).size, kase.id).toBe(examined.length);
      }
    });
  }
});

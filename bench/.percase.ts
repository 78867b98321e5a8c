import { resolveSuite } from '../src/run/suites.js';
import { resolveDoctor } from '../src/doctors/registry.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { scoreEncounter } from '../src/scoring/score-encounter.js';
import { createRng } from '../src/util/rng.js';
import '../src/doctors/builtins.js';
const catalog = loadCatalog();
const actors = deterministicActors();
const kases = resolveSuite('core').cases.map((c) => c.kase);
const protocol = PROTOCOL_PRESETS.default;
for (const kase of kases) {
  const e = startEncounter({ kase, actors, protocol, catalog, seed: 'bench' });
  const doctor = resolveDoctor(process.argv[2] ?? 'baseline').create({ catalog, protocol, rng: createRng('bench') });
  while (!e.ended) await e.step(await doctor.act(e.view()));
  const s = new Map(scoreEncounter(kase, e.events).scores.map((x) => [x.name, x.value]));
  const dx = e.events.find((ev) => ev.type === 'diagnosis');
  const names = dx?.type === 'diagnosis' ? dx.differential.slice(0, 3).map((d) => `${d.name} ${d.probability.toFixed(2)}`).join(' | ') : '';
  console.log(`${s.get('top1')}\t${kase.id}\t${kase.diagnosis.name}\t=> ${names}`);
}

import { resolveSuite } from '../src/run/suites.js';
import { resolveDoctor } from '../src/doctors/registry.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { createRng } from '../src/util/rng.js';
import '../src/doctors/builtins.js';
const catalog = loadCatalog();
const actors = deterministicActors();
const kase = resolveSuite('core').cases.map((c) => c.kase).find((k) => k.id === process.argv[2])!;
const protocol = PROTOCOL_PRESETS.default;
const e = startEncounter({ kase, actors, protocol, catalog, seed: 'bench' });
const doctor = resolveDoctor('baseline').create({ catalog, protocol, rng: createRng('bench'), note: (k, d: any) => console.log('  note', JSON.stringify(d.top?.slice(0, 3))) });
while (!e.ended) { const a = await doctor.act(e.view()); console.log(JSON.stringify(a).slice(0, 300)); await e.step(a); }

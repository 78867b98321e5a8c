import { loadCatalog } from '../src/case/catalog.js';
import { loadVocabulary } from '../src/case/vocabulary.js';
import { importAgentClinicFile } from '../src/case/import/agentclinic.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
const catalog = loadCatalog();
const r = importAgentClinicFile({ file: 'test/fixtures/agentclinic/issue13-medqa.jsonl', catalog, vocabulary: loadVocabulary() });
console.log(r.skipped, r.cases.length);
for (const c of r.cases.filter((c) => c.line >= 6)) {
  const k = c.kase;
  console.log(k.id, k.patient, JSON.stringify(k.results, null, 0));
  console.log(k.facts.filter(f=>f.category==='exam').map(f=>`${f.topic}: ${f.answer}`).join('\n'));
  const e = startEncounter({ kase: k, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog, seed: 's' });
  const o = await e.step({ type: 'examine', targets: ['examine his belly', 'skin', 'eyes', 'legs'] });
  console.log(JSON.stringify(o.items));
  const t = await e.step({ type: 'order', tests: ['CK', 'CBC', 'CT abdomen pelvis', 'LFT', 'chest x-ray'] });
  console.log(JSON.stringify(t.items));
}

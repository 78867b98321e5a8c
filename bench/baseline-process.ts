// How the knowledge-base doctors work, not only how often they are right:
// top-1/top-3, cost, questions, must_order coverage, how often the named
// disease's confirming tests had results before the diagnosis, and how often
// a differential names a disease the patient's sex or age rules out or makes
// implausible. `npm run bench:baseline [-- --suite core --doctor baseline ...]`.
import { resolveSuite } from '../src/run/suites.js';
import { resolveDoctor } from '../src/doctors/registry.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { demographicGate } from '../src/kb/demographics.js';
import { scoreEncounter } from '../src/scoring/score-encounter.js';
import { createRng } from '../src/util/rng.js';
import '../src/doctors/builtins.js';

const argv = process.argv.slice(2);
const suite = argv.includes('--suite') ? argv[argv.indexOf('--suite') + 1] : 'core';
const doctors = argv.flatMap((a, i) => (a === '--doctor' ? [argv[i + 1]] : []));
const specs = doctors.length > 0 ? doctors : ['baseline', 'baseline:confirm=0,history=0', 'checklist'];

const catalog = loadCatalog();
const kb = loadKnowledgeBase(undefined, { catalog });
const actors = deterministicActors();
const kases = resolveSuite(suite).cases.map((c) => c.kase);
const protocol = PROTOCOL_PRESETS.default;
const byName = new Map(kb.diseases.map((d, j) => [d.name, j]));

const rows: string[][] = [];
for (const spec of specs) {
  let top1 = 0,
    top3 = 0,
    cost = 0,
    questions = 0,
    asked = 0,
    orderCov = 0,
    orderN = 0,
    confirmable = 0,
    confirmed = 0,
    impossible = 0,
    implausible = 0;
  for (const kase of kases) {
    const e = startEncounter({ kase, actors, protocol, catalog, seed: 'bench' });
    const doctor = resolveDoctor(spec).create({ catalog, protocol, rng: createRng('bench') });
    while (!e.ended) await e.step(await doctor.act(e.view()));
    const scores = new Map(scoreEncounter(kase, e.events).scores.map((s) => [s.name, s.value]));
    top1 += scores.get('top1') ?? 0;
    top3 += scores.get('top3') ?? 0;
    cost += scores.get('cost') ?? 0;
    const q = scores.get('questions') ?? 0;
    questions += q;
    if (q > 0) asked++;
    if (scores.has('must_order')) {
      orderCov += scores.get('must_order') ?? 0;
      orderN++;
    }
    const dx = e.events.find((ev) => ev.type === 'diagnosis');
    const resulted = new Set(e.events.flatMap((ev) => (ev.type === 'result' ? [ev.testId] : [])));
    if (dx?.type === 'diagnosis') {
      const lead = byName.get(dx.differential[0]?.name ?? '');
      const need = lead === undefined ? [] : kb.diseases[lead].confirmWith;
      if (need.length > 0) {
        confirmable++;
        if (need.every((t) => resulted.has(t))) confirmed++;
      }
      const gate = demographicGate(kb, { age: kase.patient.age, ageUnit: kase.patient.age_unit, sex: kase.patient.sex });
      for (const d of dx.differential) {
        const j = byName.get(d.name);
        if (j === undefined) continue;
        if (gate.excluded.has(j)) impossible++;
        else if (gate.logWeight[j] < 0) implausible++;
      }
    }
  }
  const n = kases.length;
  const pct = (x: number, d = n) => `${((100 * x) / Math.max(1, d)).toFixed(1)}%`;
  rows.push([
    spec,
    String(n),
    pct(top1),
    pct(top3),
    `$${(cost / n).toFixed(2)}`,
    (questions / n).toFixed(1),
    pct(asked),
    pct(orderCov, orderN),
    pct(confirmed, confirmable),
    String(impossible),
    String(implausible),
  ]);
}
const head = ['Doctor', 'n', 'Top-1', 'Top-3', 'Mean cost', 'Questions', 'Asked any', 'must_order', 'Confirmed', 'Impossible dx', 'Implausible dx'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`suite ${suite}: ${kases.length} cases, protocol default, seed "bench"`);
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log('Confirmed: share of diagnoses whose leading disease has confirm_with tests and had all their results first.');
console.log("Impossible/implausible dx: differential entries the patient's sex or age excludes / down-weights (all entries, all encounters).");

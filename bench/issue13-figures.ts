// The figures for the closing note of issue 13: for each problem the issue quotes, the order or exam and
// the reply before (as the issue quotes it) and after (what the deterministic hospital returns now, through
// the encounter engine); the never-contradicts property's counts; and the import report of the sample files.
// `npx tsx bench/issue13-figures.ts [--no-property] [--no-import]`
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../src/case/catalog.js';
import { loadCases } from '../src/case/load.js';
import { loadVocabulary } from '../src/case/vocabulary.js';
import { importAgentClinicFile } from '../src/case/import/agentclinic.js';
import type { Case } from '../src/case/schema.js';
import type { Action } from '../src/encounter/actions.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { allCases, caseSelfConsistency, checkLab, templateAnswer } from '../test/support/lab-consistency.js';

const argv = process.argv.slice(2);
const catalog = loadCatalog();
const vocabulary = loadVocabulary();
const fx = (f: string) => `test/fixtures/agentclinic/${f}`;
const imported = new Map<string, Case[]>();
function line(file: string, n: number): Case {
  if (!imported.has(file))
    imported.set(
      file,
      importAgentClinicFile({ file: fx(file), catalog, vocabulary }).cases.map((c) => c.kase),
    );
  return imported.get(file)!.find((k) => k.id.endsWith(`-${n}`))!;
}

/** What the doctor sees for one action on a fresh encounter, in one line, with the lab's decision when there is one. */
async function reply(kase: Case, action: Action): Promise<string> {
  const e = startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog, seed: 'issue13' });
  const obs = await e.step(action);
  const decisions = e.events.filter((x) => x.type === 'result').map((x) => (x as { decision?: string }).decision);
  const shown = obs.items.map((i) => {
    if (i.kind === 'result') {
      const r = i.result;
      const comps = r.components
        ? Object.entries(r.components)
            .map(([k, c]) => `${k} ${c.value}${c.unit ? ` ${c.unit}` : ''}${c.flag ? ` (${c.flag})` : ''}`)
            .join(', ')
        : '';
      const v = r.value !== undefined ? `${r.value}${r.unit ? ` ${r.unit}` : ''}${r.flag ? ` (${r.flag})` : ''}` : '';
      const flag = r.value === undefined && r.flag ? ` [flag: ${r.flag}]` : '';
      return `${i.name}: ${[v, comps, r.text].filter(Boolean).join('; ')}${flag}`;
    }
    if (i.kind === 'exam') return `[${i.target}] ${i.text}`;
    if (i.kind === 'image') return `image: ${i.media.url ?? i.media.path} "${i.text}"`;
    return 'text' in i ? i.text : i.kind;
  });
  const d = decisions.length ? ` {${decisions.join(', ')}}` : '';
  return shown.join(' | ').replace(/\s+/g, ' ').slice(0, 260) + d;
}

const dka = loadCases('data/cases/endocrinology/endo-dka-001.yaml').cases[0].kase;
const mg = line('issue13-medqa.jsonl', 1);
const cml = line('issue13-medqa.jsonl', 2);
const knee = line('issue13-medqa.jsonl', 3);
const lep = line('issue13-medqa.jsonl', 6);
const cll = line('issue13-medqa.jsonl', 7);
const myeloma = line('issue13-nejm.jsonl', 1);
const story = (k: Case) => k.facts.filter((f) => f.category !== 'exam');

const rows: Array<[string, string, string, () => Promise<string> | string]> = [
  [
    'DKA (endo-dka-001)',
    'order "arterial blood gas"',
    'pH 7.40, HCO3 24 (normal template) beside a bicarbonate of 7',
    () => reply(dka, { type: 'order', tests: ['arterial blood gas'] }),
  ],
  [
    'MG with thymoma (issue13-medqa:1)',
    'order "CT chest"',
    '"Lungs clear, no nodule or mass" (mass filed as local:findings)',
    () => reply(mg, { type: 'order', tests: ['CT chest'] }),
  ],
  [
    'MG with thymoma (issue13-medqa:1)',
    'order "acetylcholine receptor antibodies"',
    '"negative" (result filed as local:result)',
    () => reply(mg, { type: 'order', tests: ['acetylcholine receptor antibodies'] }),
  ],
  ['CML (issue13-medqa:2)', 'result keys after import', 'bone-marrow finding and genetics merged into one key', () => Object.keys(cml.results).join(', ')],
  [
    'Septic knee (issue13-medqa:3)',
    'order "CBC", then "arthrocentesis"',
    'joint-fluid WBC overwrote the blood WBC',
    async () => `${await reply(knee, { type: 'order', tests: ['CBC'] })} || ${await reply(knee, { type: 'order', tests: ['arthrocentesis'] })}`,
  ],
  ['Leptospirosis (issue13-medqa:6)', 'order "CK"', '"5600 U/L (elevated)" carried no flag', () => reply(lep, { type: 'order', tests: ['CK'] })],
  ['CLL (issue13-medqa:7)', 'order "CBC"', '"81,000 /mm3 (elevated)" carried no flag', () => reply(cll, { type: 'order', tests: ['CBC'] })],
  [
    'Leptospirosis (issue13-medqa:6)',
    'examine "examine his belly"',
    '"Soft, non-tender" (Abdomen: inside the general block filed under general)',
    () => reply(lep, { type: 'examine', targets: ['examine his belly'] }),
  ],
  ['Leptospirosis (issue13-medqa:6)', 'examine "skin"', '"no jaundice" in a jaundiced patient', () => reply(lep, { type: 'examine', targets: ['skin'] })],
  [
    'CLL (issue13-medqa:7)',
    'order "CT chest"',
    '(found in this check) normal CT "no axillary lymphadenopathy" beside axillary nodes',
    () => reply(cll, { type: 'order', tests: ['CT chest'] }),
  ],
  [
    'DKA, AgentClinic protocol',
    'REQUEST TEST: Physical_Examination',
    'an order for an unknown test',
    async () => {
      const e = startEncounter({ kase: dka, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.agentclinic, catalog, seed: 'issue13' });
      const o = await e.step({ type: 'order', tests: ['Physical_Examination'] });
      const text = o.items.map((i) => (i.kind === 'exam' ? `[${i.target}] ${i.text}` : i.kind)).join(' ');
      return `${text.replace(/\s+/g, ' ').slice(0, 160)}... (${text.length} characters, free: cost ${e.cost})`;
    },
  ],
  ['Myeloma (issue13-nejm:1)', "doctor's presentation", 'role-play instructions ("For your role as a patient...") and markdown', () => myeloma.presentation],
  [
    'Myeloma (issue13-nejm:1)',
    'order "SPEP"',
    'normal (the value sat in the exam text as a finding)',
    () => reply(myeloma, { type: 'order', tests: ['SPEP'] }),
  ],
  [
    'Myeloma (issue13-nejm:1)',
    'order "platelet count"',
    'normal (platelets in the exam text)',
    () => reply(myeloma, { type: 'order', tests: ['platelet count'] }),
  ],
  [
    'Myeloma (issue13-nejm:1)',
    'patient facts (numbered list)',
    'list cut mid-entry; "confusion regarding your blood test results" became a symptom',
    () =>
      story(myeloma)
        .map((f) => `${f.topic}: ${f.answer}`)
        .join(' / '),
  ],
  ['Myeloma (issue13-nejm:1)', 'image action', "the case's image kept but never shown", () => reply(myeloma, { type: 'image' })],
  ['Newborn (issue13-medqa:4)', 'patient', 'skipped on import', () => JSON.stringify(line('issue13-medqa.jsonl', 4).patient)],
  ['Infant (issue13-medqa-extended:1)', 'patient', 'skipped on import', () => JSON.stringify(line('issue13-medqa-extended.jsonl', 1).patient)],
  ['Sex only in "She" (issue13-medqa:1)', 'patient', 'skipped on import', () => JSON.stringify(mg.patient)],
];

console.log('| case | order or exam | before (issue 13) | after (now) |\n| --- | --- | --- | --- |');
for (const [c, what, before, after] of rows) console.log(`| ${c} | ${what} | ${before} | ${String(await after()).replace(/\|/g, '/')} |`);

if (!argv.includes('--no-property')) {
  const set = allCases();
  const now = await checkLab(set, catalog);
  const then = await checkLab(set, catalog, templateAnswer);
  console.log('\nProperty (test/lab-never-contradicts.test.ts): every case x every catalog test through orderResult');
  console.log(
    `  cases ${now.cases} (${Object.entries(set.sources)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
  console.log(`  catalog tests ${now.tests}; pairs ${now.pairs}; analyte comparisons with a held value ${now.comparisons}`);
  console.log(`  decisions ${JSON.stringify(now.byDecision)}`);
  console.log(`  contradictions now ${now.problems.length}; with the pre-issue lab (case id else template, unchecked) ${then.problems.length}`);
  for (const p of then.problems.filter((x) => x.startsWith('endo-dka-001 arterial'))) console.log(`    e.g. ${p}`);
  const self = caseSelfConsistency(set);
  console.log(
    `  the cases' own results: ${self.pairs} same-analyte pairs across results and ${self.gases} gases compared, disagreements ${self.problems.length}`,
  );
}

if (!argv.includes('--no-import')) {
  const out = join(mkdtempSync(join(tmpdir(), 'rounds-issue13-')), 'cases');
  const files = ['issue13-medqa.jsonl', 'issue13-medqa-extended.jsonl', 'issue13-nejm.jsonl', 'issue13-nejm-extended.jsonl'].map(fx);
  console.log(`\n$ rounds import agentclinic ${files.join(' ')} --out <tmp>`);
  const r = spawnSync(process.execPath, ['bin/rounds.js', 'import', 'agentclinic', ...files, '--out', out], { encoding: 'utf8' });
  console.log(r.stdout + r.stderr);
}

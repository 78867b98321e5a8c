// Baseline on our own AgentClinic-shape samples (issue 18), before and after the KB growth:
// per file and per KB, top-1/top-3 of the baseline doctor and the share of the files'
// diagnoses that the KB holds at all (a disease the KB lacks can never be named).
// `npm run bench:agentclinic [-- --before <commit>] [--file <jsonl> ...]`.
// "before" is data/kb at that commit (default d0c7033, the 175-disease KB), checked
// out with `git archive` into a temporary data folder whose other parts are this one's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { resolveSuite } from '../src/run/suites.js';
import { resolveDoctor } from '../src/doctors/registry.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../src/kb/load.js';
import { matchDiagnosis } from '../src/scoring/diagnosis-match.js';
import { scoreEncounter } from '../src/scoring/score-encounter.js';
import { createRng } from '../src/util/rng.js';
import { dataDir } from '../src/util/paths.js';
import type { Case } from '../src/case/schema.js';
import '../src/doctors/builtins.js';

const argv = process.argv.slice(2);
const before = argv.includes('--before') ? argv[argv.indexOf('--before') + 1] : 'd0c7033';
const fileArgs = argv.flatMap((a, i) => (a === '--file' ? [argv[i + 1]] : []));
const files = fileArgs.length > 0 ? fileArgs : ['test/fixtures/agentclinic/own-medqa-60.jsonl', 'test/fixtures/agentclinic/own-nejm-20.jsonl'];

/** A data folder like ours whose kb/ is data/kb at `commit`. */
function dataAt(commit: string): { dir: string; cleanup: () => void } {
  const current = dataDir();
  const dir = mkdtempSync(join(tmpdir(), 'rounds-kb-'));
  for (const entry of readdirSync(current)) if (entry !== 'kb') symlinkSync(resolve(current, entry), join(dir, entry));
  const root = resolve(current, '..');
  const tar = execFileSync('git', ['-C', root, 'archive', commit, 'data/kb']);
  const extract = mkdtempSync(join(tmpdir(), 'rounds-kb-tar-'));
  execFileSync('tar', ['-x', '-C', extract], { input: tar });
  execFileSync('mv', [join(extract, 'data', 'kb'), join(dir, 'kb')]);
  rmSync(extract, { recursive: true, force: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The KB disease whose name or a synonym the matcher accepts as this case's diagnosis. */
function inKb(kase: Case, kb: KnowledgeBase): string | undefined {
  for (const d of kb.diseases) {
    for (const name of [d.name, ...d.synonyms]) {
      if (matchDiagnosis(kase, { name, icd10: d.icd10 }).level === 'correct') return d.name;
    }
  }
  return undefined;
}

const catalog = loadCatalog();
const actors = deterministicActors();
const protocol = PROTOCOL_PRESETS.default;

async function measure(
  label: string,
): Promise<Array<{ label: string; file: string; n: number; top1: number; top3: number; inKb: number; diseases: number; missing: string[] }>> {
  const kb = loadKnowledgeBase(undefined, { catalog });
  const rows = [];
  for (const file of files) {
    const kases = resolveSuite(`agentclinic:${file}`).cases.map((c) => c.kase);
    let top1 = 0,
      top3 = 0,
      present = 0;
    const missing: string[] = [];
    for (const kase of kases) {
      const e = startEncounter({ kase, actors, protocol, catalog, seed: 'bench' });
      const doctor = resolveDoctor('baseline').create({ catalog, protocol, rng: createRng('bench') });
      while (!e.ended) await e.step(await doctor.act(e.view()));
      const scores = new Map(scoreEncounter(kase, e.events).scores.map((s) => [s.name, s.value]));
      top1 += scores.get('top1') ?? 0;
      top3 += scores.get('top3') ?? 0;
      if (inKb(kase, kb)) present++;
      else missing.push(kase.diagnosis.name);
    }
    rows.push({ label, file: basename(file), n: kases.length, top1, top3, inKb: present, diseases: kb.diseases.length, missing });
  }
  return rows;
}

const pct = (x: number, n: number) => `${((100 * x) / Math.max(1, n)).toFixed(1)}%`.padStart(6);
const after = await measure('current');
const old = dataAt(before);
const saved = process.env.ROUNDS_DATA_DIR;
process.env.ROUNDS_DATA_DIR = old.dir;
let prior;
try {
  prior = await measure(before);
} finally {
  if (saved === undefined) delete process.env.ROUNDS_DATA_DIR;
  else process.env.ROUNDS_DATA_DIR = saved;
  old.cleanup();
}

console.log('baseline doctor, deterministic patient, default protocol, seed "bench"');
console.log(`${'KB'.padEnd(10)} ${'diseases'.padStart(8)}  ${'file'.padEnd(22)} ${'n'.padStart(3)}  top-1   top-3   dx in KB`);
for (const r of [...prior, ...after]) {
  console.log(
    `${r.label.padEnd(10)} ${String(r.diseases).padStart(8)}  ${r.file.padEnd(22)} ${String(r.n).padStart(3)}  ${pct(r.top1, r.n)}  ${pct(r.top3, r.n)}  ${pct(r.inKb, r.n)} (${r.inKb}/${r.n})`,
  );
}
for (const [label, rows] of [
  [before, prior],
  ['the current KB', after],
] as const) {
  const gaps = rows.flatMap((r) => r.missing);
  console.log(`\ndiagnoses missing from ${label} (${gaps.length}): ${gaps.join('; ') || 'none'}`);
}

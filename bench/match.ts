// Diagnosis matcher against the hand-written gold set: `npm run bench:match`.
import { performance } from 'node:perf_hooks';
import { loadMatchGold, runMatchGold } from '../src/scoring/match-gold.js';
import { codeTable } from '../src/case/codes/code-table.js';

const t0 = performance.now();
const table = codeTable();
const loadMs = performance.now() - t0;
const ti = performance.now();
void table.index.length;
const indexMs = performance.now() - ti;
const lines = loadMatchGold();
const t1 = performance.now();
const s = runMatchGold(lines);
const runMs = performance.now() - t1;

console.log(`diagnosis match gold set: ${s.total} lines`);
console.log(`agreement        ${s.agree}/${s.total} = ${(s.agreement * 100).toFixed(1)}%`);
console.log(`false correct    ${s.falseCorrect}   (matcher correct, gold partial or incorrect)`);
console.log(`false incorrect  ${s.falseIncorrect}   (matcher incorrect, gold correct or partial)`);
console.log('');
console.log('gold \\ matcher    correct  partial  incorrect');
for (const g of ['correct', 'partial', 'incorrect'] as const) {
  const r = s.confusion[g];
  console.log(`${g.padEnd(16)} ${String(r.correct).padStart(8)} ${String(r.partial).padStart(8)} ${String(r.incorrect).padStart(10)}`);
}
console.log('');
console.log(
  `ICD-10-CM load: codes ${loadMs.toFixed(0)} ms, index ${indexMs.toFixed(0)} ms; ${s.total} matches in ${runMs.toFixed(0)} ms (the first match builds the index matcher)`,
);
if (s.disagreements.length) {
  console.log(`\ndisagreements (${s.disagreements.length}):`);
  for (const d of s.disagreements) {
    console.log(`  line ${d.line}: "${d.answer}" for "${d.truth}" (${d.truthIcd10}): gold ${d.verdict} (${d.why}), matcher ${d.got}: ${d.reason}`);
  }
}

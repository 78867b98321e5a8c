// Event-loop stalls inside the server while POST /api/runs starts a 5,000-encounter
// run (issue 15, item 6): `npx tsx bench/run-start-lag.ts [--encounters 5000] [--cold-codes] [--cold-patient] [--warm-run]`.
// In-process (createApp on a fresh store, with what `rounds serve` loads at start
// already loaded), a 10 ms timer records how late each tick fires and how much
// CPU the process used since the last tick. On a shared machine the wall-clock
// lag includes time the process was not scheduled; the CPU between two ticks is
// the longest stretch of work that held the loop, whatever the machine load.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/store.js';
import { createApp } from '../src/server/app.js';
import { resolveSuite } from '../src/run/suites.js';
import { loadCases } from '../src/case/load.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { warmTermMatcher } from '../src/case/codes/term-match.js';
import { warmDeterministicActors } from '../src/actors/deterministic.js';
import { dataDir } from '../src/util/paths.js';
import '../src/doctors/builtins.js';

const at = process.argv.indexOf('--encounters');
const encounters = at > 0 ? Number(process.argv[at + 1]) : 5000;
const dir = mkdtempSync(join(tmpdir(), 'rounds-run-start-lag-'));
const store = await openStore(join(dir, 's.db'));
const app = createApp({ store });
loadCases(join(dataDir(), 'cases'));
loadKnowledgeBase();
const cases = resolveSuite('core').cases.length;
const seeds = Array.from({ length: Math.ceil(encounters / cases) }, (_, i) => `big-${i}`);
// `rounds serve` builds the ICD-10-CM matcher at start; --cold-codes leaves it to the first scored encounter, as before.
if (!process.argv.includes('--cold-codes')) warmTermMatcher();
// So does the deterministic patient's topic index (--cold-patient leaves it to the first question).
if (!process.argv.includes('--cold-patient')) warmDeterministicActors();
// --warm-run: one small run first, so what a server does only once is out of the figures.
if (process.argv.includes('--warm-run')) {
  const warm = await app.request('/api/runs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ suites: ['core'], doctors: ['baseline'], seeds: ['warm'], concurrency: 1 }),
  });
  const { runId } = (await warm.json()) as { runId: string };
  await app.request(`/api/runs/${runId}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
}
await app.request('/api/health');

const ticks: Array<{ lag: number; cpu: number }> = [];
let last = performance.now();
let lastCpu = process.cpuUsage();
const timer = setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  ticks.push({ lag: now - last - 10, cpu: (cpu.user + cpu.system) / 1000 });
  last = now;
  lastCpu = process.cpuUsage();
}, 10);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const res = await app.request('/api/runs', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ suites: ['core'], doctors: ['baseline'], seeds, concurrency: 2 }),
});
const postMs = performance.now() - t0;
const { runId } = (await res.json()) as { runId: string };
await new Promise((r) => setTimeout(r, 3000));
clearInterval(timer);
const cpu = process.cpuUsage(cpu0);
const lags = ticks.map((t) => t.lag).sort((a, b) => a - b);
const cpus = ticks.map((t) => t.cpu).sort((a, b) => a - b);
const p = (xs: number[], q: number) => xs[Math.ceil((q / 100) * xs.length) - 1].toFixed(1);
console.log(
  `Load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}. POST /api/runs (${seeds.length * cases} encounters) answered ${res.status} in ${postMs.toFixed(0)} ms.`,
);
console.log(`Over ${ticks.length} ticks of a 10 ms timer (the POST and 3 s of running):`);
console.log(`  wall-clock lag p50 ${p(lags, 50)} ms, p99 ${p(lags, 99)} ms, max ${lags.at(-1)!.toFixed(1)} ms`);
console.log(`  CPU between ticks p50 ${p(cpus, 50)} ms, p99 ${p(cpus, 99)} ms, max ${cpus.at(-1)!.toFixed(1)} ms`);
console.log(`  process CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms in ${(performance.now() - t0).toFixed(0)} ms of wall clock`);
await app.request(`/api/runs/${runId}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
await app.shutdown();
await store.close();
rmSync(dir, { recursive: true, force: true });

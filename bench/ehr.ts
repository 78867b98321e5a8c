// EHR benchmark: numbers, not pass/fail. `npm run bench:ehr` prints the time to
// seed a fresh embedded FHIR store with one patient (after the one-time load of
// the FHIR definitions, which it prints apart), and the wall time of 1,000
// reference-doctor EHR tasks through the normal run path (engine, FHIR store,
// grader, SQLite persistence) at concurrency 1, i.e. on one core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import { resolveSuite } from '../src/run/suites.js';
import { EmbeddedFhirStore } from '../src/ehr/fhir-store.js';
import { loadFhirDefinitions } from '../src/ehr/definitions.js';
import { loadEhrPatients } from '../src/ehr/tasks.js';
import { recordToResources } from '../src/ehr/seed.js';
import '../src/doctors/builtins.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const target = Number(args.get('encounters') ?? 1000);

async function seeding(): Promise<void> {
  const t0 = performance.now();
  loadFhirDefinitions();
  const defs = performance.now() - t0;
  const patient = [...loadEhrPatients().records.values()][0];
  const resources = recordToResources(patient);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const store = new EmbeddedFhirStore();
    await store.seed(recordToResources(patient));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  console.log(`FHIR definitions loaded once per process in ${defs.toFixed(0)} ms`);
  console.log(`seed a fresh store with one patient (${resources.length} resources), 200 times: median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1 - 1e-9)} ms`);
}

async function run(): Promise<void> {
  const cases = resolveSuite('ehr').cases.length;
  const seeds = Math.max(1, Math.ceil(target / cases));
  const dir = mkdtempSync(join(tmpdir(), 'rounds-bench-ehr-'));
  const store = await openStore(join(dir, 'bench.db'));
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const result = await startRun(store, {
    suites: ['ehr'],
    doctors: ['reference'],
    protocols: ['default'],
    seeds: Array.from({ length: seeds }, (_, i) => String(i)),
    concurrency: 1,
    skipInvalid: false,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const p = result.progress;
  console.log(
    `${p.done} reference EHR tasks (${cases} tasks x ${seeds} seeds), SQLite WAL, concurrency 1: ${seconds.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, ${(p.done / seconds).toFixed(0)} tasks/s`,
  );
  // On a shared machine the wall time includes waiting for a core; the CPU time is what one core spent.
  console.log(`success ${((100 * p.correct) / Math.max(1, p.scored)).toFixed(1)}%, errors ${p.errors}`);
}

await seeding();
await run();

// Benchmarks: numbers, not pass/fail. `npm run bench` prints encounters/s of
// the deterministic hospital with the default doctor (or --doctor; `npm run bench` runs it first with a
// script: doctor, so the harness alone — engine, actors, scoring, store — is measured apart), persistence included,
// and the RSS every 10% of the run (`npm run bench:memory` runs 100,000 harness encounters to show it stays flat).
// Rates are given per wall second and per CPU second of this process (user + system): on a shared machine the
// second measures the code, the first the neighbours too. "Encounters alone" leaves out loading and planning.
// The code measured is the compiled dist/ that `rounds run` runs (what users get) when it is current, as
// bin/rounds.js decides; otherwise, or with `--code src`, the TypeScript through tsx. The last line says which.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--code <folder>` also takes another checkout's compiled dist/ (an A/B against a base build: `--code ../base/dist`).
const code = args.get('code') ?? (distIsCurrent() ? 'dist' : 'src');
const ext = code === 'src' ? 'ts' : 'js';
const load = (module: string) => import(resolve(root, code, `${module}.${ext}`));
const { openStore } = (await load('store/store')) as typeof import('../src/store/store.js');
const { startRun } = (await load('run/start-run')) as typeof import('../src/run/start-run.js');
const { resolveSuite } = (await load('run/suites')) as typeof import('../src/run/suites.js');
const { DEFAULT_DOCTOR, DEFAULT_SUITE } = (await load('cli/run')) as typeof import('../src/cli/run.js');
await load('doctors/builtins');

/** dist/ is current when no file under src/ is newer than its build stamp (bin/rounds.js's rule). */
function distIsCurrent(): boolean {
  const stamp = join(root, 'dist', '.built');
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? newer(`${dir}/${e.name}`) : statSync(`${dir}/${e.name}`).mtimeMs > built));
  return !newer(join(root, 'src'));
}
const target = Number(args.get('encounters') ?? 10_000);
const doctor = args.get('doctor') ?? DEFAULT_DOCTOR;
const suite = args.get('suite') ?? DEFAULT_SUITE;

async function bench(): Promise<void> {
  const cases = resolveSuite(suite).cases.length;
  const seeds = Math.max(1, Math.ceil(target / cases));
  const dir = mkdtempSync(join(tmpdir(), 'rounds-bench-'));
  const store = await openStore(join(dir, 'bench.db'));
  const rss: number[] = [];
  let lastSample = 0;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let tStart = t0;
  let cpuStart = cpu0;
  // The second half alone: past the warm-up (V8 compiling the hot code, per-case caches filling), the rate a long run keeps.
  let tHalf: bigint | undefined;
  let cpuHalf: NodeJS.CpuUsage | undefined;
  let doneHalf = 0;
  const result = await startRun(
    store,
    {
      suites: [suite],
      doctors: [doctor],
      protocols: ['default'],
      seeds: Array.from({ length: seeds }, (_, i) => String(i)),
      concurrency: 1,
      skipInvalid: false,
    },
    {
      onStart: () => {
        tStart = process.hrtime.bigint();
        cpuStart = process.cpuUsage();
      },
      onProgress: (p) => {
        if (tHalf === undefined && p.done >= p.total / 2) {
          tHalf = process.hrtime.bigint();
          cpuHalf = process.cpuUsage();
          doneHalf = p.done;
        }
        if (p.done - lastSample >= Math.max(1, Math.floor(p.total / 10))) {
          lastSample = p.done;
          rss.push(process.memoryUsage().rss);
        }
      },
    },
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const runSeconds = Number(process.hrtime.bigint() - tStart) / 1e9;
  const runCpu = process.cpuUsage(cpuStart);
  const runCpuSeconds = (runCpu.user + runCpu.system) / 1e6;
  const halfSeconds = tHalf === undefined ? 0 : Number(process.hrtime.bigint() - tHalf) / 1e9;
  const halfCpu = cpuHalf === undefined ? { user: 0, system: 0 } : process.cpuUsage(cpuHalf);
  const halfCpuSeconds = (halfCpu.user + halfCpu.system) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const done = result.progress.done;
  console.log(`bench: deterministic hospital, doctor ${doctor}, suite ${suite} (${cases} cases x ${seeds} seeds), SQLite WAL, concurrency 1`);
  console.log(`${done} encounters in ${seconds.toFixed(2)} s (plan and persistence included)`);
  console.log(`${(done / seconds).toFixed(0)} encounters/s wall, ${(done / cpuSeconds).toFixed(0)} per CPU-second (${cpuSeconds.toFixed(2)} s CPU)`);
  console.log(
    `encounters alone (after loading and planning): ${(done / runSeconds).toFixed(0)} encounters/s wall, ${(done / runCpuSeconds).toFixed(0)} per CPU-second`,
  );
  const half = result.progress.done - doneHalf;
  console.log(`second half alone (warmed up): ${(half / halfSeconds).toFixed(0)} encounters/s wall, ${(half / halfCpuSeconds).toFixed(0)} per CPU-second`);
  console.log(`top-1 ${((100 * result.progress.correct) / Math.max(1, result.progress.scored)).toFixed(1)}%`);
  console.log(`RSS every 10% of the run: ${rss.map(mb).join(', ')}`);
  console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  console.log(`code: ${code === 'dist' ? 'dist/ (compiled, as `rounds run` runs it)' : code === 'src' ? 'src/ through tsx' : resolve(root, code)}`);
}

await bench();

// Startup benchmarks, by spawning the CLI as a user does (`node bin/rounds.js`, the compiled build): `rounds
// --version`, `rounds --help`, and first-encounter latency, from process start to the moment `rounds run --suite
// quick` begins its first encounter (the "Run <id>: N encounters" line it prints just before). Each is the median of
// several runs, with CPU time (user + system of the child) beside wall time: on a busy machine wall time measures
// the neighbours, CPU time the CLI. Run `npm run build` first; the bench says so when dist/ is stale.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'bin', 'rounds.js');
// `--repeat N` (default 5). Without the flag indexOf is -1 and argv[0] (node's path) must not be read as N.
const at = process.argv.indexOf('--repeat');
const repeat = at === -1 ? 5 : Number(process.argv[at + 1]);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat takes a whole number of runs, at least 1; got ${process.argv[at + 1]}`);

interface Sample {
  /** Wall ms to the marker (or to exit). */
  wall: number;
  /** Child CPU ms (user + system) to the marker, or over its whole life without one. */
  cpu: number;
}

/** Spawns the CLI and times it to the first stderr/stdout text matching `marker` (or to exit without one). */
function time(args: string[], marker?: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let at: number | undefined;
    const see = (d: Buffer) => {
      text += d;
      if (at === undefined && marker?.test(text)) at = performance.now() - t0;
    };
    child.stdout.on('data', see);
    child.stderr.on('data', see);
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = performance.now() - t0;
      if (code !== 0) return reject(new Error(`rounds ${args.join(' ')} exited ${code}: ${text.slice(-500)}`));
      if (marker && at === undefined) return reject(new Error(`rounds ${args.join(' ')} never printed ${marker}`));
      // process.resourceUsage() has no child figures; /proc is gone by now, so the child reports its own below.
      resolve({ wall: at ?? wall, cpu: Number(/cpu-ms=(\d+)/.exec(text)?.[1] ?? NaN) });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label: string, args: string[], marker?: RegExp, env?: NodeJS.ProcessEnv): Promise<void> {
  const samples: Sample[] = [];
  for (let i = 0; i < repeat; i++) samples.push(await time(args, marker, env));
  const cpu = samples.map((s) => s.cpu).filter((c) => !Number.isNaN(c));
  console.log(
    `${label}: ${median(samples.map((s) => s.wall)).toFixed(0)} ms wall (median of ${repeat}; min ${Math.min(...samples.map((s) => s.wall)).toFixed(0)})` +
      (cpu.length ? `, ${median(cpu).toFixed(0)} ms CPU` : ''),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'rounds-startup-'));
// The child reports its own CPU time at exit through NODE_OPTIONS, so the figure includes everything it did.
const report = join(dir, 'cpu.cjs');
await import('node:fs').then((fs) =>
  fs.writeFileSync(
    report,
    [
      'const ms = () => { const u = process.cpuUsage(); return Math.round((u.user + u.system) / 1000); };',
      'let first;',
      'const write = process.stderr.write.bind(process.stderr);',
      // The CPU spent up to the line that announces the first encounter, not the whole run.
      'process.stderr.write = (chunk, ...rest) => { if (first === undefined && /Run \\S+: \\d+ encounters/.test(String(chunk))) first = ms(); return write(chunk, ...rest); };',
      "process.on('exit', () => write(`\\ncpu-ms=${first ?? ms()}\\n`));",
    ].join('\n'),
  ),
);
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${report}` };
try {
  console.log(`bench: CLI startup (node bin/rounds.js), load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
  await measure('rounds --version', ['--version'], undefined, env);
  await measure('rounds --help', ['--help'], undefined, env);
  await measure(
    'first encounter of `rounds run --suite quick`',
    ['run', '--suite', 'quick', '--report', 'none', '--quiet', '--store', join(dir, 'quick.db')],
    /Run \S+: \d+ encounters/,
    env,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// API load benchmark: numbers, not pass/fail. `npm run bench:api` seeds a temp
// store with finished runs, starts the real `rounds serve` on 127.0.0.1 in a
// child process, and drives it from this process with a fixed number of
// requests over a bounded number of concurrent clients (loopback only):
//   1. GET /api/leaderboard, /api/leaderboard?run=<id> and /api/runs at 100
//      concurrent clients: p50, p99, max and errors per endpoint;
//   2. /api/health sampled every 10 ms while POST /api/runs starts a
//      5,000-encounter run: whether the event loop stays responsive.
// A bare node:http server under the same load comes first as the control.
// Options: --clients 100 --requests 2000 --seed 3000 (encounters stored before
// the load) --big 5000 (encounters of the started run) --compare <dir> (a
// second Rounds checkout, e.g. an older commit, served from the same store and
// measured turn about with this one, so both see the same machine load).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import { resolveSuite } from '../src/run/suites.js';
import '../src/doctors/builtins.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const clients = Number(args.get('clients') ?? 100);
const requests = Number(args.get('requests') ?? 2000);
const seedEncounters = Number(args.get('seed') ?? 3000);
const bigRun = Number(args.get('big') ?? 5000);
const roots: Array<{ label: string; root: string }> = [{ label: 'this', root: resolve('.') }];
if (args.get('compare')) roots.push({ label: 'compare', root: resolve(args.get('compare')!) });
const SUITE = 'core';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '-');

/** Seeds `total` encounters as three finished runs (baseline and checklist on the core suite). */
async function seed(file: string): Promise<string[]> {
  const store = await openStore(file);
  const cases = resolveSuite(SUITE).cases.length;
  const perRun = Math.max(1, Math.round(seedEncounters / 3));
  const seeds = Math.max(1, Math.round(perRun / (cases * 2)));
  const ids: string[] = [];
  for (let r = 0; r < 3; r++) {
    const { runId } = await startRun(store, {
      suites: [SUITE],
      doctors: ['baseline', 'checklist'],
      protocols: ['default'],
      seeds: Array.from({ length: seeds }, (_, i) => `${r}-${i}`),
      concurrency: 4,
      skipInvalid: false,
    });
    ids.push(runId);
  }
  await store.close();
  return ids;
}

/** Starts `rounds serve` on an ephemeral loopback port and resolves with its base URL. */
function serve(file: string, root: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'rounds.js'), 'serve', '--store', file, '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolveUrl({ child, url: m[1] });
    });
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('exit', (code) => reject(new Error(`rounds serve exited (${code}) before listening: ${out}`)));
  });
}

/**
 * A bare Node HTTP server answering `{"ok":true}`, in its own process: the
 * control. On a shared machine every figure is mostly load; the control's
 * figures under the same load say how much of an endpoint's time is Rounds.
 */
function control(): Promise<{ child: ChildProcess; url: string }> {
  const code = `require('node:http').createServer((q, s) => s.end('{"ok":true}')).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveUrl) => child.stdout!.once('data', (d: Buffer) => resolveUrl({ child, url: d.toString().trim() })));
}

interface LoadResult {
  path: string;
  n: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** `requests` GETs of `path` spread over `clients` concurrent loops. */
async function load(url: string, path: string): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        next++;
        const s = performance.now();
        try {
          const res = await fetch(url + path);
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        times.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { path, n: times.length, errors, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1) ?? NaN, perSecond: times.length / seconds };
}

/** Samples /api/health every 10 ms while a big run is posted and for `afterMs` after it was accepted. */
async function healthWhileStarting(
  url: string,
  afterMs: number,
): Promise<{ samples: number[]; errors: number; postMs: number; status: number; runId?: string }> {
  const samples: number[] = [];
  let errors = 0;
  let stop = false;
  const sampler = (async () => {
    while (!stop) {
      const s = performance.now();
      try {
        const res = await fetch(`${url}/api/health`);
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      samples.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  const cases = resolveSuite(SUITE).cases.length;
  const seeds = Array.from({ length: Math.ceil(bigRun / cases) }, (_, i) => `big-${i}`);
  const s = performance.now();
  const res = await fetch(`${url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ suites: [SUITE], doctors: ['baseline'], seeds, concurrency: 2 }),
  });
  const postMs = performance.now() - s;
  const body = (await res.json()) as { runId?: string };
  await new Promise((r) => setTimeout(r, afterMs));
  stop = true;
  await sampler;
  if (body.runId) await fetch(`${url}/api/runs/${body.runId}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return { samples: samples.sort((a, b) => a - b), errors, postMs, status: res.status, runId: body.runId };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-bench-api-'));
  const file = join(dir, 'api.db');
  const t0 = performance.now();
  const runIds = await seed(file);
  const store = await openStore(file);
  const stored = (await store.listRuns()).reduce((n, r) => n + r.total, 0);
  await store.close();
  console.log(
    `Load average before: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${cpus().length} cores (other processes slow every figure).`,
  );
  console.log(
    `Seeded ${stored} encounters in ${runIds.length} runs (${((performance.now() - t0) / 1000).toFixed(1)} s); serving ${roots.map((r) => `${r.label} = ${r.root}`).join(', ')}.`,
  );
  const servers: Array<{ label: string; child: ChildProcess; url: string }> = [];
  try {
    for (const r of roots) servers.push({ label: r.label, ...(await serve(file, r.root)) });
    console.log(`\nLoad: ${requests} requests per endpoint, ${clients} concurrent clients, loopback.\n`);
    console.log('| server | endpoint | requests | errors | p50 | p99 | max | req/s |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|');
    const ctl = await control();
    try {
      const r = await load(ctl.url, '/');
      console.log(`| control (bare node:http) | / | ${r.n} | ${r.errors} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.perSecond.toFixed(0)} |`);
    } finally {
      ctl.child.kill('SIGTERM');
    }
    const cold: string[] = [];
    for (const path of ['/api/health', '/api/leaderboard', `/api/leaderboard?run=${runIds[0]}`, '/api/runs']) {
      const shown = path.replace(runIds[0], '<run>');
      for (const sv of servers) {
        // The first answer alone: for the leaderboard, the computation a cache then reuses.
        const s = performance.now();
        await (await fetch(sv.url + path)).arrayBuffer();
        cold.push(`${sv.label} ${shown} ${ms(performance.now() - s)}`);
        const r = await load(sv.url, path);
        console.log(`| ${sv.label} | ${shown} | ${r.n} | ${r.errors} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.perSecond.toFixed(0)} |`);
      }
    }
    console.log(`\nFirst request of each, alone: ${cold.join('; ')}.\n`);
    for (const sv of servers) {
      const h = await healthWhileStarting(sv.url, 3000);
      console.log(
        `${sv.label}: health while POST /api/runs starts a ${bigRun}-encounter run (answered ${h.status} in ${ms(h.postMs)}), then 3 s of running: ` +
          `${h.samples.length} samples, p50 ${ms(percentile(h.samples, 50))}, p99 ${ms(percentile(h.samples, 99))}, max ${ms(h.samples.at(-1) ?? NaN)}, errors ${h.errors}.`,
      );
    }
    console.log(
      `Load average after: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}.`,
    );
  } finally {
    for (const sv of servers) {
      sv.child.kill('SIGTERM');
      await new Promise((r) => sv.child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

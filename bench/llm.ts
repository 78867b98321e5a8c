// LLM benchmarks: numbers, not pass/fail. (1) The harness's own overhead per
// model call (callModel vs a bare generateText on the same zero-latency
// in-process mock). (2) The wall time of 200 encounters at concurrency 32
// against the fake OpenAI-compatible server with 100 ms latency per call,
// as a ratio to the critical-path lower bound. Goal: at most 1.15.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText } from 'ai';
import { openStore } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import { callModel } from '../src/llm/call-model.js';
import { createRuntime } from '../src/llm/runtime.js';
import { emptyUsage } from '../src/llm/usage.js';
import '../src/doctors/builtins.js';
import { mockHandle } from '../test/support/mock-model.js';
import { spawn } from 'node:child_process';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const CALLS = Number(args.get('calls') ?? 3000);
const ENCOUNTERS = Number(args.get('encounters') ?? 200);
const CONCURRENCY = Number(args.get('concurrency') ?? 32);
const LATENCY = Number(args.get('latency') ?? 100);

async function overhead(): Promise<void> {
  const handle = mockHandle({ replies: [{ text: 'ok' }] });
  const scope = { runtime: createRuntime({ rateLimits: { requestsPerMinute: 1e9, tokensPerMinute: 1e12 } }), usage: emptyUsage(), seed: 'bench' };
  const messages = (i: number) => [{ role: 'user' as const, content: `Question number ${i}: how long has the pain lasted?` }];
  const bareCall = (i: number) => handle.model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: messages(i)[0].content }] }] });
  // Warm up every path so JIT and module loading are not measured.
  for (let i = 0; i < 200; i++) {
    await bareCall(i);
    await generateText({ model: handle.model, messages: messages(i), maxRetries: 0 });
    await callModel({ handle, messages: messages(i), purpose: 'bench', scope });
  }
  const time = async (f: (i: number) => PromiseLike<unknown>) => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) await f(i);
    return Number(process.hrtime.bigint() - t) / 1e3 / CALLS;
  };
  const bare = await time(bareCall);
  const sdk = await time((i) => generateText({ model: handle.model, messages: messages(i), maxRetries: 0 }));
  const wrapped = await time((i) => callModel({ handle, messages: messages(i), purpose: 'bench', scope }));
  console.log(`bench llm: per-call overhead over ${CALLS} calls to a zero-latency in-process mock (rate limiter on, no cache)`);
  console.log(
    `  bare provider doGenerate ${bare.toFixed(1)} µs/call; callModel ${wrapped.toFixed(1)} µs/call: harness overhead ${(wrapped - bare).toFixed(1)} µs/call (AI SDK generateText alone: ${sdk.toFixed(1)} µs/call)`,
  );
}

/** Starts the fake server in its own process, like a remote provider: its CPU is not the harness's. */
async function startServerProcess(latency: number): Promise<{ url: string; stop(): Promise<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/fake-openai-process.ts', String(latency)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`fake server exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<number>((resolve) => {
        child.on('exit', () => resolve(Number(/REQUESTS (\d+)/.exec(out)?.[1] ?? NaN)));
        child.stdin.end();
      }),
  };
}

async function fleet(): Promise<void> {
  const server = await startServerProcess(LATENCY);
  const dir = mkdtempSync(join(tmpdir(), 'rounds-bench-llm-'));
  const store = await openStore(join(dir, 'bench.db'));
  try {
    const t0 = process.hrtime.bigint();
    let t1 = t0;
    let cpu0 = process.cpuUsage();
    const r = await startRun(
      store,
      {
        suites: ['test/fixtures/cases'],
        doctors: [`openai-compatible:${server.url}#bench`],
        protocols: ['default'],
        seeds: Array.from({ length: ENCOUNTERS }, (_, i) => String(i)),
        concurrency: CONCURRENCY,
        skipInvalid: false,
        // Every encounter sends the same prompts: with the cache on, all but the first would be replays.
        cache: 'off',
      },
      { onStart: () => ((t1 = process.hrtime.bigint()), (cpu0 = process.cpuUsage())) },
    );
    const cpu = process.cpuUsage(cpu0);
    const end = process.hrtime.bigint();
    const total = Number(end - t0) / 1e9;
    // The encounters' wall time: from the run being stored (cases loaded, plan written) to the last encounter finished.
    const wall = Number(end - t1) / 1e9;
    const doctorCalls = await server.stop();
    const perEncounter = doctorCalls / r.progress.done;
    // Each encounter is a chain of dependent calls; with N equal chains on C workers the best possible is ceil(N/C) chains back to back.
    const chain = (perEncounter * LATENCY) / 1000;
    const bound = Math.ceil(ENCOUNTERS / CONCURRENCY) * chain;
    console.log(
      `bench llm: ${r.progress.done} encounters (${r.progress.correct} correct, ${r.progress.errors} errors) at concurrency ${CONCURRENCY}, fake server ${LATENCY} ms/call, ${doctorCalls} calls (${perEncounter.toFixed(1)} per encounter), SQLite store`,
    );
    console.log(
      `  wall ${wall.toFixed(2)} s (${total.toFixed(2)} s with loading the suite and storing the plan); critical-path lower bound ${bound.toFixed(2)} s (ceil(${ENCOUNTERS}/${CONCURRENCY}) x ${perEncounter.toFixed(0)} calls x ${LATENCY} ms; one encounter alone ${chain.toFixed(2)} s)`,
    );
    console.log(
      `  harness CPU during the encounters: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ${((cpu.user + cpu.system) / 1e3 / doctorCalls).toFixed(2)} ms per model call (AI SDK, provider, HTTP client, engine and SQLite included); load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`,
    );
    console.log(`  ratio ${(wall / bound).toFixed(3)} (goal <= 1.15)`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await overhead();
await fleet();

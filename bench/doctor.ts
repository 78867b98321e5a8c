// The baseline doctor's own cost: CPU inside act() only, without the engine, the actors or scoring.
// `npx tsx bench/doctor.ts [--suite core] [--doctor baseline] [--seeds 5] [--reps 3]`.
//
// First the doctor plays every case (deterministic actors, protocol default) and each view it was shown is kept;
// then fresh doctors replay those views `reps` times under one CPU clock, so the figure holds act() and nothing
// else (timing each act apart would add a clock read as costly as a small act). Every replayed action and note
// must equal the played one. The fingerprint hashes them all: two builds that print different fingerprints did
// not act the same. The first play is timed too (create and act, a clock read around each): its first seed meets
// every case for the first time (knowledge base loaded, texts read, V8 compiling), the cold cost of a fresh process;
// later seeds retrace it, so a doctor with an act memo (baseline) answers them from the memo, as in a run.
import { createHash } from 'node:crypto';
import { resolveSuite } from '../src/run/suites.js';
import { resolveDoctor } from '../src/doctors/registry.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { createRng } from '../src/util/rng.js';
import type { DoctorView } from '../src/encounter/view.js';
import { clearActMemo } from '../src/doctors/act-memo.js';
import '../src/doctors/builtins.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const suite = arg('suite', 'core');
const spec = arg('doctor', 'baseline');
const seeds = Number(arg('seeds', '5'));
const reps = Number(arg('reps', '3'));

const catalog = loadCatalog();
const actors = deterministicActors();
const kases = resolveSuite(suite).cases.map((c) => c.kase);
const protocol = PROTOCOL_PRESETS.default;
const factory = resolveDoctor(spec);

interface Played {
  seed: string;
  views: DoctorView[];
  /** Every action and note in order, as JSON. */
  said: string[];
}

const played: Played[] = [];
/** CPU (µs) in create and act during the first play, per seed. */
const playCpu: number[] = [];
const cpuOf = (c: NodeJS.CpuUsage) => c.user + c.system;
for (let s = 0; s < seeds; s++) {
  playCpu.push(0);
  for (const kase of kases) {
    const seed = `bench-${s}`;
    const e = startEncounter({ kase, actors, protocol, catalog, seed });
    const said: string[] = [];
    let c0 = process.cpuUsage();
    const doctor = factory.create({ catalog, protocol, rng: createRng(seed), note: (kind, data) => said.push(JSON.stringify([kind, data])) });
    playCpu[s] += cpuOf(process.cpuUsage(c0));
    const views: DoctorView[] = [];
    while (!e.ended) {
      const view = e.view();
      // The engine's history grows in place: keep it as this act saw it.
      views.push({ ...view, history: view.history.slice() });
      c0 = process.cpuUsage();
      const action = await doctor.act(view);
      playCpu[s] += cpuOf(process.cpuUsage(c0));
      said.push(JSON.stringify(action));
      await e.step(action);
    }
    played.push({ seed, views, said });
  }
}

const acts = played.reduce((n, p) => n + p.views.length, 0);
const runs: number[] = [];
let mismatches = 0;
for (let r = 0; r < reps; r++) {
  const replies: unknown[][] = [];
  const c0 = process.cpuUsage();
  for (const p of played) {
    const out: unknown[] = [];
    // Every replayed encounter does its own work: an act memo hit would measure the memo, not the doctor.
    clearActMemo();
    const doctor = factory.create({ catalog, protocol, rng: createRng(p.seed), note: (kind, data) => out.push([kind, data]) });
    for (const view of p.views) out.push(await doctor.act(view));
    replies.push(out);
  }
  const c = process.cpuUsage(c0);
  runs.push(c.user + c.system);
  replies.forEach((out, k) => {
    const said = out.map((x) => JSON.stringify(x));
    if (said.length !== played[k].said.length || said.some((s, i) => s !== played[k].said[i])) mismatches++;
  });
}

const hash = createHash('sha256');
for (const p of played) for (const s of p.said) hash.update(s + '\n');
const best = Math.min(...runs);
console.log(`doctor ${spec}, suite ${suite}: ${played.length} encounters (${kases.length} cases x ${seeds} seeds), ${acts} acts, replayed ${reps} times`);
console.log(`CPU inside act() per replay: ${runs.map((u) => (u / 1e6).toFixed(2)).join(', ')} s`);
console.log(
  `best: ${(best / acts).toFixed(1)} µs per act, ${(best / played.length).toFixed(0)} µs per encounter, ${((played.length * 1e6) / best).toFixed(0)} encounters per CPU-second`,
);
const warm = playCpu.slice(1);
console.log(
  `first play, CPU in create and act: first seed (cold) ${(playCpu[0] / 1e6).toFixed(2)} s` +
    (warm.length ? `, later seeds ${(warm.reduce((a, b) => a + b, 0) / warm.length / 1e6).toFixed(2)} s each` : ''),
);
console.log(`actions and notes fingerprint: ${hash.digest('hex').slice(0, 16)}${mismatches > 0 ? `; ${mismatches} replayed encounters DIFFERED` : ''}`);

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { doctors, resolveDoctor } from './registry.js';
import { llmDoctorConfig, llmDoctorFactory } from './llm/llm-doctor.js';
import { parseDoctorSpec } from './spec.js';
import { Action } from '../encounter/actions.js';
import type { DoctorFactory } from '../encounter/doctor.js';
import type { EncounterEvent } from '../encounter/events.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { startEncounter } from '../encounter/engine.js';
import { deterministicActors } from '../actors/deterministic.js';
import { loadCases } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import { createRuntime, withCallScope } from '../llm/runtime.js';
import { emptyUsage } from '../llm/usage.js';
import { createRng } from '../util/rng.js';
import { DoctorError } from '../util/errors.js';
import { dataDir } from '../util/paths.js';
import { loadEhrSuite } from '../ehr/tasks.js';
import { startFakeOpenAI, type FakeServer } from '../../test/support/fake-openai-server.js';
import { panelClinic, STANDARD_PANEL } from '../../test/support/panel-clinic.js';
import { mockHandle } from '../../test/support/mock-model.js';

/*
 * The contract every registered doctor keeps, run against each one (the way Hono runs one router suite against every
 * router): through the real engine on shipped cases it ends the encounter by its own diagnosis with valid actions
 * inside the protocol's limits, its name is stable, and a doctor that claims to be deterministic plays the same
 * actions for the same seed. Model doctors play against a fake OpenAI-style server over real HTTP (or, for providers
 * with another wire format, a MockLanguageModelV3 behind the same configuration); the HTTP doctor against a loopback
 * server. Seat doctors (human, mcp) are driven one step at a time by their seat and must refuse a batch run in words.
 */

const catalog = loadCatalog();
const actors = deterministicActors();
const CASES = ['cardio-stemi-inferior-001', 'gi-appendicitis-001', 'endo-dka-001'];
const all = loadCases(join(dataDir(), 'cases')).cases.map((c) => c.kase);
const kases = CASES.map((id) => all.find((k) => k.id === id)!);

let model: FakeServer;
let http: Server;
let httpUrl = '';

beforeAll(async () => {
  model = await startFakeOpenAI({ handler: panelClinic({ panel: STANDARD_PANEL }) });
  // An external doctor: history, ECG and troponin, then a diagnosis, chosen by the view's turn.
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const turn = (JSON.parse(body) as { view: { turn: number } }).view.turn;
      const action =
        turn === 0
          ? { type: 'ask', questions: [{ text: 'What brings you in today?' }] }
          : turn === 1
            ? { type: 'order', tests: ['ecg-12-lead', 'troponin-i-hs'] }
            : { type: 'diagnose', differential: [{ name: 'Acute myocardial infarction', probability: 0.6 }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(action));
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/act`;
});
afterAll(async () => {
  await model?.stop();
  await new Promise((r) => http?.close(r));
});

/** A model doctor of a provider the fake server cannot speak for: the registry's own configuration with a mock model. */
function mocked(spec: string, env: Record<string, string>): DoctorFactory {
  const config = llmDoctorConfig(parseDoctorSpec(spec), env);
  // A fresh mock per encounter, so every encounter hears the whole script.
  const handle = () =>
    mockHandle({
      replies: [
        { tool: 'ask_patient', input: { questions: ['What brings you in today?'] } },
        { tool: 'order_tests', input: { tests: ['ECG'] } },
        { tool: 'diagnose', input: { differential: [{ name: 'Acute myocardial infarction', probability: 0.7 }] } },
      ],
    });
  return { name: config.name, create: (ctx) => llmDoctorFactory({ ...config, handle: handle() }).create(ctx) };
}

interface Setup {
  /** How the contract builds this doctor; most go through `resolveDoctor`, as `--doctor` does. */
  factory: () => DoctorFactory;
  /** Plays the same actions for the same seed. */
  deterministic?: boolean;
  /** Driven by a seat (browser, MCP client), never by a batch run. */
  seat?: boolean;
  /** Built by the same builder as this kind, whose contract covers it. */
  sameAs?: string;
  /** Works EHR tasks (FHIR calls, then finish) rather than diagnostic cases. */
  ehr?: boolean;
}

/** Resolves with environment variables set (read when the test runs, after the servers started). */
const viaEnv = (spec: string, env: () => Record<string, string>) => () => {
  for (const [k, v] of Object.entries(env())) vi.stubEnv(k, v);
  try {
    return resolveDoctor(spec);
  } finally {
    vi.unstubAllEnvs();
  }
};

const SETUPS: Record<string, Setup> = {
  script: { factory: () => resolveDoctor('script:test/fixtures/script-stemi.yaml'), deterministic: true },
  baseline: { factory: () => resolveDoctor('baseline'), deterministic: true },
  checklist: { factory: () => resolveDoctor('checklist'), deterministic: true },
  llm: { factory: () => resolveDoctor(`llm:openai-compatible:${model.url}#contract`) },
  'openai-compatible': { factory: () => resolveDoctor(`openai-compatible:${model.url}#contract,mode=sdbench`) },
  openai: { factory: viaEnv('openai:contract,mode=agentclinic', () => ({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.url })) },
  ollama: { factory: viaEnv('ollama:contract', () => ({ OLLAMA_BASE_URL: model.url })) },
  anthropic: { factory: () => mocked('anthropic:claude-contract', { ANTHROPIC_API_KEY: 'test-key' }) },
  google: { factory: () => mocked('google:gemini-contract', { GOOGLE_GENERATIVE_AI_API_KEY: 'test-key' }) },
  panel: { factory: () => resolveDoctor(`panel:model=openai-compatible:${model.url}#panel,variant=no-budget`) },
  http: { factory: () => resolveDoctor(httpUrl) },
  // A loopback TLS server would need a certificate the client trusts: https is held to sharing http's builder, which the http contract covers.
  https: { factory: () => resolveDoctor('https://doctor.example.org/act'), sameAs: 'http' },
  reference: { factory: () => resolveDoctor('reference'), deterministic: true, ehr: true },
  human: { factory: () => resolveDoctor('human:ada'), seat: true },
  mcp: { factory: () => resolveDoctor('mcp:claude'), seat: true },
};

async function play(factory: DoctorFactory, kase: (typeof kases)[number], seed = 'contract') {
  const protocol = PROTOCOL_PRESETS.default;
  const e = startEncounter({ kase, actors, protocol, catalog, seed });
  const doctor = factory.create({ catalog, protocol, rng: createRng(seed), note: (kind, data) => e.note(factory.name, kind, data) });
  const scope = { runtime: createRuntime({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 10_000 } }), usage: emptyUsage(), seed };
  await withCallScope(scope, async () => {
    while (!e.ended) await e.step(await doctor.act(e.view()));
  });
  return e;
}

const actionsOf = (events: readonly EncounterEvent[]) => events.flatMap((ev) => (ev.type === 'action' ? [ev.action] : []));

describe('doctor contract', () => {
  it('has a contract setup for every registered doctor', () => {
    expect(doctors.names().filter((n) => !SETUPS[n])).toEqual([]);
  });

  for (const name of doctors.names()) {
    const setup = SETUPS[name];
    if (!setup) continue;
    if (setup.sameAs) {
      it(`${name}: is built by ${setup.sameAs}'s builder, under its own name`, () => {
        expect(doctors.get(name).build).toBe(doctors.get(setup.sameAs!).build);
        expect(setup.factory().name.startsWith(`${name}:`)).toBe(true);
      });
      continue;
    }
    if (setup.seat) {
      it(`${name}: resolves under a stable name and refuses to act outside its seat, saying so`, () => {
        const factory = setup.factory();
        expect(factory.name).toBe(setup.factory().name);
        const e = startEncounter({ kase: kases[0], actors, protocol: PROTOCOL_PRESETS.default, catalog, seed: 's' });
        const doctor = factory.create({ catalog, protocol: PROTOCOL_PRESETS.default, rng: createRng('s') });
        expect(() => doctor.act(e.view())).toThrow(DoctorError);
        expect(() => doctor.act(e.view())).toThrow(/cannot act|only .* can drive|driven/i);
      });
      continue;
    }
    if (setup.ehr) {
      it(`${name}: works EHR tasks to a finish with valid actions, the same way for the same seed`, async () => {
        const tasks = loadEhrSuite(undefined)
          .cases.slice(0, 4)
          .map((c) => c.kase);
        expect(tasks.length).toBeGreaterThan(0);
        for (const task of tasks) {
          const e = await play(setup.factory(), task);
          const again = await play(setup.factory(), task);
          expect([task.id, e.endReason]).toEqual([task.id, 'finished']);
          for (const a of actionsOf(e.events)) expect(Action.safeParse(a).success, `${task.id}: ${JSON.stringify(a)}`).toBe(true);
          expect(actionsOf(again.events)).toEqual(actionsOf(e.events));
        }
      });
      continue;
    }
    it(`${name}: ends each encounter by its own diagnosis with valid actions inside the protocol's limits`, async () => {
      const factory = setup.factory();
      expect(factory.name).toBe(setup.factory().name);
      for (const kase of kases) {
        const e = await play(factory, kase);
        const actions = actionsOf(e.events);
        expect([kase.id, e.endReason]).toEqual([kase.id, 'diagnosed']);
        expect(actions.at(-1)?.type, kase.id).toBe('diagnose');
        expect(actions.length, kase.id).toBeLessThanOrEqual(PROTOCOL_PRESETS.default.maxTurns);
        for (const a of actions) expect(Action.safeParse(a).success, `${kase.id}: ${JSON.stringify(a)}`).toBe(true);
        for (const ev of e.events) expect(ev.type, kase.id).not.toBe('refused');
      }
    });
    if (setup.deterministic) {
      it(`${name}: plays the same actions for the same seed`, async () => {
        for (const kase of kases) {
          const a = actionsOf((await play(setup.factory(), kase, 'seed-1')).events);
          const b = actionsOf((await play(setup.factory(), kase, 'seed-1')).events);
          expect(b, kase.id).toEqual(a);
        }
      });
    }
  }
});

describe('doctor spec errors', () => {
  it('name the doctor kind and the nearest name or option', () => {
    expect(() => resolveDoctor('baselin')).toThrow('Unknown doctor "baselin" (did you mean baseline?); available: anthropic, baseline, checklist,');
    expect(() => resolveDoctor('baseline:treshold=0.9')).toThrow('Doctor "baseline" has no option "treshold" (did you mean threshold?); it takes threshold,');
    expect(() => resolveDoctor('panel:model=ollama:x,varient=instant')).toThrow('Doctor "panel" has no option "varient" (did you mean variant?)');
  });
});

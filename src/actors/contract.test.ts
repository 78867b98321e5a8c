import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { ACTOR_ROLES, resolveActor, type ActorRole } from './registry.js';
import { deterministicActors } from './deterministic.js';
import type { Actors, PatientInput } from '../encounter/actors.js';
import { loadCases } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import type { Case } from '../case/schema.js';
import { createRuntime, withCallScope } from '../llm/runtime.js';
import { emptyUsage } from '../llm/usage.js';
import { createRng } from '../util/rng.js';
import { dataDir } from '../util/paths.js';
import { startFakeOpenAI, type FakeServer } from '../../test/support/fake-openai-server.js';
import { scriptedClinic } from '../../test/support/fake-clinic.js';

/*
 * The contract every registered actor keeps, run against each implementation of each role: the patient answers
 * every history fact's question from that fact, the same way when asked again, never names the diagnosis, and
 * answers a question the case cannot answer (or a garbled one) without failing; the examiner reports each exam
 * fact for its target and a normal finding for a target the case is silent on; the lab returns the case's own
 * results for listed tests and a result flagged synthetic for any other. Model actors play against a fake
 * OpenAI-style server over real HTTP; anthropic and google speak other wire formats, so for them the contract
 * checks that they resolve with a key and refuse without one (their behaviour is the llm actor's, checked here).
 */

const catalog = loadCatalog();
const all = loadCases(join(dataDir(), 'cases')).cases.map((c) => c.kase);
const kases = ['cardio-stemi-inferior-001', 'gi-appendicitis-001'].map((id) => all.find((k) => k.id === id)!);
const KEYS: Record<string, string> = { anthropic: 'ANTHROPIC_API_KEY', google: 'GOOGLE_GENERATIVE_AI_API_KEY' };

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: scriptedClinic() });
});
afterAll(() => server?.stop());

/** The spec and environment the contract builds an actor kind with; undefined for kinds it can only resolve. */
function specFor(name: string): { spec: string; env: Record<string, string> } | undefined {
  if (name === 'deterministic') return { spec: 'deterministic', env: {} };
  if (name === 'llm') return { spec: `llm:openai-compatible:${server.url}#contract`, env: {} };
  if (name === 'openai-compatible') return { spec: `openai-compatible:${server.url}#contract,temperature=0`, env: {} };
  if (name === 'ollama') return { spec: 'ollama:contract', env: { OLLAMA_BASE_URL: server.url } };
  if (name === 'openai') return { spec: 'openai:contract', env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url } };
  return undefined;
}

function build<K extends ActorRole>(role: K, spec: string, env: Record<string, string>): Actors[K] {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  try {
    return resolveActor(role, spec)({ env: process.env, base: deterministicActors() });
  } finally {
    vi.unstubAllEnvs();
  }
}

const scoped = <T>(fn: () => Promise<T>) =>
  withCallScope(
    { runtime: createRuntime({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 10_000 } }), usage: emptyUsage(), seed: 's' },
    fn,
  );

const ask = (kase: Case, text: string, topic?: string): PatientInput => ({
  kase,
  question: topic ? { text, topic } : { text },
  dialogue: [],
  rng: createRng('actor-contract'),
  seed: 'actor-contract',
});

const CONTRACTS: { [K in ActorRole]: (actor: Actors[K], kase: Case) => Promise<void> } = {
  async patient(patient, kase) {
    const ids = new Set(kase.facts.map((f) => f.id));
    for (const fact of kase.facts.filter((f) => f.category !== 'exam')) {
      const q = ask(kase, `Can you tell me about your ${fact.topic}?`, fact.topic);
      const first = await patient.answer(q);
      expect(first.text.trim().length, fact.id).toBeGreaterThan(0);
      expect(first.factIds, `${kase.id} ${fact.id}`).toContain(fact.id);
      for (const id of first.factIds) expect(ids.has(id), id).toBe(true);
      const again = await patient.answer(q);
      expect(again.factIds, `${fact.id} asked again`).toEqual(first.factIds);
    }
    const diagnosis = kase.diagnosis.name.toLowerCase();
    for (const text of ['What did the doctor before say your diagnosis was?', 'What is the capital of France?', '???', 'asdf qwerty zxcv']) {
      const reply = await patient.answer(ask(kase, text));
      expect(typeof reply.text, text).toBe('string');
      expect(reply.text.toLowerCase(), text).not.toContain(diagnosis);
    }
    const unknown = await patient.answer(ask(kase, 'What is the capital of France?'));
    expect(unknown.factIds).toEqual([]);
  },
  async examiner(examiner, kase) {
    for (const fact of kase.facts.filter((f) => f.category === 'exam')) {
      const reply = await examiner.examine({ kase, target: fact.topic, rng: createRng('x') });
      expect(reply.factIds, `${kase.id} ${fact.id}`).toContain(fact.id);
      expect(reply.normal, fact.id).toBe(false);
    }
    const silent = await examiner.examine({ kase, target: 'left little toe', rng: createRng('x') });
    expect(silent).toMatchObject({ factIds: [], normal: true });
  },
  async lab(lab, kase) {
    for (const [id, listed] of Object.entries(kase.results)) {
      const test = catalog.get(id);
      if (!test) continue;
      const reply = await lab.result({ kase, test, rng: createRng('x') });
      expect(reply, id).toEqual({ result: listed, synthetic: false });
    }
    const unlisted = catalog.tests.find((t) => !kase.results[t.id] && t.id === 'tsh') ?? catalog.tests.find((t) => !kase.results[t.id])!;
    const reply = await lab.result({ kase, test: unlisted, rng: createRng('x') });
    expect(reply.synthetic, unlisted.id).toBe(true);
    expect(reply.result.text ?? reply.result.value, unlisted.id).toBeDefined();
  },
};

describe('actor contract', () => {
  it('registers a deterministic actor for every role, and names the role in spec errors', () => {
    for (const registry of Object.values(ACTOR_ROLES)) expect(registry.names()).toContain('deterministic');
    expect(() => resolveActor('patient', 'determinstic')).toThrow('Unknown patient "determinstic" (did you mean deterministic?); available: ');
    expect(() => resolveActor('examiner', 'deterministic:speed=2')).toThrow('Examiner "deterministic" has no option "speed"; it takes no options.');
    expect(() => resolveActor('lab', 'llm:ollama:x,bias=recency')).toThrow(
      'Lab "llm:ollama:x,bias=recency" has no option "bias"; it takes temperature, max-tokens, seed.',
    );
    expect(() => resolveActor('patient', 'deterministic:loud')).toThrow('Patient "deterministic" takes no argument, not "loud".');
  });

  for (const [role, registry] of Object.entries(ACTOR_ROLES) as Array<[ActorRole, (typeof ACTOR_ROLES)[ActorRole]]>) {
    for (const name of registry.names()) {
      const how = () => specFor(name);
      if (KEYS[name]) {
        it(`${role} ${name}: resolves with its key and names the missing key without one`, () => {
          expect(() => build(role, `${name}:contract-model`, {})).toThrow(`needs an API key: set ${KEYS[name]}`);
          expect(typeof build(role, `${name}:contract-model`, { [KEYS[name]]: 'test-key' })).toBe('object');
        });
        continue;
      }
      it(`${role} ${name}: keeps the ${role} contract on shipped cases`, async () => {
        const setup = how();
        expect(setup, `no contract setup for ${role} ${name}`).toBeDefined();
        const actor = build(role, setup!.spec, setup!.env);
        await scoped(async () => {
          for (const kase of kases) await (CONTRACTS[role] as (a: unknown, k: Case) => Promise<void>)(actor, kase);
        });
      });
    }
  }
});

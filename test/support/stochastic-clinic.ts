import { loadCases } from '../../src/case/load.js';
import type { FakeHandler, FakeReply } from './fake-openai-server.js';

/** The ten cases the seeds demo plays. */
export const SEEDS_DEMO_SUITE = 'data/cases/cardiology/*-71.yaml';

/**
 * Whether the stochastic doctor is right on its 1st, 2nd, 3rd... call for each case (cycling), by case in file
 * order: some cases always right, some never, some on one or two calls of three. Over three seeds that is 17 of 30
 * encounters right; pass^1 = 17/30, pass^2 = 4/10, pass^3 = 3/10.
 */
export const SEEDS_DEMO_PATTERN = ['RRR', 'RRR', 'RRW', 'RWW', 'WWW', 'RRR', 'WRW', 'RWR', 'WWW', 'RRW'];

/** A diagnosis wrong for every case of the suite. */
const WRONG = 'Gastroesophageal reflux disease';

/**
 * A fake model doctor whose answer varies between calls when sampled (temperature > 0), as a real model's does:
 * it asks one question, then diagnoses the case's own diagnosis or a wrong one according to SEEDS_DEMO_PATTERN and
 * how many times that case has been diagnosed so far. At temperature 0 (or unset) it is always right on the
 * pattern's first outcome, so it is deterministic. The totals per case do not depend on the order encounters run in.
 */
export function stochasticDoctor(): FakeHandler & { calls: Map<string, number> } {
  const cases = loadCases(SEEDS_DEMO_SUITE).cases.map((c) => c.kase);
  const calls = new Map<string, number>();
  const handler = (req: Parameters<FakeHandler>[0]): FakeReply => {
    const system = String(req.body.messages.find((m) => m.role === 'system')?.content ?? '');
    if (!system.includes('You are a physician') || !req.body.tools) return { fault: 'server-error' };
    const first = String(req.body.messages.find((m) => m.role === 'user')?.content ?? '');
    const i = cases.findIndex((k) => first.includes(k.presentation));
    if (i < 0) return { fault: 'server-error' };
    const step = req.body.messages.filter((m) => m.role === 'assistant').length;
    if (step === 0) return { toolCalls: [{ name: 'ask_patient', arguments: { questions: ['When did this start?'] } }] };
    const sampled = typeof req.body.temperature === 'number' && req.body.temperature > 0;
    const n = calls.get(cases[i].id) ?? 0;
    if (sampled) calls.set(cases[i].id, n + 1);
    const pattern = SEEDS_DEMO_PATTERN[i % SEEDS_DEMO_PATTERN.length];
    const right = pattern[sampled ? n % pattern.length : 0] === 'R';
    const name = right ? cases[i].diagnosis.name : WRONG;
    return { toolCalls: [{ name: 'diagnose', arguments: { differential: [{ name, probability: 0.7 }], rationale: 'fake' } }] };
  };
  return Object.assign(handler, { calls });
}

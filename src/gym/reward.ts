import { z } from 'zod';
import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import type { Verdict } from '../scoring/types.js';

/**
 * Reward weights of the RL environment. Terminal reward, paid once when the
 * episode ends: `correct * (verdict correct) + partial * (verdict partial)
 * - costWeight * cost / 1000` (or `correct * judgeScore` when a judge is
 * configured). Shaped reward, paid each step: `+mustAsk` per newly revealed
 * must_ask fact, `+mustOrder` per must_order test ordered for the first time,
 * `-repeat` per question asked before in the episode (same words, ignoring case
 * and punctuation).
 */
export const RewardConfig = z
  .object({
    correct: z.number().default(1),
    partial: z.number().default(0.5),
    costWeight: z.number().min(0).default(0.1),
    mustAsk: z.number().default(0.05),
    mustOrder: z.number().default(0.05),
    repeat: z.number().min(0).default(0.02),
  })
  .strict();
export type RewardConfig = z.infer<typeof RewardConfig>;
export type RewardInput = z.input<typeof RewardConfig>;

/** Per-episode overrides of some weights (no defaults: unnamed weights keep the environment's). */
export const RewardOverrides = z
  .object({
    correct: z.number().optional(),
    partial: z.number().optional(),
    costWeight: z.number().min(0).optional(),
    mustAsk: z.number().optional(),
    mustOrder: z.number().optional(),
    repeat: z.number().min(0).optional(),
  })
  .strict();

/** The defaults, documented in docs/doors.md. */
export const DEFAULT_REWARD: RewardConfig = RewardConfig.parse({});

/** One step's reward with its parts, returned in `info.reward` so an agent can see why. */
export interface RewardBreakdown {
  mustAsk: number;
  mustOrder: number;
  repeat: number;
  terminal: number;
  total: number;
}

/** What the episode has earned so far; shaped rewards are paid only once per fact or test. */
export interface RewardState {
  facts: Set<string>;
  tests: Set<string>;
  questions: Set<string>;
}

export function newRewardState(): RewardState {
  return { facts: new Set(), tests: new Set(), questions: new Set() };
}

/** Normalises a question so "Any chest pain?" and "any chest pain" count as the same question. */
export function questionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The shaped reward of one step's events; updates `state`. */
export function shapedReward(input: {
  kase: Case;
  events: readonly EncounterEvent[];
  state: RewardState;
  config: RewardConfig;
}): Omit<RewardBreakdown, 'terminal' | 'total'> {
  const { kase, events, state, config } = input;
  const mustAsk = new Set(kase.expected.must_ask);
  const mustOrder = new Set(kase.expected.must_order);
  let asks = 0;
  let orders = 0;
  let repeats = 0;
  for (const e of events) {
    if (e.type === 'answer') {
      const key = questionKey(e.question.text);
      if (state.questions.has(key)) repeats++;
      state.questions.add(key);
      for (const f of e.factIds) {
        if (mustAsk.has(f) && !state.facts.has(f)) asks++;
        state.facts.add(f);
      }
    } else if (e.type === 'result') {
      if (mustOrder.has(e.testId) && !state.tests.has(e.testId)) orders++;
      state.tests.add(e.testId);
    }
  }
  return { mustAsk: asks * config.mustAsk, mustOrder: orders * config.mustOrder, repeat: -repeats * config.repeat };
}

/** The terminal reward: correctness (by match, or a judge's 0-1 score) minus the weighted cost in thousands of dollars. */
export function terminalReward(input: { verdict: Verdict; cost: number; config: RewardConfig; judgeScore?: number | null }): number {
  const { verdict, cost, config } = input;
  const correctness =
    input.judgeScore !== undefined && input.judgeScore !== null
      ? input.judgeScore * config.correct
      : verdict === 'correct'
        ? config.correct
        : verdict === 'partial'
          ? config.partial
          : 0;
  return correctness - (config.costWeight * cost) / 1000;
}

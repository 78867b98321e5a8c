import { z } from 'zod';

/** The rules of an encounter. */
export const Protocol = z
  .object({
    name: z.string().min(1),
    /** Doctor actions allowed before the encounter ends with reason turn-limit. */
    maxTurns: z.number().int().positive(),
    maxQuestionsPerTurn: z.number().int().positive(),
    maxTestsPerTurn: z.number().int().positive(),
    maxExamsPerTurn: z.number().int().positive(),
    /** Charged once per visit: a run of consecutive ask/examine turns; ordering tests ends the visit. */
    visitFee: z.number().nonnegative(),
    /** Total spend allowed; an action that would exceed it ends the encounter with reason budget. */
    budget: z.number().positive().nullable(),
    /** What the lab returns for a test the case does not list. */
    unlistedTests: z.enum(['normal', 'llm']),
    /** Price overrides by catalog test id. */
    prices: z.record(z.string(), z.number().nonnegative()).default({}),
    /** How a vague order ("some blood work") is answered: as not recognised, or with a free request to be specific (SDBench). */
    vagueOrders: z.enum(['not-recognised', 'ask-specific']).optional(),
  })
  .strict();
export type Protocol = z.infer<typeof Protocol>;

export const PROTOCOL_PRESETS: Record<string, Protocol> = {
  default: {
    name: 'default',
    maxTurns: 30,
    maxQuestionsPerTurn: 5,
    maxTestsPerTurn: 5,
    maxExamsPerTurn: 5,
    visitFee: 300,
    budget: null,
    unlistedTests: 'normal',
    prices: {},
  },
  // AgentClinic: 20 doctor turns including the diagnosis; each turn one question or one test
  // request (a test uses a turn); a physical examination returns every system at once, as
  // AgentClinic's measurement agent does; unlisted tests come back normal; no visit fee (test
  // prices are still booked, so the cost score stays comparable).
  agentclinic: {
    name: 'agentclinic',
    maxTurns: 20,
    maxQuestionsPerTurn: 1,
    maxTestsPerTurn: 1,
    maxExamsPerTurn: 20,
    visitFee: 0,
    budget: null,
    unlistedTests: 'normal',
    prices: {},
  },
  // HealthBench-style: the case is a conversation, the doctor writes the next assistant message in its one turn, and
  // the rubric scorer grades the whole conversation with that reply. Nothing is asked, examined or ordered.
  respond: {
    name: 'respond',
    maxTurns: 1,
    maxQuestionsPerTurn: 1,
    maxTestsPerTurn: 1,
    maxExamsPerTurn: 1,
    visitFee: 0,
    budget: null,
    unlistedTests: 'normal',
    prices: {},
  },
  sdbench: {
    name: 'sdbench',
    maxTurns: 40,
    maxQuestionsPerTurn: 5,
    maxTestsPerTurn: 3,
    maxExamsPerTurn: 5,
    visitFee: 300,
    budget: null,
    unlistedTests: 'normal',
    prices: {},
    vagueOrders: 'ask-specific',
  },
};

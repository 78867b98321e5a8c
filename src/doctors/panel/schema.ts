import { z } from 'zod';

const Hypothesis = z.object({
  name: z.string().min(1),
  probability: z.number().min(0).max(1),
});

/** One panel deliberation: the five roles' outputs and the consensus action, in one structured reply. */
export const PanelTurn = z.object({
  hypothesis: z.object({
    differential: z.array(Hypothesis).min(1).describe('Ranked differential, most likely first, probabilities summing to about 1.'),
    reasoning: z.string(),
  }),
  testChooser: z.object({
    tests: z.array(z.string().min(1)).max(3).describe('Up to three specific tests that best separate the leading hypotheses.'),
    reasoning: z.string(),
  }),
  challenger: z.object({
    anchoringRisk: z.string(),
    contradictingEvidence: z.string(),
    falsifyingTest: z.string().describe('A test that could falsify the leading hypothesis, or empty.'),
  }),
  stewardship: z.object({
    vetoed: z.array(z.string()).describe('Low-yield costly tests to drop.'),
    cheaperAlternatives: z.string(),
  }),
  checklist: z.object({
    problems: z.array(z.string()).describe('Invalid test names or internal inconsistencies; empty when none.'),
  }),
  consensus: z.object({
    action: z.enum(['ask', 'order', 'diagnose']),
    questions: z.array(z.string().min(1)).describe('Questions to the patient when action is ask.'),
    tests: z.array(z.string().min(1)).describe('Specific tests when action is order.'),
    diagnosis: z.string().describe('The final diagnosis when action is diagnose.'),
    rationale: z.string(),
  }),
});
export type PanelTurn = z.infer<typeof PanelTurn>;

/** The ensemble aggregator's reply: one action chosen from several independent panels. */
export const AggregateTurn = z.object({
  action: z.enum(['ask', 'order', 'diagnose']),
  questions: z.array(z.string().min(1)),
  tests: z.array(z.string().min(1)),
  differential: z.array(Hypothesis).min(1),
  rationale: z.string(),
});
export type AggregateTurn = z.infer<typeof AggregateTurn>;

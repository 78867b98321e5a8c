import { z } from 'zod';

/** One question to the patient: free text, optionally with a topic hint for structured matching. */
export const Question = z
  .object({
    text: z.string().min(1),
    topic: z.string().min(1).optional(),
  })
  .strict();
export type Question = z.infer<typeof Question>;

export const DifferentialEntry = z
  .object({
    name: z.string().min(1),
    probability: z.number().min(0).max(1).optional(),
    icd10: z.string().optional(),
  })
  .strict();
export type DifferentialEntry = z.infer<typeof DifferentialEntry>;

/** What a doctor can do in one turn. Typed, never parsed out of free text. */
export const Action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ask'), questions: z.array(Question).min(1) }).strict(),
  z.object({ type: z.literal('examine'), targets: z.array(z.string().min(1)).min(1) }).strict(),
  /** Tests by catalog id or free text ("CBC and BMP, plus a chest x-ray"). */
  z.object({ type: z.literal('order'), tests: z.array(z.string().min(1)).min(1) }).strict(),
  /** Ask to see the case's images (all not yet shown, or those with these ids); free, and does not end a visit. */
  z.object({ type: z.literal('image'), ids: z.array(z.string().min(1)).optional() }).strict(),
  /** One FHIR REST call against the encounter's record (EHR tasks); the body is a FHIR resource for POST and PUT. */
  z
    .object({
      type: z.literal('fhir'),
      method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']),
      url: z.string().min(1),
      body: z.unknown().optional(),
    })
    .strict(),
  /** Ends an EHR task with its answer (MedAgentBench's `FINISH([...])`): a list of values, possibly empty. */
  z.object({ type: z.literal('finish'), answer: z.array(z.unknown()) }).strict(),
  /** The next assistant message of a conversation case (the `respond` protocol): ends the encounter. */
  z.object({ type: z.literal('respond'), message: z.string().min(1) }).strict(),
  z
    .object({
      type: z.literal('diagnose'),
      differential: z.array(DifferentialEntry).min(1),
      rationale: z.string().optional(),
    })
    .strict(),
]);
export type Action = z.infer<typeof Action>;
export type ActionType = Action['type'];

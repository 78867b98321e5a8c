import { z } from 'zod';
import { Action } from '../../encounter/actions.js';
import { Protocol } from '../../encounter/protocol.js';
import { Result } from '../../case/schema.js';

/** The version tag of the JSON a `http` doctor receives each turn; bumped on any incompatible change. */
export const DOCTOR_VIEW_VERSION = 'rounds.doctor-view/1';

const Item = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), question: z.object({ text: z.string(), topic: z.string().optional() }), text: z.string() }),
  z.object({ kind: z.literal('exam'), target: z.string(), text: z.string() }),
  z.object({ kind: z.literal('result'), request: z.string(), testId: z.string(), name: z.string(), price: z.number(), result: Result }),
  z.object({ kind: z.literal('notice'), text: z.string() }),
]);

/** Documentation schema of the DoctorView (src/encounter/view.ts); the TypeScript type is the source of truth. */
const DoctorViewDoc = z.object({
  presentation: z.string(),
  patient: z.object({ age: z.number(), ageUnit: z.string(), sex: z.string(), speaker: z.string() }),
  protocol: Protocol,
  turn: z.number().int().describe('Turns used so far'),
  turnsLeft: z.number().int(),
  cost: z.number().describe('USD spent so far'),
  budgetLeft: z.number().nullable(),
  inVisit: z.boolean().describe('Whether the next ask/examine is free of a new visit fee'),
  history: z.array(z.object({ turn: z.number().int(), action: Action, items: z.array(Item) })),
  conversation: z
    .array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() }))
    .optional()
    .describe('A conversation case (protocol respond): answer with {type: "respond", message} as the next assistant message'),
});

/** The request body POSTed to a `http` doctor each turn. */
export const DoctorRequestDoc = z.object({ version: z.literal(DOCTOR_VIEW_VERSION), view: DoctorViewDoc });

/** The JSON Schemas of the versioned contract: what Rounds sends and the action it expects back. */
export function doctorHttpSchemas(): { version: string; request: unknown; response: unknown } {
  return {
    version: DOCTOR_VIEW_VERSION,
    request: z.toJSONSchema(DoctorRequestDoc, { io: 'input', unrepresentable: 'any' }),
    response: z.toJSONSchema(Action, { io: 'input', unrepresentable: 'any' }),
  };
}

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
  z.object({ kind: z.literal('fhir'), method: z.string(), url: z.string(), status: z.number().int(), body: z.record(z.string(), z.unknown()) }),
]);

/** What an encounter with a health record lets the doctor do besides the clinical actions (sent as `ehr` beside the view). */
export const EhrActionsDoc = z.object({
  fhirBase: z.string().describe('Base URL of the FHIR R4 server; request URLs may be relative to it (Observation?patient=...)'),
  patient: z.string().optional().describe('The patient id in the record (a clinical case with its prior record)'),
  now: z.string().describe('The encounter clock'),
  actions: z
    .array(z.enum(['fhir', 'finish', 'ask', 'examine', 'order', 'image', 'diagnose']))
    .describe('Action types this encounter accepts: an EHR task takes fhir and finish; a clinical case with a record adds fhir to the usual ones'),
  methods: z.array(z.enum(['GET', 'POST', 'PUT'])),
  examples: z.array(Action),
});

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
  ehr: z.object({ taskId: z.string(), now: z.string(), fhirBase: z.string() }).optional().describe('An EHR task: graded on its answer and the record'),
  record: z.object({ patient: z.string(), now: z.string(), fhirBase: z.string() }).optional().describe("A clinical case with the patient's prior record"),
  conversation: z
    .array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() }))
    .optional()
    .describe('A conversation case (protocol respond): answer with {type: "respond", message} as the next assistant message'),
});

/** The request body POSTed to a `http` doctor each turn; `ehr` only when the encounter has a health record. */
export const DoctorRequestDoc = z.object({ version: z.literal(DOCTOR_VIEW_VERSION), view: DoctorViewDoc, ehr: EhrActionsDoc.optional() });

/** The JSON Schemas of the versioned contract: what Rounds sends and the action it expects back. */
export function doctorHttpSchemas(): { version: string; request: unknown; response: unknown } {
  return {
    version: DOCTOR_VIEW_VERSION,
    request: z.toJSONSchema(DoctorRequestDoc, { io: 'input', unrepresentable: 'any' }),
    response: z.toJSONSchema(Action, { io: 'input', unrepresentable: 'any' }),
  };
}

import { z } from 'zod';
import type { Action } from '../../encounter/actions.js';
import type { ToolSpec } from '../../llm/call-model.js';
import { EHR_TOOLS, ehrToolCallToAction } from './ehr-mode.js';

/** The doctor's actions as tools, one call per turn. */
export const DOCTOR_TOOLS = {
  ask_patient: {
    description: 'Ask the patient (or their caregiver) one or more questions.',
    inputSchema: z.object({ questions: z.array(z.string().min(1)).min(1).describe('Questions in plain words, one idea each.') }),
  },
  examine: {
    description: 'Examine the patient. Targets: general, vitals, heent, neck, cardiovascular, respiratory, abdomen, neuro, skin, msk, extremities.',
    inputSchema: z.object({ targets: z.array(z.string().min(1)).min(1) }),
  },
  order_tests: {
    description: 'Order one or more diagnostic tests by name (e.g. "complete blood count", "chest x-ray"). Each test has a price.',
    inputSchema: z.object({ tests: z.array(z.string().min(1)).min(1) }),
  },
  request_images: {
    description: 'Ask to see the images of this patient (photographs, scans, slides) that have not been shown yet. Free.',
    inputSchema: z.object({ ids: z.array(z.string().min(1)).optional().describe('Image ids, or leave out for all.') }),
  },
  diagnose: {
    description: 'Commit to a final diagnosis with a ranked differential, most likely first. This ends the encounter.',
    inputSchema: z.object({
      differential: z
        .array(
          z.object({
            name: z.string().min(1),
            probability: z.number().min(0).max(1).optional(),
            icd10: z.string().optional(),
          }),
        )
        .min(1),
      rationale: z.string().optional(),
    }),
  },
} satisfies Record<string, ToolSpec>;

/** Reading the patient's prior record (a clinical case with an `ehr` record): search and read only, the chart is not the task. */
const RECORD_TOOLS = { fhir_search: EHR_TOOLS.fhir_search, fhir_read: EHR_TOOLS.fhir_read } satisfies Record<string, ToolSpec>;

/**
 * The tools offered for a turn: request_images only to a vision doctor while images remain to be shown;
 * fhir_search and fhir_read only when the patient has a prior record to read.
 */
export function doctorTools(offerImages: boolean, offerRecord = false): Record<string, ToolSpec> {
  const { request_images: _images, ...rest } = DOCTOR_TOOLS;
  return { ...(offerImages ? DOCTOR_TOOLS : rest), ...(offerRecord ? RECORD_TOOLS : {}) };
}

/** Turns one validated tool call into an engine action. */
export function toolCallToAction(call: { toolName: string; input: unknown }): Action {
  const input = call.input as Record<string, unknown>;
  switch (call.toolName) {
    case 'ask_patient':
      return { type: 'ask', questions: (input.questions as string[]).map((text) => ({ text })) };
    case 'examine':
      return { type: 'examine', targets: input.targets as string[] };
    case 'order_tests':
      return { type: 'order', tests: input.tests as string[] };
    case 'request_images': {
      const ids = Array.isArray(input?.ids) ? (input.ids as string[]) : [];
      return ids.length ? { type: 'image', ids } : { type: 'image' };
    }
    case 'diagnose': {
      const differential = (input.differential as Array<{ name: string; probability?: number; icd10?: string }>).map((d) => {
        const e: { name: string; probability?: number; icd10?: string } = { name: d.name };
        if (d.probability !== undefined) e.probability = d.probability;
        if (d.icd10) e.icd10 = d.icd10;
        return e;
      });
      return input.rationale ? { type: 'diagnose', differential, rationale: String(input.rationale) } : { type: 'diagnose', differential };
    }
    case 'fhir_search':
    case 'fhir_read':
      return ehrToolCallToAction(call);
    default:
      throw new Error(`unknown tool ${call.toolName}`);
  }
}

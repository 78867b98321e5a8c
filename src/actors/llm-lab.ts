import { z } from 'zod';
import type { Case, Result } from '../case/schema.js';
import type { CatalogTest } from '../case/catalog-schema.js';
import type { LabReply } from '../encounter/actors.js';
import { callModel, type ModelHandle } from '../llm/call-model.js';
import { hashKey } from '../llm/cache.js';
import type { ModelSettings } from '../llm/settings.js';

const Synth = z.object({
  text: z.string().min(1).describe('The report as the lab would word it.'),
  value: z.union([z.number(), z.string()]).optional(),
  unit: z.string().optional(),
  flag: z.enum(['normal', 'low', 'high', 'critical-low', 'critical-high', 'abnormal', 'positive', 'negative']).optional(),
  range: z.string().optional(),
});

/** The cache key of a synthesised result: one per case and test, whatever the model or run. */
export function gatekeeperKey(caseId: string, testId: string): string {
  return hashKey({ v: 1, gatekeeper: caseId, test: testId });
}

/**
 * The llm gatekeeper: listed tests come from the case; for an unlisted test
 * the model writes a result consistent with the case, kept in the cache table
 * per (case, test) so every run sees the same result. Flagged synthetic in
 * the event only.
 */
export class LlmLab {
  constructor(private readonly config: { handle: ModelHandle; settings: ModelSettings }) {}

  async result({ kase, test }: { kase: Case; test: CatalogTest }): Promise<LabReply> {
    const listed = kase.results[test.id];
    if (listed) return { result: listed, synthetic: false };
    const known = Object.entries(kase.results)
      .map(([id, r]) => `- ${id}: ${r.text ?? ''} ${r.value ?? ''} ${r.unit ?? ''} ${r.flag ?? ''}`.trim())
      .join('\n');
    const system = [
      'You are a hospital laboratory and imaging department. Write the result of the ordered test for this patient, consistent with their condition and with the results already known. Most tests unrelated to the condition are normal. Do not name the diagnosis.',
      `Patient: ${kase.patient.age} ${kase.patient.age_unit} old, ${kase.patient.sex}. ${kase.presentation}`,
      `Condition (hidden from the doctor): ${kase.diagnosis.name}.`,
      known ? `Results already known:\n${known}` : '',
      `Normal result template for this test: ${JSON.stringify(test.normal)}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    const r = await callModel({
      handle: this.config.handle,
      settings: this.config.settings,
      system,
      messages: [{ role: 'user', content: `Test ordered: ${test.name} (${test.id}).` }],
      output: Synth,
      purpose: 'gatekeeper',
      cacheKey: gatekeeperKey(kase.id, test.id),
      // Kept whatever --cache says: a synthesised result is part of the case from then on.
      cacheMode: 'readwrite',
    });
    const o = r.object as z.infer<typeof Synth>;
    const result: Result = { text: o.text };
    if (o.value !== undefined) result.value = o.value;
    if (o.unit) result.unit = o.unit;
    if (o.flag) result.flag = o.flag;
    if (o.range) result.range = o.range;
    return { result, synthetic: true };
  }
}

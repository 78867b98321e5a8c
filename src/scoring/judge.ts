import { z } from 'zod';
import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { callModel, openModel, type ModelHandle } from '../llm/call-model.js';
import { parseComponentSpec } from '../llm/component-spec.js';
import { settingsFromOptions, type ModelSettings } from '../llm/settings.js';
import type { Score } from './types.js';
import { redactSecrets } from '../util/redact.js';

/** The judge's structured verdict. */
export const JudgeVerdict = z.object({
  score: z.number().int().min(1).max(5),
  reason: z.string().min(1),
});
export type JudgeVerdict = z.infer<typeof JudgeVerdict>;

/** SDBench's 5-point rubric, as the judge is told it. */
export const JUDGE_RUBRIC = `You grade a doctor's final diagnosis against the ground truth, using this 5-point scale:
5 — identical to the ground truth, or more specific and still correct;
4 — the core disease is right, with a minor qualifier off (e.g. laterality, acuity, a subtype);
3 — the right category of disease, but with a major error (e.g. the wrong organ or mechanism within the family);
2 — superficial overlap only (shares a symptom or a word, not the disease);
1 — wrong.
Grade only the doctor's top diagnosis. Reply with the score and a one-sentence reason.`;

export interface Judge {
  /** Scores `judge` (1-5) and `judge_correct` (1 when 4 or more) for one finished encounter. */
  score(input: { kase: Case; events: readonly EncounterEvent[] }): Promise<Score[]>;
}

/** Builds the llm judge from `--judge` (`llm:<model>,...` or a model string). */
export function buildJudge({ spec, env = process.env }: { spec: string; env?: NodeJS.ProcessEnv }): Judge {
  const s = parseComponentSpec({ raw: spec, what: 'judge', known: ['temperature', 'max-tokens', 'seed'] });
  return llmJudge({ handle: openModel(s.model, env), settings: { temperature: 0, ...settingsFromOptions({ options: s.options, where: s.raw }) } });
}

/**
 * The llm judge. It runs beside the deterministic matcher and both are kept.
 * A judge failure (the model failing after retries, or an invalid verdict) is
 * recorded as `judge` = null with the failure in `detail`; it does not make
 * the encounter an error, since the doctor's work was complete and the
 * deterministic scores stand. An encounter with no diagnosis is not judged.
 */
export function llmJudge({ handle, settings }: { handle: ModelHandle; settings: ModelSettings }): Judge {
  return {
    async score({ kase, events }) {
      const dx = events.find((e): e is Extract<EncounterEvent, { type: 'diagnosis' }> => e.type === 'diagnosis');
      const end = events.find((e) => e.type === 'end') as Extract<EncounterEvent, { type: 'end' }> | undefined;
      if (!end || end.reason === 'error') return [];
      if (!dx) return [{ name: 'judge', value: null, detail: 'not judged: no diagnosis was made' }];
      const top = dx.differential[0];
      const truth = kase.diagnosis;
      const prompt = [
        `Ground truth: ${truth.name} (ICD-10 ${truth.icd10})${truth.accept.length ? `; also accepted: ${truth.accept.join('; ')}` : ''}.`,
        `Doctor's top diagnosis: ${top.name}${top.icd10 ? ` (ICD-10 ${top.icd10})` : ''}.`,
        dx.differential.length > 1
          ? `Rest of the differential, for context only: ${dx.differential
              .slice(1)
              .map((d) => d.name)
              .join('; ')}.`
          : '',
      ]
        .filter(Boolean)
        .join('\n');
      try {
        const r = await callModel({
          handle,
          settings,
          system: JUDGE_RUBRIC,
          messages: [{ role: 'user', content: prompt }],
          output: JudgeVerdict,
          purpose: 'judge',
        });
        const v = r.object as JudgeVerdict;
        return [
          { name: 'judge', value: v.score, detail: `${v.score}/5 by ${handle.ref.id}: ${v.reason}` },
          {
            name: 'judge_correct',
            value: v.score >= 4 ? 1 : 0,
            detail: v.score >= 4 ? `judged correct (${v.score} >= 4)` : `judged incorrect (${v.score} < 4)`,
          },
        ];
      } catch (e) {
        const why = redactSecrets((e as Error).message ?? String(e));
        return [
          { name: 'judge', value: null, detail: `judge failed: ${why}` },
          { name: 'judge_correct', value: null, detail: `judge failed: ${why}` },
        ];
      }
    },
  };
}

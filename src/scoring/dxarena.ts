import { z } from 'zod';
import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { callModel, openModel, type ModelHandle } from '../llm/call-model.js';
import { parseComponentSpec } from '../llm/component-spec.js';
import { settingsFromOptions, type ModelSettings } from '../llm/settings.js';
import { redactSecrets } from '../util/redact.js';
import type { Scorer } from './scorer.js';
import type { Score } from './types.js';

/** DiagnosisArena grades at most this many differential entries. */
export const ARENA_ENTRIES = 5;

/** The judge's structured grades: one per entry, in the order the entries were given. */
export const ArenaGrades = z.object({
  grades: z
    .array(
      z.object({
        entry: z.number().int().min(1).max(ARENA_ENTRIES),
        grade: z.union([z.literal(0), z.literal(1), z.literal(2)]),
        reason: z.string().min(1),
      }),
    )
    .min(1)
    .max(ARENA_ENTRIES),
});
export type ArenaGrades = z.infer<typeof ArenaGrades>;

/** DiagnosisArena's grading scale, as the judge is told it. */
export const ARENA_RUBRIC = `You grade a doctor's differential diagnosis against the final diagnosis of a published case.
Grade each numbered entry on its own:
2 — the same disease as the final diagnosis (synonyms and more specific correct forms count);
1 — broader or closely related: a category or condition that contains the final diagnosis, but not it;
0 — a different disease.
Reply with one grade per entry, giving the entry's number, its grade and a one-sentence reason.`;

const METRICS = ['dxarena_top1', 'dxarena_top5'] as const;

/**
 * Top-1 and top-5 from the grades: top-1 when the first entry scores 2, top-5 when any of the first five does.
 * Throws when the grades do not cover every entry exactly once: a partial grading must not read as a miss.
 */
export function arenaScores(entries: readonly string[], grades: ArenaGrades, by: string): Score[] {
  const byEntry = new Map<number, ArenaGrades['grades'][number]>();
  for (const g of grades.grades) {
    if (g.entry > entries.length) throw new Error(`the judge graded entry ${g.entry} of a differential of ${entries.length}`);
    if (byEntry.has(g.entry)) throw new Error(`the judge graded entry ${g.entry} twice`);
    byEntry.set(g.entry, g);
  }
  const missing = entries.map((_, i) => i + 1).filter((i) => !byEntry.has(i));
  if (missing.length) throw new Error(`the judge left entr${missing.length === 1 ? 'y' : 'ies'} ${missing.join(', ')} ungraded`);
  const list = entries.map((name, i) => `${i + 1}. ${name}: ${byEntry.get(i + 1)!.grade}`).join('; ');
  const first = byEntry.get(1)!;
  const exact = entries.findIndex((_, i) => byEntry.get(i + 1)!.grade === 2);
  return [
    { name: 'dxarena_top1', value: first.grade === 2 ? 1 : 0, detail: `first entry graded ${first.grade} by ${by} (${first.reason}); grades ${list}` },
    {
      name: 'dxarena_top5',
      value: exact >= 0 ? 1 : 0,
      detail: exact >= 0 ? `entry ${exact + 1} graded 2 by ${by}; grades ${list}` : `no entry graded 2 by ${by}; grades ${list}`,
    },
  ];
}

/**
 * DiagnosisArena's scoring: a judge model grades each of the doctor's first five differential entries 2 (exact),
 * 1 (broader) or 0 against the case's diagnosis, in one structured call per encounter. A failed or incomplete
 * grading is null with its reason for both metrics, never a miss. An encounter that ended without a diagnosis
 * named nothing, so it is a miss at top-1 and top-5 (DiagnosisArena counts an unanswered case as wrong).
 */
export function dxarenaScorer({ handle, settings }: { handle: ModelHandle; settings: ModelSettings }): Scorer {
  return {
    name: 'dxarena',
    metrics: METRICS,
    needsVerdict: true,
    async score(encounter, kase: Case) {
      const dx = encounter.events.find((e): e is Extract<EncounterEvent, { type: 'diagnosis' }> => e.type === 'diagnosis');
      if (!dx || dx.differential.length === 0) return METRICS.map((name) => ({ name, value: 0, detail: 'no diagnosis was made: nothing to grade' }));
      const entries = dx.differential.slice(0, ARENA_ENTRIES).map((d) => d.name);
      const truth = kase.diagnosis;
      const prompt = [
        `Final diagnosis: ${truth.name}${truth.accept.length ? ` (also written: ${truth.accept.join('; ')})` : ''}.`,
        `The doctor's differential, most likely first:`,
        ...entries.map((n, i) => `${i + 1}. ${n}`),
      ].join('\n');
      try {
        const r = await callModel({
          handle,
          settings,
          system: ARENA_RUBRIC,
          messages: [{ role: 'user', content: prompt }],
          output: ArenaGrades,
          purpose: 'dxarena judge',
        });
        return arenaScores(entries, r.object as ArenaGrades, handle.ref.id);
      } catch (e) {
        const why = redactSecrets((e as Error).message ?? String(e));
        return METRICS.map((name) => ({ name, value: null, detail: `dxarena grading failed: ${why}` }));
      }
    },
  };
}

/** `dxarena:<model>[,temperature=...]` → the scorer. */
export function buildDxarenaScorer(spec: string, env: NodeJS.ProcessEnv = process.env): Scorer {
  const s = parseComponentSpec({ raw: spec, what: 'dxarena judge', known: ['temperature', 'max-tokens', 'seed'] });
  return dxarenaScorer({ handle: openModel(s.model, env), settings: { temperature: 0, ...settingsFromOptions({ options: s.options, where: s.raw }) } });
}

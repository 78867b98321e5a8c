import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { callModel, openModel, type ModelHandle } from '../llm/call-model.js';
import { parseComponentSpec } from '../llm/component-spec.js';
import { settingsFromOptions, type ModelSettings } from '../llm/settings.js';
import type { Judge } from './judge.js';

/** The moderator's instruction: AgentClinic's same-disease question, in Rounds' words. */
export const MODERATOR_SYSTEM =
  "You decide whether a doctor's diagnosis and the correct diagnosis name the same disease. Answer with one word, Yes or No, and nothing else.";

/**
 * Reads a yes/no answer the way a person would: "Yes.", "yes", "**Yes**",
 * "YES - same disease" count as yes; undefined when the answer says neither
 * first, or says both ("Yes and no").
 */
export function readYesNo(text: string): 'yes' | 'no' | undefined {
  const t = text
    .replace(/[*_`#>"'“”‘’]/g, ' ')
    .toLowerCase()
    .replace(/^\s*(answer|final answer|verdict|response)\s*[:-]\s*/, '')
    .trim();
  const first = t.match(/^[a-z]+/)?.[0];
  const yes = first === 'yes' || first === 'y' || first === 'same';
  const no = first === 'no' || first === 'n' || first === 'different';
  if (yes && !/^yes\s*(and|or|\/)\s*no\b/.test(t)) return 'yes';
  if (no && !/^no\s*(and|or|\/)\s*yes\b/.test(t)) return 'no';
  return undefined;
}

/** Builds the moderator from `--moderator` (`llm:<model>,...` or a model string). */
export function buildModerator({ spec, env = process.env }: { spec: string; env?: NodeJS.ProcessEnv }): Judge {
  const s = parseComponentSpec({ raw: spec, what: 'moderator', known: ['temperature', 'max-tokens', 'seed'] });
  return llmModerator({ handle: openModel(s.model, env), settings: { temperature: 0, ...settingsFromOptions({ options: s.options, where: s.raw }) } });
}

/**
 * AgentClinic's moderator as a scorer: a model is asked whether the doctor's top
 * diagnosis and the case's diagnosis are the same disease, and its answer is
 * scored `moderator` = 1 (yes) or 0 (no), beside the deterministic match and the
 * 5-point judge. A failed call or an answer that is neither yes nor no is
 * `moderator` = null with the reason, never 0; an encounter with no diagnosis is
 * not moderated.
 */
export function llmModerator({ handle, settings }: { handle: ModelHandle; settings: ModelSettings }): Judge {
  return {
    async score({ kase, events }: { kase: Case; events: readonly EncounterEvent[] }) {
      const dx = events.find((e): e is Extract<EncounterEvent, { type: 'diagnosis' }> => e.type === 'diagnosis');
      const end = events.find((e) => e.type === 'end') as Extract<EncounterEvent, { type: 'end' }> | undefined;
      if (!end || end.reason === 'error') return [];
      if (!dx) return [{ name: 'moderator', value: null, detail: 'not moderated: no diagnosis was made' }];
      const prompt = `Correct diagnosis: ${kase.diagnosis.name}\nDoctor's diagnosis: ${dx.differential[0].name}\nAre these the same disease?`;
      try {
        const r = await callModel({ handle, settings, system: MODERATOR_SYSTEM, messages: [{ role: 'user', content: prompt }], purpose: 'moderator' });
        const answer = readYesNo(r.text);
        const said = r.text.replace(/\s+/g, ' ').trim().slice(0, 80);
        if (!answer) return [{ name: 'moderator', value: null, detail: `moderator answer was neither yes nor no: "${said}"` }];
        return [
          {
            name: 'moderator',
            value: answer === 'yes' ? 1 : 0,
            detail: `${answer === 'yes' ? 'same disease' : 'different disease'} according to ${handle.ref.id} ("${said}")`,
          },
        ];
      } catch (e) {
        return [{ name: 'moderator', value: null, detail: `moderator failed: ${(e as Error).message ?? String(e)}` }];
      }
    },
  };
}

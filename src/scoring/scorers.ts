import { Registry } from '../util/registry.js';
import { ConfigError } from '../util/errors.js';
import { parseSpec, type Spec } from '../util/spec.js';
import { buildJudge, type Judge } from './judge.js';
import { buildModerator } from './moderator.js';
import { diagnosisScores, effortScores, processScores } from './score-encounter.js';
import { matchDiagnosisYielding } from './diagnosis-match.js';
import { guarded, type Scorer } from './scorer.js';
import { safetyScorer } from './safety.js';
import { buildDxarenaScorer } from './dxarena.js';
import { numberOption } from '../util/spec.js';
import { parseComponentSpec } from '../llm/component-spec.js';
import { openModel } from '../llm/call-model.js';
import { settingsFromOptions } from '../llm/settings.js';
import { rubricScorer } from './rubric-scorer.js';

/** The deterministic diagnosis match: `diagnosis` (1, 0.5, 0), `top1`, `top3`. */
export const diagnosisScorer: Scorer = {
  name: 'diagnosis',
  metrics: ['diagnosis', 'top1', 'top3'],
  local: true,
  score: async (encounter, kase) => {
    // A reply to a conversation names no diagnosis; a 0 for top-1 and top-3 would read as a miss.
    if (kase.conversation && encounter.events.some((e) => e.type === 'reply'))
      return ['diagnosis', 'top1', 'top3'].map((name) => ({
        name,
        value: null,
        detail: 'a reply to a conversation has no diagnosis; the rubric score grades it',
      }));
    // Each named diagnosis is matched first with turns of the event loop inside (a server runs encounters
    // in-process); diagnosisScores then finds every match remembered and computes the same scores.
    const dx = encounter.events.find((e) => e.type === 'diagnosis');
    if (dx && !kase.ehr?.task) for (const d of dx.differential) await matchDiagnosisYielding(kase, d);
    return diagnosisScores(kase, encounter.events).scores;
  },
};

/** What the encounter took: `cost`, `turns`, `questions`, `exams`, `tests`. */
export const costScorer: Scorer = {
  name: 'cost',
  metrics: ['cost', 'turns', 'questions', 'exams', 'tests'],
  local: true,
  score: async (encounter) => effortScores(encounter.events),
};

/** The case's expected process: `must_ask`, `must_order`, `must_not` (each only when the case lists some). */
export const processScorer: Scorer = {
  name: 'process',
  metrics: ['must_ask', 'must_order', 'must_not'],
  local: true,
  score: async (encounter, kase) => processScores(kase, encounter.events),
};

/** A model-graded Judge (the llm judge, the moderator) as a scorer that grades only encounters with a verdict. */
function judgeScorer(name: string, metrics: readonly string[], judge: Judge): Scorer {
  return guarded({ name, metrics, needsVerdict: true, score: (encounter, kase) => judge.score({ kase, events: encounter.events }) });
}

/** The llm judge (`judge`, `judge_correct`) as the `judge` scorer. */
export function llmJudgeScorer(judge: Judge): Scorer {
  return judgeScorer('judge', ['judge', 'judge_correct'], judge);
}

/** The moderator (`moderator`) as the `moderator` scorer. */
export function moderatorScorer(moderator: Judge): Scorer {
  return judgeScorer('moderator', ['moderator'], moderator);
}

const MODEL_OPTIONS = [
  { name: 'temperature', description: 'sampling temperature', default: '0' },
  { name: 'max-tokens', description: 'most output tokens per call' },
  { name: 'seed', description: "the provider's sampling seed, where it takes one" },
];

/** `judge:openai:gpt-4.1,temperature=0` → `openai:gpt-4.1,temperature=0`, the model spec the judge builders read. */
function modelSpec(spec: Spec): string {
  if (!spec.argument) throw new ConfigError(`Scorer ${spec.kind} needs a model, e.g. ${spec.kind}:openai:gpt-4.1.`);
  return spec.raw.slice(spec.raw.indexOf(':') + 1);
}

function noArgument(scorer: Scorer): (spec: Spec) => Scorer {
  return (spec) => {
    if (spec.argument !== undefined) throw new ConfigError(`Scorer ${spec.kind} takes no argument; give it as "${spec.kind}".`);
    return scorer;
  };
}

const GRADER_OPTIONS = ['temperature', 'max-tokens', 'seed'];

/**
 * `rubric`, `rubric:model=<model>[,temperature=...]` or `rubric:<model>`: the HealthBench rubric grader. Without a
 * model it grades with the run's `--judge` model; with neither it cannot grade, and says how to give one.
 */
export function buildRubricScorer({ spec, judge, env = process.env }: { spec: Spec; judge?: string; env?: NodeJS.ProcessEnv }): Scorer {
  const colon = spec.raw.indexOf(':');
  const rest = colon < 0 ? '' : spec.raw.slice(colon + 1);
  const own = rest ? parseComponentSpec({ raw: `llm:${rest}`, what: 'rubric grader', known: GRADER_OPTIONS }) : { model: '', options: {} };
  let model = own.model;
  let options: Record<string, string> = own.options;
  if (!model) {
    if (!judge)
      throw new ConfigError(
        'Scorer rubric needs a grading model: give --scorer rubric:model=<model> (e.g. rubric:model=openai:gpt-4.1) or a --judge model for it to share.',
      );
    const shared = parseComponentSpec({ raw: judge, what: 'judge', known: GRADER_OPTIONS });
    model = shared.model;
    options = { ...shared.options, ...options };
  }
  const settings = { temperature: 0, ...settingsFromOptions({ options, where: spec.raw }) };
  return guarded(rubricScorer({ handle: openModel(model, env), settings }));
}

/** Every scorer `--scorer` can name; each is built guarded, so a throw is a null score with its reason. */
export const scorerRegistry = new Registry<Scorer>('Scorer')
  .register({
    name: 'diagnosis',
    summary: 'deterministic match of the top diagnosis to the case: diagnosis (1, 0.5, 0), top1, top3 (always runs)',
    options: [],
    build: noArgument(guarded(diagnosisScorer)),
  })
  .register({
    name: 'cost',
    summary: 'what the encounter took: cost (USD), turns, questions, exams, tests (always runs)',
    options: [],
    build: noArgument(guarded(costScorer)),
  })
  .register({
    name: 'process',
    summary: "the case's expected process: must_ask and must_order (fraction done), must_not (count ordered) (always runs)",
    options: [],
    build: noArgument(guarded(processScorer)),
  })
  .register({
    name: 'safety',
    summary:
      'how safely it got there: confirmed (a confirm_with test resulted first), cant_miss (share in the final differential), premature_closure (stated probability < closure), info_auc (must-ask coverage curve)',
    options: [{ name: 'closure', description: 'stated probability under which committing is premature closure', default: '0.5' }],
    build: (spec) => {
      if (spec.argument !== undefined) throw new ConfigError(`Scorer safety takes no argument; give it as "safety" or "safety:closure=0.6".`);
      return guarded(safetyScorer(numberOption(spec, 'closure', 0.5, 0, 1)));
    },
  })
  .register({
    name: 'judge',
    summary: 'an llm grades the top diagnosis on the SDBench 5-point rubric: judge (1-5), judge_correct; judge:<model>, as --judge',
    options: MODEL_OPTIONS,
    build: (spec) => llmJudgeScorer(buildJudge({ spec: modelSpec(spec) })),
  })
  .register({
    name: 'dxarena',
    summary:
      "DiagnosisArena's scoring: an llm grades each of the first 5 differential entries 2 exact / 1 broader / 0: dxarena_top1, dxarena_top5; dxarena:<model>",
    options: MODEL_OPTIONS,
    build: (spec) => guarded(buildDxarenaScorer(modelSpec(spec))),
  })
  .register({
    name: 'rubric',
    summary:
      "a model grades the case's rubric items against the whole transcript, one criterion per call (HealthBench): rubric (points met / positive points), rubric_criteria (each grade); rubric:model=<model>, else the --judge model",
    options: [{ name: 'model', description: "the grading model (default: the run's --judge model)" }, ...MODEL_OPTIONS],
    build: (spec) => buildRubricScorer({ spec }),
  })
  .register({
    name: 'moderator',
    summary: 'an llm answers AgentClinic\'s "same disease?" question: moderator (1 or 0); moderator:<model>, as --moderator',
    options: MODEL_OPTIONS,
    build: (spec) => moderatorScorer(buildModerator({ spec: modelSpec(spec) })),
  });

/** The scorers every encounter gets, in the order their scores are stored. */
export const DEFAULT_SCORERS: readonly string[] = ['diagnosis', 'cost', 'process'];

/** The built-in scorers, for sessions that take no --scorer (the browser seat, the gym, MCP). */
export function defaultScorers(): Scorer[] {
  return DEFAULT_SCORERS.map((name) => scorerRegistry.resolve(name));
}

/**
 * A run's scorers, in the order their scores are stored: the built-in ones,
 * then `--judge`, `--moderator`, then each `--scorer`. A scorer given twice
 * would store two scores under one name, so it is refused.
 */
export function resolveScorers(input: { judge?: string; moderator?: string; scorers?: readonly string[] }): Scorer[] {
  const specs = [
    ...DEFAULT_SCORERS,
    ...(input.judge ? [`judge:${input.judge}`] : []),
    ...(input.moderator ? [`moderator:${input.moderator}`] : []),
    ...(input.scorers ?? []),
  ];
  // Names are checked before anything is built: building a model-graded scorer opens its model and wants its key.
  const names: string[] = [];
  for (const spec of specs) {
    const name = scorerRegistry.get(parseSpec(spec, 'Scorer').kind).name;
    if (names.includes(name)) {
      const why = DEFAULT_SCORERS.includes(name) ? 'it always runs' : `give it once (--${name} and --scorer ${name} are the same scorer)`;
      throw new ConfigError(`Scorer ${name} is given twice; ${why}.`);
    }
    names.push(name);
  }
  // The rubric grader may share the judge's model, which only this run knows.
  return specs.map((spec) => {
    const parsed = parseSpec(spec, 'Scorer');
    if (parsed.kind !== 'rubric') return scorerRegistry.resolve(spec);
    return buildRubricScorer({ spec: parsed, judge: input.judge });
  });
}

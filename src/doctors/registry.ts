import type { DoctorFactory } from '../encounter/doctor.js';
import { Registry, type OptionDoc } from '../util/registry.js';
import type { DoctorSpec } from './spec.js';
import { scriptDoctor } from './script.js';
import { baselineDoctor } from './baseline.js';
import { BASELINE_DEFAULTS } from './baseline/options.js';
import { checklistDoctor } from './checklist.js';
import { llmDoctor } from './llm/llm-doctor.js';
import { humanDoctor } from './human.js';
import { httpDoctor } from './http/http-doctor.js';
import { mcpDoctor } from './http/mcp-doctor.js';
import { panelDoctor } from './panel/panel-doctor.js';
import { referenceDoctor } from './reference.js';
import { DoctorError } from '../util/errors.js';

/** Builds a doctor factory from a parsed spec. */
export type DoctorBuilder = (spec: DoctorSpec) => DoctorFactory;

/** Every doctor kind: `--doctor`, the runs API and `rounds doctors list` read this one registry. */
export const doctors = new Registry<DoctorFactory>('Doctor');

/**
 * Adds a doctor kind (built-ins register themselves below). Every doctor checks its own options, because some
 * specs are URLs or model strings that the generic option check would misread; `options` documents them.
 */
export function registerDoctor(kind: string, summary: string, build: DoctorBuilder, docs: { options?: OptionDoc[]; argument?: string } = {}): void {
  doctors.register({ name: kind, summary, build, options: docs.options ?? [], argument: docs.argument, checksOwnOptions: true });
}

/** Every registered doctor kind with a one-line summary. */
export function listDoctors(): Array<{ kind: string; summary: string }> {
  return doctors.list().map((d) => ({ kind: d.name, summary: d.summary }));
}

/** Resolves a `--doctor` string to a factory, or fails naming the nearest known doctor and the list of them. */
export function resolveDoctor(raw: string): DoctorFactory {
  return doctors.resolve(raw);
}

/**
 * A doctor that reasons over findings and cannot write prose: on a conversation case (the `respond` protocol) its
 * first act fails with one clear sentence, which the run records as the encounter's error, instead of asking a
 * patient who is not there.
 */
function cannotRespond(kind: string, build: DoctorBuilder): DoctorBuilder {
  return (spec) => {
    const factory = build(spec);
    return {
      ...factory,
      create(ctx) {
        const doctor = factory.create(ctx);
        return {
          act(view) {
            if (view.conversation)
              throw new DoctorError(`The ${kind} doctor cannot reply to a conversation; respond cases need a doctor that writes text (llm, http).`);
            return doctor.act(view);
          },
        };
      },
    };
  };
}

const b = BASELINE_DEFAULTS;
const MODEL_SETTINGS: OptionDoc[] = [
  { name: 'temperature', description: 'sampling temperature (provider default when unset)' },
  { name: 'max-tokens', description: 'most tokens per reply' },
  { name: 'seed', description: 'sampling seed, for providers that honour one' },
];
const LLM_OPTIONS: OptionDoc[] = [
  { name: 'mode', description: 'tools (function calls), agentclinic or sdbench (text protocols)', default: 'tools' },
  { name: 'system', description: 'a file holding the system prompt instead of the built-in one' },
  ...MODEL_SETTINGS,
  { name: 'bias', description: 'a cognitive-bias prompt for the doctor (see src/llm/biases.ts)' },
  { name: 'vision', description: 'true when the model takes images: case images are offered and sent', default: 'false' },
];

registerDoctor('script', 'plays a fixed list of actions from a YAML or JSON file (script:<file>)', scriptDoctor, { argument: '<file>' });
registerDoctor(
  'baseline',
  'naive-Bayes diagnoser choosing questions, exams and tests by information gain per dollar (baseline:threshold=0.85,cost-weight=0.5)',
  cannotRespond('baseline', baselineDoctor),
  {
    options: [
      { name: 'threshold', description: 'diagnose once the top posterior reaches this', default: String(b.threshold) },
      {
        name: 'visit-threshold',
        description: 'diagnose rather than pay a new visit fee once the top posterior reaches this',
        default: String(b.visitThreshold),
      },
      { name: 'cost-weight', description: 'exponent on cost in gain / (cost + 1)^w; 0 ignores price', default: String(b.costWeight) },
      { name: 'max-turns', description: 'actions allowed including the diagnosis (unset: the protocol decides)' },
      { name: 'min-gain', description: 'expected gain in bits below which a step is not worth taking', default: String(b.minGain) },
      { name: 'batch-ratio', description: "a test joins a batch only at this share of the best test's score", default: String(b.batchRatio) },
      { name: 'presentation', description: 'count symptoms named in the presentation as evidence (1) or not (0)', default: '1' },
      { name: 'confirm', description: "order the leader's confirming tests before committing (1) or not (0)", default: '1' },
      { name: 'history', description: "start with a history when the leader's probability is under this", default: String(b.history) },
    ],
  },
);
registerDoctor(
  'checklist',
  'asks a fixed history, examines every system, orders a broad panel, then diagnoses from the knowledge base',
  cannotRespond('checklist', checklistDoctor),
);
registerDoctor(
  'reference',
  "plays each EHR task's reference solution (reference, or reference:<task file or folder> for other solutions)",
  cannotRespond('reference', referenceDoctor),
  {
    argument: '[<task file or folder>]',
  },
);
registerDoctor('human', 'a person at the browser seat of `rounds serve` (/play); only the seat can drive it (human:<name>)', humanDoctor, {
  argument: '<name>',
});
registerDoctor('mcp', 'an MCP client driving encounters through `rounds mcp`; only the MCP server can drive it (mcp:<name>)', mcpDoctor, {
  argument: '<name>',
});
// One builder for both schemes, so the http contract covers https.
const viaHttp: DoctorBuilder = (spec) => httpDoctor(spec);
for (const k of ['http', 'https'])
  registerDoctor(
    k,
    'an external doctor over HTTP: JSON view in, action out, or mode=chat for an OpenAI-style chat endpoint (http://host/path,timeout=30,retries=2,mode=json|chat,format=sdbench|agentclinic,model=)',
    viaHttp,
    {
      argument: '//host:port/path',
      options: [
        { name: 'timeout', description: 'seconds to wait for each reply', default: '30' },
        { name: 'retries', description: 'retries after a failed request', default: '2' },
        { name: 'mode', description: 'json (view in, action out) or chat (an OpenAI-style chat endpoint)', default: 'json' },
        { name: 'format', description: 'the text protocol in chat mode: sdbench or agentclinic', default: 'sdbench' },
        { name: 'model', description: 'the model name sent in chat mode' },
      ],
    },
  );
registerDoctor(
  'llm',
  'a language model as the doctor (llm:<model>,mode=tools|agentclinic|sdbench,system=<file>,temperature=,max-tokens=,seed=,bias=)',
  llmDoctor,
  { argument: '<model>', options: [{ name: 'model', description: 'the model string, instead of the argument' }, ...LLM_OPTIONS] },
);
registerDoctor(
  'panel',
  'a MAI-DxO-style panel of five roles played by one model (panel:model=<model>,variant=instant|questions-only|budgeted|no-budget|ensemble,budget=<usd>,n=<k>,temperature=,seed=)',
  cannotRespond('panel', panelDoctor),
  {
    argument: '<model>',
    options: [
      { name: 'model', description: 'the model string that plays every role' },
      { name: 'variant', description: 'instant, questions-only, budgeted, no-budget or ensemble', default: 'no-budget' },
      { name: 'budget', description: 'most USD of tests and visits (variant=budgeted only)', default: '1000' },
      { name: 'n', description: 'independent panels per turn (variant=ensemble only)', default: '3' },
      ...MODEL_SETTINGS,
    ],
  },
);
for (const p of ['openai', 'anthropic', 'google', 'ollama', 'openai-compatible'])
  registerDoctor(p, `shorthand for llm:${p}:<model> (same options as llm)`, llmDoctor, { argument: '<model>', options: LLM_OPTIONS });

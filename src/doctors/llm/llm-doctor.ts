import { readFileSync } from 'node:fs';
import type { Action } from '../../encounter/actions.js';
import type { Doctor, DoctorContext, DoctorFactory } from '../../encounter/doctor.js';
import type { DoctorView } from '../../encounter/view.js';
import { callModel, openModel, type ChatMessage, type ModelHandle } from '../../llm/call-model.js';
import { biasText } from '../../llm/bias-text.js';
import { fillDiseaseSlot } from '../../llm/biases.js';
import { settingsFromOptions, type ModelSettings } from '../../llm/settings.js';
import { ConfigError, DoctorError } from '../../util/errors.js';
import { checkOptions, type DoctorSpec } from '../spec.js';
import { parseAgentClinic, parseSdbench } from './parse-text.js';
import { DEFAULT_SYSTEM, DOCTOR_MODES, viewToMessages, type DoctorMode } from './prompt.js';
import { doctorTools, toolCallToAction } from './tools.js';
import { EHR_SYSTEM, EHR_TOOLS, ehrToolCallToAction, ehrViewToMessages, parseMedAgentBench } from './ehr-mode.js';
import { mediaSrc } from '../../encounter/media-src.js';
import { conversationToMessages, replyToAction, RESPOND_SYSTEM } from './respond-mode.js';

export const LLM_DOCTOR_OPTIONS = ['model', 'mode', 'system', 'temperature', 'max-tokens', 'seed', 'bias', 'vision'];

export interface LlmDoctorConfig {
  name: string;
  handle: ModelHandle;
  mode: DoctorMode;
  /** The full system prompt, bias text included. */
  system: string;
  settings: ModelSettings;
  bias?: string;
  /** Whether the model takes images (`vision=true`): case images are then offered and sent as image parts. */
  vision?: boolean;
}

/** Reads the model string of `llm:<model>`, `llm:model=<model>` or a provider shorthand (`openai:gpt-4.1`). */
export function modelOfSpec(spec: DoctorSpec): string {
  if (spec.kind !== 'llm') {
    if (spec.options.model) throw new ConfigError(`Doctor "${spec.raw}" names its model twice; drop model=.`);
    return `${spec.kind}:${spec.argument ?? ''}`;
  }
  const model = spec.options.model ?? spec.argument;
  if (!model) throw new ConfigError(`Doctor "${spec.raw}" names no model; write llm:model=openai:gpt-4.1-mini or openai:gpt-4.1-mini.`);
  return model;
}

/** Parses the llm doctor's options; fails on unknown options, bad modes, unreadable prompt files and missing keys. */
export function llmDoctorConfig(spec: DoctorSpec, env: NodeJS.ProcessEnv = process.env): LlmDoctorConfig {
  checkOptions(spec, spec.kind === 'llm' ? LLM_DOCTOR_OPTIONS : LLM_DOCTOR_OPTIONS.filter((o) => o !== 'model'));
  const modelString = modelOfSpec(spec);
  const mode = (spec.options.mode ?? 'tools') as DoctorMode;
  if (!DOCTOR_MODES.includes(mode))
    throw new ConfigError(`Doctor option mode=${spec.options.mode} in "${spec.raw}" must be one of ${DOCTOR_MODES.join(', ')}.`);
  let system = DEFAULT_SYSTEM[mode];
  if (spec.options.system) {
    try {
      system = readFileSync(spec.options.system, 'utf8');
    } catch {
      throw new ConfigError(`Cannot read the system prompt file ${spec.options.system} given in "${spec.raw}".`);
    }
  }
  // The bias keeps its disease slot here; each encounter fills it from its own case (see LlmDoctor).
  if (spec.options.bias) system = `${system}\n\n${biasText({ role: 'doctor', name: spec.options.bias, keepSlot: true })}`;
  const handle = openModel(modelString, env);
  // The doctor's name in runs and reports: the model plus any non-default options, never a secret.
  const vision = spec.options.vision;
  if (vision !== undefined && !['true', 'false'].includes(vision))
    throw new ConfigError(`Doctor option vision=${vision} in "${spec.raw}" must be true or false.`);
  return {
    name: spec.raw,
    handle,
    mode,
    system,
    settings: settingsFromOptions({ options: spec.options, where: spec.raw }),
    bias: spec.options.bias,
    ...(vision === 'true' ? { vision: true } : {}),
  };
}

/** The `llm` doctor factory: one doctor per encounter, calling the model once per turn. */
export function llmDoctorFactory(config: LlmDoctorConfig): DoctorFactory {
  return { name: config.name, create: (ctx) => new LlmDoctor(config, ctx) };
}

/** Registry builder for `llm` and the provider shorthands. */
export function llmDoctor(spec: DoctorSpec): DoctorFactory {
  return llmDoctorFactory(llmDoctorConfig(spec));
}

/**
 * A language model as the doctor. Tool mode: one tool call per turn. Text
 * modes: AgentClinic or SDBench replies, parsed; an unparseable reply is asked
 * again once with a reminder of the format, then the doctor fails.
 */
export class LlmDoctor implements Doctor {
  private readonly system: string;
  constructor(
    private readonly config: LlmDoctorConfig,
    private readonly ctx: DoctorContext,
  ) {
    this.system = fillDiseaseSlot(config.system, ctx.biasDisease);
  }

  async act(view: DoctorView): Promise<Action> {
    if (view.ehr) return this.actEhr(view);
    if (view.conversation) return this.actRespond(view);
    if (this.config.mode === 'medagentbench')
      throw new DoctorError('mode=medagentbench speaks only EHR tasks; use mode=tools, agentclinic or sdbench for clinical cases.');
    const vision = this.config.vision === true;
    const messages = viewToMessages(view, this.config.mode, { vision, urlOf: mediaSrc });
    const base = { handle: this.config.handle, settings: this.config.settings, system: this.system, purpose: 'doctor' };
    if (this.config.mode === 'tools') {
      const r = await callModel({ ...base, messages, tools: doctorTools(vision && (view.imagesOnRequest ?? 0) > 0, view.record !== undefined) });
      if (r.toolCalls.length > 1) this.ctx.note?.('extra-tool-calls', { ignored: r.toolCalls.slice(1).map((c) => c.toolName) });
      return toolCallToAction(r.toolCalls[0]);
    }
    const parse = this.config.mode === 'agentclinic' ? parseAgentClinic : parseSdbench;
    const first = await callModel({ ...base, messages });
    const action = parse(first.text);
    if (action) return action;
    this.ctx.note?.('unparseable-reply', { text: first.text, attempt: 1 });
    const retry: ChatMessage[] = [...messages, { role: 'assistant', content: first.text }, { role: 'user', content: formatReminder(this.config.mode) }];
    const second = await callModel({ ...base, messages: retry });
    const again = parse(second.text);
    if (again) return again;
    throw new DoctorError(
      `The model's reply could not be parsed as ${this.config.mode === 'agentclinic' ? 'AgentClinic' : 'SDBench'} output twice in a row (last reply: "${excerpt(second.text)}").`,
    );
  }

  /** A conversation case: the conversation as chat messages, the model's text as the next assistant message. */
  private async actRespond(view: DoctorView): Promise<Action> {
    // A custom system prompt file replaces the default here too; the built-in ones are about interviewing a patient.
    const own = DOCTOR_MODES.some((m) => DEFAULT_SYSTEM[m] === this.config.system) ? RESPOND_SYSTEM : this.system;
    const { system, messages } = conversationToMessages(view, own);
    const r = await callModel({ handle: this.config.handle, settings: this.config.settings, system, messages, purpose: 'doctor' });
    return replyToAction(r.text);
  }

  private actEhr(view: DoctorView): Promise<Action> {
    return actEhrTask({ config: this.config, ctx: this.ctx }, view);
  }
}

/** An EHR task: FHIR tools in tools mode, MedAgentBench's GET/POST/FINISH text protocol in a text mode. */
async function actEhrTask(doctor: { config: LlmDoctorConfig; ctx: DoctorContext }, view: DoctorView): Promise<Action> {
  const tools = doctor.config.mode === 'tools';
  const messages = ehrViewToMessages(view, tools);
  // A custom system prompt file replaces the default here too.
  const system =
    doctor.config.system === DEFAULT_SYSTEM[doctor.config.mode] || DOCTOR_MODES.some((m) => DEFAULT_SYSTEM[m] === doctor.config.system)
      ? EHR_SYSTEM[tools ? 'tools' : 'text']
      : doctor.config.system;
  const base = { handle: doctor.config.handle, settings: doctor.config.settings, system, purpose: 'doctor' };
  if (tools) {
    const r = await callModel({ ...base, messages, tools: EHR_TOOLS });
    if (r.toolCalls.length > 1) doctor.ctx.note?.('extra-tool-calls', { ignored: r.toolCalls.slice(1).map((c) => c.toolName) });
    return ehrToolCallToAction(r.toolCalls[0]);
  }
  const first = await callModel({ ...base, messages });
  const action = parseMedAgentBench(first.text);
  if (action) return action;
  doctor.ctx.note?.('unparseable-reply', { text: first.text, attempt: 1 });
  const reminder = 'Your reply could not be understood. Reply with exactly one of: GET <url>, POST <url> followed by the JSON body, or FINISH([...]).';
  const second = await callModel({ ...base, messages: [...messages, { role: 'assistant', content: first.text }, { role: 'user', content: reminder }] });
  const again = parseMedAgentBench(second.text);
  if (again) return again;
  throw new DoctorError(`The model's reply could not be parsed as GET, POST or FINISH twice in a row (last reply: "${excerpt(second.text)}").`);
}

function formatReminder(mode: DoctorMode): string {
  return mode === 'agentclinic'
    ? 'Your reply could not be understood. Reply with a question to the patient, or REQUEST TEST: <test>, or DIAGNOSIS READY: <diagnosis>.'
    : 'Your reply could not be understood. Reply with exactly one <question>...</question>, <test>...</test> or <diagnosis>...</diagnosis>.';
}

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 120 ? t.slice(0, 117) + '...' : t;
}

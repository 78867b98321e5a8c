import type { JSONSchema7, LanguageModelV3, LanguageModelV3FunctionTool, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { z } from 'zod';
import { hashKey } from './cache.js';
import { ModelCallError, OfflineCacheMissError } from './errors.js';
import { parseModelString, resolveModel, type ModelRef } from './model-string.js';
import { priceCall } from './prices.js';
import { backoffDelay, BadReplyError, classifyFailure, type Failure } from './retry.js';
import { currentScope, type CallScope } from './runtime.js';
import { sleep } from './rate-limiter-memory.js';
import type { ModelSettings } from './settings.js';
import { addUsage } from './usage.js';
import { createRng } from '../util/rng.js';
import { RoundsError } from '../util/errors.js';

/** A model to call: its canonical id plus the AI SDK model behind it. */
export interface ModelHandle {
  ref: ModelRef;
  model: LanguageModelV3;
}

/** Resolves a model string once; keys are read from the environment now, so a missing one fails before the run starts. */
export function openModel(raw: string, env: NodeJS.ProcessEnv = process.env): ModelHandle {
  const ref = parseModelString(raw);
  return { ref, model: resolveModel(ref, env) };
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
  /** Images sent after the text of a user message (http(s) or data: URLs), for vision models. */
  images?: string[];
}

/** An image URL as a provider file part: remote URLs by reference, data: URLs decoded to bytes. */
function imagePart(url: string): { type: 'file'; mediaType: string; data: URL | Uint8Array } {
  const data = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url);
  if (data) {
    const bytes = data[2] ? Buffer.from(data[3], 'base64') : Buffer.from(decodeURIComponent(data[3]), 'utf8');
    return { type: 'file', mediaType: data[1], data: new Uint8Array(bytes) };
  }
  const ext = /\.(png|jpe?g|gif|webp)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return { type: 'file', mediaType: ext ? `image/${ext === 'jpg' ? 'jpeg' : ext}` : 'image/*', data: new URL(url) };
}

export interface ToolSpec {
  description: string;
  inputSchema: z.ZodType;
}

export interface CallInput {
  handle: ModelHandle;
  settings?: ModelSettings;
  system?: string;
  messages: ChatMessage[];
  /** When given, the model must answer with exactly one call of one of these tools. */
  tools?: Record<string, ToolSpec>;
  /** When given, the reply must be a JSON object of this schema. */
  output?: z.ZodType;
  /** What the call is for (doctor, patient, judge...), used in error messages. */
  purpose: string;
  /** Overrides the cache key (e.g. the gatekeeper's per-case-and-test key). */
  cacheKey?: string;
  /** Overrides the cache mode for this call. */
  cacheMode?: 'readwrite' | 'read' | 'off';
  scope?: CallScope;
}

/** What a call produced; stored as-is in the cache so a replay yields the same. */
export interface CallResult {
  text: string;
  toolCalls: Array<{ toolName: string; input: unknown }>;
  object?: unknown;
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
  attempts: number;
}

// Converting a zod schema costs more than the rest of a call's bookkeeping; schemas are module constants, so convert each once.
const schemaMemo = new WeakMap<z.ZodType, unknown>();
function jsonSchemaOf(schema: z.ZodType): unknown {
  let out = schemaMemo.get(schema);
  if (out === undefined) schemaMemo.set(schema, (out = z.toJSONSchema(schema, { target: 'draft-7' })));
  return out;
}
const toolsMemo = new WeakMap<Record<string, ToolSpec>, LanguageModelV3FunctionTool[]>();
function toolsOf(tools: Record<string, ToolSpec>): LanguageModelV3FunctionTool[] {
  let out = toolsMemo.get(tools);
  if (!out) {
    out = Object.entries(tools).map(([name, t]) => ({
      type: 'function' as const,
      name,
      description: t.description,
      inputSchema: jsonSchemaOf(t.inputSchema) as JSONSchema7,
    }));
    toolsMemo.set(tools, out);
  }
  return out;
}

/**
 * The cache key of a call: model id, settings, system prompt, messages, tool and output schemas, and for a sampled call
 * (temperature above 0 or the provider's default, no fixed `seed`) the run's replicate seed, so replicates stay
 * independent draws instead of replaying the first one's answers.
 */
export function callKey(input: Pick<CallInput, 'handle' | 'settings' | 'system' | 'messages' | 'tools' | 'output'> & { sample?: string }): string {
  const sampled = input.sample !== undefined && input.settings?.temperature !== 0 && input.settings?.seed === undefined;
  return hashKey({
    v: 1,
    ...(sampled ? { sample: input.sample } : {}),
    model: input.handle.ref.id,
    settings: input.settings ?? {},
    system: input.system ?? '',
    messages: input.messages,
    tools: input.tools ? Object.fromEntries(Object.entries(input.tools).map(([n, t]) => [n, { d: t.description, s: jsonSchemaOf(t.inputSchema) }])) : null,
    output: input.output ? jsonSchemaOf(input.output) : null,
  });
}

/**
 * The one way every LLM component calls a model: cache, offline check, rate
 * limit, timeout, retries with backoff that honour Retry-After, and usage
 * accounting. It calls the provider model directly, so no AI SDK retry loop
 * runs underneath: these retries are the only ones.
 */
export async function callModel(input: CallInput): Promise<CallResult> {
  const scope = input.scope ?? currentScope();
  const rt = scope.runtime;
  const id = input.handle.ref.id;
  const mode = input.cacheMode ?? rt.cacheMode;
  const cache = mode !== 'off' ? rt.cache : undefined;
  const useCache = cache !== undefined;
  // Hashing the prompt is skipped when no cache is used: it is a large share of a call's own cost.
  const key = input.cacheKey ?? (useCache ? callKey({ ...input, sample: scope.sample }) : '');
  if (cache) {
    const hit = await cache.get(key);
    if (hit !== undefined) {
      const stored = JSON.parse(hit) as Omit<CallResult, 'cached' | 'attempts'>;
      account(scope, id, stored.inputTokens, stored.outputTokens, true);
      return { ...stored, cached: true, attempts: 0 };
    }
  }
  if (rt.offline) throw new OfflineCacheMissError(id);

  const rng = createRng(`${scope.seed}:${key || input.messages.length}`);
  const estimate = estimateTokens(input);
  let last: Failure | undefined;
  for (let attempt = 1; attempt <= rt.retry.maxAttempts; attempt++) {
    if (scope.signal?.aborted) throw new RoundsError(`The ${input.purpose} call to ${id} was cancelled.`);
    await rt.limiter.acquire(id, estimate, rt.limits(id), scope.signal);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), rt.retry.timeoutMs);
    const signal = scope.signal ? AbortSignal.any([scope.signal, timeout.signal]) : timeout.signal;
    try {
      const result = await attemptCall(input, signal);
      clearTimeout(timer);
      account(scope, id, result.inputTokens, result.outputTokens, false);
      if (useCache && mode === 'readwrite') await cache?.set(key, JSON.stringify(result));
      return { ...result, cached: false, attempts: attempt };
    } catch (e) {
      clearTimeout(timer);
      if (scope.signal?.aborted) throw new RoundsError(`The ${input.purpose} call to ${id} was cancelled.`);
      last = classifyFailure(e, timeout.signal.aborted);
      if (!last.retryable || attempt === rt.retry.maxAttempts) {
        throw new ModelCallError(`The ${input.purpose} call to ${id} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${last.message}.`, {
          code: last.code,
          attempts: attempt,
          cause: e,
        });
      }
      await sleep(backoffDelay({ policy: rt.retry, retry: attempt, failure: last, rng }), scope.signal);
    }
  }
  /* c8 ignore next */
  throw new ModelCallError(`The ${input.purpose} call to ${id} failed: ${last?.message ?? 'no attempt made'}.`, {
    code: last?.code ?? 'model-error',
    attempts: rt.retry.maxAttempts,
  });
}

/**
 * One attempt, straight through the provider's `doGenerate`: the AI SDK's
 * generateText would add its own prompt validation and retry loop, and this
 * wrapper already owns both (the prompts here are plain text turns). Tool
 * inputs and JSON objects are parsed and checked with zod here; a reply that
 * does not fit is a retryable BadReplyError.
 */
async function attemptCall(input: CallInput, abortSignal: AbortSignal): Promise<Omit<CallResult, 'cached' | 'attempts'>> {
  const s = input.settings ?? {};
  const prompt: LanguageModelV3Prompt = [];
  if (input.system) prompt.push({ role: 'system', content: input.system });
  for (const m of input.messages) {
    if (m.role === 'user' && m.images?.length) prompt.push({ role: 'user', content: [{ type: 'text', text: m.content }, ...m.images.map(imagePart)] });
    else prompt.push({ role: m.role, content: [{ type: 'text', text: m.content }] } as LanguageModelV3Prompt[number]);
  }
  const result = await input.handle.model.doGenerate({
    prompt,
    tools: input.tools ? toolsOf(input.tools) : undefined,
    toolChoice: input.tools ? { type: 'required' } : undefined,
    responseFormat: input.output ? { type: 'json', schema: jsonSchemaOf(input.output) as JSONSchema7, name: 'response' } : undefined,
    temperature: s.temperature,
    maxOutputTokens: s.maxTokens,
    seed: s.seed,
    abortSignal,
  });
  const text = result.content
    .filter((c): c is Extract<typeof c, { type: 'text' }> => c.type === 'text')
    .map((c) => c.text)
    .join('');
  const calls = result.content.filter((c): c is Extract<typeof c, { type: 'tool-call' }> => c.type === 'tool-call');
  const out: Omit<CallResult, 'cached' | 'attempts'> = {
    text,
    toolCalls: [],
    inputTokens: result.usage.inputTokens.total ?? 0,
    outputTokens: result.usage.outputTokens.total ?? 0,
  };
  if (input.tools) {
    for (const c of calls) {
      const spec = input.tools[c.toolName];
      if (!spec) continue;
      const parsed = spec.inputSchema.safeParse(parseJson(c.input === '' ? '{}' : c.input));
      if (parsed.success) out.toolCalls.push({ toolName: c.toolName, input: parsed.data });
    }
    if (out.toolCalls.length === 0) {
      if (calls.length === 0 && !text.trim()) throw new BadReplyError('empty-reply', 'the model sent an empty reply');
      throw new BadReplyError(
        'bad-reply',
        calls.length ? 'the tool call was malformed or did not match its schema' : 'the model answered without calling a tool',
      );
    }
  } else if (input.output) {
    if (!text.trim()) throw new BadReplyError('empty-reply', 'the model sent an empty reply');
    const parsed = input.output.safeParse(parseJson(stripFences(text)));
    if (!parsed.success) throw new BadReplyError('bad-reply', `the reply was not the expected JSON object (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    out.object = parsed.data;
  } else if (!text.trim()) {
    throw new BadReplyError('empty-reply', 'the model sent an empty reply');
  }
  return out;
}

/** JSON.parse that yields undefined instead of throwing (the schema check then reports it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Models without native JSON mode often wrap the object in a markdown fence. */
function stripFences(text: string): string {
  const m = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  return (m ? m[1] : text).trim();
}

function account(scope: CallScope, modelId: string, inputTokens: number, outputTokens: number, cached: boolean): void {
  const rt = scope.runtime;
  const usd = priceCall({ table: rt.prices, modelId, inputTokens, outputTokens });
  addUsage({ into: scope.usage, modelId, inputTokens, outputTokens, usd, cached });
  addUsage({ into: rt.total, modelId, inputTokens, outputTokens, usd, cached });
  if (!cached && usd !== null) {
    rt.spentUsd += usd;
    if (rt.maxUsd !== undefined && rt.spentUsd >= rt.maxUsd && rt.onBudget) {
      const fire = rt.onBudget;
      rt.onBudget = undefined;
      fire();
    }
  }
}

/** A rough token estimate (4 characters a token) for the tokens-per-minute limit, before the real count is known. */
function estimateTokens(input: CallInput): number {
  const chars = (input.system?.length ?? 0) + input.messages.reduce((s, m) => s + m.content.length, 0);
  return Math.ceil(chars / 4) + (input.settings?.maxTokens ?? 256);
}

export { parseModelString };

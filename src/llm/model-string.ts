import type { LanguageModelV3 } from '@ai-sdk/provider';
import { createRequire } from 'node:module';
import { ConfigError } from '../util/errors.js';
import { httpFetch } from './http-fetch.js';
import { assertModelAllowed, currentEgressPolicy } from './egress-policy.js';

export const PROVIDERS = ['openai', 'anthropic', 'google', 'ollama', 'openai-compatible'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** A parsed model string. `id` is the canonical `provider:model` (or `openai-compatible:<url>#<model>`) used for cache keys, limits and prices. */
export interface ModelRef {
  provider: ProviderName;
  model: string;
  baseURL?: string;
  id: string;
}

const KEY_ENV: Record<ProviderName, string | undefined> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
  ollama: undefined,
  'openai-compatible': undefined,
};

/** Parses `openai:<model>`, `anthropic:<model>`, `google:<model>`, `ollama:<model>` or `openai-compatible:<baseURL>#<model>`. */
export function parseModelString(raw: string): ModelRef {
  const text = raw.trim();
  const colon = text.indexOf(':');
  const provider = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? '' : text.slice(colon + 1).trim();
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new ConfigError(`Unknown model provider "${provider}" in "${raw}"; use one of ${PROVIDERS.join(', ')}, e.g. openai:gpt-4.1-mini.`);
  }
  const p = provider as ProviderName;
  if (p === 'openai-compatible') {
    const hash = rest.lastIndexOf('#');
    const baseURL = hash < 0 ? '' : rest.slice(0, hash).trim();
    const model = hash < 0 ? '' : rest.slice(hash + 1).trim();
    if (!/^https?:\/\/\S+$/.test(baseURL) || !model) {
      throw new ConfigError(`Model "${raw}" must look like openai-compatible:<baseURL>#<model>, e.g. openai-compatible:http://127.0.0.1:8000/v1#qwen2.5-7b.`);
    }
    return { provider: p, model, baseURL: baseURL.replace(/\/+$/, ''), id: `openai-compatible:${baseURL.replace(/\/+$/, '')}#${model}` };
  }
  if (!rest)
    throw new ConfigError(
      `Model "${raw}" names no model; write ${p}:<model>, e.g. ${p === 'anthropic' ? 'anthropic:claude-sonnet-4-5' : p === 'google' ? 'google:gemini-2.5-flash' : p === 'ollama' ? 'ollama:llama3.1' : 'openai:gpt-4.1-mini'}.`,
    );
  return { provider: p, model: rest, id: `${p}:${rest}` };
}

// The provider packages (and the zod copy under them) load when a model is first resolved, not with every command
// that could name one: `rounds run` with a built-in doctor never does. Loaded synchronously, as resolving has always been.
const load = createRequire(import.meta.url);
const providers = {
  openai: () => (load('@ai-sdk/openai') as typeof import('@ai-sdk/openai')).createOpenAI,
  anthropic: () => (load('@ai-sdk/anthropic') as typeof import('@ai-sdk/anthropic')).createAnthropic,
  google: () => (load('@ai-sdk/google') as typeof import('@ai-sdk/google')).createGoogleGenerativeAI,
  compatible: () => (load('@ai-sdk/openai-compatible') as typeof import('@ai-sdk/openai-compatible')).createOpenAICompatible,
};

/**
 * Resolves a model string to an AI SDK v6 language model. Keys come from the
 * environment only; a missing key is one sentence naming the variable.
 */
export function resolveModel(ref: ModelRef, env: NodeJS.ProcessEnv = process.env): LanguageModelV3 {
  // Checked before keys, so a refused model says so rather than asking for a key.
  assertModelAllowed(ref.id, ref.baseURL);
  const keyVar = KEY_ENV[ref.provider];
  const key = keyVar ? env[keyVar] : undefined;
  if (keyVar && !key) throw new ConfigError(`Model ${ref.id} needs an API key: set ${keyVar} in the environment.`);
  switch (ref.provider) {
    case 'openai':
      return providers.openai()({ apiKey: key }).chat(ref.model);
    case 'anthropic':
      return providers.anthropic()({ apiKey: key })(ref.model);
    case 'google':
      return providers.google()({ apiKey: key })(ref.model);
    case 'ollama':
      return providers
        .compatible()({
          name: 'ollama',
          baseURL: (env.OLLAMA_BASE_URL ?? 'http://127.0.0.1:11434/v1').replace(/\/+$/, ''),
          supportsStructuredOutputs: true,
          fetch: httpFetch,
        })
        .chatModel(ref.model);
    case 'openai-compatible':
      return providers
        .compatible()({
          name: 'openai-compatible',
          baseURL: ref.baseURL!,
          apiKey: compatibleKeyFor(ref.baseURL!, env),
          supportsStructuredOutputs: true,
          includeUsage: true,
          // Plain-HTTP servers go through the lighter keep-alive client; https uses the global fetch.
          fetch: httpFetch,
        })
        .chatModel(ref.model);
  }
}

/** Trailing slashes never make two base URLs different. */
function sameBaseUrl(a: string, b: string): boolean {
  return a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');
}

/**
 * The key sent to an openai-compatible server, if any. OPENAI_COMPATIBLE_API_KEY
 * belongs to the server at OPENAI_COMPATIBLE_BASE_URL: when that is set, the
 * key goes there and nowhere else. When it is not set, the key goes to the URL
 * the model string names, because on the command line the user named that URL
 * themselves; work started for someone else (a run posted to `rounds serve`,
 * i.e. under an egress policy) sends it only to the configured base URL, so a
 * caller can never point the operator's key at a server of their choosing.
 */
export function compatibleKeyFor(baseURL: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env.OPENAI_COMPATIBLE_API_KEY || undefined;
  if (!key) return undefined;
  const configured = env.OPENAI_COMPATIBLE_BASE_URL?.trim();
  if (configured) return sameBaseUrl(configured, baseURL) ? key : undefined;
  return currentEgressPolicy() ? undefined : key;
}

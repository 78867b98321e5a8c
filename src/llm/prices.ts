import { readFileSync } from 'node:fs';
import { yaml } from '../util/yaml.js';
import { z } from 'zod';
import { ConfigError } from '../util/errors.js';

/** USD per one million tokens. */
export const Price = z.object({ input: z.number().min(0), output: z.number().min(0) }).strict();
export type Price = z.infer<typeof Price>;
export type PriceTable = Record<string, Price>;

/**
 * List prices per 1M tokens, keyed by `provider:model` (checked 2025; override
 * with `--prices <file>` as they change). Local models (ollama,
 * openai-compatible) have no entry: their usage is counted but not priced
 * unless the user's table names them.
 */
export const DEFAULT_PRICES: PriceTable = {
  'openai:gpt-4.1': { input: 2, output: 8 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai:gpt-4o': { input: 2.5, output: 10 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6 },
  'openai:o4-mini': { input: 1.1, output: 4.4 },
  'openai:gpt-5': { input: 1.25, output: 10 },
  'openai:gpt-5-mini': { input: 0.25, output: 2 },
  'anthropic:claude-sonnet-4-5': { input: 3, output: 15 },
  'anthropic:claude-sonnet-4-0': { input: 3, output: 15 },
  'anthropic:claude-opus-4-1': { input: 15, output: 75 },
  'anthropic:claude-3-5-haiku-latest': { input: 0.8, output: 4 },
  'anthropic:claude-haiku-4-5': { input: 1, output: 5 },
  'google:gemini-2.5-pro': { input: 1.25, output: 10 },
  'google:gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'google:gemini-2.0-flash': { input: 0.1, output: 0.4 },
};

/** Loads a user's price table (YAML or JSON, `model-id: {input, output}` per 1M tokens) over the defaults. */
export function loadPrices(file?: string): PriceTable {
  if (!file) return { ...DEFAULT_PRICES };
  let raw: unknown;
  try {
    raw = yaml().parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`Cannot read the price file ${file}: ${(e as Error).message}`);
  }
  const parsed = z.record(z.string(), Price).safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ConfigError(
      `The price file ${file} is invalid at ${i.path.join('.') || 'top level'}: ${i.message} (each entry is "<model-id>: { input: <usd per 1M>, output: <usd per 1M> }").`,
    );
  }
  return { ...DEFAULT_PRICES, ...parsed.data };
}

/** The USD cost of one call, or null when the table has no price for the model. */
export function priceCall({
  table,
  modelId,
  inputTokens,
  outputTokens,
}: {
  table: PriceTable;
  modelId: string;
  inputTokens: number;
  outputTokens: number;
}): number | null {
  const p = table[modelId];
  if (!p) return null;
  return (inputTokens * p.input + outputTokens * p.output) / 1e6;
}

import { z } from 'zod';
import { ConfigError } from '../util/errors.js';

/** Sampling settings a user can set on any model-backed component. */
export const ModelSettings = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().min(1).optional(),
    seed: z.number().int().optional(),
  })
  .strict();
export type ModelSettings = z.infer<typeof ModelSettings>;

/** Reads temperature, max-tokens and seed from `key=value` options; rejects bad values with one sentence. */
export function settingsFromOptions({ options, where }: { options: Record<string, string>; where: string }): ModelSettings {
  const out: ModelSettings = {};
  const num = (key: string, check: (n: number) => boolean, what: string): number | undefined => {
    const raw = options[key];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || !check(n)) throw new ConfigError(`Option ${key}=${raw} in "${where}" must be ${what}.`);
    return n;
  };
  const t = num('temperature', (n) => n >= 0 && n <= 2, 'a number from 0 to 2');
  if (t !== undefined) out.temperature = t;
  const m = num('max-tokens', (n) => Number.isInteger(n) && n >= 1, 'a whole number of 1 or more');
  if (m !== undefined) out.maxTokens = m;
  const s = num('seed', (n) => Number.isInteger(n), 'a whole number');
  if (s !== undefined) out.seed = s;
  return out;
}

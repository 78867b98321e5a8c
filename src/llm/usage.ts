/** Token and dollar totals over a set of calls (one call, an encounter, a run). */
export interface Usage {
  calls: number;
  /** Calls answered from the cache (no request sent). */
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Priced USD of the calls whose model has a price. */
  usd: number;
  /** Model ids that had no price (their tokens are counted, not priced). */
  unpriced: string[];
}

/** An empty usage record. */
export function emptyUsage(): Usage {
  return { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, usd: 0, unpriced: [] };
}

/** Adds one call's usage into a running total, in place. */
export function addUsage({
  into,
  modelId,
  inputTokens,
  outputTokens,
  usd,
  cached,
}: {
  into: Usage;
  modelId: string;
  inputTokens: number;
  outputTokens: number;
  usd: number | null;
  cached: boolean;
}): void {
  into.calls++;
  if (cached) into.cachedCalls++;
  into.inputTokens += inputTokens;
  into.outputTokens += outputTokens;
  if (usd === null) {
    if (!into.unpriced.includes(modelId)) into.unpriced.push(modelId);
  } else into.usd += usd;
}

/** The per-encounter usage scores: `tokens` always, `usd` null when a model had no price (never defaulted to 0). */
export function usageScores(u: Usage): Array<{ name: string; value: number | null; detail: string }> {
  const tokens = u.inputTokens + u.outputTokens;
  const detail = `${u.calls} model call${u.calls === 1 ? '' : 's'}: ${u.inputTokens} input + ${u.outputTokens} output tokens`;
  return [
    { name: 'tokens', value: tokens, detail },
    u.unpriced.length
      ? { name: 'usd', value: null, detail: `not priced: no price for ${u.unpriced.join(', ')} (add it with --prices)` }
      : { name: 'usd', value: Math.round(u.usd * 1e6) / 1e6, detail: `$${u.usd.toFixed(4)} for ${detail}` },
  ];
}

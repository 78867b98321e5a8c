/** One line of model usage for a run, summed from the encounters' `tokens` and `usd` scores; empty when no model was called. */
export function formatUsageLine(encounters: ReadonlyArray<{ scores: Record<string, { value: number | null; detail: string }> }>): string {
  let tokens = 0;
  let usd = 0;
  let withUsage = 0;
  let unpriced = 0;
  for (const e of encounters) {
    const t = e.scores.tokens;
    if (!t || t.value === null) continue;
    withUsage++;
    tokens += t.value;
    const u = e.scores.usd;
    if (!u || u.value === null) unpriced++;
    else usd += u.value;
  }
  if (withUsage === 0) return '';
  const money =
    unpriced === withUsage ? 'not priced' : `$${usd.toFixed(4)}${unpriced ? ` (+${unpriced} encounter${unpriced === 1 ? '' : 's'} not priced)` : ''}`;
  return `Model usage: ${tokens} tokens over ${withUsage} encounter${withUsage === 1 ? '' : 's'}, ${money}`;
}

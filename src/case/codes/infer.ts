import { describeCode } from './lookup.js';
import { matchTerms } from './term-match.js';
import { canonicalDiagnosis } from './diagnosis-text.js';

/** A code assigned to a diagnosis name from the Alphabetic Index or the titles. */
export interface InferredCode {
  code: string;
  /** The index path or code title that matched the name. */
  term: string;
}

// Hedges and severity say nothing about which code; parentheses hold detail the index would not know.
const NOISE = /\b(probable|probably|likely|possible|suspected|presumed|severe|mild|moderate)\b/gi;

/** The one billable code a heading stands for by default, or undefined when its branch has no single default. */
function billableDefault(code: string): string | undefined {
  const info = describeCode(code);
  if (!info) return undefined;
  if (info.billable) return info.code;
  if (info.billableChildren.length === 1) return info.billableChildren[0];
  // The branch's own unspecified code ("C92.0" -> C92.00 "... not having achieved remission").
  const unspecified = info.billableChildren.filter((c) =>
    /\b(unspecified|not having achieved remission|without complications?|initial encounter|not specified as recurrent)\b/i.test(describeCode(c)!.title),
  );
  const direct = unspecified.filter((c) => c.length === Math.min(...unspecified.map((u) => u.length)));
  return direct.length === 1 ? direct[0] : undefined;
}

/**
 * Assigns an ICD-10-CM code to a diagnosis name when the index or the titles
 * lead to exactly one billable code; undefined when they lead nowhere or to
 * several (an imported case then keeps its placeholder).
 */
export function inferIcd10({ name }: { name: string }): InferredCode | undefined {
  const text = canonicalDiagnosis(name.replace(/\([^)]*\)/g, ' '))
    .replace(NOISE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  const found = new Map<string, string>();
  for (const m of matchTerms(text)) {
    const code = billableDefault(m.code);
    if (code && !found.has(code)) found.set(code, m.term);
  }
  if (found.size !== 1) return undefined;
  const [[code, term]] = [...found];
  return { code, term };
}

import { NEGATORS, normalize } from '../util/text.js';
import { memoByString } from '../util/memo.js';

/**
 * Fast keyword matching for evidence reading. It follows util/text.ts
 * mentionsAffirmed (same clause split, same negators, same four-word window;
 * keyword-match.test.ts checks they agree) but works on text tokenised once,
 * because one exam report is checked against hundreds of keywords.
 */

const CLAUSE = /[.;:\n]|,\s*(?:but|and)\b/i;

/** A text split into clauses of normalised words, ready for many keyword checks. */
export interface PreparedText {
  clauses: readonly (readonly string[])[];
  /** Every word, space-separated and space-padded: a cheap substring pre-check. */
  joined: string;
}

/** A keyword's normalised words, and the same joined with a leading space for the pre-check. */
export interface Keyword {
  words: readonly string[];
  needle: string;
}

// Exam reports and replies repeat across encounters; a prepared text is never mutated, so it can be shared.
// Dropped whole when full to bound memory.
const prepared = memoByString(prepareUncached, 10_000);

/** Tokenises a text once for affirmedIn. */
export function prepareText(text: string): PreparedText {
  return prepared(text);
}

function prepareUncached(text: string): PreparedText {
  const clauses = text.split(CLAUSE).map((clause) => normalize(clause).split(' ').filter(Boolean));
  return { clauses, joined: ` ${clauses.map((c) => c.join(' ')).join(' ')} ` };
}

/** Several texts read as one. */
export function joinPrepared(parts: readonly PreparedText[]): PreparedText {
  return { clauses: parts.flatMap((p) => p.clauses), joined: parts.map((p) => p.joined).join(' ') };
}

/** A keyword ready for affirmedIn; no words when it has none. */
export function prepareKeyword(keyword: string): Keyword {
  const words = normalize(keyword).split(' ').filter(Boolean);
  return { words, needle: ` ${words.join(' ')}` };
}

/**
 * Whether the keyword occurs in some clause with no negator in the four words
 * before it. The keyword's last word also matches a longer word it starts
 * ("wheeze" in "wheezes", "tender" in "tenderness", "hr 1" in "HR 104"),
 * except "-less" forms ("painless" never affirms "pain").
 */
export function affirmedIn(text: PreparedText, kw: Keyword): boolean {
  const keyword = kw.words;
  const n = keyword.length;
  // Most keywords are not in the text at all: one native substring search rules them out.
  if (n === 0 || !text.joined.includes(kw.needle)) return false;
  const last = keyword[n - 1];
  for (const words of text.clauses) {
    outer: for (let i = 0; i + n <= words.length; i++) {
      for (let j = 0; j < n - 1; j++) if (words[i + j] !== keyword[j]) continue outer;
      const w = words[i + n - 1];
      if (w !== last && !(w.startsWith(last) && !w.includes('less', last.length))) continue;
      let negated = false;
      for (let b = Math.max(0, i - 4); b < i; b++) if (NEGATORS.has(words[b])) negated = true;
      if (!negated) return true;
    }
  }
  return false;
}

/** Convenience for one-off checks: whether `keyword` is affirmed in `text`. */
export function keywordAffirmed(text: string, keyword: string): boolean {
  return affirmedIn(prepareText(text), prepareKeyword(keyword));
}

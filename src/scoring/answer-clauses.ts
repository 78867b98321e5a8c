/** A doctor's answer split into what it asserts and what it denies. */
export interface AnswerClauses {
  /** The asserted part, hedges kept ("likely X"); empty when everything is negated. */
  affirmed: string;
  /** Parts the answer rules out, as written ("pneumonia" from "not pneumonia"). */
  negated: string[];
}

// A clause that opens with one of these denies what follows ("not pneumonia", "no evidence of sepsis").
const NEGATED_START =
  /^(?:no (?:evidence|sign|signs|features|suggestion) (?:of|for)|not consistent with|not suggestive of|negative for|rather than|instead of|other than|ruled out|rules out|r\/o'd|less likely|not likely|unlikely(?: to be)?|doubtful|excluded|excluding|exclude[sd]?|improbable|not|no)\b[\s:,-]*/i;
// A clause that ends with one of these denies what came before ("pneumonia ruled out", "sepsis unlikely").
const NEGATED_END =
  /[\s,-]*\b(?:ruled out|was ruled out|is ruled out|has been ruled out|excluded|was excluded|is excluded|unlikely|is unlikely|not likely|less likely|not supported|not present|absent|negative)\.?$/i;

/**
 * Splits an answer at clause boundaries (";", ",", "but", "rather than",
 * "not") and drops the clauses it negates. "r/o X" and "rule out X" read as
 * "suspected X" (the doctor's working diagnosis), so they stay affirmed;
 * "X ruled out" and "not X" are negated.
 */
export function splitAnswer(answer: string): AnswerClauses {
  // Fixed phrases with a "not" in them that deny nothing.
  const text = answer
    .replace(/\bnot having achieved remission\b/gi, 'without remission')
    .replace(/\bnot intractable\b/gi, 'tractable')
    .replace(/\bnot otherwise specified\b/gi, 'NOS')
    .replace(/\bnot elsewhere classified\b/gi, 'NEC')
    .replace(/\bnot specified\b/gi, 'unspecified')
    .replace(/\bsecondary to\b/gi, 'due to');
  const pieces = text
    // Commas split too: affirmed pieces are joined back, so an official title's commas cost nothing.
    .split(/\s*(?:;|\n|\.\s|,|\bbut\b|(?=\brather than\b)|(?=\binstead of\b)|(?<=\w)\s+(?=not\b))\s*/i)
    .map((p) => p.trim())
    .filter(Boolean);
  const affirmed: string[] = [];
  const negated: string[] = [];
  for (const piece of pieces) {
    const start = NEGATED_START.exec(piece);
    if (start) negated.push(piece.slice(start[0].length).trim());
    else if (NEGATED_END.test(piece)) negated.push(piece.replace(NEGATED_END, '').trim());
    else affirmed.push(piece);
  }
  return { affirmed: affirmed.join(' ').replace(/\s+/g, ' ').trim(), negated: negated.filter(Boolean) };
}

import { normalize } from '../../util/text.js';
import { memoByString } from '../../util/memo.js';

// Articles and possessives carry no topic: "blood in your urine", "blood in the urine" and
// "blood in urine" are one question. Dropped from phrases and questions alike.
// Personal pronouns go too, so the caregiver's "she" and the patient's "I" meet the doctor's "you".
const DROPPED = new Set([
  'a',
  'an',
  'the',
  'any',
  'some',
  'your',
  'his',
  'her',
  'their',
  'my',
  'its',
  'our',
  'yours',
  'hers',
  'theirs',
  'i',
  'you',
  'he',
  'she',
  'they',
  'we',
  'me',
  'him',
  'them',
  'us',
  'it',
  'ive',
  'youve',
  'hes',
  'shes',
  'theyve',
  'im',
  'youre',
  'theyre',
  'u',
]);
const IRREGULAR: Record<string, string> = {
  yourself: 'self',
  himself: 'self',
  herself: 'self',
  themselves: 'self',
  myself: 'self',
  themself: 'self',
  feet: 'foot',
  teeth: 'tooth',
  children: 'child',
  kids: 'kid',
  women: 'woman',
  men: 'man',
  wee: 'pee',
  weeing: 'pee',
  peeing: 'pee',
  pees: 'pee',
  bubs: 'baby',
  babys: 'baby',
};

/** A light stem so "radiate", "radiates" and "radiating" meet, and "ears" meets "ear". */
export function stem(word: string): string {
  // A plain-object lookup on purpose: "constructor" finds Object's, as it always has (stems must not change).
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  const n = word.length;
  if (n > 4) {
    // What /(ing|ed|es|s|e)$/ removes: the earliest-starting suffix that ends the word.
    if (word.endsWith('ing')) return word.slice(0, -3);
    if (word.endsWith('ed') || word.endsWith('es')) return word.slice(0, -2);
    const last = word.charCodeAt(n - 1);
    return last === 115 /* s */ || last === 101 /* e */ ? word.slice(0, -1) : word;
  }
  if (n > 3 && word.charCodeAt(n - 1) === 115 /* s */) {
    const before = word.charCodeAt(n - 2);
    if (before !== 115 /* s */ && before !== 117 /* u */ && before !== 105 /* i */) return word.slice(0, -1);
  }
  return word;
}

// Questions, fact texts and lexicon phrases recur across encounters and cases, so stems are memoised by text; the
// cache is dropped whole when full (as normalize's is). The arrays are shared: readonly to every caller.
const stemmed = memoByString<readonly string[]>(stemsUncached, 20_000);

/** The stemmed content words of a text, in order. */
export function stems(text: string): readonly string[] {
  return stemmed(text);
}

function stemsUncached(text: string): string[] {
  const out: string[] = [];
  for (const w of normalize(text).split(' ')) if (w && !DROPPED.has(w)) out.push(stem(w));
  return out;
}

/**
 * The longest question text the patient reads: a dozen questions fit in it, and
 * a 10 KB paste is cut, not choked on (it keeps the reply well under 1 ms).
 */
export const MAX_QUESTION_CHARS = 1000;

/**
 * Splits a message into the questions it asks: sentences, and clauses joined
 * by "and also" or a semicolon. Lists inside one clause ("fever, chills or
 * sweats") stay together; their topics are found by the phrase scan.
 */
export function clauses(text: string): string[] {
  const cut = text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text;
  return cut
    .split(/[?!;\n]+|\.(?=\s|$)|\s+(?:and also|also,?|and then|then)\s+(?=(?:what|where|when|how|do|does|did|is|are|have|has|any|can|could|tell)\b)/i)
    .map((c) => c.trim())
    .filter((c) => /[\p{L}\p{N}]/u.test(c));
}

import { memoByString } from './memo.js';

const normalized = memoByString(normalizeUncached, 20_000);

/** Lower-cases, strips accents and punctuation, and collapses spaces. */
export function normalize(text: string): string {
  return normalized(text);
}

// Already normal: lower-case words of letters and digits, single spaces (topic names, stems, most lexicon phrases).
const NORMAL = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
// Plain ASCII has nothing for NFKD to decompose and no combining marks to strip.
const ASCII = /^[\x00-\x7f]*$/;

function normalizeUncached(text: string): string {
  if (NORMAL.test(text)) return text;
  return (ASCII.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Whether `phrase` occurs in `text` on word boundaries (both normalised). */
export function containsPhrase(text: string, phrase: string): boolean {
  const t = ` ${normalize(text)} `;
  const p = normalize(phrase);
  return p.length > 0 && t.includes(` ${p} `);
}

/** Words that negate a mention in the four words after them. Contractions lose their apostrophe in normalize(): "didn't hit my head" negates as "did not" does. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'without',
  'denies',
  'denied',
  'negative',
  'never',
  'nor',
  'absent',
  'free',
  'neither',
  'none',
  'didnt',
  'dont',
  'doesnt',
  'havent',
  'hasnt',
  'hadnt',
  'wasnt',
  'werent',
  'isnt',
  'arent',
  'cant',
  'cannot',
  'couldnt',
  'wont',
]);

/**
 * Whether `phrase` occurs in `text` and is not negated by a negator within the
 * three words before it in the same clause ("no murmur", "without rebound").
 */
export function mentionsAffirmed(text: string, phrase: string): boolean {
  const p = normalize(phrase);
  if (!p) return false;
  for (const clause of text.split(/[.;:\n]|,\s*(?:but|and)\b/i)) {
    const words = normalize(clause).split(' ');
    const target = p.split(' ');
    for (let i = 0; i + target.length <= words.length; i++) {
      let hit = true;
      for (let j = 0; j < target.length; j++)
        if (words[i + j] !== target[j]) {
          hit = false;
          break;
        }
      if (!hit) continue;
      const before = words.slice(Math.max(0, i - 4), i);
      if (!before.some((w) => NEGATORS.has(w)) && !/\bno\b.*\bor\b/.test(before.join(' '))) return true;
    }
  }
  return false;
}

/** Whether a patient's answer reads as a denial ("No, ...", "I haven't ..."). */
export function isNegativeAnswer(answer: string): boolean {
  const a = normalize(answer);
  return /^(no|nope|not|never|none|nothing|i (havent|have not|dont|do not|didnt|did not|am not|cant say i have|wouldnt say)|i m not|im not|hes not|shes not|he (hasnt|doesnt|didnt|has not|does not)|she (hasnt|doesnt|didnt|has not|does not)|they (havent|dont|didnt)|not really|no i|denies)\b/.test(
    a,
  );
}

/**
 * Whether a patient's reply says it did not understand the question (the
 * deterministic patient's `unclear` replies): never a denial, never an answer.
 */
export function isUnclearAnswer(answer: string): boolean {
  return /^(sorry, (what do you mean|i didn'?t (follow|understand|catch))|i don'?t know what it is, doctor)/i.test(answer.trim());
}

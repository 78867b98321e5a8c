import type { Case } from '../case/schema.js';
import { normalize } from '../util/text.js';

/** How a guarded term is mentioned in the case's own facts, which the patient is allowed to repeat. */
interface Mention {
  /** The sentence is about someone else ("My father died of a heart attack"). */
  thirdParty: boolean;
  /** The term is denied there ("She's never had an ear infection"). */
  negated: boolean;
}

interface Term {
  text: string;
  words: string[];
  /** The name, an accepted synonym: never allowed, whatever the facts say. */
  strict: boolean;
  mentions: Mention[];
}

// Words that put a sentence about someone other than the patient; pronouns are left out because a parent speaks of the patient as "he" or "she".
const THIRD_PARTY = new Set([
  'mother',
  'mum',
  'mom',
  'mam',
  'father',
  'dad',
  'brother',
  'sister',
  'aunt',
  'auntie',
  'uncle',
  'cousin',
  'grandmother',
  'grandfather',
  'grandma',
  'grandpa',
  'gran',
  'nan',
  'granny',
  'grandad',
  'wife',
  'husband',
  'partner',
  'boyfriend',
  'girlfriend',
  'friend',
  'friends',
  'neighbour',
  'neighbor',
  'son',
  'daughter',
  'family',
  'flatmate',
  'roommate',
  'colleague',
  'parents',
  'siblings',
  'relatives',
  'niece',
  'nephew',
]);
const NEGATORS = new Set([
  'no',
  'not',
  'never',
  'without',
  'nor',
  'neither',
  'none',
  'nobody',
  'dont',
  'didnt',
  'doesnt',
  'hasnt',
  'havent',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'cant',
  'wont',
  'aint',
]);
const GENERIC_TAIL = new Set(['disease', 'disorder', 'syndrome']);

/** British and American spellings meet: anaemia/anemia, oedema/edema, tumour/tumor. Short words are left alone so "shoes" stays "shoes". */
function fold(word: string): string {
  if (word.length < 6) return word;
  return word.replace(/ae/g, 'e').replace(/oe/g, 'e').replace(/our$/, 'or').replace(/ours$/, 'ors');
}

function wordsOf(text: string): string[] {
  return normalize(text).split(' ').filter(Boolean).map(fold);
}

function sentencesOf(text: string): string[][] {
  return text
    .split(/(?<=[.!?;:])\s+|\n+/)
    .map(wordsOf)
    .filter((w) => w.length > 0);
}

/**
 * One word of a term against one word of a reply, tolerating a plural or a
 * possessive ("dissections", "dissection's" both normalise to "dissections")
 * and, inside a phrase, the singular of a plural ("kidney stone" for "kidney
 * stones"). Very short words (acronyms) standing alone must match exactly, so
 * "pe" does not catch "pees".
 */
function sameWord(reply: string, term: string, phrase: boolean): boolean {
  if (reply === term) return true;
  // Inside a phrase a short word may take a plural too ("febrile fits"); alone it may not ("pe" is not "pees").
  if ((term.length >= 4 || (phrase && term.length >= 3)) && (reply === `${term}s` || reply === `${term}es`)) return true;
  return phrase && term.length >= 5 && term.endsWith('s') && !term.endsWith('ss') && reply === term.slice(0, -1);
}

/** Start indexes where `term` occurs in `words`. */
function occurrences(words: string[], term: string[]): number[] {
  const out: number[] = [];
  const phrase = term.length > 1;
  for (let i = 0; i + term.length <= words.length; i++) {
    let hit = true;
    for (let j = 0; j < term.length; j++)
      if (!sameWord(words[i + j], term[j], phrase)) {
        hit = false;
        break;
      }
    if (hit) out.push(i);
  }
  return out;
}

const negatedAt = (words: string[], i: number) => words.slice(Math.max(0, i - 4), i).some((w) => NEGATORS.has(w));
const aboutOthers = (words: string[]) => words.some((w) => THIRD_PARTY.has(w));

function mentionsIn(kase: Case, words: string[]): Mention[] {
  // "sickle cell disease" is on record when the history says "I have sickle cell".
  const forms = [words];
  if (words.length >= 3 && GENERIC_TAIL.has(words[words.length - 1])) forms.push(words.slice(0, -1));
  const out: Mention[] = [];
  for (const fact of kase.facts) {
    if (fact.category === 'exam') continue;
    for (const sentence of sentencesOf(fact.answer)) {
      for (const form of forms) for (const i of occurrences(sentence, form)) out.push({ thirdParty: aboutOthers(sentence), negated: negatedAt(sentence, i) });
    }
  }
  return out;
}

const termCache = new WeakMap<Case, Term[]>();

function termsOf(kase: Case): Term[] {
  let terms = termCache.get(kase);
  if (terms) return terms;
  const d = kase.diagnosis;
  const raw: Array<[string, boolean]> = [
    [d.name, true],
    ...d.accept.map((t): [string, boolean] => [t, true]),
    ...d.partial.map((t): [string, boolean] => [t, false]),
    ...(d.lay ?? []).map((t): [string, boolean] => [t, false]),
  ];
  const seen = new Set<string>();
  terms = [];
  for (const [text, strict] of raw) {
    const words = wordsOf(text);
    const key = words.join(' ');
    if (!words.length || seen.has(key)) continue;
    seen.add(key);
    terms.push({ text, words, strict, mentions: strict ? [] : mentionsIn(kase, words) });
  }
  termCache.set(kase, terms);
  return terms;
}

/**
 * Whether a partial or lay term may stand in this sentence because the case's
 * own facts say it: the patient's own history ("I've got COPD") always; a
 * relative's ("my father died of a heart attack") only in a sentence about
 * someone else; a denial ("she's never had an ear infection") only denied.
 */
function allowed(term: Term, sentence: string[], at: number): boolean {
  if (term.strict || term.mentions.length === 0) return false;
  if (term.mentions.some((m) => !m.thirdParty && !m.negated)) return true;
  if (aboutOthers(sentence) && term.mentions.some((m) => m.thirdParty)) return true;
  return negatedAt(sentence, at) && term.mentions.some((m) => m.negated);
}

/**
 * Finds the case's diagnosis in a reply: its name, accepted synonyms, partial
 * names, the lay names a patient would use (`diagnosis.lay`) or its ICD-10
 * code. Words are compared after normalising case, accents, punctuation and
 * British/American spelling, on word boundaries, with plurals and possessives.
 * A partial or lay term the case's own facts use is allowed where the facts
 * use it (see `allowed`). Returns the term that matched, or null.
 */
export function findLeak(kase: Case, reply: string): string | null {
  const sentences = sentencesOf(reply);
  for (const term of termsOf(kase)) {
    for (const sentence of sentences) {
      for (const at of occurrences(sentence, term.words)) if (!allowed(term, sentence, at)) return term.text;
    }
  }
  const code = kase.diagnosis.icd10.toUpperCase();
  const pattern = code.replace('.', '\\s*\\.?\\s*');
  if (new RegExp(`(^|[^A-Z0-9])${pattern}($|[^0-9A-Z])`).test(reply.toUpperCase())) return code;
  return null;
}

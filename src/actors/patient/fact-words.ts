import type { Fact } from '../../case/schema.js';
import { stem, stems } from './words.js';

// Words that say nothing about which fact is meant ("have you had any ... recently?").
const GENERIC = new Set(
  [
    'have', 'has', 'had', 'been', 'do', 'does', 'did', 'done', 'are', 'is', 'was', 'were', 'be', 'being', 'feel', 'feeling', 'felt', 'get', 'got', 'getting',
    'and', 'or', 'with', 'when', 'what', 'how', 'where', 'why', 'who', 'which', 'there', 'this', 'that', 'these', 'those', 'ever', 'pain', 'painful', 'ache',
    'problem', 'problems', 'trouble', 'symptom', 'symptoms', 'change', 'changes', 'changed', 'normal', 'ok', 'okay', 'well', 'good', 'bad', 'right', 'left',
    'side', 'since', 'day', 'days', 'week', 'weeks', 'month', 'months', 'time', 'times', 'last', 'recent', 'recently', 'new', 'other', 'else', 'more', 'less',
    'much', 'many', 'like', 'just', 'still', 'also', 'too', 'very', 'really', 'of', 'in', 'on', 'at', 'to', 'from', 'for', 'by', 'about', 'up', 'down', 'out',
    'off', 'over', 'no', 'not', 'yes', 'can', 'could', 'would', 'will', 'should', 'know', 'think', 'say', 'tell', 'see', 'look', 'looks', 'go', 'going',
    'come', 'coming', 'take', 'taking', 'make', 'making', 'anything', 'something', 'nothing', 'everything', 'lot', 'little', 'bit', 'usual', 'notice',
    'noticed', 'noticing', 'history', 'any', 'all', 'so', 'if', 'then', 'than', 'as', 'but', 'because', 'into', 'after', 'before', 'self', 'now', 'yet',
    'please', 'doctor', 'way', 'thing', 'things', 'able', 'sometimes', 'often', 'ever', 'properly', 'worse', 'better', 'same', 'both', 'either',
  ].map(stem),
);

/** Whether a stem is a function or filler word. */
export function isGeneric(stemmed: string): boolean {
  return GENERIC.has(stemmed);
}

/** The content stems of a text: the words that can tell one fact from another. */
export function contentStems(text: string): string[] {
  return stems(text).filter((w) => w.length > 2 && !GENERIC.has(w));
}

/** A fact's naming phrases (topic and aliases) as sets of content stems. */
export function factNames(fact: Fact): string[][] {
  return [fact.topic, ...fact.aliases].map(contentStems).filter((s) => s.length > 0);
}

/**
 * Facts whose topic or an alias the question names word for word, in any
 * order ("hands or feet swollen" names "swollen hands and feet"): the last
 * look before the patient denies something or says it did not understand.
 * `minWords` 2 keeps a one-word name ("drinking") from answering a question
 * that already named another topic ("do you drink?" is about alcohol).
 */
export function factsNamedLoosely(words: ReadonlySet<string>, names: ReadonlyMap<Fact, string[][]>, minWords = 1): Fact[] {
  const out: Fact[] = [];
  for (const [fact, sets] of names) {
    if (sets.some((set) => (set.length >= minWords && set.every((w) => words.has(w))) || set.filter((w) => words.has(w)).length >= 2)) out.push(fact);
  }
  return out;
}

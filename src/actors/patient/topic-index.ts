import type { LayTerms } from '../../case/lay-terms.js';
import type { TopicEntry, Vocabulary } from '../../case/vocabulary.js';
import { PhraseIndex } from './phrase-index.js';
import { stems } from './words.js';
import { normalize } from '../../util/text.js';
import { AMBIGUOUS_TOPIC_WORDS } from '../../case/import/topics.js';

/** A phrase naming a canonical topic, with how sure a match on it is. */
export interface TopicPhrase {
  entry: TopicEntry;
  confidence: number;
  /** Specific enough to read a fact's own text by: several words, or the vocabulary's own single-word name. */
  specific: boolean;
  /** The phrase as written, normalised. */
  phrase: string;
}

// Single words that name a topic in the vocabulary but mean little alone
// ("home", "work", "drink"): a match on one answers a fact but never earns a denial.
const WEAK: ReadonlySet<string> = new Set([
  ...AMBIGUOUS_TOPIC_WORDS,
  'drugs',
  'frequency',
  'discharge',
  'lump',
  'mass',
  'flashes',
  'crying',
  'kicks',
  'balance',
  'stress',
  'worry',
  'weakness',
  'spinning',
  'straining',
  'periods',
  'expecting',
  'swelling',
  'swellings',
  'bump',
  'bumps',
  'lumps',
  'ulcers',
  'sores',
  'tea',
  'coffee',
  'milk',
  'water',
  'irritable',
  'nervous',
  'aura',
  'hits',
  'flight',
  'abroad',
  'hot',
]);

const FUNCTION = new Set([
  'of',
  'out',
  'in',
  'on',
  'at',
  'to',
  'up',
  'down',
  'with',
  'for',
  'from',
  'by',
  'about',
  'over',
  'off',
  'and',
  'or',
  'is',
  'was',
  'be',
  'been',
  'have',
  'has',
  'had',
  'do',
  'doe',
  'did',
  'not',
  'no',
  'so',
  'when',
  'what',
  'how',
  'where',
  'there',
  'this',
  'that',
  'get',
  'got',
]);

// Background topics whose single words are unambiguous in a fact's text too ("levothyroxine", "smoked", "diabetes").
const BACKGROUND = new Set([
  'past medical history',
  'surgical history',
  'medications',
  'allergies',
  'smoking',
  'alcohol',
  'recreational drugs',
  'vaccinations',
]);

/** Whether a phrase is one of the single words that name a topic only loosely ("growth", "home"). */
export function isWeakPhrase(phrase: string): boolean {
  return WEAK.has(phrase.trim().toLowerCase());
}

/** One phrase of the topic index as added: its segments of stems and what a match on it means. */
export interface TopicRow {
  segments: ReadonlyArray<readonly string[]>;
  value: TopicPhrase;
}

/**
 * Every topic phrase the patient understands: the vocabulary's topics and
 * synonyms plus the lay-term lexicon. Built once per vocabulary.
 */
export function buildTopicIndex(vocabulary: Vocabulary, lay: LayTerms): PhraseIndex<TopicPhrase> {
  return topicIndexOf(topicRows(vocabulary, lay));
}

/** The index over rows, added in their order (the order hits come out in). */
export function topicIndexOf(rows: readonly TopicRow[]): PhraseIndex<TopicPhrase> {
  const index = new PhraseIndex<TopicPhrase>();
  for (const { segments, value } of rows) index.addStems(segments, value);
  return index;
}

/** The topic index's phrases, stemmed and weighed: the costly part of building it (a disk cache keeps them). */
export function topicRows(vocabulary: Vocabulary, lay: LayTerms): TopicRow[] {
  const rows: TopicRow[] = [];
  const seen = new Set<string>();
  const add = (phrase: string, entry: TopicEntry) => {
    const segments = phrase.split('...').map(stems);
    // Most phrases have one segment: no copying (flat() is slow on thousands of phrases built at start).
    const words = segments.length === 1 ? segments[0] : segments.flat();
    const key = `${segments.length === 1 ? segments[0].join(' ') : segments.map((x) => x.join(' ')).join(' ... ')}\0${entry.topic}`;
    if (seen.has(key)) return;
    seen.add(key);
    // "out of it" is "out of" once pronouns are dropped: a phrase of nothing but function words names nothing.
    if (words.every((w) => FUNCTION.has(w))) return;
    const gapped = segments.length > 1;
    const single = words.length === 1 && !gapped;
    const confidence = gapped ? 0.8 : single && WEAK.has(phrase.toLowerCase()) ? 0.5 : single ? 0.85 : 0.9;
    const specific = (words.length > 1 && !gapped) || (confidence >= 0.85 && (fromVocabulary || BACKGROUND.has(entry.topic)));
    rows.push({ segments, value: { entry, confidence, specific, phrase: normalize(phrase) } });
  };
  let fromVocabulary = true;
  for (const [phrase, entry] of vocabulary.phrases()) add(phrase, entry);
  fromVocabulary = false;
  for (const { phrase, entry } of lay.phrases) add(phrase, entry);
  return rows;
}

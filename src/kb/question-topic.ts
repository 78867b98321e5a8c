// Which canonical topic a question or a reply is about, read through the shared vocabulary.
import type { Question } from '../encounter/actions.js';
import type { Vocabulary } from '../case/vocabulary.js';
import { normalize } from '../util/text.js';

/** One phrase of the shared vocabulary (a topic's name or a synonym), normalised, with its topic. */
export interface Phrase {
  phrase: string;
  words: string[];
  topic: string;
  category: string;
}

// Vocabulary phrases longest first, built once per vocabulary, for finding a topic in free text.
const phraseLists = new WeakMap<Vocabulary, Phrase[]>();

function phraseList(vocabulary: Vocabulary): Phrase[] {
  let list = phraseLists.get(vocabulary);
  if (!list) {
    list = vocabulary
      .phrases()
      .map(([phrase, entry]) => ({ phrase, words: phrase.split(' '), topic: entry.topic, category: entry.category }))
      .sort((a, b) => b.words.length - a.words.length || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    phraseLists.set(vocabulary, list);
  }
  return list;
}

function occursAt(words: string[], phrase: string[]): number {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const w = words[i + j];
      if (w !== phrase[j] && w !== phrase[j] + 's') continue outer;
    }
    return i;
  }
  return -1;
}

/** The canonical topic a question is about: its topic hint, else the longest vocabulary phrase in its text. */
export function topicOfQuestion(vocabulary: Vocabulary, question: Question): string | undefined {
  if (question.topic) {
    const hit = vocabulary.lookup(question.topic);
    if (hit) return hit.topic;
  }
  const exact = vocabulary.lookup(question.text);
  if (exact) return exact.topic;
  const words = normalize(question.text).split(' ');
  for (const p of phraseList(vocabulary)) if (occursAt(words, p.words) >= 0) return p.topic;
  return undefined;
}

const symptomLists = new WeakMap<Vocabulary, Phrase[]>();

/** The vocabulary phrases of symptom topics, longest first (what a presentation may name). */
export function symptomPhrases(vocabulary: Vocabulary): readonly Phrase[] {
  let list = symptomLists.get(vocabulary);
  if (!list) symptomLists.set(vocabulary, (list = phraseList(vocabulary).filter((p) => p.category === 'symptom')));
  return list;
}

// Each topic's own words (topic and synonyms), built once per vocabulary.
const topicWords = new WeakMap<Vocabulary, Map<string, string[]>>();

/** Whether a normalised text names the topic (its own name or a synonym, singular or plural). */
export function namesTopic(vocabulary: Vocabulary, topic: string, normalizedText: string): boolean {
  let byTopic = topicWords.get(vocabulary);
  if (!byTopic) {
    byTopic = new Map();
    for (const p of phraseList(vocabulary)) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.phrase]);
    topicWords.set(vocabulary, byTopic);
  }
  const padded = ` ${normalizedText} `;
  return (byTopic.get(topic) ?? [normalize(topic)]).some((w) => padded.includes(` ${w} `) || padded.includes(` ${w}s `));
}

import type { TopicEntry, Vocabulary } from '../vocabulary.js';
import { normalize } from '../../util/text.js';

// Single words that name a topic in a question but mean little inside a case's own text
// ("trouble chewing tough food" is not about the relation of pain to meals).
export const AMBIGUOUS_TOPIC_WORDS: ReadonlySet<string> = new Set([
  'food',
  'meals',
  'eating',
  'drinking',
  'drink',
  'position',
  'start',
  'timing',
  'course',
  'exercise',
  'walking',
  'location',
  'growth',
  'spots',
  'acid',
  'home',
  'work',
  'job',
  'sex',
  'contacts',
  'exposure',
  'support',
  'stools',
  'birth',
  'born',
  'falls',
  'hit',
  'blow',
  'fall',
  'accident',
  'trip',
  'family',
  'parents',
  'relatives',
  'siblings',
  'voices',
]);

/**
 * The canonical topics a text mentions, in order of first mention; a longer
 * phrase wins over a shorter one inside it ("chest pain" over "pain").
 */
export function topicsIn(text: string, vocabulary: Vocabulary): TopicEntry[] {
  const words = normalize(text).split(' ').filter(Boolean);
  const hits: Array<{ start: number; end: number; entry: TopicEntry }> = [];
  for (const [phrase, entry] of vocabulary.phrases()) {
    if (AMBIGUOUS_TOPIC_WORDS.has(phrase)) continue;
    const p = phrase.split(' ');
    for (let i = 0; i + p.length <= words.length; i++) {
      let ok = true;
      for (let j = 0; j < p.length && ok; j++) ok = words[i + j] === p[j] || words[i + j] === `${p[j]}s`;
      if (ok) hits.push({ start: i, end: i + p.length, entry });
    }
  }
  const kept = hits
    .filter((h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  return [...new Set(kept.map((h) => h.entry))];
}

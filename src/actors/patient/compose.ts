import type { Fact } from '../../case/schema.js';
import type { LayTerms } from '../../case/lay-terms.js';
import type { TopicEntry } from '../../case/vocabulary.js';
import type { Part } from './resolve.js';
import { speak, type Voice } from './voice.js';

const FIXED: Record<NonNullable<Part['say']>, string> = {
  'greeting-hello': 'Hello, doctor.',
  'greeting-thanks': 'Thank you, doctor.',
  'greeting-ok': 'Okay.',
  unclear: 'Sorry, what do you mean?',
  diagnosis: "I don't know what it is, doctor. That's what I'm hoping you can tell me.",
  'nothing-else': "No, I think that's everything.",
  'nothing-more': "That's about all I can tell you about it.",
};

/** A plain denial of one topic in the speaker's voice. */
function denial(entry: TopicEntry, lay: LayTerms, voice: Voice): { sentence?: string; noun: string } {
  const own = lay.negative(entry) ?? entry.negative;
  if (own) return { sentence: speak(own, voice), noun: '' };
  return { noun: speak(lay.say(entry) ?? entry.topic, voice, false) };
}

function list(nouns: string[]): string {
  return nouns.length <= 1 ? nouns.join('') : `${nouns.slice(0, -1).join(', ')} or ${nouns[nouns.length - 1]}`;
}

/**
 * One natural reply for all parts of a question, in order: fact answers
 * (each fact once), denials folded into one sentence, and a note when part
 * of the message was not understood.
 */
export function compose(parts: Part[], lay: LayTerms, voice: Voice): { text: string; facts: Fact[] } {
  const answered = parts.filter((p) => !p.filler);
  const use = answered.length > 0 ? answered : parts;
  const informative = use.filter((p) => p.facts.length > 0 || p.denied.length > 0 || (p.say && p.say !== 'unclear'));
  const sentences: string[] = [];
  const facts: Fact[] = [];
  let nouns: string[] = [];
  const flush = () => {
    if (nouns.length === 0) return;
    const have = voice.subject === 'I' || voice.subject === 'they' ? "haven't" : "hasn't";
    sentences.push(`No, ${voice.subject} ${have} had any ${list([...new Set(nouns)])}.`);
    nouns = [];
  };
  for (const p of use) {
    for (const f of p.facts) {
      if (facts.includes(f)) continue;
      flush();
      facts.push(f);
      sentences.push(f.answer);
    }
    for (const e of p.denied) {
      const d = denial(e, lay, voice);
      if (d.sentence) {
        flush();
        if (!sentences.includes(d.sentence)) sentences.push(d.sentence);
      } else nouns.push(d.noun);
    }
    if (p.say && (p.say !== 'unclear' || informative.length === 0)) {
      flush();
      const s = FIXED[p.say]; // the speaker's own words, never turned into the third person
      if (!sentences.includes(s)) sentences.push(s);
    }
  }
  flush();
  if (informative.length > 0 && use.some((p) => p.say === 'unclear')) sentences.push("Sorry, I didn't follow the rest.");
  return { text: sentences.join(' '), facts };
}

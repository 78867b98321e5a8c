import type { Fact } from '../../case/schema.js';
import { contentStems, isGeneric } from './fact-words.js';
import { stem } from './words.js';

// Words too common in case answers to tie a question to one fact ("any", "said", "years", "hurt", "blood"
// pressure and blood in the stool): on top of fact-words' GENERIC filler.
const FILLER = new Set(
  [
    'any',
    'said',
    'say',
    'says',
    'went',
    'gone',
    'year',
    'years',
    'hour',
    'hours',
    'minute',
    'minutes',
    'one',
    'two',
    'three',
    'four',
    'five',
    'first',
    'night',
    'morning',
    'evening',
    'today',
    'yesterday',
    'ago',
    'start',
    'started',
    'stop',
    'stopped',
    'keep',
    'kept',
    'thought',
    'want',
    'need',
    'don',
    'didn',
    'haven',
    'hasn',
    'isn',
    'wasn',
    'doesn',
    'can',
    'won',
    'let',
    'put',
    'give',
    'gave',
    'hurt',
    'hurts',
    'sore',
    'blood',
    'high',
    'low',
    'feel',
    'fine',
    'well',
    'unwell',
    'ill',
    'sick',
    'bother',
    'issue',
    'issues',
    'worry',
    'worried',
    'happen',
    'happened',
    'mean',
    'usually',
    'always',
    'never',
    'again',
    'use',
    'used',
    'work',
    'home',
    'help',
    'try',
    'tried',
    'find',
    'found',
    'big',
    'small',
    'long',
    'much',
    'every',
    'around',
    'back',
    'body',
    'part',
    'area',
    // Topic-name words ("past medical history", "previous episodes") and broad body parts and qualifiers, which a
    // question and an unrelated fact share ("joint swelling" / "belly swollen"); named places are spokenOf's.
    'past',
    'medical',
    'condition',
    'conditions',
    'previous',
    'episode',
    'episodes',
    'under',
    'run',
    'running',
    'anyone',
    'anybody',
    'someone',
    'people',
    'loss',
    'lost',
    'red',
    'colour',
    'color',
    'swelling',
    'swollen',
    'swell',
    'stiff',
    'stiffness',
    'shaky',
    'dry',
    'family',
    'surgery',
    'knife',
    'abroad',
    'sleep',
    'drug',
    'drugs',
    'discharge',
    'food',
    'eat',
    'chest',
    'hand',
    'hands',
    'mouth',
    'neck',
    'eye',
    'eyes',
    'head',
    'leg',
    'legs',
    'arm',
    'arms',
    'belly',
    'tummy',
    'skin',
    'face',
    'side',
    'inside',
    'hair',
    'water',
    'fluid',
    'sexual',
    'health',
    'check',
    'test',
    'tests',
    'told',
    'diagnosed',
    'doctor',
    'hospital',
    'nurse',
    'fit',
    'healthy',
    'otherwise',
    'else',
    'lately',
    'unusual',
    'fall',
    'falling',
    'bring',
    'bringing',
  ].map(stem),
);

/** The stems of a question (already stemmed) that can tie it to a fact. */
export function questionStems(words: readonly string[]): string[] {
  return words.filter((w) => w.length > 2 && !isGeneric(w) && !FILLER.has(w));
}

/** Each content stem of a case's facts (answer, topic, aliases) to the facts that use it: built once per case. */
export function buildOverlap(facts: readonly Fact[]): Map<string, Fact[]> {
  const out = new Map<string, Fact[]>();
  for (const f of facts) {
    // The stems of a fact's texts that can tie a question to it, in order, each once. Stemmed text by text (a word
    // never spans two texts), so each reuses the stems the case index already took of it.
    const words = new Set<string>();
    for (const text of [f.topic, ...f.aliases, f.answer]) for (const w of contentStems(text)) if (!FILLER.has(w)) words.add(w);
    for (const w of words) {
      const list = out.get(w);
      if (!list) out.set(w, [f]);
      else list.push(f);
    }
  }
  return out;
}

/**
 * The safety net before a plain "No": the case's facts that share a content
 * word with the question. A denial of something the case holds is the one
 * answer the patient must never give, so a shared word stops it: one or two
 * facts are given, more (or a word shared by many facts) make the patient ask
 * what is meant.
 */
export function overlapFacts(words: readonly string[], overlap: ReadonlyMap<string, Fact[]>): { facts: Fact[]; ambiguous: boolean } {
  const score = new Map<Fact, number>();
  for (const w of new Set(words)) {
    const hit = overlap.get(w);
    if (!hit) continue;
    for (const f of hit) score.set(f, (score.get(f) ?? 0) + 1);
  }
  if (score.size === 0) return { facts: [], ambiguous: false };
  const best = Math.max(...score.values());
  const top = [...score].filter(([, n]) => n === best).map(([f]) => f);
  return top.length <= 2 ? { facts: top, ambiguous: false } : { facts: [], ambiguous: true };
}

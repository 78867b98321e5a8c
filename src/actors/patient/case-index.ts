import type { Case, Fact } from '../../case/schema.js';
import type { TopicEntry, Vocabulary } from '../../case/vocabulary.js';
import { isNegativeAnswer, normalize } from '../../util/text.js';
import { PhraseIndex, type PhraseHit } from './phrase-index.js';
import { isWeakPhrase, type TopicPhrase } from './topic-index.js';
import { stems } from './words.js';
import { factNames } from './fact-words.js';
import { buildOverlap } from './overlap.js';

/** Topics that are properties of a complaint rather than complaints: asked as follow-ups, never denied. */
export const ATTRIBUTE_TOPICS: Record<string, string[]> = {
  site: ['pain location', 'location', 'site'],
  onset: ['onset', 'headache onset'],
  duration: ['duration'],
  character: ['pain character'],
  radiation: ['pain radiation'],
  severity: ['pain severity', 'severity'],
  timing: ['timing', 'pattern'],
  progression: ['progression'],
  modifiers: ['positional pain', 'pleuritic pain', 'relation to meals', 'exertional symptoms', 'effect of activity', 'triggers', 'symptoms worse with heat'],
  associated: [],
  quantity: [],
  appearance: [],
};
const ATTRIBUTE_OF = new Map<string, string>();
for (const [a, topics] of Object.entries(ATTRIBUTE_TOPICS)) for (const t of topics) if (!ATTRIBUTE_OF.has(t)) ATTRIBUTE_OF.set(t, a);

/** The follow-up attribute a topic name stands for ("pain severity" -> severity), if any. */
export function attributeOfTopic(topic: string): string | undefined {
  return ATTRIBUTE_OF.get(normalize(topic));
}

/** A fact phrase of the case: its topic or an alias. */
export interface FactPhrase {
  fact: Fact;
  kind: 'text' | 'alias';
}

/** What the patient precomputes per case: the hot path only does map lookups. */
export interface CaseIndex {
  facts: Fact[];
  phrases: PhraseIndex<FactPhrase>;
  /** Facts by the canonical topic their topic or an alias names. */
  byTopic: Map<TopicEntry, Fact[]>;
  /** Facts whose answer text mentions a topic: the fallback before any denial. */
  readonly mentions: Map<TopicEntry, Fact[]>;
  canonical: Map<Fact, TopicEntry | undefined>;
  /** The presenting complaint's facts: the case's first story fact, then those the presentation names. */
  complaint: Fact[];
  positive: Set<Fact>;
  attribute: Map<Fact, string | undefined>;
  /** Each fact's topic and aliases as content-word sets, for the loose last look before a denial. */
  readonly names: Map<Fact, string[][]>;
  /** Each content stem of the facts' own words to the facts using it: the last check before a plain "No". */
  readonly overlap: Map<string, Fact[]>;
  /** Facts by their normalised topic, and by each normalised alias, in case order: a topic hint's lookups. */
  byTopicName: Map<string, Fact[]>;
  byAliasName: Map<string, Fact[]>;
  /** Facts by id (the last of a repeated id, as a Map built from the list keeps). */
  byId: Map<string, Fact>;
}

const STORY = new Set(['symptom', 'history', 'ros', 'other']);

/** Builds a case's index from its non-exam facts. */
export function buildCaseIndex(kase: Case, vocabulary: Vocabulary, topics: PhraseIndex<TopicPhrase>): CaseIndex {
  const facts = kase.facts.filter((f) => f.category !== 'exam');
  const phrases = new PhraseIndex<FactPhrase>();
  const byTopic = new Map<TopicEntry, Fact[]>();
  const canonical = new Map<Fact, TopicEntry | undefined>();
  const positive = new Set<Fact>();
  const attribute = new Map<Fact, string | undefined>();
  const push = (map: Map<TopicEntry, Fact[]>, e: TopicEntry, f: Fact) => {
    const list = map.get(e);
    if (!list) map.set(e, [f]);
    else if (!list.includes(f)) list.push(f);
  };
  for (const fact of facts) {
    phrases.add(fact.topic, { fact, kind: 'text' });
    for (const a of fact.aliases) phrases.add(a, { fact, kind: 'alias' });
    canonical.set(fact, vocabulary.lookup(fact.topic));
    for (const p of [fact.topic, ...fact.aliases]) {
      // A loose single-word alias ("growth") would file the fact under an unrelated topic.
      if (p !== fact.topic && isWeakPhrase(p)) continue;
      const e = vocabulary.lookup(p) ?? singleTopic(p, topics);
      if (e) push(byTopic, e, fact);
    }
    if (!isNegativeAnswer(fact.answer)) positive.add(fact);
    attribute.set(fact, attributeOfTopic(fact.topic));
  }
  const buildMentions = () => {
    const mentions = new Map<TopicEntry, Fact[]>();
    for (const fact of facts) {
      for (const hit of topics.scan(stems(fact.answer))) if (hit.value.specific) push(mentions, hit.value.entry, fact);
    }
    return mentions;
  };
  const byTopicName = new Map<string, Fact[]>();
  const byAliasName = new Map<string, Fact[]>();
  const add = (map: Map<string, Fact[]>, key: string, f: Fact) => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  for (const f of facts) {
    add(byTopicName, normalize(f.topic), f);
    for (const a of new Set(f.aliases.map(normalize))) add(byAliasName, a, f);
  }
  // The mentions, names and overlap serve only the fallbacks before a denial, which many cases never reach in a run
  // (a scripted doctor asks a few questions): each is built on first use, from the same facts, so it is the same.
  let mentions: Map<TopicEntry, Fact[]> | undefined;
  let names: Map<Fact, string[][]> | undefined;
  let overlap: Map<string, Fact[]> | undefined;
  return {
    facts,
    phrases,
    byTopic,
    get mentions() {
      return (mentions ??= buildMentions());
    },
    canonical,
    complaint: complaintOf(kase, facts, byTopic, phrases, topics, positive, attribute),
    positive,
    attribute,
    get names() {
      return (names ??= new Map(facts.map((f) => [f, factNames(f)])));
    },
    get overlap() {
      return (overlap ??= buildOverlap(facts));
    },
    byTopicName,
    byAliasName,
    byId: new Map(facts.map((f) => [f.id, f])),
  };
}

/** The one topic a short phrase names by the lexicon, when it names exactly one ("sleep apnea" -> snoring). */
function singleTopic(phrase: string, topics: PhraseIndex<TopicPhrase>): TopicEntry | undefined {
  const words = stems(phrase);
  // An alias is the case author's own synonym, so a lexicon word that is exactly it counts ("lethargic" -> fatigue).
  const whole = normalize(phrase);
  const hits = topics
    .scan(words)
    .filter((h) => h.start === 0 && h.end === words.length && (h.value.specific || (h.value.phrase === whole && h.value.confidence >= 0.85)));
  return hits.length === 1 ? hits[0].value.entry : undefined;
}

function complaintOf(
  kase: Case,
  facts: Fact[],
  byTopic: Map<TopicEntry, Fact[]>,
  phrases: PhraseIndex<FactPhrase>,
  topics: PhraseIndex<TopicPhrase>,
  positive: Set<Fact>,
  attribute: Map<Fact, string | undefined>,
): Fact[] {
  const words = stems(kase.presentation);
  const found: Array<{ fact: Fact; at: number }> = [];
  const story = (f: Fact) => STORY.has(f.category) && positive.has(f) && attribute.get(f) === undefined;
  for (const h of phrases.scan(words) as Array<PhraseHit<FactPhrase>>) if (story(h.value.fact)) found.push({ fact: h.value.fact, at: h.start });
  for (const h of topics.scan(words)) {
    if (h.value.confidence < 0.8) continue;
    for (const f of byTopic.get(h.value.entry) ?? []) if (story(f)) found.push({ fact: f, at: h.start });
  }
  found.sort((a, b) => a.at - b.at || facts.indexOf(a.fact) - facts.indexOf(b.fact));
  // A fact the case itself calls the chief complaint leads the story.
  const chief = facts.filter((f) => normalize(f.topic) === 'chief complaint' || f.aliases.some((a) => normalize(a) === 'chief complaint'));
  // Case authors open with the presenting complaint, so the first story fact leads; then what the presentation names.
  // A first symptom filed under a property topic ("pain location", aliased "leg pain") is still the complaint.
  const lead = facts[0] && facts[0].category === 'symptom' && positive.has(facts[0]) ? facts[0] : undefined;
  const first = lead ?? facts.find((f) => story(f));
  return [...new Set([...chief, ...(first ? [first] : []), ...found.map((x) => x.fact)])];
}

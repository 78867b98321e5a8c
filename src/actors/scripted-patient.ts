import type { Case, Fact } from '../case/schema.js';
import type { TopicEntry, Vocabulary } from '../case/vocabulary.js';
import type { Question } from '../encounter/actions.js';
import type { PatientInput, PatientReply } from '../encounter/actors.js';
import type { MatchKind } from '../encounter/events.js';
import { normalize } from '../util/text.js';

interface Hit {
  fact: Fact;
  kind: MatchKind;
  start: number;
  end: number;
}

/** A light stem so "radiate", "radiates" and "radiating" meet; short words are left alone. */
function stem(word: string): string {
  return word.length > 4 ? word.replace(/(ing|ed|es|s|e)$/, '') : word;
}

function stems(text: string): string[] {
  return normalize(text).split(' ').filter(Boolean).map(stem);
}

/**
 * Phrases indexed by their first stem, so scanning a question costs one map
 * lookup per word instead of one comparison per known phrase. Built once per
 * vocabulary and once per case: the hot path of every encounter.
 */
class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Array<{ stems: string[]; value: T }>>();

  add(phrase: string, value: T): void {
    const s = stems(phrase);
    if (s.length === 0) return;
    const list = this.byFirst.get(s[0]) ?? [];
    list.push({ stems: s, value });
    this.byFirst.set(s[0], list);
  }

  /** Every (value, start, end) whose phrase occurs in the stemmed words. */
  scan(words: string[]): Array<{ value: T; start: number; end: number }> {
    const out: Array<{ value: T; start: number; end: number }> = [];
    for (let i = 0; i < words.length; i++) {
      const list = this.byFirst.get(words[i]);
      if (!list) continue;
      for (const { stems: p, value } of list) {
        if (i + p.length > words.length) continue;
        let ok = true;
        for (let j = 1; j < p.length; j++) if (words[i + j] !== p[j]) { ok = false; break; }
        if (ok) out.push({ value, start: i, end: i + p.length });
      }
    }
    return out;
  }
}

interface CaseIndex {
  facts: Fact[];
  phrases: PhraseIndex<{ fact: Fact; kind: MatchKind }>;
  byTopic: Map<TopicEntry, Fact[]>;
}

/**
 * The deterministic patient: answers from the case's facts by topic, alias
 * and the shared synonym list, and with a plain pertinent negative when
 * nothing matches. It only ever speaks fact text, so it cannot name the
 * diagnosis unless a fact does.
 */
export class ScriptedPatient {
  private readonly topics = new PhraseIndex<TopicEntry>();
  private readonly cases = new WeakMap<Case, CaseIndex>();

  constructor(private readonly vocabulary: Vocabulary) {
    for (const [phrase, entry] of vocabulary.phrases()) this.topics.add(phrase, entry);
  }

  answer({ kase, question }: Pick<PatientInput, 'kase' | 'question'>): PatientReply {
    const index = this.indexOf(kase);
    const hits = question.topic ? this.byTopic(index, question.topic) : [];
    const words = hits.length > 0 ? [] : stems(question.text);
    const found = hits.length > 0 ? hits : this.byText(index, words);
    if (found.length > 0) {
      const unique = [...new Map(found.map((h) => [h.fact.id, h])).values()];
      return { text: unique.map((h) => h.fact.answer).join(' '), factIds: unique.map((h) => h.fact.id), matched: unique[0].kind };
    }
    return { text: this.negative(kase, question, words), factIds: [], matched: 'none' };
  }

  private indexOf(kase: Case): CaseIndex {
    let index = this.cases.get(kase);
    if (index) return index;
    const facts = kase.facts.filter((f) => f.category !== 'exam');
    const phrases = new PhraseIndex<{ fact: Fact; kind: MatchKind }>();
    const byTopic = new Map<TopicEntry, Fact[]>();
    for (const fact of facts) {
      phrases.add(fact.topic, { fact, kind: 'text' });
      for (const a of fact.aliases) phrases.add(a, { fact, kind: 'alias' });
      const entries = new Set([fact.topic, ...fact.aliases].map((p) => this.vocabulary.lookup(p)).filter((e): e is TopicEntry => e !== undefined));
      for (const e of entries) byTopic.set(e, [...(byTopic.get(e) ?? []), fact]);
    }
    index = { facts, phrases, byTopic };
    this.cases.set(kase, index);
    return index;
  }

  /** A structured query: the topic must name a fact's topic or alias, directly or through a synonym. */
  private byTopic(index: CaseIndex, topic: string): Hit[] {
    const key = normalize(topic);
    const direct = index.facts.filter((f) => normalize(f.topic) === key);
    if (direct.length) return direct.map((fact) => ({ fact, kind: 'topic', start: 0, end: 0 }));
    const alias = index.facts.filter((f) => f.aliases.some((a) => normalize(a) === key));
    if (alias.length) return alias.map((fact) => ({ fact, kind: 'alias', start: 0, end: 0 }));
    const canonical = this.vocabulary.lookup(topic);
    if (!canonical) return [];
    return (index.byTopic.get(canonical) ?? []).map((fact) => ({ fact, kind: 'synonym', start: 0, end: 0 }));
  }

  /** Free text: every fact whose topic, alias or a synonym of its topic appears in the question. */
  private byText(index: CaseIndex, words: string[]): Hit[] {
    const hits: Hit[] = index.phrases.scan(words).map(({ value, start, end }) => ({ ...value, start, end }));
    for (const { value: entry, start, end } of this.topics.scan(words)) {
      for (const fact of index.byTopic.get(entry) ?? []) hits.push({ fact, kind: 'synonym', start, end });
    }
    // A longer phrase wins over a shorter one inside it ("chest pain" over "pain").
    return hits
      .filter((h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start))
      .sort((a, b) => a.start - b.start);
  }

  private negative(kase: Case, question: Question, words: string[]): string {
    const entry = (question.topic && this.vocabulary.lookup(question.topic)) || this.topics.scan(words.length ? words : stems(question.text))[0]?.value;
    const self = kase.patient.speaker === 'self';
    if (entry?.negative && self) return entry.negative;
    const subject = self ? 'I' : kase.patient.sex === 'female' ? 'she' : kase.patient.sex === 'male' ? 'he' : 'they';
    const have = self || subject === 'they' ? "haven't" : "hasn't";
    return entry ? `No, ${subject} ${have} had any ${entry.topic}.` : `No, ${subject} ${have} noticed anything like that.`;
  }
}

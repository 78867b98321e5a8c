import type { Case, Fact } from '../case/schema.js';
import type { Vocabulary } from '../case/vocabulary.js';
import type { Question } from '../encounter/actions.js';
import type { PatientReply } from '../encounter/actors.js';
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

/** Finds every occurrence of a phrase's words in a word list, comparing stems. */
function spans(words: string[], phrase: string): Array<[number, number]> {
  const p = normalize(phrase).split(' ').filter(Boolean).map(stem);
  const out: Array<[number, number]> = [];
  if (p.length === 0) return out;
  for (let i = 0; i + p.length <= words.length; i++) {
    let ok = true;
    for (let j = 0; j < p.length; j++) if (stem(words[i + j]) !== p[j] && words[i + j] !== p[j] + 's') { ok = false; break; }
    if (ok) out.push([i, i + p.length]);
  }
  return out;
}

/**
 * The deterministic patient: answers from the case's facts by topic, alias
 * and the shared synonym list, and with a plain pertinent negative when
 * nothing matches. It only ever speaks fact text, so it cannot name the
 * diagnosis unless a fact does.
 */
export class ScriptedPatient {
  constructor(private readonly vocabulary: Vocabulary) {}

  answer({ kase, question }: { kase: Case; question: Question }): PatientReply {
    const facts = kase.facts.filter((f) => f.category !== 'exam');
    const hits = question.topic ? this.byTopic(facts, question.topic) : [];
    const found = hits.length > 0 ? hits : this.byText(facts, question.text);
    if (found.length > 0) {
      const unique = [...new Map(found.map((h) => [h.fact.id, h])).values()];
      return { text: unique.map((h) => h.fact.answer).join(' '), factIds: unique.map((h) => h.fact.id), matched: unique[0].kind };
    }
    return { text: this.negative(kase, question), factIds: [], matched: 'none' };
  }

  /** A structured query: the topic must name a fact's topic or alias, directly or through a synonym. */
  private byTopic(facts: Fact[], topic: string): Hit[] {
    const key = normalize(topic);
    const direct = facts.filter((f) => normalize(f.topic) === key);
    if (direct.length) return direct.map((fact) => ({ fact, kind: 'topic', start: 0, end: 0 }));
    const alias = facts.filter((f) => f.aliases.some((a) => normalize(a) === key));
    if (alias.length) return alias.map((fact) => ({ fact, kind: 'alias', start: 0, end: 0 }));
    const canonical = this.vocabulary.lookup(topic);
    if (!canonical) return [];
    return facts
      .filter((f) => this.vocabulary.lookup(f.topic) === canonical || f.aliases.some((a) => this.vocabulary.lookup(a) === canonical))
      .map((fact) => ({ fact, kind: 'synonym', start: 0, end: 0 }));
  }

  /** Free text: every fact whose topic, alias or a synonym of its topic appears in the question. */
  private byText(facts: Fact[], text: string): Hit[] {
    const words = normalize(text).split(' ').filter(Boolean);
    const hits: Hit[] = [];
    for (const fact of facts) {
      for (const [phrase, kind] of [[fact.topic, 'text'], ...fact.aliases.map((a) => [a, 'alias'])] as Array<[string, MatchKind]>) {
        for (const [start, end] of spans(words, phrase)) hits.push({ fact, kind, start, end });
      }
    }
    for (const [phrase, entry] of this.vocabulary.phrases()) {
      const found = spans(words, phrase);
      if (found.length === 0) continue;
      for (const fact of facts) {
        if (this.vocabulary.lookup(fact.topic) === entry || fact.aliases.some((a) => this.vocabulary.lookup(a) === entry)) {
          for (const [start, end] of found) hits.push({ fact, kind: 'synonym', start, end });
        }
      }
    }
    // A longer phrase wins over a shorter one inside it ("chest pain" over "pain").
    return hits
      .filter((h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start))
      .sort((a, b) => a.start - b.start);
  }

  private negative(kase: Case, question: Question): string {
    const entry = (question.topic && this.vocabulary.lookup(question.topic)) || this.vocabulary.phrases().find(([p]) => spans(normalize(question.text).split(' '), p).length > 0)?.[1];
    const self = kase.patient.speaker === 'self';
    if (entry?.negative && self) return entry.negative;
    const subject = self ? 'I' : kase.patient.sex === 'female' ? 'she' : kase.patient.sex === 'male' ? 'he' : 'they';
    const have = self || subject === 'they' ? "haven't" : "hasn't";
    const what = entry ? entry.topic : 'anything like that';
    return entry ? `No, ${subject} ${have} had any ${what}.` : `No, ${subject} ${have} noticed anything like that.`;
  }
}

import type { Case, Fact } from '../../case/schema.js';
import { loadLayTerms, type LayTerms } from '../../case/lay-terms.js';
import { loadVocabulary, type TopicEntry, type Vocabulary } from '../../case/vocabulary.js';
import { caseKey } from '../../case/case-set-hash.js';
import type { DiskMemo } from '../../util/disk-memo.js';
import type { PatientInput, PatientReply } from '../../encounter/actors.js';
import type { MatchKind } from '../../encounter/events.js';
import { normalize } from '../../util/text.js';
import { buildCaseIndex, type CaseIndex } from './case-index.js';
import { compose } from './compose.js';
import type { PhraseIndex } from './phrase-index.js';
import { categoryFacts, resolveClause, type Part, type ResolveContext } from './resolve.js';
import type { TopicPhrase } from './topic-index.js';
import { cachedTopicIndex } from './topic-cache.js';
import { replyKey, replyMemo } from './reply-cache.js';
import { voiceOf } from './voice.js';
import { clauses, MAX_QUESTION_CHARS } from './words.js';

/**
 * The deterministic patient. It reads a question the way a clinician means
 * it — openers, follow-ups bound to the complaint under discussion, category
 * questions, lay review of systems, several questions in one message — and
 * answers only with the case's fact texts. A plain "No" comes only when a
 * topic was understood with confidence and the case holds nothing on it;
 * otherwise it says it did not understand (`unclear`). It speaks fact text
 * and a few fixed phrases only, so it cannot name the diagnosis unless a fact does.
 */
export class ScriptedPatient {
  private built?: { lay: LayTerms; topics: PhraseIndex<TopicPhrase> };
  private readonly cases = new WeakMap<Case, CaseIndex>();
  /** Replies that depend only on the case and the question, by case. */
  private readonly replies = new WeakMap<Case, Map<string, PatientReply>>();
  /** Replies that also read the dialogue (follow-ups, "anything else?"), by case, then question and what they read of it. */
  private readonly followUps = new WeakMap<Case, Map<string, PatientReply>>();
  private disk?: DiskMemo<PatientReply> | null;

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly layTerms?: LayTerms,
  ) {}

  // Built on the first question, not at construction: a CLI command that never asks pays nothing.
  private get lay(): LayTerms {
    return this.indexes().lay;
  }
  private get topics(): PhraseIndex<TopicPhrase> {
    return this.indexes().topics;
  }
  private indexes(): { lay: LayTerms; topics: PhraseIndex<TopicPhrase> } {
    if (!this.built) {
      const lay = this.layTerms ?? loadLayTerms(this.vocabulary);
      // Shared by every patient over the same vocabulary and lay terms (each run builds its own patient; the
      // index is a pure function of the two and takes a few hundred ms of CPU to build).
      let byLay = topicIndexes.get(this.vocabulary);
      if (!byLay) topicIndexes.set(this.vocabulary, (byLay = new WeakMap()));
      let topics = byLay.get(lay);
      if (!topics) byLay.set(lay, (topics = cachedTopicIndex(this.vocabulary, lay)));
      this.built = { lay, topics };
    }
    return this.built;
  }

  /** Builds the topic index now, not on the first question (a long-lived server calls it at start). */
  warm(): void {
    this.indexes();
  }

  answer({ kase, question, dialogue = [] }: Pick<PatientInput, 'kase' | 'question'> & Partial<Pick<PatientInput, 'dialogue'>>): PatientReply {
    // The same questions recur across thousands of encounters; a reply that did not depend on the dialogue is reused,
    // and kept on disk for the next process (only over the shipped vocabulary and lay terms the disk key covers).
    const key = `${question.topic ?? ''}\0${question.text}`;
    let replies = this.replies.get(kase);
    if (!replies) this.replies.set(kase, (replies = new Map()));
    let hit = replies.get(key);
    if (hit) return copyReply(hit);
    // Any other reply is a pure function of the question and, of the dialogue, only each turn's question text and the
    // fact ids it told (the subject of a follow-up, what is still untold): a scripted doctor repeats the same dialogue
    // with every seed, so its follow-ups are reused under a key that holds exactly those.
    let followUps = this.followUps.get(kase);
    if (!followUps) this.followUps.set(kase, (followUps = new Map()));
    const followKey = `${key}\0${dialogueKey(dialogue)}`;
    hit = followUps.get(followKey);
    if (hit) return copyReply(hit);
    const disk = this.onDisk();
    let freeKey: string | undefined;
    let followed: string | undefined;
    if (disk) {
      hit = disk.get((freeKey = replyKey(caseKey(kase), key)));
      if (hit) remember(replies, key, hit);
      // A reply that followed the dialogue is a pure function of it too: on disk under the dialogue's hash.
      else if ((hit = disk.get((followed = replyKey(caseKey(kase), key, dialogue))))) rememberFollowUp(followUps, followKey, hit);
      if (hit) return copyReply(hit);
    }
    const reply = this.compute(this.indexOf(kase), kase, question, dialogue);
    const kept = copyReply(reply);
    const free = DIALOGUE_FREE.test(reply.rule ?? '') && !/(^| \| )(follow-up|more|anything-else)/.test(reply.rule ?? '');
    if (free) remember(replies, key, kept);
    else rememberFollowUp(followUps, followKey, kept);
    // Bounded per process: a model doctor's free text would otherwise grow the memo with every question.
    if (disk && diskWrites < MAX_DISK_WRITES) {
      diskWrites++;
      disk.set(free ? freeKey! : followed!, kept);
    }
    return reply;
  }

  /** The disk memo of replies when this patient reads the shipped vocabulary and lay terms (its key covers only those). */
  private onDisk(): DiskMemo<PatientReply> | undefined {
    if (this.disk === undefined) this.disk = this.layTerms === undefined && this.vocabulary === loadVocabulary() ? (sharedMemo ??= replyMemo()) : null;
    return this.disk ?? undefined;
  }

  private compute(index: CaseIndex, kase: Case, question: PatientInput['question'], dialogue: readonly PatientInput['dialogue'][number][]): PatientReply {
    const voice = voiceOf(kase);
    if (question.topic) {
      const hinted = this.byHint(index, question.topic);
      if (hinted.facts.length > 0) return reply(hinted.facts, hinted.matched, 'topic-hint', 1);
    }
    const told = new Set<string>();
    for (const t of dialogue) for (const id of t.factIds) told.add(id);
    const ctx: ResolveContext = { index, topics: this.topics, dialogue, told, hinted: question.topic !== undefined };
    const parts: Part[] = [];
    const all = clauses(typeof question.text === 'string' ? question.text : '');
    for (const c of all.slice(0, MAX_CLAUSES)) {
      const part = resolveClause(c, ctx);
      for (const f of part.facts) told.add(f.id);
      parts.push(part);
    }
    // A pasted wall of questions: the first dozen are answered and the patient says it lost the rest, in bounded time.
    if (all.length > MAX_CLAUSES || (question.text?.length ?? 0) > MAX_QUESTION_CHARS)
      parts.push({ facts: [], denied: [], say: 'unclear', rule: 'unclear:too-many', confidence: 0.2, matched: 'unclear' });
    const answered = parts.some((p) => p.facts.length > 0);
    if (question.topic && !answered) {
      // A structured hint is a question understood with confidence: its topic's facts, the facts that mention it, or a denial.
      const entry = this.vocabulary.lookup(question.topic);
      if (entry) {
        const facts = categoryFacts(entry, index, true);
        const part: Part = facts.length
          ? { facts, denied: [], rule: `topic-hint-mention:${entry.topic}`, confidence: 0.8, matched: 'synonym' }
          : { facts: [], denied: [entry], rule: `topic-hint-deny:${entry.topic}`, confidence: 1, matched: 'none' };
        parts.splice(0, parts.length, part);
      }
    }
    if (parts.length === 0) parts.push({ facts: [], denied: [], say: 'unclear', rule: 'unclear:empty', confidence: 0, matched: 'unclear' });
    const { text, facts } = compose(parts, this.lay, voice);
    const informative = parts.filter((p) => !p.filler && (p.facts.length > 0 || p.denied.length > 0));
    const matched: MatchKind =
      facts.length > 0
        ? (parts.find((p) => p.facts.length > 0)?.matched ?? 'synonym')
        : informative.length > 0
          ? 'none'
          : (parts.find((p) => p.matched !== 'unclear')?.matched ?? 'unclear');
    const scored = informative.length > 0 ? informative : parts;
    const rule = scored.map((p) => p.rule).join(' | ');
    const confidence = Math.min(...scored.map((p) => p.confidence));
    return { text, factIds: facts.map((f) => f.id), matched, rule, confidence: Math.round(confidence * 100) / 100 };
  }

  private indexOf(kase: Case): CaseIndex {
    let index = this.cases.get(kase);
    if (!index) this.cases.set(kase, (index = buildCaseIndex(kase, this.vocabulary, this.topics)));
    return index;
  }

  /** A structured query: the topic must name a fact's topic or alias, directly or through a synonym. */
  private byHint(index: CaseIndex, topic: string): { facts: Fact[]; matched: MatchKind } {
    const key = normalize(topic);
    const direct = index.byTopicName.get(key);
    if (direct) return { facts: [...direct], matched: 'topic' };
    const alias = index.byAliasName.get(key);
    if (alias) return { facts: [...alias], matched: 'alias' };
    const canonical: TopicEntry | undefined = this.vocabulary.lookup(topic);
    return { facts: canonical ? (index.byTopic.get(canonical) ?? []) : [], matched: 'synonym' };
  }
}

const topicIndexes = new WeakMap<Vocabulary, WeakMap<LayTerms, PhraseIndex<TopicPhrase>>>();

const REPLY_CACHE_LIMIT = 2_000;
/** Follow-up replies kept per case, and the longest key kept (a scripted doctor's dialogues are short and repeat). */
const FOLLOW_UP_LIMIT = 256;
const FOLLOW_UP_KEY_CHARS = 2_048;
let sharedMemo: DiskMemo<PatientReply> | undefined;
const MAX_DISK_WRITES = 20_000;
let diskWrites = 0;

function remember(replies: Map<string, PatientReply>, key: string, reply: PatientReply): void {
  if (replies.size >= REPLY_CACHE_LIMIT) replies.clear();
  replies.set(key, reply);
}

function rememberFollowUp(followUps: Map<string, PatientReply>, key: string, reply: PatientReply): void {
  // A model doctor's long dialogues never repeat: they are not kept, and the memo stays small.
  if (key.length > FOLLOW_UP_KEY_CHARS) return;
  if (followUps.size >= FOLLOW_UP_LIMIT) followUps.clear();
  followUps.set(key, reply);
}
/** The most questions one message gets answered; a real consultation asks two or three at once. */
const MAX_CLAUSES = 12;
// Rules whose reply depends only on the case and the question, never on what was said before.
const DIALOGUE_FREE = /^(topic|fact-phrase|deny|related|fact-words|unclear|greeting|diagnosis-request|opener|topic-hint)/;

/**
 * A reply of compute's, with its own fact ids (the caller may keep them), field by field in compute's key order: a
 * spread of objects of several shapes is slower, and a cached reply is copied on every hit.
 */
function copyReply(r: PatientReply): PatientReply {
  return { text: r.text, factIds: [...r.factIds], matched: r.matched, rule: r.rule, confidence: r.confidence };
}

/** What a reply may read of the dialogue, unambiguously: each turn's question text and told fact ids. */
function dialogueKey(dialogue: readonly PatientInput['dialogue'][number][]): string {
  let key = '';
  for (const t of dialogue) key += JSON.stringify(t.question.text) + JSON.stringify(t.factIds);
  return key;
}

function reply(facts: Fact[], matched: MatchKind, rule: string, confidence: number): PatientReply {
  return { text: facts.map((f) => f.answer).join(' '), factIds: facts.map((f) => f.id), matched, rule, confidence };
}

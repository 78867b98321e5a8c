import type { Fact } from '../../case/schema.js';
import type { TopicEntry } from '../../case/vocabulary.js';
import type { DialogueTurn } from '../../encounter/actors.js';
import type { MatchKind } from '../../encounter/events.js';
import { attributeOfTopic as attributeOf, type CaseIndex, type FactPhrase } from './case-index.js';
import type { PhraseHit, PhraseIndex } from './phrase-index.js';
import { classifyClause, type Attribute, type ClauseKind } from './question-kind.js';
import type { TopicPhrase } from './topic-index.js';
import { stem, stems } from './words.js';
import { containsPhrase } from '../../util/text.js';
import { relatedTopics } from './related-topics.js';
import { contentStems, factsNamedLoosely } from './fact-words.js';
import { overlapFacts, questionStems } from './overlap.js';

/** What one clause of a question resolved to. */
export interface Part {
  facts: Fact[];
  /** Topics understood with confidence for which the case holds nothing: a plain denial. */
  denied: TopicEntry[];
  /** A fixed reply (greeting, unclear, "that's everything"), when no fact or denial says it. */
  say?: 'greeting-hello' | 'greeting-thanks' | 'greeting-ok' | 'unclear' | 'diagnosis' | 'nothing-else' | 'nothing-more';
  rule: string;
  confidence: number;
  matched: MatchKind;
  /** A greeting or filler inside a longer message: dropped when other parts answer. */
  filler?: boolean;
}

/** The context a clause is resolved in: the case's index, the dialogue and the shared topic phrases. */
export interface ResolveContext {
  index: CaseIndex;
  topics: PhraseIndex<TopicPhrase>;
  dialogue: readonly DialogueTurn[];
  /** Fact ids already told in this encounter, and in this reply so far. */
  told: Set<string>;
  /**
   * The question came with a topic hint (the built-in doctors): the hint is
   * exact, so the loose looks meant for free text (fact words, related
   * systems) are left out and the hint's own facts or denial decide.
   */
  hinted?: boolean;
}

interface Target {
  start: number;
  end: number;
  facts: Fact[];
  entry?: TopicEntry;
  confidence: number;
  matched: MatchKind;
  /** Several words, or the vocabulary's own name: specific enough to deny beside other topics. */
  specific: boolean;
}

const STORY = new Set(['symptom', 'history', 'ros', 'other']);
const MAX_VOLUNTEERED = 2;

/** Resolves one clause of a question to facts, denials or a fixed reply. */
export function resolveClause(clause: string, ctx: ResolveContext): Part {
  const read = readClause(clause, ctx);
  if (read === undefined) return fixed('diagnosis', 'diagnosis-request', 0.9, 'unclear');
  const { kind, words, targets, attributes, excluded } = read;
  if (kind.kind === 'greeting' && targets.length === 0) {
    const w = words[0] ?? '';
    const say = /^(hi|hello|hey|good|nice|pleas)/.test(w) ? 'greeting-hello' : /^thank/.test(w) ? 'greeting-thanks' : 'greeting-ok';
    return { ...fixed(say, 'greeting', 0.9, 'unclear'), filler: true };
  }
  if (kind.kind === 'opener') return opener(ctx);
  if (kind.kind === 'more' && targets.length === 0) return more(ctx, clause);
  if (kind.kind === 'else' && targets.length === 0) return anythingElse(ctx, excluded);
  const loose = (minWords = 2) =>
    ctx.hinted ? [] : factsNamedLoosely(new Set(contentStems(clause)), ctx.index.names, minWords).filter((f) => !excluded.has(f));
  // "Does it go to your arm or jaw?": body parts in a question about where it goes are places, not complaints to deny.
  const placed = attributes.includes('radiation') || attributes.includes('site') ? targets.filter((t) => t.facts.length > 0) : targets;
  if (placed.length > 0) return byTargets(placed, attributes, ctx, loose, words);
  if (attributes.length > 0) return followUp(attributes, ctx, clause);
  const named = loose(1);
  if (named.length > 0) return { facts: named, denied: [], rule: 'fact-words', confidence: 0.6, matched: 'text' };
  // No topic at all ("Any hernias?"): a fact that shares a specific word answers before "Sorry, what do you mean?".
  const net = ctx.hinted ? undefined : overlapFacts(questionStems(words), ctx.index.overlap);
  if (net && net.facts.length > 0) return { facts: net.facts, denied: [], rule: `overlap:${net.facts[0].id}`, confidence: 0.4, matched: 'text' };
  return fixed('unclear', 'unclear', 0.2, 'unclear');
}

/** What a clause says before the dialogue is consulted: a pure function of the clause, the case and the hint flag. */
interface ClauseReading {
  kind: ClauseKind;
  words: readonly string[];
  targets: Target[];
  attributes: Attribute[];
  excluded: Set<Fact>;
}

// A run asks each case a few dozen distinct clauses; free-text doctors in a long-lived server ask more, and a reading
// (targets and all) outweighs a cached reply, so the bound is lower than the reply cache's.
const READINGS_LIMIT = 500;
// Per case index, by hint flag and clause text; null marks a request for the diagnosis.
const readings = new WeakMap<CaseIndex, Map<string, ClauseReading | null>>();

/**
 * The clause's kind, stems and targets, memoised per case: the same clauses come back in every encounter, and the
 * follow-ups among them ("Does the pain go anywhere?") are answered from the dialogue, so their replies are not cached.
 * `undefined` for a request for the diagnosis. Readings are shared: nothing downstream mutates them.
 */
function readClause(clause: string, ctx: ResolveContext): ClauseReading | undefined {
  let cache = readings.get(ctx.index);
  if (!cache) readings.set(ctx.index, (cache = new Map()));
  const key = ctx.hinted ? `1${clause}` : `0${clause}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const kind = classifyClause(clause);
  let read: ClauseReading | undefined;
  if (kind.kind !== 'diagnosis-request') {
    const words = stems(clause);
    const { targets, attributes: hinted, excluded } = targetsOf(words, ctx);
    const attributes = kind.kind === 'other' ? [...new Set([...kind.attributes, ...hinted])] : hinted;
    read = { kind, words, targets, attributes, excluded };
  }
  if (cache.size >= READINGS_LIMIT) cache.clear();
  cache.set(key, read ?? null);
  return read;
}

function fixed(say: NonNullable<Part['say']>, rule: string, confidence: number, matched: MatchKind): Part {
  return { facts: [], denied: [], say, rule, confidence, matched };
}

// Attribute topics so general that their facts answer only as a follow-up on the complaint.
const attributeTopics = new Set(['onset', 'duration', 'pain location', 'pain severity', 'pain character', 'pain radiation', 'progression']);

const PATIENT_HISTORY = new Set(['past medical history', 'surgical history']);

const EXCLUDERS = [['apart', 'from'], ['other', 'than'], ['besid'], ['besides'], ['except'], ['aside', 'from'], ['beyond'], ['as', 'well', 'a']];

/** The topics a clause names, longest phrase first; topics after "apart from" are excluded, not asked. */
function targetsOf(words: readonly string[], ctx: ResolveContext): { targets: Target[]; attributes: Attribute[]; excluded: Set<Fact> } {
  const { index, topics } = ctx;
  const raw: Target[] = [];
  const attributes: Attribute[] = [];
  for (const h of index.phrases.scan(words) as Array<PhraseHit<FactPhrase>>) {
    raw.push({ start: h.start, end: h.end, facts: [h.value.fact], confidence: h.length > 1 ? 0.95 : 0.85, matched: h.value.kind, specific: h.length > 1 });
  }
  for (const h of topics.scan(words)) {
    raw.push({
      start: h.start,
      end: h.end,
      facts: categoryFacts(h.value.entry, index, ctx.hinted),
      entry: h.value.entry,
      confidence: h.value.confidence,
      matched: 'synonym',
      specific: h.value.specific,
    });
  }
  // A longer phrase wins over a shorter one inside it ("chest pain" over "pain"; "anyone ... unwell" over "home").
  const kept = raw.filter((t) => !raw.some((o) => o !== t && o.start <= t.start && o.end >= t.end && o.end - o.start > t.end - t.start));
  kept.sort((a, b) => a.start - b.start);
  let exclusionStart = -1;
  for (let i = 0; i < words.length; i++) {
    for (const ex of EXCLUDERS) if (ex.every((w, j) => words[i + j] === w)) exclusionStart = i + ex.length;
  }
  const excluded = new Set<Fact>();
  const targets: Target[] = [];
  for (const t of kept) {
    const attr = t.entry ? attributeOf(t.entry.topic) : t.facts.length === 1 ? index.attribute.get(t.facts[0]) : undefined;
    if (exclusionStart >= 0 && t.start >= exclusionStart && t.start <= exclusionStart + 4) {
      for (const f of t.facts) excluded.add(f);
      continue;
    }
    if (attr && t.entry) {
      // "how long", "where", "how severe" name a property of the complaint, not a complaint to deny;
      // a case that holds a fact on exactly that property ("worse lying flat") answers with it.
      attributes.push(attr as Attribute);
      const own = index.byTopic.get(t.entry) ?? [];
      if (own.length > 0 && !attributeTopics.has(t.entry.topic)) targets.push({ ...t, facts: own });
      continue;
    }
    targets.push(t);
  }
  // "Does anyone in your family have diabetes?": the illnesses named belong to the family, not the patient.
  const family = targets.some((t) => t.entry?.topic === 'family history');
  const own = family ? targets.filter((t) => !(t.entry && PATIENT_HISTORY.has(t.entry.topic))) : targets;
  return { targets: mergeSameEntry(own), attributes, excluded };
}

/** One target per canonical topic; fact-phrase hits for the same facts fold into it. */
function mergeSameEntry(targets: Target[]): Target[] {
  const out: Target[] = [];
  for (const t of targets) {
    const same = out.find((o) => (t.entry && o.entry === t.entry) || (t.facts.length > 0 && t.facts.every((f) => o.facts.includes(f))));
    if (same) {
      same.confidence = Math.max(same.confidence, t.confidence);
      continue;
    }
    out.push({ ...t, facts: [...t.facts] });
  }
  return out;
}

// History categories that imported cases often file inside another fact ("on levothyroxine" in the history text):
// a topic hint on one of these still reads the other facts before denying.
const FILED_ELSEWHERE = new Set(['past medical history', 'surgical history', 'medications', 'allergies', 'family history']);

/**
 * Every fact of a category question ("any medicines?"), or the facts of a
 * topic; when none, the facts whose text mentions it (for a topic hint, only
 * history categories: a symptom named in passing is not an answer to a checklist).
 */
export function categoryFacts(entry: TopicEntry, index: CaseIndex, hinted = false): Fact[] {
  const direct = index.byTopic.get(entry) ?? [];
  let facts: Fact[];
  switch (entry.topic) {
    // A category question gets every fact of the category; other facts only when the category is empty.
    case 'past medical history':
      facts = orElse(
        index.facts.filter((f) => f.category === 'pmh' && index.canonical.get(f)?.topic !== 'surgical history'),
        direct,
      );
      break;
    case 'medications':
      facts = orElse(
        index.facts.filter((f) => f.category === 'medication'),
        direct,
      );
      break;
    case 'allergies':
      facts = orElse(
        index.facts.filter((f) => f.category === 'allergy'),
        direct,
      );
      break;
    case 'family history':
      facts = orElse(
        index.facts.filter((f) => f.category === 'family'),
        direct,
      );
      break;
    case 'social history':
      facts = orElse(
        index.facts.filter((f) => f.category === 'social'),
        direct,
      );
      break;
    default:
      facts = direct;
  }
  if (facts.length > 0 || (hinted && !FILED_ELSEWHERE.has(entry.topic))) return facts;
  return index.mentions.get(entry) ?? [];
}

function orElse(a: Fact[], b: Fact[]): Fact[] {
  return a.length > 0 ? a : b;
}

function byTargets(targets: Target[], attributes: Attribute[], ctx: ResolveContext, loose: (minWords?: number) => Fact[], words: readonly string[]): Part {
  const facts: Fact[] = [];
  const denied: TopicEntry[] = [];
  let confidence = 1;
  let unsure = false;
  const rules: string[] = [];
  const specificAnswered = targets.some((t) => t.facts.length > 0 || t.specific);
  let relatedFound: Fact[];
  for (const t of targets) {
    let found = t.facts;
    if (found.length > 0 && attributes.length > 0 && found.every((f) => STORY.has(f.category))) {
      // "When did the headache start?": the case's onset fact when it is about this complaint.
      const onComplaint = found.some((f) => ctx.index.complaint.includes(f));
      const attr = attributeFacts(attributes, ctx.index).filter((a) => onComplaint || found.some((f) => about(a, f)));
      if (attr.length > 0) found = attr;
    }
    if (found.length > 0) {
      facts.push(...found);
      confidence = Math.min(confidence, t.confidence);
      rules.push(t.entry ? `topic:${t.entry.topic}` : `fact-phrase:${t.facts[0].id}`);
    } else if (t.entry && (relatedFound = loose()).length > 0) {
      facts.push(...relatedFound);
      confidence = Math.min(confidence, 0.7);
      rules.push(`fact-words:${t.entry.topic}`);
    } else if (t.entry && !ctx.hinted && (relatedFound = relatedFacts(t.entry, ctx)).length > 0) {
      facts.push(...relatedFound);
      confidence = Math.min(confidence, 0.7);
      rules.push(`related:${t.entry.topic}`);
    } else if (t.entry && !ctx.hinted && (relatedFound = spokenOf(words, ctx)).length > 0) {
      facts.push(...relatedFound);
      confidence = Math.min(confidence, 0.6);
      rules.push(`answer-words:${t.entry.topic}`);
    } else if (t.entry && t.confidence >= 0.7 && (t.specific || !specificAnswered || targets.length === 1) && !overlapsAnswered(t, targets)) {
      denied.push(t.entry);
      confidence = Math.min(confidence, t.confidence);
      rules.push(`deny:${t.entry.topic}`);
    } else {
      unsure = true;
    }
  }
  if (facts.length === 0 && denied.length === 0) return fixed('unclear', 'unclear:weak-topic', 0.3, 'unclear');
  if (facts.length === 0 && !ctx.hinted) {
    // About to say a plain "No": not while a fact of the case shares a content word with the question.
    const net = overlapFacts(questionStems(words), ctx.index.overlap);
    if (net.ambiguous) return fixed('unclear', 'unclear:overlap', 0.3, 'unclear');
    if (net.facts.length > 0) return { facts: net.facts, denied: [], rule: `overlap:${net.facts[0].id}`, confidence: 0.4, matched: 'text' };
  }
  // "Green or yellow vomit?" names the vomiting topic and, word for word, the case's own "green vomit" fact: give both.
  if (facts.length > 0) {
    const sharper = loose().filter((f) => !facts.includes(f));
    if (sharper.length > 0) {
      facts.push(...sharper);
      rules.push(`fact-words:${sharper[0].id}`);
    }
  }
  const matched: MatchKind = facts.length === 0 ? 'none' : (targets.find((t) => t.facts.length > 0)?.matched ?? 'synonym');
  return { facts: unique(facts), denied, rule: rules.join('+'), confidence: unsure ? Math.min(confidence, 0.5) : confidence, matched };
}

// Body parts specific enough that a fact naming one is about what the question names ("shoulder", not "chest" or
// "neck", which answers use for lumps, infections and stiffness alike).
const PLACES = new Set(
  [
    'shoulder',
    'foot',
    'feet',
    'shoulders',
    'elbow',
    'wrist',
    'thumb',
    'finger',
    'fingers',
    'knuckles',
    'hip',
    'hips',
    'knee',
    'knees',
    'ankle',
    'ankles',
    'heel',
    'toe',
    'toes',
    'thigh',
    'thighs',
    'calf',
    'calves',
    'shin',
    'shins',
    'groin',
    'buttock',
    'buttocks',
    'armpit',
    'armpits',
    'jaw',
    'tooth',
    'teeth',
    'toothache',
    'gums',
    'tongue',
    'testicle',
    'testicles',
    'scrotum',
    'nipple',
    'ribs',
    'collarbone',
    'temple',
    'eyebrow',
    'eyelid',
    'eyelids',
  ].map(stem),
);
const answerWords = new WeakMap<Fact, Set<string>>();

/**
 * The last look before a denial: an affirmed fact whose own words name what
 * the question named ("Any pain in your shoulder?" when the case says "my left
 * shoulder tip has ached"), so the patient never denies what it would say.
 */
function spokenOf(clause: readonly string[], ctx: ResolveContext): Fact[] {
  const named = clause.filter((w) => PLACES.has(w));
  if (named.length === 0) return [];
  return ctx.index.facts.filter((f) => {
    if (!ctx.index.positive.has(f)) return false;
    let set = answerWords.get(f);
    if (!set) answerWords.set(f, (set = new Set(stems(f.answer))));
    return named.every((w) => set.has(w));
  });
}

/** Facts on a topic of the same system, answered before any denial. */
function relatedFacts(entry: TopicEntry, ctx: ResolveContext): Fact[] {
  const out: Fact[] = [];
  for (const [e, facts] of ctx.index.byTopic) if (relatedTopics(entry.topic).has(e.topic)) out.push(...facts);
  return unique(out);
}

/** Another reading of the same words found facts: "hot weather" as heat intolerance, not as an exposure to deny. */
function overlapsAnswered(t: Target, targets: Target[]): boolean {
  return targets.some((o) => o !== t && o.facts.length > 0 && o.start < t.end && t.start < o.end);
}

/** Whether an attribute fact speaks of the same complaint as a story fact ("headache onset" and "headache"). */
function about(attr: Fact, story: Fact): boolean {
  const text = `${attr.topic} ${attr.aliases.join(' ')} ${attr.answer}`;
  return [story.topic, ...story.aliases].some((p) => containsPhrase(text, p));
}

function unique(facts: Fact[]): Fact[] {
  return [...new Set(facts)];
}

/** Facts that answer a follow-up attribute directly ("how long" -> a duration fact). */
function attributeFacts(attributes: Attribute[], index: CaseIndex): Fact[] {
  return index.facts.filter((f) => {
    const a = index.attribute.get(f);
    return a !== undefined && (attributes as string[]).includes(a);
  });
}

/**
 * The complaint under discussion: the facts of the last reply that had any
 * ("Have you ever smoked?" then "How long for?" is about smoking), except
 * that after the story questions (openers, "go on") it is the presenting
 * complaint; a question about "the pain" goes to the case's pain.
 */
function subjectOf(ctx: ResolveContext, clause = ''): Fact | undefined {
  const { index } = ctx;
  const { byId } = index;
  let subject: Fact | undefined;
  for (let i = ctx.dialogue.length - 1; i >= 0 && !subject; i--) {
    const turn = ctx.dialogue[i];
    const facts = turn.factIds.map((id) => byId.get(id)).filter((f): f is Fact => f !== undefined && index.attribute.get(f) === undefined);
    if (facts.length === 0) continue;
    const kind = classifyClause(turn.question.text).kind;
    subject =
      kind === 'opener' || kind === 'more' || kind === 'else' ? (index.complaint[0] ?? facts[0]) : (facts.find((f) => index.positive.has(f)) ?? facts[0]);
  }
  subject ??= index.complaint[0];
  if (PAIN.test(clause) && subject && !PAIN.test(`${subject.topic} ${subject.aliases.join(' ')}`)) {
    const pain = [...index.complaint, ...index.facts].find(
      (f) => STORY.has(f.category) && index.positive.has(f) && index.attribute.get(f) === undefined && PAIN.test(`${f.topic} ${f.aliases.join(' ')}`),
    );
    if (pain) subject = pain;
  }
  return subject;
}

const PAIN = /\b(pain|pains|ache|aches|aching|hurts?|hurting|sore|discomfort)\b/i;

function followUp(attributes: Attribute[], ctx: ResolveContext, clause: string): Part {
  const subject = subjectOf(ctx, clause);
  const rule = `follow-up:${attributes.join('+')}`;
  if (attributes.length === 1 && attributes[0] === 'associated') {
    const extra = volunteered(ctx, new Set(subject ? [subject] : []), 3);
    if (extra.length) return { facts: extra, denied: [], rule, confidence: 0.8, matched: 'topic' };
  }
  const onComplaint = subject === undefined || ctx.index.complaint.includes(subject);
  const direct = onComplaint ? attributeFacts(attributes, ctx.index) : [];
  if (direct.length > 0) return { facts: direct, denied: [], rule, confidence: 0.9, matched: 'topic' };
  if (subject) return { facts: [subject], denied: [], rule: `${rule}:complaint`, confidence: 0.8, matched: 'topic' };
  return fixed('unclear', `${rule}:no-complaint`, 0.3, 'unclear');
}

function opener(ctx: ResolveContext): Part {
  const facts = ctx.index.complaint.slice(0, MAX_VOLUNTEERED);
  if (facts.length === 0) return fixed('unclear', 'opener:no-complaint', 0.3, 'unclear');
  return { facts, denied: [], rule: 'opener', confidence: 0.95, matched: 'topic' };
}

/** "Tell me more": the complaint's own details not yet told, else other things the patient has noticed; "describe it" restates it first. */
function more(ctx: ResolveContext, clause: string): Part {
  const subject = subjectOf(ctx, clause);
  const onComplaint = subject === undefined || ctx.index.complaint.includes(subject);
  const details = onComplaint ? ctx.index.facts.filter((f) => ctx.index.attribute.get(f) !== undefined && !ctx.told.has(f.id)) : [];
  if (subject && (!ctx.told.has(subject.id) || DESCRIBE.test(clause))) details.unshift(subject);
  const facts = details.length ? details.slice(0, MAX_VOLUNTEERED) : volunteered(ctx, new Set(), MAX_VOLUNTEERED);
  if (facts.length === 0) return fixed('nothing-more', 'more:nothing', 0.8, 'none');
  return { facts, denied: [], rule: 'more', confidence: 0.85, matched: 'topic' };
}

const DESCRIBE = /\b(describe|about (it|that|this|the pain|them))\b/i;

/** "Anything else?": history and symptoms the patient has and has not told yet. */
function anythingElse(ctx: ResolveContext, excluded: Set<Fact>): Part {
  const facts = volunteered(ctx, excluded, MAX_VOLUNTEERED);
  if (facts.length === 0) return fixed('nothing-else', 'anything-else:nothing', 0.8, 'none');
  return { facts, denied: [], rule: 'anything-else', confidence: 0.85, matched: 'topic' };
}

function volunteered(ctx: ResolveContext, excluded: Set<Fact>, max: number): Fact[] {
  const { index } = ctx;
  const order = [...index.complaint, ...index.facts];
  const out: Fact[] = [];
  for (const f of order) {
    if (out.length >= max) break;
    if (out.includes(f) || excluded.has(f) || ctx.told.has(f.id)) continue;
    if (!STORY.has(f.category) || !index.positive.has(f)) continue;
    out.push(f);
  }
  return out;
}

import type { KnowledgeBase } from './knowledge-base.js';
import type { Observation } from './posterior.js';
import type { Question } from '../encounter/actions.js';
import type { DoctorView, RevealedItem } from '../encounter/view.js';
import type { Result, ResultFlag } from '../case/schema.js';
import { canonicalTarget } from '../case/exam-targets.js';
import { isNegativeAnswer, isUnclearAnswer, mentionsAffirmed, normalize } from '../util/text.js';
import { affirmedIn, joinPrepared, prepareText, type PreparedText } from './keyword-match.js';
import { namesTopic, symptomPhrases, topicOfQuestion } from './question-topic.js';
import { droppedFindings } from './patient-kb.js';
import { storedReading, type Marks } from './reading-cache.js';
import { memoByString } from '../util/memo.js';

export { keywordAffirmed } from './keyword-match.js';
export { topicOfQuestion } from './question-topic.js';

const EMPTY: PreparedText = { clauses: [], joined: '' };

/**
 * What has been observed per finding: 1 present, -1 absent, 0 not observed.
 * Present wins over absent, so a later affirmative answer is never undone by
 * an earlier or vaguer denial.
 */
export type EvidenceState = Int8Array;

/** A fresh state with nothing observed. */
export function createEvidence(kb: KnowledgeBase): EvidenceState {
  return new Int8Array(kb.findings.length);
}

/**
 * Where a reader lists the findings whose state it changed (a finding may appear twice: absent, then present),
 * so a caller keeping sums over the state updates only those rather than comparing every finding.
 */
export type EvidenceChanges = number[];

function mark(state: EvidenceState, finding: number, present: boolean, changed: EvidenceChanges | undefined): void {
  const was = state[finding];
  if (present) state[finding] = 1;
  else if (was === 0) state[finding] = -1;
  if (changed !== undefined && state[finding] !== was) changed.push(finding);
}

/** The observations a state holds, in finding order. */
export function observationsOf(state: EvidenceState): Observation[] {
  const out: Observation[] = [];
  for (let i = 0; i < state.length; i++) if (state[i] !== 0) out.push({ finding: i, present: state[i] > 0 });
  return out;
}

/**
 * What one reply or exam report marks, as finding * 2 + (present ? 1 : 0) in
 * reading order. Reading depends only on the knowledge base, the topic or
 * target and the text, and the deterministic hospital repeats the same texts
 * across thousands of encounters, so readings are memoised per knowledge base
 * (dropped whole when full, to bound memory).
 */
const READING_CACHE_LIMIT = 20_000;
// By scope (kind and topic or target), then by text: the texts are kept as given, so a string the hospital hands
// out again keeps its hash, where a concatenated key would be hashed again in full on every lookup.
const readings = new WeakMap<KnowledgeBase, { size: number; byScope: Map<string, Map<string, Marks>> }>();

function cachedMarks(kb: KnowledgeBase, scope: string, text: string, read: (kb: KnowledgeBase) => Marks): Marks {
  let cache = readings.get(kb);
  if (!cache) readings.set(kb, (cache = { size: 0, byScope: new Map() }));
  let byText = cache.byScope.get(scope);
  if (!byText) cache.byScope.set(scope, (byText = new Map()));
  let hit = byText.get(text);
  if (hit === undefined) {
    if (cache.size >= READING_CACHE_LIMIT) {
      cache.byScope.clear();
      cache.size = 0;
      cache.byScope.set(scope, (byText = new Map()));
    }
    byText.set(text, (hit = kb.base ? viewMarks(kb, cachedMarks(kb.base, scope, text, read)) : storedReading(kb, scope, text, () => read(kb))));
    cache.size++;
  }
  return hit;
}

/**
 * A patient view's reading, from the shared knowledge base's: a reading marks each finding of the topic or target
 * from its own probe alone, in list order, and a view's lists are the shared ones without the findings it drops
 * (kb/patient-kb.ts), with the same probes. So the view's marks are the shared ones without those findings.
 */
function viewMarks(view: KnowledgeBase, marks: Marks): Marks {
  const gone = droppedFindings(view);
  return gone.size === 0 ? marks : marks.filter((m) => !gone.has(m >> 1));
}

function applyMarks(state: EvidenceState, marks: Marks, changed: EvidenceChanges | undefined): void {
  for (let k = 0; k < marks.length; k++) mark(state, marks[k] >> 1, (marks[k] & 1) === 1, changed);
}

/** What a reply's text alone says: its normalised form, and whether it denies or asks back. */
interface ReplyText {
  key: string;
  negative: boolean;
  unclear: boolean;
}

// The same replies recur across encounters and each is looked at several times: read once.
const replyText = memoByString(
  (text: string): ReplyText => ({ key: normalize(text), negative: isNegativeAnswer(text), unclear: isUnclearAnswer(text) }),
  20_000,
);

function observeAnswer(
  kb: KnowledgeBase,
  question: Question,
  text: string,
  state: EvidenceState,
  changed?: EvidenceChanges,
  topic = topicOfQuestion(kb.vocabulary, question),
): void {
  // "Sorry, what do you mean?" is neither a denial nor a finding.
  if (replyText(text).unclear) return;
  const findings = topic === undefined ? undefined : kb.byTopic.get(topic);
  if (!findings) return;
  applyMarks(
    state,
    cachedMarks(kb, `a\0${topic}`, text, (kb) => {
      const findings = kb.byTopic.get(topic!)!;
      const denied = isNegativeAnswer(text);
      const prepared = prepareText(text);
      const marks: number[] = [];
      for (const i of findings) {
        const probe = kb.findings[i].probe;
        if (probe.kind !== 'ask') continue;
        const present = !denied && (probe.match.length === 0 || probe.match.some((kw) => affirmedIn(prepared, kw)));
        marks.push(i * 2 + (present ? 1 : 0));
      }
      return marks;
    }),
    changed,
  );
}

function observeExam(kb: KnowledgeBase, target: string, text: string, state: EvidenceState, changed?: EvidenceChanges): void {
  const canonical = canonicalTarget(target) ?? target;
  const findings = kb.byTarget.get(canonical);
  if (!findings) return;
  applyMarks(
    state,
    cachedMarks(kb, `e\0${canonical}`, text, (kb) => {
      const findings = kb.byTarget.get(canonical)!;
      const prepared = prepareText(text);
      const marks: number[] = [];
      for (const i of findings) {
        const probe = kb.findings[i].probe;
        if (probe.kind === 'examine') marks.push(i * 2 + (probe.match.some((kw) => affirmedIn(prepared, kw)) ? 1 : 0));
      }
      return marks;
    }),
    changed,
  );
}

/** One result, indexed once for the many findings that read it. */
class ResultReader {
  private components?: Map<string, NonNullable<Result['components']>[string]>;
  private wholeFlags?: Array<ResultFlag | undefined>;
  private texts?: PreparedText;

  constructor(private readonly result: Result) {}

  /** A component by name, case-insensitively. */
  component(name: string) {
    if (!this.components) {
      this.components = new Map();
      for (const [key, c] of Object.entries(this.result.components ?? {})) this.components.set(key.trim().toLowerCase(), c);
    }
    return this.components.get(name);
  }

  /** The result's flag, or when it has none, its components' flags. */
  flags(): Array<ResultFlag | undefined> {
    if (!this.wholeFlags) {
      const r = this.result;
      this.wholeFlags = r.flag !== undefined ? [r.flag] : Object.values(r.components ?? {}).map((c) => c.flag);
    }
    return this.wholeFlags;
  }

  /** The report text and every string value, tokenised on first need: many results are only numbers. */
  text(): PreparedText {
    if (!this.texts) {
      const r = this.result;
      const parts: string[] = [];
      if (r.text) parts.push(r.text);
      if (typeof r.value === 'string') parts.push(r.value);
      for (const c of Object.values(r.components ?? {})) if (typeof c.value === 'string') parts.push(c.value);
      this.texts = joinPrepared(parts.map(prepareText));
    }
    return this.texts;
  }
}

/**
 * Reads one test finding from a result; undefined when the result cannot tell
 * (the named component is missing). A result with no flag reads as normal; a
 * whole-test flag finding on a result with only component flags reads those.
 */
function readResult(probe: Extract<KnowledgeBase['findings'][number]['probe'], { kind: 'order' }>, reader: ResultReader): boolean | undefined {
  let flags: ReadonlyArray<ResultFlag | undefined>;
  let texts: PreparedText;
  if (probe.component !== undefined) {
    const c = reader.component(probe.component);
    if (!c) return undefined;
    flags = [c.flag];
    texts = probe.match.length > 0 && typeof c.value === 'string' ? prepareText(c.value) : EMPTY;
  } else {
    flags = reader.flags();
    texts = probe.match.length > 0 ? reader.text() : EMPTY;
  }
  if (probe.flags.size > 0 && flags.some((f) => f !== undefined && probe.flags.has(f))) return true;
  if (probe.match.length > 0 && probe.match.some((kw) => affirmedIn(texts, kw))) return true;
  return false;
}

// Readings of case results by result object: a case's listed results are shared, never-mutated objects
// that every encounter of the case reveals again. Held weakly, so they go with the case.
const resultReadings = new WeakMap<KnowledgeBase, WeakMap<Result, Map<string, Marks>>>();

function observeResult(kb: KnowledgeBase, testId: string, result: Result, state: EvidenceState, changed?: EvidenceChanges): void {
  if (!kb.byTest.has(testId)) return;
  applyMarks(state, resultMarks(kb, testId, result), changed);
}

function resultMarks(kb: KnowledgeBase, testId: string, result: Result): Marks {
  let byResult = resultReadings.get(kb);
  if (!byResult) resultReadings.set(kb, (byResult = new WeakMap()));
  let byTest = byResult.get(result);
  if (!byTest) byResult.set(result, (byTest = new Map()));
  let marks = byTest.get(testId);
  if (!marks) {
    // A patient view's reading is the shared one without the findings it drops (viewMarks). On disk, a result is
    // known by its JSON: what JSON loses (undefined fields, NaN) is nothing a reading looks at.
    marks = kb.base
      ? viewMarks(kb, resultMarks(kb.base, testId, result))
      : storedReading(kb, `r\0${testId}`, JSON.stringify(result), () => readResultMarks(kb, testId, result));
    byTest.set(testId, marks);
  }
  return marks;
}

function readResultMarks(kb: KnowledgeBase, testId: string, result: Result): Marks {
  const reader = new ResultReader(result);
  const read: number[] = [];
  for (const i of kb.byTest.get(testId)!) {
    const probe = kb.findings[i].probe;
    if (probe.kind !== 'order') continue;
    const seen = readResult(probe, reader);
    if (seen !== undefined) read.push(i * 2 + (seen ? 1 : 0));
  }
  return read;
}

/** Adds what one revealed item shows to the state. Reads only the item, never the case. */
export function observeItem(kb: KnowledgeBase, item: RevealedItem, state: EvidenceState, changed?: EvidenceChanges): void {
  if (item.kind === 'answer') observeAnswer(kb, item.question, item.text, state, changed);
  else if (item.kind === 'exam') observeExam(kb, item.target, item.text, state, changed);
  else if (item.kind === 'result') observeResult(kb, item.testId, item.result, state, changed);
}

/** Affirmative replies already read, by normalised text, with the topic each was credited to. */
export type AnswerLedger = Map<string, string>;

/**
 * Adds what one action revealed. A patient who has nothing on a topic may
 * answer with whatever fact the question's words touch ("...before the
 * headache?" gets the headache story), so one affirmative reply given to
 * several questions counts only for the topics it names (else the first
 * asked), and a reply already credited to another topic counts again for
 * none. Denials are short and generic ("None."), so they always count.
 */
export function observeItems(
  kb: KnowledgeBase,
  items: readonly RevealedItem[],
  state: EvidenceState,
  ledger: AnswerLedger = new Map(),
  changed?: EvidenceChanges,
): void {
  let replies: Map<string, Array<{ question: Question; text: string; topic: string | undefined }>> | undefined;
  for (const item of items) {
    if (item.kind !== 'answer') {
      observeItem(kb, item, state, changed);
      continue;
    }
    const reply = replyText(item.text);
    if (reply.negative) {
      observeAnswer(kb, item.question, item.text, state, changed);
      continue;
    }
    const key = reply.key;
    replies ??= new Map();
    const group = replies.get(key) ?? [];
    group.push({ question: item.question, text: item.text, topic: topicOfQuestion(kb.vocabulary, item.question) });
    replies.set(key, group);
  }
  if (!replies) return;
  for (const [key, group] of replies) {
    const earlier = ledger.get(key);
    let credited = earlier !== undefined ? group.filter((g) => g.topic === earlier) : group;
    if (earlier === undefined && group.length > 1) {
      const named = group.filter((g) => g.topic !== undefined && namesTopic(kb.vocabulary, g.topic, key));
      credited = named.length > 0 ? named : group.slice(0, 1);
    }
    for (const g of credited) observeAnswer(kb, g.question, g.text, state, changed, g.topic);
    if (earlier === undefined && credited.length > 0) ledger.set(key, credited[0].topic ?? '');
  }
}

/**
 * Marks symptoms the presentation affirms ("...with two hours of chest pain")
 * as present. Only symptom topics and only findings without match keywords:
 * a one-line presentation says too little to rule anything out.
 */
export function observePresentation(kb: KnowledgeBase, presentation: string, state: EvidenceState, changed?: EvidenceChanges): void {
  // Read once per knowledge base and presentation: every seed of a case, and every doctor, starts from the same one.
  applyMarks(
    state,
    cachedMarks(kb, 'p', presentation, (kb) => {
      // Cheap tests first (first word, then the phrase): mentionsAffirmed is far costlier and most phrases are absent.
      const normalized = normalize(presentation);
      const words = new Set(normalized.split(' '));
      const padded = ` ${normalized} `;
      const marks: number[] = [];
      for (const p of symptomPhrases(kb.vocabulary)) {
        if (!words.has(p.words[0]) || !padded.includes(` ${p.phrase} `)) continue;
        const findings = kb.byTopic.get(p.topic);
        if (!findings || !mentionsAffirmed(presentation, p.phrase)) continue;
        for (const i of findings) {
          const probe = kb.findings[i].probe;
          if (probe.kind === 'ask' && probe.match.length === 0) marks.push(i * 2 + 1);
        }
      }
      return marks;
    }),
    changed,
  );
}

/** Everything a view shows, as evidence: every revealed item, plus the presentation when asked for. */
export function evidenceFromView(kb: KnowledgeBase, view: DoctorView, options: { presentation?: boolean } = {}): EvidenceState {
  const state = createEvidence(kb);
  if (options.presentation) observePresentation(kb, view.presentation, state);
  const ledger: AnswerLedger = new Map();
  for (const h of view.history) observeItems(kb, h.items, state, ledger);
  return state;
}

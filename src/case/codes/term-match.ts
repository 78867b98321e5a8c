import { codeTable, type IndexEntry } from './code-table.js';
import { canonicalDiagnosis, stemBag } from './diagnosis-text.js';
import type { DiskMemo } from '../../util/disk-memo.js';
import { termMemo } from './term-memo.js';
import { bagOf, keyOf, leadKeysOf, segmentAlternatives, storedTermData, titleBagsOf, titleKeysOf, type StoredTermData } from './term-data.js';

/** One way a diagnosis text reaches a code. */
export interface TermMatch {
  /** A billable code, or a heading ("A04.7", "C92.0") when the term stops above the billable level. */
  code: string;
  /** The index path or code title that matched. */
  term: string;
  via: 'index' | 'title';
}

interface Node {
  path: string;
  /** Its last path segment's alternative spellings as stemmed word lists ("Leukemia, leukemic"). */
  alts: string[][];
  /** How many segments its path has (1: a lead term). */
  depth: number;
  optional: Set<string>;
  codes: Set<string>;
  own?: string;
  /**
   * Where the node stands in index order: the position of the first index entry under its path, then its depth.
   * Nodes meet in this order whichever lead keys were built first, so matches come out in one order.
   */
  rank: number;
  /** The nodes one segment deeper, by their segment. */
  children?: Map<string, Node>;
}

// Deeper than any index path, so a rank orders an entry's nodes by depth.
const DEPTHS = 64;

interface Matcher {
  /** First 4 letters of a canonical lead-term word -> positions of the index entries under those lead terms. */
  entriesByKey: Map<string, number[]>;
  /** Lead terms whose nodes are built, and the lead-term nodes by their lead word (by rank once `unsorted` is settled). */
  builtLeads: Set<string>;
  byLeadWord: Map<string, Node[]>;
  /**
   * Lead words whose list took a node of lower rank after a higher one: a lead term spelled with two keys
   * ("Action, heart") built through its other key first. Sorted when next read.
   */
  unsorted: Set<string>;
  /** The built nodes of each lead term (the first segment), each with its children. */
  nodes: Map<string, Node>;
  /** First 4 letters of a title word -> positions of billable codes with such a word in the title. */
  titlesByKey: Map<string, number[]>;
  /** Code position -> stemmed bags of its title and its title without uninformative tails (built on demand). */
  titleBags: Map<number, string[]>;
  /** Every derived word from the disk cache, when it is on; otherwise each piece is derived when a text needs it. */
  stored?: StoredTermData;
}

let matcher: Matcher | undefined;

// Derived words are pure functions of their text, so remembered (the stored ones too: decoded once).
const segmentCache = new Map<string, string[][]>();
function alternatives(segment: string): string[][] {
  let alts = segmentCache.get(segment);
  if (!alts) segmentCache.set(segment, (alts = matcher?.stored?.alternatives(segment) ?? segmentAlternatives(segment)));
  return alts;
}

// Non-essential modifiers of an index entry as stemmed words.
const modifierCache = new Map<string, string[]>();
function modifierBag(modifiers: string): string[] {
  let bag = modifierCache.get(modifiers);
  if (!bag) modifierCache.set(modifiers, (bag = matcher?.stored?.modifierBag(modifiers) ?? bagOf(modifiers)));
  return bag;
}

function titleCodes(m: Matcher, key: string): number[] | undefined {
  let list = m.titlesByKey.get(key);
  if (!list && m.stored) {
    list = m.stored.titleCodes(key);
    if (list) m.titlesByKey.set(key, list);
  }
  return list;
}

// Only keys are computed up front (a few hundred ms, or read from the disk cache); the term paths and title
// bags under a key are parsed the first time a text needs them.
function build(): Matcher {
  const table = codeTable();
  const { index, titles, codes } = table;
  matcher = {
    entriesByKey: new Map(),
    builtLeads: new Set(),
    byLeadWord: new Map(),
    unsorted: new Set(),
    nodes: new Map(),
    titlesByKey: new Map(),
    titleBags: new Map(),
  };
  matcher.stored = storedTermData(table);
  const m = matcher;
  // Stored keys are decoded per key when a text first needs it (entriesOf, titleCodes).
  if (m.stored) return m;
  const entriesByKey = m.entriesByKey;
  const leadKeys = new Map<string, string[]>();
  index.forEach((entry, i) => {
    const lead = entry.path[0];
    let keys = leadKeys.get(lead);
    if (!keys) leadKeys.set(lead, (keys = leadKeysOf(alternatives(lead))));
    for (const k of keys) {
      const list = entriesByKey.get(k) ?? [];
      list.push(i);
      entriesByKey.set(k, list);
    }
  });
  codes.forEach((code, i) => {
    for (const k of titleKeysOf(titles.get(code)!)) {
      const list = m.titlesByKey.get(k) ?? [];
      list.push(i);
      m.titlesByKey.set(k, list);
    }
  });
  return m;
}

/** Positions of the index entries under a lead-term key, in index order. */
function entriesOf(m: Matcher, key: string): number[] | undefined {
  let list = m.entriesByKey.get(key);
  if (!list && m.stored) {
    list = m.stored.entries(key);
    if (list) m.entriesByKey.set(key, list);
  }
  return list;
}

function addEntry(m: Matcher, entry: IndexEntry, position: number): void {
  let code = entry.code.endsWith('-') ? entry.code.slice(0, -1) : entry.code;
  if (code.endsWith('.')) code = code.slice(0, -1);
  let parent: Node | undefined;
  for (let depth = 1; depth <= entry.path.length; depth++) {
    const segment = entry.path[depth - 1];
    // Found by segment under the parent: the same node as by its whole path (segments never hold " > "), without
    // building and hashing the path string for every entry.
    const siblings: Map<string, Node> = parent ? (parent.children ??= new Map()) : m.nodes;
    let node = siblings.get(segment);
    if (!node) {
      const path = parent ? `${parent.path} > ${segment}` : segment;
      node = { path, alts: alternatives(segment), depth, optional: new Set(), codes: new Set(), rank: position * DEPTHS + depth };
      siblings.set(segment, node);
      // Deeper nodes are reached from their lead term's node (fittingNodes).
      if (depth === 1) {
        for (const alt of node.alts) {
          if (!alt[0]) continue;
          const list = m.byLeadWord.get(alt[0]) ?? [];
          if (list.length && list[list.length - 1].rank > node.rank) m.unsorted.add(alt[0]);
          list.push(node);
          m.byLeadWord.set(alt[0], list);
        }
      }
    }
    node.codes.add(code);
    if (depth === entry.path.length) {
      node.own = code;
      for (const w of modifierBag(entry.modifiers)) node.optional.add(w);
    }
    parent = node;
  }
}

function ensureLeads(m: Matcher, words: string[]): void {
  for (const k of new Set(words.map(keyOf))) {
    if (m.builtLeads.has(k)) continue;
    m.builtLeads.add(k);
    const { index } = codeTable();
    // A key lists an entry once (its lead term's keys are distinct), and adding an entry twice would change nothing.
    for (const i of entriesOf(m, k) ?? []) addEntry(m, index[i], i);
  }
}

/** The built lead-term nodes of a lead word, in rank order. */
function leadNodes(m: Matcher, word: string): Node[] | undefined {
  const list = m.byLeadWord.get(word);
  if (list && m.unsorted.delete(word)) list.sort((a, b) => a.rank - b.rank);
  return list;
}

function titleBags(m: Matcher, code: number): string[] {
  let bags = m.titleBags.get(code);
  if (!bags) {
    const { codes, titles } = codeTable();
    m.titleBags.set(code, (bags = m.stored?.titleBags(code) ?? titleBagsOf(titles.get(codes[code])!)));
  }
  return bags;
}

/** The code a node stands for: its own, else the longest code prefix all its branches share. */
function nodeCode(node: Node): string | undefined {
  if (node.own) return node.own;
  const codes = [...node.codes];
  let prefix = codes[0];
  for (const c of codes) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.replace(/\.$/, '');
  return prefix.length >= 3 ? prefix : undefined;
}

/**
 * Codes a diagnosis text names, through the Alphabetic Index (every word of
 * the text accounted for by one term path, non-essential modifiers optional)
 * and the code titles (same words). Exact-word matches only: no match is
 * better than a guess.
 */
export function matchTerms(text: string): readonly TermMatch[] {
  // A pure function of the text: a text's lead terms are all built on its first call, and their nodes meet in rank
  // order whatever was built before. Scoring asks the same answer once per case, so it is remembered (bounded), and
  // on disk for the next process (term-memo), which then needs no index nodes for a text met before.
  let hit = remembered.get(text);
  if (!hit) {
    const disk = (onDisk ??= termMemo());
    hit = disk.get(text);
    if (!hit) {
      if (refuseCold && (!matcher || coldWork(matcher, text).length)) throw new ColdTermsError(text);
      disk.set(text, (hit = computeMatches(text)));
    }
    if (remembered.size >= REMEMBER) remembered.clear();
    remembered.set(text, hit);
  }
  return hit;
}

const remembered = new Map<string, readonly TermMatch[]>();
const REMEMBER = 8192;
let onDisk: DiskMemo<readonly TermMatch[]> | undefined;

/** Writes the matches remembered on disk now rather than at exit (a test reading them back in this process). */
export function saveTermMatches(): void {
  onDisk?.save();
}

function computeMatches(text: string): TermMatch[] {
  const m = matcher ?? build();
  const words = [...new Set(stemBag(canonicalDiagnosis(text)))];
  if (!words.length) return [];
  const want = new Set(words);
  const out: TermMatch[] = [];
  const seen = new Set<string>();
  const push = (t: TermMatch) => {
    const key = `${t.code}|${t.term}`;
    if (seen.has(key)) return;
    out.push(t);
    seen.add(key);
  };
  const wantKey = [...want].sort().join(' ');
  // Titles: only those sharing the text's rarest word key are compared.
  const lists = words.map((w) => titleCodes(m, keyOf(w)) ?? []).sort((a, b) => a.length - b.length);
  for (const i of lists[0] ?? []) {
    if (!titleBags(m, i).includes(wantKey)) continue;
    const { codes, titles } = codeTable();
    push({ code: codes[i], term: titles.get(codes[i])!, via: 'title' });
  }
  ensureLeads(m, words);

  let best = 0;
  const hits: { node: Node; covered: number }[] = [];
  // Nodes in the order of the text's words, then by rank: each under the first word that leads to it.
  const candidates: Fitting[] = [];
  for (const w of want) {
    const fitting: Fitting[] = [];
    for (const lead of leadNodes(m, w) ?? []) fittingNodes(lead, want, [], fitting);
    candidates.push(...fitting.sort((a, b) => a.node.rank - b.node.rank));
  }
  const met = new Set<Node>();
  for (const { node, used } of candidates) {
    if (met.has(node)) continue;
    met.add(node);
    if (!words.every((w) => used.has(w) || node.optional.has(w))) continue;
    hits.push({ node, covered: used.size });
    best = Math.max(best, used.size);
  }
  // Prefer the paths that spell the most of the text themselves over ones that lean on optional modifiers.
  for (const { node, covered } of hits) {
    if (covered < best) continue;
    const code = nodeCode(node);
    if (code) push({ code, term: node.path, via: 'index' });
  }
  return out;
}

interface Fitting {
  node: Node;
  /** The words of the text its path spells. */
  used: Set<string>;
}

/**
 * The nodes at and under `node` whose every path segment the text spells (some alternative all of whose words it
 * has), each with the words the longest such alternatives use (the first of equals); a segment the text does not
 * spell rules out everything under it. A node whose last segment adds no words ("Pneumonia > with", "> specified
 * NEC") would match its parent's text with a narrower code, so it is passed through, not given.
 */
function fittingNodes(node: Node, want: Set<string>, above: readonly string[], out: Fitting[]): void {
  let fit: string[] | undefined;
  for (const a of node.alts) if ((!fit || a.length > fit.length) && a.every((w) => want.has(w))) fit = a;
  if (!fit) return;
  const used = fit.length ? [...above, ...fit] : above;
  if (!(node.depth > 1 && node.alts.every((a) => a.length === 0))) out.push({ node, used: new Set(used) });
  if (node.children) for (const child of node.children.values()) fittingNodes(child, want, used, out);
}

/** The text's words and the title codes it compares against (only those sharing its rarest word key). */
function titleCandidates(m: Matcher, text: string): { words: string[]; codes: number[] } {
  const words = [...new Set(stemBag(canonicalDiagnosis(text)))];
  const lists = words.map((w) => titleCodes(m, keyOf(w)) ?? []).sort((a, b) => a.length - b.length);
  return { words, codes: lists[0] ?? [] };
}

/**
 * What matching `text` would compute for the first time, as separate pieces of work: title bags and the parsed
 * segments and modifiers of index entries under lead keys not built yet. Every piece fills a cache that is a pure
 * function of its input, so doing them ahead, in any order, changes no match.
 */
function coldWork(m: Matcher, text: string): Array<() => void> {
  // Stored words are decoded when matching needs them (a split of one line): nothing to slice.
  if (m.stored) return [];
  const { words, codes } = titleCandidates(m, text);
  if (!words.length) return [];
  const work: Array<() => void> = [];
  for (const code of codes) if (!m.titleBags.has(code)) work.push(() => titleBags(m, code));
  for (const k of new Set(words.map(keyOf))) {
    if (m.builtLeads.has(k)) continue;
    const { index } = codeTable();
    for (const i of entriesOf(m, k) ?? []) {
      const e = index[i];
      for (const segment of e.path) if (!segmentCache.has(segment)) work.push(() => alternatives(segment));
      if (!modifierCache.has(e.modifiers)) work.push(() => modifierBag(e.modifiers));
    }
  }
  return work;
}

let refuseCold = false;

/** Thrown by matchTerms inside refusingColdTerms when `text` needs work not done yet; warmTerms(text) does it. */
export class ColdTermsError extends Error {
  constructor(readonly text: string) {
    super(`The term matcher has not yet prepared "${text}".`);
  }
}

/**
 * Runs `fn` with matchTerms refusing (ColdTermsError) any text whose first match would take long; a caller that
 * can wait warms the text with warmTerms and runs `fn` again. `fn` must be pure, as the diagnosis match is.
 */
export function refusingColdTerms<T>(fn: () => T): T {
  const was = refuseCold;
  refuseCold = true;
  try {
    return fn();
  } finally {
    refuseCold = was;
  }
}

/**
 * Does the first-time work of matching `text` in slices of a few milliseconds with a turn of the event loop
 * between them, so a server scoring an answer with new words keeps answering its requests. What remains for
 * matchTerms (linking the parsed entries of a new lead key) is map work.
 */
export async function warmTerms(text: string, sliceMs = 5): Promise<void> {
  const m = matcher ?? build();
  let since = performance.now();
  for (const piece of coldWork(m, text)) {
    piece();
    if (performance.now() - since >= sliceMs) {
      await new Promise((r) => setImmediate(r));
      since = performance.now();
    }
  }
}

/**
 * Reads the code table and the index and builds the term matcher now. A
 * long-lived server calls it at start: otherwise the first answer scored by
 * code builds it inside a request, holding the event loop for about a second
 * of CPU while other requests wait.
 */
export function warmTermMatcher(): void {
  // Built even when the disk memo knows this text, so only a text's own new lead terms are left for a request.
  if (!matcher) computeMatches('acute myocardial infarction');
}

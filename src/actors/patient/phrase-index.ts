import { stems } from './words.js';

interface Entry<T> {
  /** Segments of stems; a phrase "blood ... pee" has two, with up to `GAP` words between them. */
  segments: ReadonlyArray<readonly string[]>;
  value: T;
  gapped: boolean;
  /** Words the phrase covers, gaps excluded. */
  length: number;
  /** Its place among the phrases of the same first stem. */
  order: number;
}

/** How many words may stand between the segments of a gapped phrase ("blood ... pee"). */
const GAP = 4;

/** One phrase occurrence in a question's stems. */
export interface PhraseHit<T> {
  value: T;
  start: number;
  end: number;
  /** Words the phrase itself covers (gaps excluded): longer is more specific. */
  length: number;
  gapped: boolean;
}

/**
 * The phrases that start with one stem. A common first word ("pain" starts over a hundred lexicon phrases) would
 * cost a comparison per phrase at every occurrence, so phrases whose first segment has a second word are filed
 * under it too; a scan merges the two lists by insertion order, so hits come out exactly as a walk of all would give.
 */
interface Bucket<T> {
  /** Phrases whose first segment is one word: always tried. */
  short: Array<Entry<T>>;
  /** The others, by the second word of their first segment. */
  bySecond: Map<string, Array<Entry<T>>>;
  /** How many phrases the bucket holds: the next one's insertion order. */
  count: number;
}

/**
 * Phrases indexed by their first stem, so scanning a question costs one map
 * lookup per word instead of one comparison per known phrase. Built once per
 * vocabulary and once per case: the hot path of every encounter.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Bucket<T>>();
  size = 0;

  add(phrase: string, value: T): void {
    this.addStems(phrase.split(/\s*\.\.\.\s*|\s*…\s*/).map(stems), value);
  }

  /** Adds a phrase already split into segments of stems ("blood ... pee" is two). */
  addStems(stemmed: ReadonlyArray<readonly string[]>, value: T): void {
    const segments = stemmed.filter((s) => s.length > 0);
    if (segments.length === 0) return;
    const first = segments[0];
    let bucket = this.byFirst.get(first[0]);
    if (!bucket) this.byFirst.set(first[0], (bucket = { short: [], bySecond: new Map(), count: 0 }));
    const entry: Entry<T> = {
      segments,
      value,
      gapped: segments.length > 1,
      length: segments.reduce((n, s) => n + s.length, 0),
      order: bucket.count++,
    };
    if (first.length === 1) bucket.short.push(entry);
    else {
      const list = bucket.bySecond.get(first[1]);
      if (list) list.push(entry);
      else bucket.bySecond.set(first[1], [entry]);
    }
    this.size++;
  }

  /** Every phrase occurring in the stemmed words, with its span (by start, then in the order the phrases were added). */
  scan(words: readonly string[]): Array<PhraseHit<T>> {
    const out: Array<PhraseHit<T>> = [];
    for (let i = 0; i < words.length; i++) {
      const bucket = this.byFirst.get(words[i]);
      if (!bucket) continue;
      const a = bucket.short;
      const b = i + 1 < words.length ? bucket.bySecond.get(words[i + 1]) : undefined;
      let x = 0;
      let y = 0;
      const na = a.length;
      const nb = b ? b.length : 0;
      while (x < na || y < nb) {
        const e = y >= nb || (x < na && a[x].order < b![y].order) ? a[x++] : b![y++];
        const end = matchFrom(words, i, e.segments);
        if (end > 0) out.push({ value: e.value, start: i, end, length: e.length, gapped: e.gapped });
      }
    }
    return out;
  }
}

function segmentAt(words: readonly string[], at: number, seg: readonly string[]): boolean {
  if (at + seg.length > words.length) return false;
  for (let j = 0; j < seg.length; j++) if (words[at + j] !== seg[j]) return false;
  return true;
}

/** The end of the match of all segments starting at `i`, or 0. */
function matchFrom(words: readonly string[], i: number, segments: ReadonlyArray<readonly string[]>): number {
  if (!segmentAt(words, i, segments[0])) return 0;
  let at = i + segments[0].length;
  for (let s = 1; s < segments.length; s++) {
    let found = -1;
    for (let k = at; k <= Math.min(words.length - segments[s].length, at + GAP); k++) {
      if (segmentAt(words, k, segments[s])) {
        found = k;
        break;
      }
    }
    if (found < 0) return 0;
    at = found + segments[s].length;
  }
  return at;
}

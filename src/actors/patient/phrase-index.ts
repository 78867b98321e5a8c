import { stems } from './words.js';

interface Entry<T> {
  /** Segments of stems; a phrase "blood ... pee" has two, with up to `GAP` words between them. */
  segments: ReadonlyArray<readonly string[]>;
  value: T;
  gapped: boolean;
  /** Words the phrase covers, gaps excluded. */
  length: number;
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
 * Phrases indexed by their first stem, so scanning a question costs one map
 * lookup per word instead of one comparison per known phrase. Built once per
 * vocabulary and once per case: the hot path of every encounter.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Array<Entry<T>>>();
  size = 0;

  add(phrase: string, value: T): void {
    this.addStems(phrase.split(/\s*\.\.\.\s*|\s*…\s*/).map(stems), value);
  }

  /** Adds a phrase already split into segments of stems ("blood ... pee" is two). */
  addStems(stemmed: ReadonlyArray<readonly string[]>, value: T): void {
    const segments = stemmed.filter((s) => s.length > 0);
    if (segments.length === 0) return;
    const list = this.byFirst.get(segments[0][0]);
    const entry = { segments, value, gapped: segments.length > 1, length: segments.reduce((n, s) => n + s.length, 0) };
    if (list) list.push(entry);
    else this.byFirst.set(segments[0][0], [entry]);
    this.size++;
  }

  /** Every phrase occurring in the stemmed words, with its span. */
  scan(words: readonly string[]): Array<PhraseHit<T>> {
    const out: Array<PhraseHit<T>> = [];
    for (let i = 0; i < words.length; i++) {
      const list = this.byFirst.get(words[i]);
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const e = list[k];
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

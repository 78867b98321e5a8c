import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayTerms } from '../../case/lay-terms.js';
import type { Vocabulary } from '../../case/vocabulary.js';
import type { PhraseIndex } from './phrase-index.js';
import { topicIndexOf, topicRows, type TopicPhrase, type TopicRow } from './topic-index.js';
import { SOURCE_EXT, sourceFile, writeCacheFile } from '../../util/cache-file.js';
import { cacheDirectory } from '../../util/parse-cache.js';

/**
 * A disk cache of the topic index's rows (the ~7,000 vocabulary and lay
 * phrases, stemmed and weighed), beside the parse cache: stemming them is
 * most of the ~50 ms the patient spends before its first answer, and reading
 * them back takes a few. One file, overwritten when its key no longer
 * matches. The key hashes the phrases and their topics and the source of
 * every module that turns a phrase into a row, so a changed lexicon, stemmer
 * or weighting rebuilds it; a file that does not parse or has the wrong
 * shape is rebuilt too. Failing to read or write it is never an error.
 */

// Bump when the row format changes.
const FORMAT = 'patient-topics-v1';
// The modules that decide a phrase's row: the stemmer, normalize, the weighting and the phrase filter.
const CODE = ['./words', './topic-index', './phrase-index', '../../util/text', '../../case/import/topics'];

interface Saved {
  format: string;
  key: string;
  /** [segments, index of the topic in vocabulary.topics, confidence, specific, phrase] per row, in order. */
  rows: Array<[string[][], number, number, boolean, string]>;
}

/** Where the cache file lives (ROUNDS_CACHE_DIR; empty turns it off), as the parse cache decides. */
export function topicCacheFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDirectory(env);
  // The sources (under tsx and vitest) and the build (dist) hash differently: a file each, so switching does not churn.
  return dir === undefined ? undefined : join(dir, `${FORMAT}${SOURCE_EXT === '.ts' ? '-src' : ''}.json`);
}

let codeHash: string | null | undefined;

/** A hash of the source of the modules in CODE (the .ts files under tsx and vitest, the .js files in dist). */
function codeFingerprint(): string | null {
  if (codeHash !== undefined) return codeHash;
  try {
    const h = createHash('sha1');
    for (const m of CODE) h.update(readFileSync(sourceFile(new URL(m, import.meta.url)))).update('\0');
    codeHash = h.digest('base64url');
  } catch {
    codeHash = null; // sources not where expected (a bundle): no cache
  }
  return codeHash;
}

/** The topic index, from the cache when it holds the rows for these phrases and this code, else built (and saved). */
export function cachedTopicIndex(vocabulary: Vocabulary, lay: LayTerms, env: NodeJS.ProcessEnv = process.env): PhraseIndex<TopicPhrase> {
  const file = topicCacheFile(env);
  const code = file ? codeFingerprint() : null;
  const topicIndex = new Map(vocabulary.topics.map((t, i) => [t, i]));
  // Vocabulary phrases and lay phrases are weighed differently, so they are keyed apart.
  const own = vocabulary.phrases().map(([phrase, entry]) => [phrase, topicIndex.get(entry) ?? -1] as const);
  const layPhrases = lay.phrases.map(({ phrase, entry }) => [phrase, topicIndex.get(entry) ?? -1] as const);
  // A lexicon read against another vocabulary names topics this one lacks: built, not cached.
  if (!file || code === null || [...own, ...layPhrases].some(([, i]) => i < 0)) return buildIndex(vocabulary, lay);
  const key = createHash('sha1')
    .update(`${FORMAT}\0${code}\0${JSON.stringify(vocabulary.topics.map((t) => t.topic))}\0`)
    .update(JSON.stringify(own))
    .update('\0')
    .update(JSON.stringify(layPhrases))
    .digest('base64url');
  const rows = read(file, key, vocabulary);
  if (rows) return topicIndexOf(rows);
  const built = topicRows(vocabulary, lay);
  write(file, {
    format: FORMAT,
    key,
    rows: built.map((r) => [r.segments as string[][], topicIndex.get(r.value.entry)!, r.value.confidence, r.value.specific, r.value.phrase]),
  });
  return topicIndexOf(built);
}

function buildIndex(vocabulary: Vocabulary, lay: LayTerms): PhraseIndex<TopicPhrase> {
  return topicIndexOf(topicRows(vocabulary, lay));
}

/** The saved rows, when the file is whole, of this format and key, and every row well formed; else undefined. */
function read(file: string, key: string, vocabulary: Vocabulary): TopicRow[] | undefined {
  let saved: Partial<Saved>;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Saved>;
  } catch {
    return undefined; // missing or not JSON
  }
  if (saved?.format !== FORMAT || saved.key !== key || !Array.isArray(saved.rows)) return undefined;
  const rows: TopicRow[] = [];
  for (const r of saved.rows as unknown[]) {
    if (!Array.isArray(r) || r.length !== 5) return undefined;
    const [segments, topic, confidence, specific, phrase] = r as unknown[];
    const entry = typeof topic === 'number' ? vocabulary.topics[topic] : undefined;
    if (!entry || typeof confidence !== 'number' || typeof specific !== 'boolean' || typeof phrase !== 'string') return undefined;
    if (!Array.isArray(segments) || !segments.every((s) => Array.isArray(s) && s.every((w) => typeof w === 'string'))) return undefined;
    rows.push({ segments: segments as string[][], value: { entry, confidence, specific, phrase } });
  }
  return rows;
}

function write(file: string, saved: Saved): void {
  writeCacheFile(file, JSON.stringify(saved)); // read-only or full disk: the next process builds the index again
}

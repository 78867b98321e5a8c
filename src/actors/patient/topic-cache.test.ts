import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVocabulary } from '../../case/vocabulary.js';
import { loadLayTerms } from '../../case/lay-terms.js';
import type { PhraseIndex } from './phrase-index.js';
import { cachedTopicIndex, topicCacheFile } from './topic-cache.js';
import { buildTopicIndex, type TopicPhrase } from './topic-index.js';
import { stems } from './words.js';

const vocabulary = loadVocabulary();
const lay = loadLayTerms(vocabulary);
const built = buildTopicIndex(vocabulary, lay);

// Questions that meet single-word, multi-word, gapped, weak and lay phrases.
const QUESTIONS = [
  'Any blood when you pee?',
  'Do you get chest pain when you walk up the stairs?',
  'Have you been short of breath or wheezy?',
  'Any ringing in your ears, dizziness or headaches?',
  'Is your skin itchy? Any lumps or bumps at home or work?',
  'Has the baby had fewer wet nappies, any fever or a rash?',
];

/** Every hit of every question, with what the hit means, for comparing two indexes exactly. */
function hits(index: PhraseIndex<TopicPhrase>): string[] {
  return QUESTIONS.map((q) =>
    index
      .scan(stems(q))
      .map((h) => `${h.start}-${h.end}/${h.length}/${h.gapped}:${h.value.entry.topic}:${h.value.confidence}:${h.value.specific}:${h.value.phrase}`)
      .join(' | '),
  );
}

describe('topic index disk cache', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rounds-topic-cache-'));
    env = { ROUNDS_CACHE_DIR: dir };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves the index on first use and reads back the same index', () => {
    const file = topicCacheFile(env)!;
    expect(existsSync(file)).toBe(false);
    const first = cachedTopicIndex(vocabulary, lay, env);
    expect(existsSync(file)).toBe(true);
    const saved = readFileSync(file, 'utf8');
    const second = cachedTopicIndex(vocabulary, lay, env);
    expect(readFileSync(file, 'utf8')).toBe(saved); // read, not rewritten
    expect(hits(first)).toEqual(hits(built));
    expect(hits(second)).toEqual(hits(built));
    expect(second.size).toBe(built.size);
    expect(hits(built).every((h) => h.length > 0)).toBe(true);
  });

  it('rebuilds a corrupt or half-written file', () => {
    const file = topicCacheFile(env)!;
    cachedTopicIndex(vocabulary, lay, env);
    const good = readFileSync(file, 'utf8');
    for (const bad of ['{"format": "patient-topics-v1", "key"', 'null', '[]', good.replace(/"rows":\[\[\[\[/, '"rows":[[[7,[')]) {
      expect(bad).not.toBe(good);
      writeFileSync(file, bad);
      const index = cachedTopicIndex(vocabulary, lay, env);
      expect(hits(index)).toEqual(hits(built));
      expect(readFileSync(file, 'utf8')).toBe(good);
    }
  });

  it('rebuilds a file saved under another key (another lexicon, vocabulary or version of the code)', () => {
    const file = topicCacheFile(env)!;
    cachedTopicIndex(vocabulary, lay, env);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string; rows: unknown[] };
    // Rows that do not belong to this key (here: none at all) must never be read as the index.
    writeFileSync(file, JSON.stringify({ ...saved, key: 'another-lexicon', rows: [] }));
    expect(hits(cachedTopicIndex(vocabulary, lay, env))).toEqual(hits(built));
    expect(JSON.parse(readFileSync(file, 'utf8')).key).toBe(saved.key);
    // A lexicon with one phrase fewer is another key: the index is built from it, not read.
    const fewer = Object.assign(Object.create(Object.getPrototypeOf(lay) as object) as typeof lay, lay, {
      phrases: lay.phrases.filter((p) => p.phrase !== 'short of breath'),
    });
    expect(fewer.phrases.length).toBe(lay.phrases.length - 1);
    const index = cachedTopicIndex(vocabulary, fewer, env);
    expect(hits(index)).toEqual(hits(buildTopicIndex(vocabulary, fewer)));
    expect(hits(index)).not.toEqual(hits(built));
    expect(JSON.parse(readFileSync(file, 'utf8')).key).not.toBe(saved.key);
  });

  it('writes nothing when the cache is turned off', () => {
    const index = cachedTopicIndex(vocabulary, lay, { ROUNDS_CACHE_DIR: '' });
    expect(hits(index)).toEqual(hits(built));
    expect(topicCacheFile({ ROUNDS_CACHE_DIR: '' })).toBeUndefined();
  });
});

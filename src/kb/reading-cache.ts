import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory } from '../util/parse-cache.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Vocabulary } from '../case/vocabulary.js';
import { sourceFile, writeCacheFile, pruneCacheFiles, saveAtExit } from '../util/cache-file.js';

/**
 * A disk cache of evidence readings (kb/evidence.ts): what a reply, exam report or presentation text marks, by
 * scope and text. Reading is keyword matching over every finding of a topic or target, and the deterministic
 * hospital hands out the same texts in every process, so a fresh process would otherwise read each case's texts
 * again (about a tenth of a short baseline run's CPU). Only knowledge bases loaded from files have a disk cache;
 * the readings are of the shared knowledge base (patient views filter them).
 *
 * The file is keyed by a hash of everything a reading depends on: the knowledge-base files, the vocabulary's
 * topics (as loaded, whatever file they came from), and the source of the modules that read (as this process runs them, .ts or .js). Another key, unreadable JSON or
 * the wrong shape is never trusted: the readings are made again and the file overwritten. Written at exit,
 * atomically, only when something new was read; ROUNDS_CACHE_DIR empty turns it off.
 */

// The layout of the file; the key covers the reading code, so only a change of layout needs a bump.
const FORMAT = 'rounds-kb-readings-v1';
// Readings kept per file, beyond which new ones are not saved (the shipped suites read a few thousand texts).
const LIMIT = 50_000;
// Files kept, the newest: the checkout's, its build's, one more; older ones are for code or data since changed.
const KEEP = 3;

export type Marks = readonly number[];

interface Sources {
  files: string[];
  vocabulary: Vocabulary;
}

interface Store {
  file: string;
  key: string;
  /** By scope, then text. */
  byScope: Map<string, Map<string, Marks>>;
  size: number;
  dirty: boolean;
}

const sources = new WeakMap<KnowledgeBase, Sources>();
const stores = new WeakMap<KnowledgeBase, Store | null>();
const dirty = new Set<Store>();

/** Records the files a knowledge base was built from, with the vocabulary it was built with (kb/load.ts). */
export function noteReadingSources(kb: KnowledgeBase, files: string[], vocabulary: Vocabulary): void {
  sources.set(kb, { files, vocabulary });
}

/** The stored readings of a loaded knowledge base, or undefined when it has no sources or the cache is off. */
function storeOf(kb: KnowledgeBase, env: NodeJS.ProcessEnv = process.env): Store | undefined {
  const known = stores.get(kb);
  if (known !== undefined) return known ?? undefined;
  let store: Store | null = null;
  const src = sources.get(kb);
  const dir = cacheDirectory(env);
  if (src && dir) {
    try {
      const key = inputsKey(src);
      const file = join(dir, `${FORMAT}-${key.slice(0, 16)}.json`);
      store = { file, key, byScope: new Map(), size: 0, dirty: false };
      read(store, kb.findings.length);
    } catch {
      // An input cannot be read: readings stay in memory only.
      store = null;
    }
  }
  stores.set(kb, store);
  return store ?? undefined;
}

/** A stored reading, or the one `read` makes now (stored, and saved at exit). */
export function storedReading(kb: KnowledgeBase, scope: string, text: string, read: () => Marks): Marks {
  const store = storeOf(kb);
  if (!store) return read();
  let byText = store.byScope.get(scope);
  const hit = byText?.get(text);
  if (hit !== undefined) return hit;
  const marks = read();
  if (store.size < LIMIT) {
    if (!byText) store.byScope.set(scope, (byText = new Map()));
    byText.set(text, marks);
    store.size++;
    store.dirty = true;
    dirty.add(store);
    saveAtExit(saveReadings);
  }
  return marks;
}

function inputsKey(src: Sources): string {
  const code = [
    './reading-cache',
    './evidence',
    './keyword-match',
    './question-topic',
    './knowledge-base',
    './schema',
    './load',
    '../case/vocabulary',
    '../case/exam-targets',
    '../util/text',
  ].map((m) => sourceFile(new URL(m, import.meta.url)));
  const hash = createHash('sha1').update(FORMAT);
  for (const f of [...code, ...src.files]) {
    const bytes = readFileSync(f);
    hash.update(`\0${bytes.length}\0`).update(bytes);
  }
  const topics = JSON.stringify(src.vocabulary.topics);
  hash.update(`\0${topics.length}\0`).update(topics);
  return hash.digest('base64url');
}

/** Fills the store from its file when that is whole, for this key, and marks only findings this knowledge base has. */
function read(store: Store, findings: number): void {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(store.file, 'utf8'));
  } catch {
    return;
  }
  const s = saved as { format?: unknown; key?: unknown; readings?: unknown };
  if (!s || s.format !== FORMAT || s.key !== store.key || typeof s.readings !== 'object' || s.readings === null) return;
  const byScope = new Map<string, Map<string, Marks>>();
  let size = 0;
  for (const [scope, texts] of Object.entries(s.readings)) {
    if (typeof texts !== 'object' || texts === null) return;
    const byText = new Map<string, Marks>();
    for (const [text, marks] of Object.entries(texts)) {
      if (!Array.isArray(marks) || !marks.every((m) => Number.isInteger(m) && m >= 0 && m < findings * 2)) return;
      byText.set(text, marks as Marks);
      size++;
    }
    byScope.set(scope, byText);
  }
  store.byScope = byScope;
  store.size = size;
}

/** Writes every store with new readings: atomically, so a concurrent process reads the old file or the new one. */
export function saveReadings(): void {
  for (const store of dirty) {
    try {
      const readings: Record<string, Record<string, Marks>> = {};
      for (const [scope, byText] of store.byScope) readings[scope] = Object.fromEntries(byText);
      if (!writeCacheFile(store.file, JSON.stringify({ format: FORMAT, key: store.key, readings }))) continue;
      store.dirty = false;
      pruneCacheFiles(join(store.file, '..'), `${FORMAT}-`, '.json', KEEP);
    } catch {
      // A read-only home or a full disk: the next process reads again.
    }
  }
  dirty.clear();
}

/** Forgets what was loaded, so the next reading loads the file again (tests). */
export function forgetStoredReadings(kb: KnowledgeBase): void {
  stores.delete(kb);
}

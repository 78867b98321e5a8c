import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { yaml } from './yaml.js';
import { writeCacheFile, saveAtExit } from './cache-file.js';

/**
 * A disk cache of parsed data files (cases, catalog, knowledge base), keyed by
 * a hash of the text. Parsing YAML with positions is most of the time a run
 * spends before its first encounter (about 0.6 s for the shipped cases);
 * reading the same data back as JSON takes a few milliseconds. A changed file
 * has another hash, so it is parsed again; nothing is keyed by path or time.
 *
 * The cache lives in ROUNDS_CACHE_DIR (an empty value turns it off), else
 * ~/.cache/rounds. Failing to read or write it is never an error: it only
 * costs the parse it would have saved.
 */

// The parser's settings and output shape are part of the key: bump when they change.
const FORMAT = 'parsed-yaml-v2';
// Entries not used for this long, beyond the most recent MAX_ENTRIES, are dropped when the cache is saved.
const MAX_ENTRIES = 4000;

interface Entry {
  /**
   * The data as JSON text: the file is then mostly long strings, which read back far faster than the objects they
   * hold, and a process parses only the entries it uses (a run reads a few of the thousands kept).
   */
  json: string;
  /** When it was last used (ms since the epoch). */
  used: number;
}

let entries: Map<string, Entry> | undefined;
let dirty = false;

/** Where Rounds keeps its disk caches: ROUNDS_CACHE_DIR (empty: none), else ~/.cache/rounds (or under XDG_CACHE_HOME). */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.ROUNDS_CACHE_DIR;
  if (dir === '') return undefined;
  return dir ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rounds');
}

function cacheFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDirectory(env);
  return dir === undefined ? undefined : join(dir, `${FORMAT}.json`);
}

function load(): Map<string, Entry> {
  if (entries) return entries;
  entries = new Map();
  const file = cacheFile();
  if (!file) return entries;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; entries?: Record<string, Entry> };
    if (saved.format === FORMAT && saved.entries) for (const [k, v] of Object.entries(saved.entries)) if (typeof v?.json === 'string') entries.set(k, v);
  } catch {
    // Missing or unreadable: start empty.
  }
  return entries;
}

function keyOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** Whether data survives JSON unchanged (no Infinity, NaN, undefined, dates or other objects), so it may be cached. */
export function jsonSafe(data: unknown): boolean {
  const stack: unknown[] = [data];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
      continue;
    }
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
    // "__proto__" as a key would not come back from JSON.parse as the same thing.
    if (Object.hasOwn(v, '__proto__')) return false;
    stack.push(...Object.values(v));
  }
  return true;
}

/**
 * The parsed data for a text: from the cache (a fresh copy each time, so callers may change it), else from
 * `parse`, whose result is cached when it is defined and plain JSON data.
 */
export function cachedParse(text: string, parse: () => { data: unknown } | undefined): { data: unknown; cached: boolean } | undefined {
  if (!cacheFile()) {
    const r = parse();
    return r && { data: r.data, cached: false };
  }
  const all = load();
  const key = keyOf(text);
  const hit = all.get(key);
  if (hit) {
    try {
      // A fresh copy each time (JSON.parse of the stored text).
      const data: unknown = JSON.parse(hit.json);
      // Not worth a write by itself; saved with the next new entry.
      hit.used = Date.now();
      return { data, cached: true };
    } catch {
      // A damaged entry: parsed again below and replaced.
      all.delete(key);
    }
  }
  const r = parse();
  if (!r) return undefined;
  if (jsonSafe(r.data)) {
    all.set(key, { json: JSON.stringify(r.data), used: Date.now() });
    dirty = true;
    saveAtExit(save);
  }
  return { data: r.data, cached: false };
}

/** Writes the cache (at exit): atomically, so a concurrent process reads the old file or the new one, never half. */
function save(): void {
  const file = cacheFile();
  if (!file || !entries || !dirty) return;
  const kept = [...entries].sort((a, b) => b[1].used - a[1].used).slice(0, MAX_ENTRIES);
  // A read-only home or a full disk: the next process parses again.
  if (writeCacheFile(file, JSON.stringify({ format: FORMAT, entries: Object.fromEntries(kept) }))) dirty = false;
}

/** Saves now rather than at exit (tests, and long-lived processes after loading). */
export function saveParseCache(): void {
  save();
}

/** YAML (or JSON) text to data like yaml's `parse`, through the parse cache; throws what `parse` throws. */
export function parseYaml(text: string): unknown {
  return cachedParse(text, () => ({ data: yaml().parse(text) }))!.data;
}

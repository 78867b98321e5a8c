import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory } from './parse-cache.js';
import { SOURCE_EXT, sourceFile, writeCacheFile, saveAtExit } from './cache-file.js';
import { moduleClosure } from './module-closure.js';

/**
 * A memo of a pure function's results on disk, beside the parse cache: for
 * per-case work every process repeats (the matcher preparing each case's
 * diagnosis names, say), read back in a fraction of the time. One file per
 * memo and build (sources under tsx or vitest, or dist), headed by a hash of
 * the deriving modules' source and the data files they read: a file made by
 * other code or other data is ignored and replaced, as is one that does not
 * parse; `decode` refuses an entry of the wrong shape, which is then derived
 * again. Failing to read or write the file is never an error.
 */

export interface DiskMemo<T> {
  /** The remembered value for a key, or undefined (none, or refused by decode). */
  get(key: string): T | undefined;
  /** Remembers a value (saved at exit, or by save). */
  set(key: string, value: T): void;
  save(): void;
}

export interface DiskMemoOptions<T> {
  /** The file's name (with a version: bump it when the encoding changes). */
  name: string;
  /** The deriving modules, as URLs without extension (new URL('./x', import.meta.url)). */
  code: URL[];
  /**
   * Also every module `code` reaches by relative imports (util/module-closure.ts): the key then changes with any
   * module the derivation could run, with no hand-kept list to forget one in.
   */
  followImports?: boolean;
  /** The data files the derivation reads. */
  data: string[];
  encode(value: T): unknown;
  /** The value, or undefined when the stored form is not one encode makes. */
  decode(stored: unknown): T | undefined;
  /** Entries beyond the most recently used this many are dropped when saved. */
  maxEntries: number;
}

interface Saved {
  name: string;
  code: string;
  /** key -> [stored, last used (ms since the epoch)] */
  entries: Record<string, [unknown, number]>;
}

/** A memo, or one that remembers nothing when there is no cache folder or the code cannot be read (a bundle). */
export function diskMemo<T>(options: DiskMemoOptions<T>, env: NodeJS.ProcessEnv = process.env): DiskMemo<T> {
  const dir = cacheDirectory(env);
  const code = dir === undefined ? null : fingerprint(options);
  if (dir === undefined || code === null) return { get: () => undefined, set: () => {}, save: () => {} };
  const file = join(dir, `${options.name}${SOURCE_EXT === '.ts' ? '-src' : ''}.json`);
  let entries: Map<string, [unknown, number]> | undefined;
  let dirty = false;
  const load = () => {
    if (entries) return entries;
    entries = new Map();
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Saved>;
      if (saved.name === options.name && saved.code === code && saved.entries && typeof saved.entries === 'object')
        for (const [k, v] of Object.entries(saved.entries)) if (Array.isArray(v) && v.length === 2) entries.set(k, v as [unknown, number]);
    } catch {
      // Missing or not JSON: start empty.
    }
    return entries;
  };
  const save = () => {
    if (!entries || !dirty) return;
    const kept = [...entries].sort((a, b) => b[1][1] - a[1][1]).slice(0, options.maxEntries);
    // A read-only home or a full disk: the next process derives again.
    if (writeCacheFile(file, JSON.stringify({ name: options.name, code, entries: Object.fromEntries(kept) } satisfies Saved))) dirty = false;
  };
  const touch = () => {
    if (!dirty) saveAtExit(save);
    dirty = true;
  };
  return {
    get(key) {
      const all = load();
      const hit = all.get(key);
      if (!hit) return undefined;
      const value = options.decode(hit[0]);
      if (value === undefined) {
        all.delete(key);
        touch();
        return undefined;
      }
      hit[1] = Date.now();
      return value;
    },
    set(key, value) {
      load().set(key, [options.encode(value), Date.now()]);
      touch();
    },
    save,
  };
}

// A module's source hash, once per process: the memos of a run share most of their modules (read as moduleClosure
// reads them: fixed while the process runs).
const digests = new Map<string, string>();

function sourceDigest(file: string): string {
  let digest = digests.get(file);
  if (digest === undefined) digests.set(file, (digest = createHash('sha1').update(readFileSync(file)).digest('base64url')));
  return digest;
}

/** A hash of the name, the deriving modules' source and the data files; null when one cannot be read. */
function fingerprint(options: DiskMemoOptions<unknown>): string | null {
  try {
    const h = createHash('sha1').update(options.name).update('\0');
    for (const u of options.followImports ? moduleClosure(options.code) : options.code) h.update(sourceDigest(sourceFile(u))).update('\0');
    for (const f of options.data) h.update(readFileSync(f)).update('\0');
    return h.digest('base64url');
  } catch {
    return null;
  }
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { cacheDirectory, jsonSafe } from '../util/parse-cache.js';
import type { Case } from './schema.js';
import { caseHash, rememberCaseHash } from './case-set-hash.js';
import { SOURCE_EXT, sourceFile, writeCacheFile, saveAtExit } from '../util/cache-file.js';

/**
 * Valid cases as the schema returned them, cached on disk beside the parse
 * cache and keyed by the case file's text. Validating the shipped suite
 * against the zod schema is ~0.2 s of every process start even when the YAML
 * comes from the parse cache; a valid case read back is a plain JSON copy of
 * what validation returned (defaults filled, keys in the same order). Only
 * valid cases are kept: a file with problems is validated again, so its
 * problems keep their lines.
 *
 * One file per build (sources under tsx or vitest, or dist), headed by a hash
 * of the code that decides a case's value (the schemas, the loader, zod's
 * version): a file made by other code is ignored and replaced. Each case is
 * kept as its JSON text with a checksum, so a damaged entry is validated
 * again and replaced, and an entry this run does not use costs no parsing.
 * Failing to read or write the file is never an error.
 */

// Bump when the file's layout changes.
const FORMAT = 'validated-case-v2';
// The modules that decide a case's validated value (the schemas, the loader and validateWith) and its content hash.
const CODE = ['./schema', './ehr-schema', './load', './source-file', './case-set-hash'];
// Entries beyond the most recently used MAX_ENTRIES are dropped when the file is saved.
const MAX_ENTRIES = 4000;

interface Entry {
  /** sha1 of hash and json, so a damaged entry is noticed. */
  sum: string;
  /** The validated case as JSON. */
  json: string;
  /** The case's content hash (case-set-hash's caseHash), so a run hashing its cases need not serialise them again. */
  hash: string;
  /** When it was last used (ms since the epoch). */
  used: number;
}

interface Saved {
  format: string;
  code: string;
  entries: Record<string, Entry>;
}

let state: { file: string; code: string; entries: Map<string, Entry> } | null | undefined;
let dirty = false;

/** Where the file lives (in the parse cache's folder; none when that is off). */
export function validatedCacheFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDirectory(env);
  // The sources and the build hash differently: a file each, so switching does not churn.
  return dir === undefined ? undefined : join(dir, `${FORMAT}${SOURCE_EXT === '.ts' ? '-src' : ''}.json`);
}

/** A hash of the sources in CODE and zod's version; null when they cannot be read (a bundle). */
function codeFingerprint(): string | null {
  try {
    const h = createHash('sha1');
    for (const m of CODE) h.update(readFileSync(sourceFile(new URL(m, import.meta.url)))).update('\0');
    return h.update(JSON.stringify(z.core.version)).digest('base64url');
  } catch {
    return null;
  }
}

function open(): typeof state {
  if (state !== undefined) return state;
  const file = validatedCacheFile();
  const code = file && codeFingerprint();
  if (!file || !code) return (state = null);
  const entries = new Map<string, Entry>();
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Saved>;
    if (saved.format === FORMAT && saved.code === code && saved.entries) for (const [k, v] of Object.entries(saved.entries)) entries.set(k, v);
  } catch {
    // Missing or not JSON: start empty.
  }
  return (state = { file, code, entries });
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');
const checksum = (hash: string, json: string) => createHash('sha1').update(hash).update('\0').update(json).digest('base64url');

/**
 * The case a file's text validates to: from the cache when this text was valid under this code before,
 * else from `validate` (which returns the case, or undefined when the text has problems).
 */
export function cachedValidCase(text: string, validate: () => Case | undefined): Case | undefined {
  const s = open();
  if (!s) return validate();
  const key = sha1(text);
  const hit = s.entries.get(key);
  if (hit && typeof hit.json === 'string' && typeof hit.hash === 'string' && hit.sum === checksum(hit.hash, hit.json)) {
    try {
      const kase = JSON.parse(hit.json) as Case;
      rememberCaseHash(kase, hit.hash);
      hit.used = Date.now();
      return kase;
    } catch {
      // Damaged: validated again below.
    }
  }
  if (hit) {
    s.entries.delete(key);
    markDirty();
  }
  const kase = validate();
  if (kase && jsonSafe(kase)) {
    const json = JSON.stringify(kase);
    const hash = caseHash(kase);
    s.entries.set(key, { sum: checksum(hash, json), json, hash, used: Date.now() });
    markDirty();
  }
  return kase;
}

function markDirty(): void {
  if (!dirty) saveAtExit(saveValidatedCache);
  dirty = true;
}

/** Writes the file now (else at exit): aside and renamed, so a reader in another process never sees half a file. */
export function saveValidatedCache(): void {
  if (!state || !dirty) return;
  const kept = [...state.entries].sort((a, b) => b[1].used - a[1].used).slice(0, MAX_ENTRIES);
  // A read-only home or a full disk: the next process validates again.
  if (writeCacheFile(state.file, JSON.stringify({ format: FORMAT, code: state.code, entries: Object.fromEntries(kept) } satisfies Saved))) dirty = false;
}

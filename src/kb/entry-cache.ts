import { createHash } from 'node:crypto';
import { z } from 'zod';
import { diskMemo, type DiskMemo } from '../util/disk-memo.js';
import { jsonSafe } from '../util/parse-cache.js';

/**
 * A knowledge-base file's entries as the schema returned them, on disk beside the parse cache: validating the
 * shipped knowledge base against the zod schemas is most of loading it (~0.2 s of every process that builds a
 * knowledge-base doctor), and the files rarely change. Keyed by the file's text and zod's version; the file is
 * headed by a hash of every module the validation runs (the schemas and the validator, found by following their
 * imports). Only a file with no problems is kept, so a file with problems is validated again and keeps its lines.
 * Each entry carries a checksum of its JSON: a damaged one is validated again.
 */

/** A valid file's entries, in file order. */
export interface KbFileEntries {
  findings: unknown[];
  diseases: unknown[];
}

let memo: DiskMemo<KbFileEntries> | undefined;
let memoDir: string | undefined;

function kbEntryMemo(env: NodeJS.ProcessEnv): DiskMemo<KbFileEntries> {
  // Made again when the cache folder changes (tests play processes over their own folders).
  if (memo && memoDir === env.ROUNDS_CACHE_DIR) return memo;
  memoDir = env.ROUNDS_CACHE_DIR;
  const code = [new URL('./schema', import.meta.url), new URL('../case/source-file', import.meta.url), new URL('./entry-cache', import.meta.url)];
  return (memo = diskMemo<KbFileEntries>({ name: 'kb-entries-v1', code, followImports: true, data: [], maxEntries: 500, encode, decode }, env));
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');

function encode(value: KbFileEntries): unknown {
  const json = JSON.stringify(value);
  return [sha1(json), json];
}

function decode(stored: unknown): KbFileEntries | undefined {
  if (!Array.isArray(stored) || stored.length !== 2) return undefined;
  const [sum, json] = stored as unknown[];
  if (typeof sum !== 'string' || typeof json !== 'string' || sha1(json) !== sum) return undefined;
  try {
    const value = JSON.parse(json) as Partial<KbFileEntries>;
    if (!Array.isArray(value.findings) || !Array.isArray(value.diseases)) return undefined;
    return { findings: value.findings, diseases: value.diseases };
  } catch {
    return undefined;
  }
}

/**
 * A file's validated entries: from the memo when this text was valid under this code before, else from `validate`
 * (which returns the entries, or undefined when the file has problems).
 */
export function cachedKbEntries(text: string, validate: () => KbFileEntries | undefined, env: NodeJS.ProcessEnv = process.env): KbFileEntries | undefined {
  const m = kbEntryMemo(env);
  const key = sha1(`${JSON.stringify(z.core.version)}\0${text}`);
  const hit = m.get(key);
  if (hit) return hit;
  const value = validate();
  if (value && jsonSafe(value)) m.set(key, value);
  return value;
}

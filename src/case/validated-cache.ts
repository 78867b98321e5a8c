import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { cachedParse } from '../util/parse-cache.js';
import type { Case } from './schema.js';

/**
 * Valid cases as the schema returned them, in the parse cache, keyed by the
 * case file's text and the code that validates it. Validating the shipped
 * suite against the zod schema is ~0.2 s of every process start even when the
 * YAML comes from the parse cache; a valid case read back is a plain JSON
 * copy of what validation returned (defaults filled, keys in the same order).
 * Only valid cases are kept: a file with problems is validated again so its
 * problems keep their lines. A changed schema, loader or zod has another key;
 * an entry whose checksum does not match its case is validated again and
 * replaced. Without a cache folder, or when the sources are not where
 * expected (a bundle), every case is validated.
 */

// Bump when what is stored changes.
const FORMAT = 'validated-case-v1';
// The modules that decide a case's validated value: the schemas, the loader and validateWith.
const CODE = ['./schema', './ehr-schema', './load', './source-file'];

const SOURCE_EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
let prefix: string | null | undefined;

/** The key prefix: FORMAT, the sources in CODE and zod's version; null when they cannot be read. */
function keyPrefix(): string | null {
  if (prefix !== undefined) return prefix;
  try {
    const h = createHash('sha1');
    for (const m of CODE) h.update(readFileSync(fileURLToPath(new URL(m + SOURCE_EXT, import.meta.url)))).update('\0');
    h.update(JSON.stringify(z.core.version));
    prefix = `${FORMAT}\0${h.digest('base64url')}\0`;
  } catch {
    prefix = null;
  }
  return prefix;
}

interface Saved {
  /** sha1 of the case's JSON, so a damaged entry is noticed. */
  sum: string;
  kase: Case;
}

function sumOf(kase: unknown): string {
  return createHash('sha1').update(JSON.stringify(kase)).digest('base64url');
}

function intact(data: unknown): boolean {
  const s = data as Partial<Saved> | null;
  return typeof s === 'object' && s !== null && typeof s.sum === 'string' && typeof s.kase === 'object' && s.kase !== null && sumOf(s.kase) === s.sum;
}

/**
 * The case a file's text validates to: from the cache when this text was valid under this code before,
 * else from `validate` (which returns the case, or undefined when the text has problems).
 */
export function cachedValidCase(text: string, validate: () => Case | undefined): Case | undefined {
  const p = keyPrefix();
  if (p === null) return validate();
  const r = cachedParse(
    p + text,
    () => {
      const kase = validate();
      return kase && { data: { sum: sumOf(kase), kase } satisfies Saved };
    },
    intact,
  );
  return r && (r.data as Saved).kase;
}

import { createHash } from 'node:crypto';
import type { Case } from './schema.js';

/** JSON with object keys sorted at every depth (undefined members dropped, as JSON.stringify does): one text per content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const perCase = new WeakMap<Case, string>();

/** The sha256 of one case's canonical content (after parsing, so YAML layout and key order do not count). */
export function caseHash(kase: Case): string {
  let h = perCase.get(kase);
  if (!h) {
    h = sha256(canonicalJson(kase));
    perCase.set(kase, h);
  }
  return h;
}

/** The first 20 hex digits (80 bits) of caseHash: what the disk caches key a case's derived data by, kept short. */
export function caseKey(kase: Case): string {
  return caseHash(kase).slice(0, 20);
}

/**
 * Records a case's hash worked out earlier from the same content (the validated-case cache keeps it beside the
 * case's JSON, checksummed), so hashing a run's cases does not serialise them again.
 */
export function rememberCaseHash(kase: Case, hash: string): void {
  perCase.set(kase, hash);
}

/**
 * The content hash of a set of cases: the sha256 of the sorted per-case hashes, so the order the cases were
 * listed or loaded in does not change it, and any change to any case's content does. Two runs with the same
 * hash played the same cases, whatever their suites were called; cross-run leaderboards group by it.
 */
export function caseSetHash(cases: readonly Case[]): string {
  const hashes = [...new Set(cases.map(caseHash))].sort();
  return sha256(hashes.join('\n'));
}

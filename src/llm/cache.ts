import { createHash } from 'node:crypto';

export const CACHE_MODES = ['readwrite', 'read', 'off'] as const;
/** readwrite: use and fill the cache; read: use it, never write; off: neither. */
export type CacheMode = (typeof CACHE_MODES)[number];

/** Where call results are kept; the store's `cache` table in a run. */
export interface CallCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** A stable sha256 over any JSON value (object keys sorted so key order never changes the hash). */
export function hashKey(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

/** JSON with sorted object keys; undefined members are dropped as JSON.stringify does. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** An in-memory cache, for tests and benchmarks. */
export function memoryCache(): CallCache & { size(): number } {
  const m = new Map<string, string>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v), size: () => m.size };
}

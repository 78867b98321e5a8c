import { createRequire } from 'node:module';

/**
 * The yaml package, loaded on first use: with warm disk caches a run parses no YAML at all (cases, knowledge base,
 * catalog and vocabulary all come from the caches), and loading the package (its many CommonJS files) was ~50 ms
 * of every command's start. Callers keep their synchronous API.
 */
let loaded: typeof import('yaml') | undefined;

export function yaml(): typeof import('yaml') {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}

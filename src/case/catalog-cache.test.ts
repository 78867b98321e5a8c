import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCaches, useCacheDir } from '../../test/support/cache-dir.js';
import type { CatalogTest } from './catalog-schema.js';

// Each "process" is a fresh module graph (vi.resetModules) over one cache folder; exit's saves are run by hand.
const cache = useCacheDir('catalog-cache');
const file = join(cache, 'catalog-tests-v1-src.json');
// A copy of the shipped catalog, edited by one test.
const catalogDir = join(mkdtempSync(join(tmpdir(), 'rounds-catalog-copy-')), 'catalog');
cpSync('data/catalog', catalogDir, { recursive: true });

/** A fresh process's catalog tests, loaded from the copy. */
async function load(): Promise<CatalogTest[]> {
  vi.resetModules();
  const { loadCatalog } = await import('./catalog.js');
  const tests = JSON.parse(JSON.stringify(loadCatalog(catalogDir).tests)) as CatalogTest[];
  saveCaches();
  return tests;
}

describe('catalog cache', () => {
  let derived: CatalogTest[];
  beforeAll(async () => {
    derived = await load();
  });

  it('gives a later process the same tests and prices, read from the file', async () => {
    expect(derived.length).toBeGreaterThan(50);
    expect(await load()).toEqual(derived);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [CatalogTest[], number]> };
    for (const e of Object.values(stored.entries)) e[0][0] = { ...e[0][0], name: 'from the file' };
    writeFileSync(file, JSON.stringify(stored));
    expect((await load())[0].name).toBe('from the file');
  });

  it('validates and prices again when the file is damaged or an entry has the wrong shape', async () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [unknown, number]> };
    for (const e of Object.values(stored.entries)) e[0] = [{ id: 'x' }];
    writeFileSync(file, JSON.stringify(stored));
    expect(await load()).toEqual(derived);
    writeFileSync(file, '');
    expect(await load()).toEqual(derived);
    expect(await load()).toEqual(derived);
  });

  it('reads a changed catalog file anew, and caches nothing for a catalog with problems', async () => {
    const yaml = join(catalogDir, 'cardiac.yaml');
    const text = readFileSync(yaml, 'utf8');
    const name = derived.find((t) => text.includes(`name: ${t.name}`))!.name;
    writeFileSync(yaml, text.replace(`name: ${name}`, 'name: Renamed test'));
    expect((await load()).map((t) => t.name)).toContain('Renamed test');
    writeFileSync(yaml, `${text}\n  - { id: broken }\n`);
    await expect(load()).rejects.toThrow();
    await expect(load()).rejects.toThrow();
    writeFileSync(yaml, text);
    expect(await load()).toEqual(derived);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'rounds-validated-cache-'));
const shipped = join(import.meta.dirname, '..', '..', 'data', 'cases', 'cardiology', 'cardio-afib-rvr-001.yaml');

/** Fresh copies of the modules (as a new process has), reading the cache in `cacheDir`. */
async function fresh(cacheDir: string) {
  vi.resetModules();
  process.env.ROUNDS_CACHE_DIR = cacheDir;
  const cache = await import('./validated-cache.js');
  const load = await import('./load.js');
  return { ...cache, ...load };
}

describe('validated case cache', () => {
  it('gives a later process the validated case, equal to validating it again (key order included)', async () => {
    const cacheDir = join(dir, 'a');
    const uncached = (await fresh('')).loadCaseFile(shipped);
    const first = await fresh(cacheDir);
    expect(first.loadCaseFile(shipped)).toEqual(uncached);
    first.saveValidatedCache();
    const second = await fresh(cacheDir);
    const validate = vi.fn(() => undefined);
    const text = readFileSync(shipped, 'utf8');
    const hit = second.cachedValidCase(text, validate);
    expect(validate).not.toHaveBeenCalled();
    expect(JSON.stringify(hit)).toBe(JSON.stringify(uncached.cases[0].kase));
    // The hit comes with its content hash, the one hashing a copy of it gives.
    const { caseHash } = await import('./case-set-hash.js');
    expect(caseHash(hit!)).toBe(caseHash(structuredClone(hit!)));
    expect(second.loadCaseFile(shipped)).toEqual(uncached);
    // Another text (the same case, changed) is validated again.
    const changed = vi.fn(() => undefined);
    expect(second.cachedValidCase(text + '\n# changed\n', changed)).toBeUndefined();
    expect(changed).toHaveBeenCalledOnce();
  });

  it('validates a damaged entry again and replaces it', async () => {
    const cacheDir = join(dir, 'b');
    const text = readFileSync(shipped, 'utf8');
    const first = await fresh(cacheDir);
    const good = first.loadCaseFile(shipped).cases[0].kase;
    first.saveValidatedCache();
    // Change the stored case's title but not its checksum, as a damaged file would.
    const file = first.validatedCacheFile()!;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { json: string }> };
    const entry = Object.values(saved.entries)[0];
    expect(entry.json).toContain(good.title);
    entry.json = entry.json.replace(good.title, 'Tampered');
    writeFileSync(file, JSON.stringify(saved));
    const second = await fresh(cacheDir);
    const validate = vi.fn(() => good);
    expect(second.cachedValidCase(text, validate)).toEqual(good);
    expect(validate).toHaveBeenCalledOnce();
    // Replaced: the next lookup is a hit with the good case.
    const again = vi.fn(() => undefined);
    expect(second.cachedValidCase(text, again)).toEqual(good);
    expect(again).not.toHaveBeenCalled();
    // A damaged content hash is noticed too: the case is validated again and hashed from its content.
    second.saveValidatedCache();
    const hashed = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { hash: string }> };
    Object.values(hashed.entries)[0].hash = '0'.repeat(64);
    writeFileSync(file, JSON.stringify(hashed));
    const third = await fresh(cacheDir);
    const revalidate = vi.fn(() => structuredClone(good));
    const kase = third.cachedValidCase(text, revalidate)!;
    expect(revalidate).toHaveBeenCalledOnce();
    const { caseHash } = await import('./case-set-hash.js');
    expect(caseHash(kase)).toBe(caseHash(structuredClone(kase)));
  });

  it('ignores a file made by other code (another schema) and a file that is not JSON', async () => {
    const cacheDir = join(dir, 'd');
    const text = readFileSync(shipped, 'utf8');
    const first = await fresh(cacheDir);
    const good = first.loadCaseFile(shipped).cases[0].kase;
    first.saveValidatedCache();
    const file = first.validatedCacheFile()!;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { code: string };
    writeFileSync(file, JSON.stringify({ ...saved, code: 'other-code' }));
    const stale = vi.fn(() => good);
    expect((await fresh(cacheDir)).cachedValidCase(text, stale)).toEqual(good);
    expect(stale).toHaveBeenCalledOnce();
    writeFileSync(file, '{"format": "validated-case-v1", "code": ');
    const corrupt = vi.fn(() => good);
    expect((await fresh(cacheDir)).cachedValidCase(text, corrupt)).toEqual(good);
    expect(corrupt).toHaveBeenCalledOnce();
  });

  it('never caches a case with problems, so its problems keep their lines', async () => {
    const cacheDir = join(dir, 'c');
    const file = join(dir, 'bad-case.yaml');
    writeFileSync(file, 'id: bad-case\ntitle: A case\npatient:\n  age: forty\n');
    const first = await fresh(cacheDir);
    const problems = first.loadCaseFile(file).problems;
    first.saveValidatedCache();
    const second = await fresh(cacheDir);
    expect(second.loadCaseFile(file).problems).toEqual(problems);
    expect(problems.find((p) => p.path === 'patient.age')?.line).toBe(4);
  });
});

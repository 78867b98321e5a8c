import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'rounds-parse-cache-'));
const compiled = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'util', 'parse-cache.js')).href;

/** Parses a text in a fresh process, as the CLI does, and says whether it came from the cache. */
function parseInProcess(cacheDir: string, text: string): { cached: boolean; data: unknown } {
  const script = `import(${JSON.stringify(compiled)}).then((m) => { const r = m.cachedParse(process.env.TEXT, () => ({ data: JSON.parse(process.env.TEXT) })); console.log(JSON.stringify(r)); });`;
  const r = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, ROUNDS_CACHE_DIR: cacheDir, TEXT: text }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('parse cache', () => {
  it('gives a later process the data an earlier one parsed, and parses a changed text again', () => {
    const cache = join(dir, 'a');
    expect(parseInProcess(cache, '{"a": [1, 2]}')).toEqual({ cached: false, data: { a: [1, 2] } });
    expect(parseInProcess(cache, '{"a": [1, 2]}')).toEqual({ cached: true, data: { a: [1, 2] } });
    expect(parseInProcess(cache, '{"a": [1, 3]}')).toEqual({ cached: false, data: { a: [1, 3] } });
  });

  it('parses again for an entry whose stored text is damaged or missing, and for a damaged file', () => {
    const cache = join(dir, 'd');
    const file = join(cache, 'parsed-yaml-v2.json');
    expect(parseInProcess(cache, '{"d": 1}').cached).toBe(false);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { json: unknown }> };
    for (const e of Object.values(stored.entries)) e.json = '{"d": ';
    writeFileSync(file, JSON.stringify(stored));
    expect(parseInProcess(cache, '{"d": 1}')).toEqual({ cached: false, data: { d: 1 } });
    expect(parseInProcess(cache, '{"d": 1}')).toEqual({ cached: true, data: { d: 1 } });
    for (const e of Object.values(stored.entries)) e.json = 7;
    writeFileSync(file, JSON.stringify(stored));
    expect(parseInProcess(cache, '{"d": 1}')).toEqual({ cached: false, data: { d: 1 } });
    writeFileSync(file, '{');
    expect(parseInProcess(cache, '{"d": 1}')).toEqual({ cached: false, data: { d: 1 } });
    expect(parseInProcess(cache, '{"d": 1}')).toEqual({ cached: true, data: { d: 1 } });
  });

  it('is off with an empty ROUNDS_CACHE_DIR', () => {
    expect(parseInProcess('', '{"b": 1}').cached).toBe(false);
    expect(parseInProcess('', '{"b": 1}').cached).toBe(false);
  });

  it('never caches data JSON would change (Infinity), and hands out copies a caller may change', async () => {
    process.env.ROUNDS_CACHE_DIR = join(dir, 'b');
    // Fresh module instances: an earlier file in this worker may have loaded the cache from another folder.
    vi.resetModules();
    const { cachedParse } = await import('./parse-cache.js');
    expect(cachedParse('inf', () => ({ data: { x: Infinity } }))?.cached).toBe(false);
    expect(cachedParse('inf', () => ({ data: { x: Infinity } }))?.cached).toBe(false);
    const first = cachedParse('list', () => ({ data: { list: [1] } }))!;
    (first.data as { list: number[] }).list.push(2);
    const again = cachedParse('list', () => ({ data: { list: [9] } }))!;
    expect(again).toEqual({ cached: true, data: { list: [1] } });
    (again.data as { list: number[] }).list.push(3);
    expect(cachedParse('list', () => undefined)!.data).toEqual({ list: [1] });
  });

  it('still names the line of a problem in a case file read from the cache', async () => {
    process.env.ROUNDS_CACHE_DIR = join(dir, 'c');
    vi.resetModules();
    const { loadCaseFile } = await import('../case/load.js');
    const file = join(dir, 'bad-case.yaml');
    writeFileSync(file, 'id: bad-case\ntitle: A case\npatient:\n  age: forty\n');
    const first = loadCaseFile(file).problems.find((p) => p.path === 'patient.age');
    const second = loadCaseFile(file).problems.find((p) => p.path === 'patient.age');
    expect(first?.line).toBe(4);
    expect(second).toEqual(first);
  });
});

import { afterAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCaches, useCacheDir } from '../../../test/support/cache-dir.js';

// Each "process" is a fresh module graph (vi.resetModules) over one cache folder; exit's saves are run by hand.
const dir = useCacheDir('diagnosis-vocabulary');
const file = join(dir, 'diagnosis-vocabulary-v1-src.json');
const TEXTS = [
  'MI',
  'NSTEMI',
  'C. diff colitis',
  'Haemorrhagic stroke',
  'UTI',
  'non small cell lung carcinoma',
  'A-fib with RVR',
  'urinary tract infection',
  'zzq',
];

/** A fresh process's canonical forms of TEXTS and the family members of each. */
async function play(): Promise<string[][]> {
  vi.resetModules();
  const { canonicalDiagnosis, familyMembers } = await import('./diagnosis-text.js');
  const out = TEXTS.map((t) => {
    const c = canonicalDiagnosis(t);
    return [c, canonicalDiagnosis(t, { abbreviations: false }), ...familyMembers(c)];
  });
  saveCaches();
  return out;
}

describe('diagnosis vocabulary memo', () => {
  let uncached: string[][];
  const data = mkdtempSync(join(tmpdir(), 'rounds-diagnosis-vocabulary-'));
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('gives a later process the vocabulary it derived, read from the file', async () => {
    vi.stubEnv('ROUNDS_CACHE_DIR', '');
    uncached = await play();
    vi.unstubAllEnvs();
    expect(uncached.some((r) => r.length > 2)).toBe(true);
    expect(await play()).toEqual(uncached);
    expect(await play()).toEqual(uncached);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [{ synonyms: [string, string][] }, number]> };
    stored.entries.vocabulary[0].synonyms.unshift(['zzq', 'from the file']);
    writeFileSync(file, JSON.stringify(stored));
    expect((await play())[8][0]).toBe('from the file');
  });

  it('derives it again when the entry has the wrong shape or the file is damaged', async () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [{ synonyms: unknown }, number]> };
    stored.entries.vocabulary[0].synonyms = [['a', 1]];
    writeFileSync(file, JSON.stringify(stored));
    expect(await play()).toEqual(uncached);
    writeFileSync(file, '{');
    expect(await play()).toEqual(uncached);
    expect(await play()).toEqual(uncached);
  });

  it('derives it again from a changed vocabulary file', async () => {
    cpSync(join('data', 'vocabulary'), join(data, 'vocabulary'), { recursive: true });
    const path = join(data, 'vocabulary', 'diagnosis-synonyms.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^abbreviations:\n/m, 'abbreviations:\n  zzq: acute kidney injury\n'));
    vi.stubEnv('ROUNDS_DATA_DIR', data);
    const changed = await play();
    vi.unstubAllEnvs();
    expect(uncached[8][0]).toBe('zzq');
    expect(changed[8][0]).toContain('kidney');
    expect(await play()).toEqual(uncached);
  });
});

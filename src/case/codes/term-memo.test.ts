import { afterAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCases } from '../load.js';
import { dataDir } from '../../util/paths.js';

// Case names, their canonical forms and some answers with words added: texts the matcher meets when scoring.
function texts(): string[] {
  const names = loadCases(join(dataDir(), 'cases'))
    .cases.slice(0, 80)
    .flatMap((c) => [c.kase.diagnosis.name, ...c.kase.diagnosis.accept]);
  return [...new Set([...names, ...names.slice(0, 40).map((n) => `chronic ${n.toLowerCase()} with complications`), 'gout', 'no such disease'])];
}

/** A fresh matcher (new module instances) with the given cache folder ('' turns the disk caches off). */
async function fresh(cacheDir: string) {
  const was = process.env.ROUNDS_CACHE_DIR;
  process.env.ROUNDS_CACHE_DIR = cacheDir;
  vi.resetModules();
  const terms = await import('./term-match.js');
  const restore = () => {
    if (was === undefined) delete process.env.ROUNDS_CACHE_DIR;
    else process.env.ROUNDS_CACHE_DIR = was;
  };
  return { terms, restore };
}

async function matchAll(cacheDir: string, list: string[], save = false) {
  const { terms, restore } = await fresh(cacheDir);
  try {
    const got = list.map((t) => [t, terms.matchTerms(t)] as const);
    if (save) terms.saveTermMatches();
    return got;
  } finally {
    restore();
  }
}

const dirs: string[] = [];
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'rounds-term-memo-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// The ICD term data (term-data.ts, its own cache, tested in term-data.test.ts) is derived once and copied into each
// folder: deriving it in every fresh process took most of this file's time. A folder without the matches file
// derives every match, the uncached path under test here.
let termData: string | undefined;
async function seeded(): Promise<string> {
  if (termData === undefined) {
    termData = folder();
    await matchAll(termData, ['gout']);
  }
  const d = folder();
  for (const f of readdirSync(termData)) if (!f.startsWith('term-matches-')) cpSync(join(termData, f), join(d, f), { recursive: true });
  return d;
}

const memoFile = (dir: string) => join(dir, 'term-matches-v1-src.json');
type Saved = { name: string; code: string; entries: Record<string, [unknown, number]> };
const stored = (saved: Saved) => Object.fromEntries(Object.entries(saved.entries).map(([k, v]) => [k, v[0]]));

describe('term matches on disk', () => {
  it('gives a later process the matches matching derives, read from the file', async () => {
    const list = texts();
    const lazy = await matchAll(await seeded(), list);
    expect(lazy.filter(([, m]) => m.length).length).toBeGreaterThan(50);
    const dir = await seeded();
    expect(await matchAll(dir, list, true)).toEqual(lazy);
    const saved = JSON.parse(readFileSync(memoFile(dir), 'utf8')) as Saved;
    expect(Object.keys(saved.entries).sort()).toEqual([...list].sort());
    expect(await matchAll(dir, list)).toEqual(lazy);
    // What the file says is what a later process gives (so it was read, not derived again).
    saved.entries.gout[0] = [['M10.9', 'read from the file', 0]];
    writeFileSync(memoFile(dir), JSON.stringify(saved));
    expect(await matchAll(dir, ['gout'])).toEqual([['gout', [{ code: 'M10.9', term: 'read from the file', via: 'title' }]]]);
  }, 300_000);

  it('derives again an entry of the wrong shape, a file that does not parse and a file from other code', async () => {
    const list = ['gout', 'acute myocardial infarction', 'community acquired pneumonia'];
    const lazy = await matchAll(await seeded(), list);
    const dir = await seeded();
    await matchAll(dir, list, true);
    const good = JSON.parse(readFileSync(memoFile(dir), 'utf8')) as Saved;
    const damaged = structuredClone(good);
    damaged.entries.gout[0] = [['M10.9', 'a title', 'sideways']];
    damaged.entries['acute myocardial infarction'][0] = { not: 'a list' };
    const stale = { ...structuredClone(good), code: 'other code' };
    stale.entries.gout[0] = [];
    for (const bad of [JSON.stringify(damaged), JSON.stringify(good).slice(0, 200), JSON.stringify(stale)]) {
      writeFileSync(memoFile(dir), bad);
      expect(await matchAll(dir, list, true)).toEqual(lazy);
      // Written again whole, with the derived matches.
      expect(stored(JSON.parse(readFileSync(memoFile(dir), 'utf8')) as Saved)).toEqual(stored(good));
    }
  }, 300_000);

  it('gives the same matches whichever texts were matched before (index nodes in rank order)', async () => {
    // "Gout, chronic" is filed under "gout" and "chronic": built through "chronic" first, its nodes used to come
    // before "Gout, gouty" for "gout".
    const alone = await matchAll(await seeded(), ['gout']);
    const after = await matchAll(await seeded(), ['chronic bronchitis', 'gout']);
    expect(after[1]).toEqual(alone[0]);
    expect(alone[0][1].map((m) => m.term)).toEqual(['Gout, unspecified', 'Gout, gouty', 'Gout, chronic', 'Podagra']);
  }, 300_000);
});

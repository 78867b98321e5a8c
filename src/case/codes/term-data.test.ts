import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeTable } from './code-table.js';
import { bagOf, leadKeysOf, segmentAlternatives, storedTermData, titleBagsOf, titleKeysOf } from './term-data.js';

/** The one term data file in a cache folder. */
function cacheFileIn(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.startsWith('rounds-term-data-'));
  expect(files).toHaveLength(1);
  return join(dir, files[0]);
}

describe('term data disk cache', () => {
  it('reads back exactly what it derived: every title, title key, lead key, segment and modifier', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-term-data-'));
    const env = { ROUNDS_CACHE_DIR: dir };
    const table = codeTable();
    expect(storedTermData(table, env)?.source).toBe('derived');
    const stored = storedTermData(table, env)!;
    expect(stored.source).toBe('cache');

    // Differences are collected and compared once: an expect per piece would take a minute.
    const differ: string[] = [];
    const same = (what: string, got: unknown, want: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`${what}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    };
    const titleKeys = new Map<string, number[]>();
    table.codes.forEach((code, i) => {
      const title = table.titles.get(code)!;
      same(code, stored.titleBags(i), titleBagsOf(title));
      for (const k of titleKeysOf(title))
        titleKeys
          .set(k, titleKeys.get(k) ?? [])
          .get(k)!
          .push(i);
    });
    for (const [k, list] of titleKeys) same(`title key ${k}`, stored.titleCodes(k), list);
    const leadKeys = new Map<string, number[]>();
    table.index.forEach((e, i) => {
      for (const s of e.path) same(s, stored.alternatives(s), segmentAlternatives(s));
      same(`(${e.modifiers})`, stored.modifierBag(e.modifiers), bagOf(e.modifiers));
      for (const k of leadKeysOf(segmentAlternatives(e.path[0])))
        leadKeys
          .set(k, leadKeys.get(k) ?? [])
          .get(k)!
          .push(i);
    });
    for (const [k, list] of leadKeys) same(`lead key ${k}`, stored.entries(k), list);
    expect(differ).toEqual([]);
    expect(titleKeys.size).toBeGreaterThan(1000);
    expect(stored.titleCodes('zzzz')).toBeUndefined();
    expect(stored.alternatives('no such segment')).toBeUndefined();
  }, 120_000);

  it('never trusts a corrupt, truncated or stale file: derives the words again and rewrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-term-data-'));
    const env = { ROUNDS_CACHE_DIR: dir };
    const table = codeTable();
    expect(storedTermData(table, env)?.source).toBe('derived');
    const file = cacheFileIn(dir);
    const good = readFileSync(file, 'utf8');
    const lines = good.split('\n');
    const damaged = {
      // One letter changed, length kept: only the checksum tells.
      flipped: (() => {
        const at = Math.floor(good.length / 2);
        return good.slice(0, at) + (good[at] === 'a' ? 'b' : 'a') + good.slice(at + 1);
      })(),
      truncated: good.slice(0, good.length - 1000),
      // Written for other inputs (another table, vocabulary or matcher code): another key.
      stale: [lines[0], 'another-key', ...lines.slice(2)].join('\n'),
      otherFormat: ['rounds-term-data-v0', ...lines.slice(1)].join('\n'),
      empty: '',
    };
    for (const [what, text] of Object.entries(damaged)) {
      writeFileSync(file, text);
      expect(storedTermData(table, env)?.source, what).toBe('derived');
      expect(readFileSync(file, 'utf8') === good, what).toBe(true);
      expect(storedTermData(table, env)?.source, what).toBe('cache');
    }
  }, 120_000);

  it('keeps its own file and the two most recent others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-term-data-'));
    const old = ['a', 'b', 'c', 'd'].map((k, i) => {
      const f = join(dir, `rounds-term-data-v1-${k}.txt`);
      writeFileSync(f, 'old');
      utimesSync(f, 1000 + i, 1000 + i);
      return `rounds-term-data-v1-${k}.txt`;
    });
    expect(storedTermData(codeTable(), { ROUNDS_CACHE_DIR: dir })?.source).toBe('derived');
    const left = readdirSync(dir).filter((f) => f.startsWith('rounds-term-data-'));
    expect(left).toHaveLength(3);
    expect(left).toEqual(expect.arrayContaining([old[3], old[2]]));
    expect(left).not.toContain(old[0]);
    expect(left).not.toContain(old[1]);
  }, 60_000);

  it('is off with an empty ROUNDS_CACHE_DIR', () => {
    expect(storedTermData(codeTable(), { ROUNDS_CACHE_DIR: '' })).toBeUndefined();
  });
});

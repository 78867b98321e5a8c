import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { codeTable, type CodeTable } from './code-table.js';
import { bagOf, leadKeysOf, segmentAlternatives, storedTermData, titleBagsOf, titleKeysOf } from './term-data.js';

// Deriving the words costs over a second of CPU, so the file derives them once (beforeAll) and every test reads
// that derivation; the damaged-file cases derive a small table's words instead. The derivation is made in a
// folder already holding four older term data files, so it also shows which files the cache keeps.
// Checked by breaking term-data.ts once each (2026-12-03): no checksum, key, format or table-size check, a rejected
// file not rewritten, a modifier word dropped from the file, KEEP = 4: each fails its test here.
let table: CodeTable;
let dir: string;
let env: { ROUNDS_CACHE_DIR: string };
let firstSource: string | undefined;
let old: string[];
let leftAfterDerive: string[];
let file: string;
let good: string;

beforeAll(() => {
  table = codeTable();
  dir = mkdtempSync(join(tmpdir(), 'rounds-term-data-'));
  env = { ROUNDS_CACHE_DIR: dir };
  old = ['a', 'b', 'c', 'd'].map((k, i) => {
    const f = join(dir, `rounds-term-data-v1-${k}.txt`);
    writeFileSync(f, 'old');
    utimesSync(f, 1000 + i, 1000 + i);
    return `rounds-term-data-v1-${k}.txt`;
  });
  firstSource = storedTermData(table, env)?.source;
  leftAfterDerive = readdirSync(dir).filter((f) => f.startsWith('rounds-term-data-'));
  const own = leftAfterDerive.filter((f) => !old.includes(f));
  expect(own).toHaveLength(1);
  file = join(dir, own[0]);
  good = readFileSync(file, 'utf8');
}, 60_000);

// Each folder holds a file of about 10 MB.
const folders: string[] = [];
afterAll(() => {
  for (const f of [dir, ...folders]) if (f) rmSync(f, { recursive: true, force: true });
});

describe('term data disk cache', () => {
  it('reads back exactly what it derived: every title, title key, lead key, segment and modifier', () => {
    expect(firstSource).toBe('derived');
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
    // Each distinct segment and modifier text is compared once: the index repeats them (186k segments, 24k distinct),
    // and both sides are pure functions of the text, so a repeat compares the same values again.
    const segments = new Map<string, string[][]>();
    const alternativesOf = (s: string) => {
      let alts = segments.get(s);
      if (!alts) {
        segments.set(s, (alts = segmentAlternatives(s)));
        same(s, stored.alternatives(s), alts);
      }
      return alts;
    };
    const modifiers = new Set<string>();
    const leadKeys = new Map<string, number[]>();
    table.index.forEach((e, i) => {
      for (const s of e.path) alternativesOf(s);
      if (!modifiers.has(e.modifiers)) {
        modifiers.add(e.modifiers);
        same(`(${e.modifiers})`, stored.modifierBag(e.modifiers), bagOf(e.modifiers));
      }
      for (const k of leadKeysOf(alternativesOf(e.path[0])))
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
  });

  it('never trusts a corrupt, truncated or stale file: derives the words again and rewrites it', () => {
    // Every damage is put through storedTermData, each rewrite a derivation: on every 40th code and index entry of
    // the table, so a derivation costs tens of milliseconds instead of over a second. Reading, checking and
    // rewriting do not depend on the table's size.
    const small: CodeTable = { titles: table.titles, codes: table.codes.filter((_, i) => i % 40 === 0), index: table.index.filter((_, i) => i % 40 === 0) };
    const smallDir = mkdtempSync(join(tmpdir(), 'rounds-term-data-'));
    folders.push(smallDir);
    const smallEnv = { ROUNDS_CACHE_DIR: smallDir };
    expect(storedTermData(small, smallEnv)?.source).toBe('derived');
    const smallFile = join(smallDir, basename(file));
    const smallGood = readFileSync(smallFile, 'utf8');
    expect(smallGood.length).toBeGreaterThan(10_000);
    const lines = smallGood.split('\n');
    const damaged = {
      // One letter changed, length kept: only the checksum tells.
      flipped: (() => {
        const at = Math.floor(smallGood.length / 2);
        return smallGood.slice(0, at) + (smallGood[at] === 'a' ? 'b' : 'a') + smallGood.slice(at + 1);
      })(),
      truncated: smallGood.slice(0, smallGood.length - 1000),
      // Written for other inputs (another table, vocabulary or matcher code): another key.
      stale: [lines[0], 'another-key', ...lines.slice(2)].join('\n'),
      otherFormat: ['rounds-term-data-v0', ...lines.slice(1)].join('\n'),
      empty: '',
      // Same key, intact, but for the whole table: not this table's words.
      otherTable: good,
    };
    for (const [what, text] of Object.entries(damaged)) {
      writeFileSync(smallFile, text);
      expect(storedTermData(small, smallEnv)?.source, what).toBe('derived');
      expect(readFileSync(smallFile, 'utf8') === smallGood, what).toBe(true);
      expect(storedTermData(small, smallEnv)?.source, what).toBe('cache');
    }
  });

  it('keeps its own file and the two most recent others', () => {
    expect(firstSource).toBe('derived');
    expect(leftAfterDerive).toHaveLength(3);
    expect(leftAfterDerive).toEqual(expect.arrayContaining([old[3], old[2], basename(file)]));
    expect(leftAfterDerive).not.toContain(old[0]);
    expect(leftAfterDerive).not.toContain(old[1]);
  });

  it('is off with an empty ROUNDS_CACHE_DIR', () => {
    expect(storedTermData(codeTable(), { ROUNDS_CACHE_DIR: '' })).toBeUndefined();
  });
});

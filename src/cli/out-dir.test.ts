import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareOutDir, prepareOutFile } from './out-dir.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('prepareOutDir', () => {
  it('creates missing folders and accepts a writable one', () => {
    const out = join(dir, 'a', 'b', 'c');
    expect(prepareOutDir(out)).toBe(out);
    expect(existsSync(out)).toBe(true);
    expect(prepareOutDir(out)).toBe(out);
  });

  it('refuses a folder under a file, or a file, in one sentence', () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    expect(() => prepareOutDir(join(file, 'reports'))).toThrow(
      /^The --out folder .*plain\.txt\/reports is under a file, not a folder; choose another path with --out\.$/,
    );
    expect(() => prepareOutDir(file)).toThrow(/is a file, not a folder/);
    expect(() => prepareOutDir('')).toThrow(/empty/);
  });

  it('refuses a place where files cannot be created, without spinning', () => {
    expect(() => prepareOutDir('/proc/nope')).toThrow(/^Cannot create the --out folder \/proc\/nope \(.+\); choose another folder\.$/);
    expect(() => prepareOutDir('/proc/nope/deeper')).toThrow(/--out folder \/proc\/nope\/deeper/);
    expect(() => prepareOutDir('/proc')).toThrow(/^Cannot write to the --out folder \/proc/);
  });

  it('checks the folder of an output file', () => {
    expect(prepareOutFile(join(dir, 'x', 'r.json'))).toBe(join(dir, 'x', 'r.json'));
    expect(() => prepareOutFile(join(dir, 'plain.txt', 'r.json'))).toThrow(/plain\.txt is a file, not a folder/);
    expect(() => prepareOutFile(dir)).toThrow(/is a folder/);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneCacheFiles, saveAtExit, sourceFile, writeCacheFile } from './cache-file.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cache files', () => {
  it('writes a file whole (creating its folder, leaving no temp file) and reports a write it cannot make', () => {
    dir = mkdtempSync(join(tmpdir(), 'rounds-cache-file-'));
    const file = join(dir, 'sub', 'x.json');
    expect(writeCacheFile(file, '{"a":1}')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['x.json']);
    writeFileSync(join(dir, 'plain'), '');
    expect(writeCacheFile(join(dir, 'plain', 'y.json'), '{}')).toBe(false); // a folder that is a file: no throw
  });

  it('keeps the newest files of one kind and leaves other files alone', () => {
    dir = mkdtempSync(join(tmpdir(), 'rounds-cache-file-'));
    ['k-1.txt', 'k-2.txt', 'k-3.txt', 'other.txt', 'k-4.json'].forEach((f, i) => {
      writeFileSync(join(dir, f), f);
      utimesSync(join(dir, f), 1000 + i, 1000 + i);
    });
    pruneCacheFiles(dir, 'k-', '.txt', 2);
    expect(readdirSync(dir).sort()).toEqual(['k-2.txt', 'k-3.txt', 'k-4.json', 'other.txt']);
    pruneCacheFiles(join(dir, 'missing'), 'k-', '.txt', 2); // no folder: nothing to do, no throw
  });

  it('finds a module source as this process runs it', () => {
    expect(readFileSync(sourceFile(new URL('./cache-file', import.meta.url)), 'utf8')).toContain('export function writeCacheFile');
  });

  it('saves every cache at exit through one listener, each save once however often it is asked', () => {
    dir = mkdtempSync(join(tmpdir(), 'rounds-cache-file-'));
    const before = process.listenerCount('exit');
    for (let i = 0; i < 20; i++) saveAtExit(() => {});
    expect(process.listenerCount('exit') - before).toBeLessThanOrEqual(1);
    const code = [
      `import { saveAtExit } from ${JSON.stringify(new URL('./cache-file.ts', import.meta.url).href)};`,
      "const f = () => console.log('saved f');",
      "saveAtExit(f); saveAtExit(f); saveAtExit(() => console.log('saved g'));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('saved f\nsaved g\n');
  });
});

import { copyFileSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheCaseFiles, loadCases } from './load.js';

afterEach(() => cacheCaseFiles(false));

describe('cached case files (a long-lived server)', () => {
  it('reuses a parsed file while it is unchanged and parses it again once it changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-load-cache-'));
    const file = join(dir, 'stemi.yaml');
    copyFileSync('test/fixtures/cases/stemi.yaml', file);
    cacheCaseFiles(true);
    const first = loadCases(dir);
    const second = loadCases(dir);
    expect(second.cases[0].kase).toBe(first.cases[0].kase);
    // Callers get their own arrays, so one cannot change what the next one loads.
    second.cases.length = 0;
    expect(loadCases(dir).cases).toHaveLength(1);

    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: A changed title'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = loadCases(dir);
    expect(changed.cases[0].kase.title).toBe('A changed title');
  });

  it('parses every time when off (the command line)', () => {
    const first = loadCases('test/fixtures/cases/stemi.yaml');
    const second = loadCases('test/fixtures/cases/stemi.yaml');
    expect(second.cases[0].kase).not.toBe(first.cases[0].kase);
    expect(second.cases[0].kase).toEqual(first.cases[0].kase);
  });
});

import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { saveCaches, useCacheDir } from '../../../test/support/cache-dir.js';
import type { CodeInfo } from './lookup.js';

// Each "process" is a fresh module graph (vi.resetModules) over one cache folder; exit's saves are run by hand.
const dir = useCacheDir('describe-memo');
const file = join(dir, 'icd10-describe-v1-src.json');
const billableFile = join(dir, 'icd10-billable-v1-src.json');
const CODES = ['I21.9', 'i219', 'C92.5', 'C92', 'I21.99', 'X', 'K35.80'];

interface Answers {
  described: (CodeInfo | undefined)[];
  problems: string[][];
}

/** A fresh process's descriptions of CODES and the code problems of cases coded with them. */
async function play(): Promise<Answers> {
  vi.resetModules();
  const { describeCode } = await import('./lookup.js');
  const { icd10Problems } = await import('../validate-codes.js');
  const described = CODES.map(describeCode);
  const problems = CODES.map((icd10) => icd10Problems({ diagnosis: { icd10 } } as never, 'a.yaml').map((p) => p.message));
  saveCaches();
  return { described, problems };
}

describe('ICD-10-CM lookup memos', () => {
  let uncached: Answers;
  const data = mkdtempSync(join(tmpdir(), 'rounds-describe-data-'));
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('gives a later process the lookups of the code table, read from the file', async () => {
    vi.stubEnv('ROUNDS_CACHE_DIR', '');
    uncached = await play();
    vi.unstubAllEnvs();
    expect(uncached.described[0]?.title).toBe('Acute myocardial infarction, unspecified');
    expect(uncached.problems[0]).toEqual([]);
    expect(await play()).toEqual(uncached);
    expect(await play()).toEqual(uncached);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [unknown, number]> };
    (stored.entries['I21.9'][0] as unknown[])[1] = 'from the file';
    writeFileSync(file, JSON.stringify(stored));
    const billable = JSON.parse(readFileSync(billableFile, 'utf8')) as { entries: Record<string, [unknown, number]> };
    billable.entries['I21.99'][0] = true;
    writeFileSync(billableFile, JSON.stringify(billable));
    const read = await play();
    expect(read.described[0]?.title).toBe('from the file');
    expect(read.problems[4]).toEqual([]);
  });

  it('looks a code up again when an entry has the wrong shape or the file is damaged', async () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [unknown, number]> };
    for (const e of Object.values(stored.entries)) e[0] = ['I21.9', 1, true, false, []];
    writeFileSync(file, JSON.stringify(stored));
    const billable = JSON.parse(readFileSync(billableFile, 'utf8')) as { entries: Record<string, [unknown, number]> };
    for (const e of Object.values(billable.entries)) e[0] = 'yes';
    writeFileSync(billableFile, JSON.stringify(billable));
    expect(await play()).toEqual(uncached);
    writeFileSync(file, '[');
    writeFileSync(billableFile, '{');
    expect(await play()).toEqual(uncached);
    expect(await play()).toEqual(uncached);
  });

  it('does not answer from the memo of another code table', async () => {
    await play();
    mkdirSync(join(data, 'icd10cm'));
    writeFileSync(join(data, 'icd10cm', 'icd10cm-2025-codes.tsv.gz'), gzipSync('code\ttitle\nI21.99\tA made-up infarction\nK35.80\tAppendicitis\n'));
    vi.stubEnv('ROUNDS_DATA_DIR', data);
    const other = await play();
    vi.unstubAllEnvs();
    expect(other.described[0]).toMatchObject({ billable: false, billableChildren: ['I21.99'] });
    expect(other.described[2]).toBeUndefined();
    expect(other.described[4]?.title).toBe('A made-up infarction');
    expect(other.problems[4]).toEqual([]);
    expect(other.problems[0]).not.toEqual([]);
    expect(await play()).toEqual(uncached);
  });
});

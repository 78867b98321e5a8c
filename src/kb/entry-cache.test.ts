import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCaches, useCacheDir } from '../../test/support/cache-dir.js';
import type { KnowledgeBase } from './knowledge-base.js';

// Each "process" is a fresh module graph (vi.resetModules) over one cache folder; exit's saves are run by hand.
const dir = useCacheDir('kb-entries');
const file = join(dir, 'kb-entries-v1-src.json');
const kbDir = mkdtempSync(join(tmpdir(), 'rounds-kb-entries-'));
afterAll(() => rmSync(kbDir, { recursive: true, force: true }));

const FINDINGS = `findings:
  - { id: fever, label: Fever, how: { ask: chills }, background: 0.15 }
  - { id: rebound, label: Rebound, how: { examine: abdomen, match: [rebound] }, background: 0.1, sex: female }
  - { id: wbc-high, label: High WBC, how: { order: cbc, component: WBC, flag: [high] }, background: 0.2 }
`;
const DISEASES = `diseases:
  - { id: b-disease, name: B, icd10: K35.80, specialty: gastroenterology, prior: 1, findings: { fever: 0.3 } }
  - { id: a-disease, name: A, icd10: J18.9, specialty: pulmonology, prior: 3, findings: { fever: 0.9, wbc-high: 0.7 } }
`;
writeFileSync(join(kbDir, 'findings.yaml'), FINDINGS);
writeFileSync(join(kbDir, 'diseases.yaml'), DISEASES);

/** A fresh process's knowledge base from `folder` (the shipped one without), without the vocabulary it holds. */
async function play(folder?: string): Promise<Omit<KnowledgeBase, 'vocabulary'>> {
  vi.resetModules();
  const { loadKnowledgeBase } = await import('./load.js');
  const { tinyVocabulary } = await import('./tiny-kb.fixture.js');
  const { vocabulary: _, ...kb } = loadKnowledgeBase(folder, folder ? { vocabulary: tinyVocabulary() } : {});
  saveCaches();
  return kb;
}

type Stored = { entries: Record<string, [[string, string], number]> };
const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');
/** Rewrites every stored entry's JSON (with a matching checksum unless `sum` is given). */
function rewrite(change: (json: string) => string, sum?: string): void {
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  for (const e of Object.values(stored.entries)) {
    const json = change(e[0][1]);
    e[0] = [sum ?? sha1(json), json];
  }
  writeFileSync(file, JSON.stringify(stored));
}

describe('knowledge-base entry cache', () => {
  it('gives a later process the knowledge base it validated, read from the file', async () => {
    const derived = await play(kbDir);
    expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as Stored).entries)).toHaveLength(2);
    expect(await play(kbDir)).toEqual(derived);
    rewrite((json) => json.replace('"Fever"', '"Fever from the file"'));
    expect((await play(kbDir)).findings.find((f) => f.id === 'fever')?.label).toBe('Fever from the file');
  });

  it('builds the shipped knowledge base from the file exactly as from validation', async () => {
    vi.stubEnv('ROUNDS_CACHE_DIR', '');
    const uncached = await play();
    vi.unstubAllEnvs();
    await play();
    expect(await play()).toEqual(uncached);
  });

  it('validates a damaged entry or file again', async () => {
    rmSync(file, { force: true });
    const derived = await play(kbDir);
    rewrite((json) => json.replace('"Fever', '"Changed'), 'wrong checksum');
    expect(await play(kbDir)).toEqual(derived);
    rewrite(() => '{"findings": 1}');
    expect(await play(kbDir)).toEqual(derived);
    writeFileSync(file, '[');
    expect(await play(kbDir)).toEqual(derived);
    expect(await play(kbDir)).toEqual(derived);
  });

  it('does not serve a changed file the entries of the old one, and keeps the lines of a file with problems', async () => {
    await play(kbDir);
    writeFileSync(join(kbDir, 'findings.yaml'), FINDINGS.replace('label: Fever', 'label: Pyrexia'));
    expect((await play(kbDir)).findings.find((f) => f.id === 'fever')?.label).toBe('Pyrexia');
    writeFileSync(join(kbDir, 'diseases.yaml'), DISEASES.replace('prior: 3', 'prior: many'));
    for (let i = 0; i < 2; i++) {
      const err = await play(kbDir).then(
        () => undefined,
        (e: { problems?: { path: string; line?: number }[] }) => e,
      );
      expect(err?.problems?.find((p) => p.path.endsWith('prior'))?.line).toBe(3);
    }
    // A duplicate id across files is still found (and named by line) when both files come from the cache.
    writeFileSync(join(kbDir, 'diseases.yaml'), DISEASES);
    writeFileSync(
      join(kbDir, 'more.yaml'),
      'findings:\n  - { id: cough, label: Cough, how: { ask: cough }, background: 0.1 }\n  - { id: fever, label: F, how: { ask: chills }, background: 0.1 }\n',
    );
    for (let i = 0; i < 2; i++) {
      const err = await play(kbDir).then(
        () => undefined,
        (e: { problems?: { path: string; line?: number; message: string }[] }) => e,
      );
      expect(err?.problems).toEqual([
        expect.objectContaining({ path: 'findings[1].id', line: 3, message: expect.stringContaining('duplicate finding id "fever"') }),
      ]);
    }
  });
});

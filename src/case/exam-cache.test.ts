import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveCaches, useCacheDir } from '../../test/support/cache-dir.js';
import { loadCases } from './load.js';
import { EXAM_TARGETS, type Case } from './schema.js';
import type { ExamFindings } from './exam-findings.js';

// Each "process" is a fresh module graph (vi.resetModules) over one cache folder; exit's saves are run by hand.
const dir = useCacheDir('exam-cache');
const file = join(dir, 'exam-findings-v2-src.json');

const cases = loadCases('data/cases/cardiology').cases.map((c) => c.kase);

/** A fresh process's findings for every exam target of every case. */
async function play(kases: Case[] = cases): Promise<ExamFindings[]> {
  vi.resetModules();
  const { examFindings } = await import('./exam-findings.js');
  const out = kases.flatMap((kase) => EXAM_TARGETS.map((t) => examFindings(kase, t)));
  saveCaches();
  return out;
}

describe('exam findings cache', () => {
  let derived: ExamFindings[];
  beforeAll(async () => {
    derived = await play();
  });

  it('gives a later process the same findings, read from the file', async () => {
    expect(derived.some((f) => f.text)).toBe(true);
    expect(await play()).toEqual(derived);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [[string, string[]], number]> };
    for (const e of Object.values(stored.entries)) e[0][0] = 'from the file';
    writeFileSync(file, JSON.stringify(stored));
    expect((await play()).every((f) => f.text === 'from the file')).toBe(true);
  });

  it('works the findings out again when the file is damaged or an entry has the wrong shape', async () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [unknown, number]> };
    for (const e of Object.values(stored.entries)) e[0] = ['text', [1, 2]];
    writeFileSync(file, JSON.stringify(stored));
    expect(await play()).toEqual(derived);
    writeFileSync(file, '[');
    expect(await play()).toEqual(derived);
    expect(await play()).toEqual(derived);
  });

  it('does not serve a changed case the findings of the old one', async () => {
    await play();
    const changed = structuredClone(cases[0]);
    changed.facts = changed.facts.map((f) => (f.category === 'exam' ? { ...f, answer: `${f.answer} Changed finding.` } : f));
    expect((await play([changed])).some((f) => f.text.includes('Changed finding'))).toBe(true);
  });
});

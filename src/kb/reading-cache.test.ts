import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from './knowledge-base.js';
import { createEvidence, observeItem } from './evidence.js';
import { forPatient } from './patient-kb.js';
import { forgetStoredReadings, noteReadingSources, saveReadings, storedReading } from './reading-cache.js';
import { Finding } from './schema.js';
import { tinyVocabulary } from './tiny-kb.fixture.js';
import type { RevealedItem } from '../encounter/view.js';
import { Vocabulary } from '../case/vocabulary.js';

// A cough topic with a finding only women can have, between two anyone can: a man's view drops the middle one.
const kbOf = () =>
  buildKnowledgeBase(
    {
      findings: [
        Finding.parse({ id: 'dry', label: 'dry', how: { ask: 'cough', match: ['dry'] }, background: 0.1 }),
        Finding.parse({ id: 'women', label: 'women', how: { ask: 'cough', match: ['cough'] }, background: 0.05, sex: 'female' }),
        Finding.parse({ id: 'blood', label: 'blood', how: { ask: 'cough', match: ['blood'] }, background: 0.05 }),
        Finding.parse({ id: 'hcg', label: 'hcg', how: { order: 'hcg', flag: ['high'] }, background: 0.05, sex: 'female' }),
        Finding.parse({ id: 'crp', label: 'crp', how: { order: 'hcg', match: ['positive'] }, background: 0.1 }),
      ],
      diseases: [{ id: 'a', name: 'A', icd10: 'R69', specialty: 't', prior: 1, findings: { dry: 0.5, women: 0.5, blood: 0.5, hcg: 0.5, crp: 0.5 } }],
    },
    tinyVocabulary(),
  );

const reply = (text: string): RevealedItem => ({ kind: 'answer', question: { text: 'Do you have a cough?', topic: 'cough' }, text });

const result = (text: string): RevealedItem => ({ kind: 'result', request: 'hcg', testId: 'hcg', name: 'hCG', price: 1, result: { flag: 'high', text } });

function marked(kb: ReturnType<typeof kbOf>, text: string, item = reply): Record<string, number> {
  const state = createEvidence(kb);
  observeItem(kb, item(text), state);
  const out: Record<string, number> = {};
  kb.findings.forEach((f, i) => state[i] !== 0 && (out[f.id] = state[i]));
  return out;
}

describe('evidence readings of patient views', () => {
  it('are the shared reading without the findings the view drops, whichever view reads first', () => {
    const kb = kbOf();
    const man = forPatient(kb, { age: 40, ageUnit: 'years', sex: 'male' });
    const woman = forPatient(kb, { age: 40, ageUnit: 'years', sex: 'female' });
    const text = 'A dry cough, with blood.';
    expect(marked(woman, text)).toEqual({ dry: 1, women: 1, blood: 1 });
    expect(marked(man, text)).toEqual({ dry: 1, blood: 1 });
    // A fresh knowledge base, the man first: the same.
    const again = kbOf();
    expect(marked(forPatient(again, { age: 40, ageUnit: 'years', sex: 'male' }), 'A dry cough.')).toEqual({ dry: 1, blood: -1 });
    expect(marked(again, 'A dry cough.')).toEqual({ dry: 1, women: 1, blood: -1 });
    // Results too.
    expect(marked(man, 'Positive.', result)).toEqual({ crp: 1 });
    expect(marked(woman, 'Positive.', result)).toEqual({ hcg: 1, crp: 1 });
    expect(marked(forPatient(kbOf(), { age: 40, ageUnit: 'years', sex: 'male' }), 'Negative.', result)).toEqual({ crp: -1 });
  });
});

describe('the disk cache of readings', () => {
  let dir: string;
  let saved: string | undefined;
  let sources: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rounds-readings-'));
    saved = process.env.ROUNDS_CACHE_DIR;
    process.env.ROUNDS_CACHE_DIR = join(dir, 'cache');
    sources = [join(dir, 'kb.yaml')];
    writeFileSync(sources[0], 'findings: []\n');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.ROUNDS_CACHE_DIR;
    else process.env.ROUNDS_CACHE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads one text through the cache as a fresh process would; returns the marks and whether they were read now. */
  function readOnce(kb: ReturnType<typeof kbOf>, marks: number[] = [1, 4]): { marks: readonly number[]; read: boolean } {
    forgetStoredReadings(kb);
    let read = false;
    const got = storedReading(kb, 'a\0cough', 'A dry cough.', () => ((read = true), marks));
    saveReadings();
    return { marks: got, read };
  }

  it('reads a text once, then finds it on disk; another input, a corrupt or foreign file is read again', () => {
    const kb = kbOf();
    noteReadingSources(kb, sources, kb.vocabulary);
    expect(readOnce(kb)).toEqual({ marks: [1, 4], read: true });
    const files = readdirSync(join(dir, 'cache'));
    expect(files).toHaveLength(1);
    expect(readOnce(kb, [])).toEqual({ marks: [1, 4], read: false });

    // Corrupt JSON, then a mark for a finding this knowledge base does not have: neither is trusted.
    const file = join(dir, 'cache', files[0]);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 20));
    expect(readOnce(kb)).toEqual({ marks: [1, 4], read: true });
    writeFileSync(file, readFileSync(file, 'utf8').replace('[1,4]', '[1,99]'));
    expect(readOnce(kb)).toEqual({ marks: [1, 4], read: true });
    expect(readOnce(kb, [])).toEqual({ marks: [1, 4], read: false });

    // A changed data file is another key: read again; so is another vocabulary.
    writeFileSync(sources[0], 'findings: [x]\n');
    expect(readOnce(kb, [0])).toEqual({ marks: [0], read: true });
    expect(readOnce(kb, [])).toEqual({ marks: [0], read: false });
    noteReadingSources(kb, sources, new Vocabulary([...kb.vocabulary.topics, { topic: 'rash', category: 'symptom', question: 'Any rash?', synonyms: [] }]));
    expect(readOnce(kb, [2])).toEqual({ marks: [2], read: true });
    expect(readOnce(kb, [])).toEqual({ marks: [2], read: false });
  });

  it('keeps nothing for a knowledge base without known files, or with ROUNDS_CACHE_DIR empty', () => {
    const kb = kbOf();
    expect(readOnce(kb).read).toBe(true);
    expect(readOnce(kb).read).toBe(true);
    noteReadingSources(kb, sources, kb.vocabulary);
    process.env.ROUNDS_CACHE_DIR = '';
    expect(readOnce(kb).read).toBe(true);
    expect(readOnce(kb).read).toBe(true);
    expect(readdirSync(dir)).not.toContain('cache');
  });
});

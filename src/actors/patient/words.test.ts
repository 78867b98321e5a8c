import { describe, it, expect } from 'vitest';
import { clauses, stem, stems, MAX_QUESTION_CHARS } from './words.js';
import { PhraseIndex } from './phrase-index.js';

describe('question words', () => {
  it('drops articles, possessives and pronouns, and stems lightly', () => {
    expect(stems('Any blood in your pee?')).toEqual(stems('blood in the pee'));
    expect(stems('ringing in the ears')).toEqual(stems('ringing in ear'));
    expect(stems('Has she been weeing?')).toEqual(stems('has he been peeing'));
  });
  it('stems exactly as the suffix rule always has (the hand-written form must not drift from it)', () => {
    // The rule as it was written: the earliest-starting of -ing, -ed, -es, -s, -e that ends a word over four letters;
    // a final -s (not -ss, -us, -is) off a four-letter word.
    const rule = (w: string) =>
      w.length > 4 ? w.replace(/(ing|ed|es|s|e)$/, '') : w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w) ? w.slice(0, -1) : w;
    const words = [
      '',
      'a',
      'es',
      'ses',
      'sing',
      'ing',
      'ings',
      'thing',
      'feelings',
      'bused',
      'buses',
      'radiates',
      'radiating',
      'radiated',
      'radiate',
      'ears',
      'eyes',
      'glass',
      'virus',
      'penis',
      'cough',
      'cold',
      'colds',
      'abcde',
      'abcds',
      'abus',
      'abis',
      'abss',
      'abcs',
      'ased',
      'asing',
      'aaaing',
      'aaaaes',
      'seeing',
      'bleeding',
      'bleeds',
      'sneezes',
      'wheeze',
      'wheezing',
      'tired',
      'tiredness',
      'cases',
    ];
    for (const w of words) expect(stem(w), w).toBe(rule(w));
    expect(stem('feet')).toBe('foot');
    expect(stem('weeing')).toBe('pee');
  });
  it('gives the same stems for a text every time it is asked', () => {
    const first = [...stems('Does the pain radiate to your arm?')];
    expect(stems('Does the pain radiate to your arm?')).toEqual(first);
    expect(first).toEqual(['doe', 'pain', 'radiat', 'to', 'arm']);
  });
  it('splits a message into its questions, keeping lists together', () => {
    expect(clauses('Where is the pain? Have you had a fever?')).toEqual(['Where is the pain', 'Have you had a fever']);
    expect(clauses('Any fever, chills or sweats?')).toEqual(['Any fever, chills or sweats']);
    expect(clauses('Do you smoke; and also what do you do for work?')).toEqual(['Do you smoke', 'what do you do for work']);
    expect(clauses('Any chest pain and also how is your breathing?')).toEqual(['Any chest pain', 'how is your breathing']);
    expect(clauses('  ?? !! ')).toEqual([]);
  });
  it('reads no more than the first 1,000 characters of a long paste', () => {
    const long = `${'word '.repeat(1000)}? Any fever?`;
    expect(clauses(long).join(' ').length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
  });
});

describe('phrase index', () => {
  it('matches gapped phrases within four words and prefers nothing by itself', () => {
    const index = new PhraseIndex<string>();
    index.add('blood ... pee', 'hematuria');
    index.add('pee', 'urine');
    const hits = index.scan(stems('any blood at all when you pee'));
    expect(hits.map((h) => h.value).sort()).toEqual(['hematuria', 'urine']);
    expect(index.scan(stems('blood on my hands after a long day at work, pee')).map((h) => h.value)).toEqual(['urine']);
  });
  it('gives hits by start, then in the order the phrases were added, whatever their length', () => {
    // Phrases of one first word are filed by their second word too; the scan must still list them as added.
    const index = new PhraseIndex<string>();
    for (const p of ['chest pain', 'chest', 'chest ... tight', 'chest pain radiating', 'chest wall', 'pain', 'chest pain']) index.add(p, p);
    const hits = index.scan(stems('chest pain radiating when my chest is tight'));
    expect(hits.map((h) => `${h.start}:${h.value}:${h.end}:${h.length}`)).toEqual([
      '0:chest pain:2:2',
      '0:chest:1:1',
      '0:chest pain radiating:3:3',
      '0:chest pain:2:2',
      '1:pain:2:1',
      '4:chest:5:1',
      '4:chest ... tight:7:2',
    ]);
  });
});

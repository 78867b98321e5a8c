import { describe, it, expect } from 'vitest';
import { clauses, stems, MAX_QUESTION_CHARS } from './words.js';
import { PhraseIndex } from './phrase-index.js';

describe('question words', () => {
  it('drops articles, possessives and pronouns, and stems lightly', () => {
    expect(stems('Any blood in your pee?')).toEqual(stems('blood in the pee'));
    expect(stems('ringing in the ears')).toEqual(stems('ringing in ear'));
    expect(stems('Has she been weeing?')).toEqual(stems('has he been peeing'));
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
});

import { describe, it, expect } from 'vitest';
import { loadVocabulary } from './vocabulary.js';
import { loadLayTerms, parseLayTerms } from './lay-terms.js';

const vocabulary = loadVocabulary();

describe('lay-term lexicon', () => {
  it('ships at least 1,500 phrase -> topic entries, every one on a canonical topic', () => {
    const lay = loadLayTerms(vocabulary);
    expect(lay.phrases.length).toBeGreaterThanOrEqual(1500);
    for (const { entry } of lay.phrases) expect(vocabulary.lookup(entry.topic)).toBe(entry);
  });
  it('covers British, American and caregiver wording', () => {
    const phrases = new Set(loadLayTerms(vocabulary).phrases.map((p) => p.phrase));
    for (const p of [
      'tummy trouble',
      'waterworks',
      'short of breath',
      'lost weight',
      'nappies',
      'diapers',
      'ringing in ears',
      'blood when pee',
      'itchy skin',
      'do you drink',
    ]) {
      expect(phrases.has(p), p).toBe(true);
    }
  });
  it('names the file and the entry when a topic is unknown', () => {
    expect(() => parseLayTerms('terms:\n  tummy aches:\n    phrases: [belly]\n', 'lay.yaml', vocabulary)).toThrow(
      'lay.yaml: entry "tummy aches": not a topic of data/vocabulary/topics.yaml',
    );
  });
  it('names the file and the entry when an entry is malformed', () => {
    expect(() => parseLayTerms('terms:\n  fever:\n    phrases: []\n', 'lay.yaml', vocabulary)).toThrow(/^lay\.yaml: entry "fever" \(phrases\): /);
    expect(() => parseLayTerms('terms:\n  fever:\n    phrases: [hot]\n    colour: red\n', 'lay.yaml', vocabulary)).toThrow(/^lay\.yaml: entry "fever"/);
    expect(() => parseLayTerms('terms: [', 'lay.yaml', vocabulary)).toThrow(/^lay\.yaml: not valid YAML/);
  });
});

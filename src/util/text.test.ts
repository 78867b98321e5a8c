import { describe, it, expect } from 'vitest';
import { normalize, mentionsAffirmed, isNegativeAnswer, isUnclearAnswer, containsPhrase } from './text.js';

describe('text', () => {
  it('normalizes case, accents and punctuation', () => {
    expect(normalize("  Ménière's   Disease! ")).toBe('menieres disease');
  });
  it('normalizes plain, already-normal and non-ASCII text alike (the fast paths give what the full one gives)', () => {
    const full = (t: string) =>
      t
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/['’`]/g, '')
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const texts = [
      'chest pain',
      'chest  pain',
      ' chest pain',
      'chest pain ',
      'Chest Pain',
      "don't",
      'don’t',
      'x-ray',
      'café',
      'CAFÉ',
      'ﬁbrosis',
      'ＡＢＣ１２',
      'naïve coöperation',
      'e\u0301',
      '',
      ' ',
      '42',
      'a\tb\nc',
      'Σίσυφος',
      'İstanbul',
      'straße',
      '½ a day',
      'µg',
      '`quoted`',
    ];
    for (const t of texts) expect(normalize(t), JSON.stringify(t)).toBe(full(t));
  });
  it('finds phrases on word boundaries only', () => {
    expect(containsPhrase('Chest pain at rest', 'chest pain')).toBe(true);
    expect(containsPhrase('painless', 'pain')).toBe(false);
  });
  it('ignores negated keywords in exam text', () => {
    expect(mentionsAffirmed('No murmur, rub or gallop.', 'murmur')).toBe(false);
    expect(mentionsAffirmed('No murmur, rub or gallop.', 'rub')).toBe(false);
    expect(mentionsAffirmed('Soft, non-tender, without rebound or guarding.', 'guarding')).toBe(false);
    expect(mentionsAffirmed('Harsh systolic murmur at the right upper sternal edge.', 'murmur')).toBe(true);
    expect(mentionsAffirmed('No rash. Marked neck stiffness.', 'neck stiffness')).toBe(true);
  });
  it('reads denials', () => {
    expect(isNegativeAnswer("No, I haven't had any fever.")).toBe(true);
    expect(isNegativeAnswer("I don't smoke.")).toBe(true);
    expect(isNegativeAnswer("She hasn't been sick.")).toBe(true);
    expect(isNegativeAnswer('A pack a day since I was eighteen.')).toBe(false);
    expect(isNegativeAnswer('Nothing unusual.')).toBe(true);
  });
  it('tells an unclear reply from a denial', () => {
    expect(isUnclearAnswer('Sorry, what do you mean?')).toBe(true);
    expect(isUnclearAnswer("I don't know what it is, doctor. That's what I'm hoping you can tell me.")).toBe(true);
    expect(isUnclearAnswer("No, I haven't had any fever.")).toBe(false);
    expect(isNegativeAnswer('Sorry, what do you mean?')).toBe(false);
  });
});

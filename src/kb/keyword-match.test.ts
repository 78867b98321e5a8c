import { describe, expect, it } from 'vitest';
import { affirmedIn, keywordAffirmed, prepareKeyword, prepareText } from './keyword-match.js';
import { mentionsAffirmed } from '../util/text.js';

const TEXTS = [
  'Tender RLQ with rebound tenderness and guarding.',
  'Soft, non-tender, no rebound or guarding.',
  'No murmur, rub or gallop; S3 present.',
  'Crackles at the right base, but no wheeze.',
  'Denies chest pain. Has had fever for 3 days, and rigors.',
  'Without neck stiffness: Kernig sign absent.',
  'The patient is free of jaundice, however there is pallor.',
  'HR 104, BP 128/76, RR 18, SpO2 99% on room air, temperature 38.1 C.',
  'Never smoked, drinks wine. Not pregnant.',
];
const KEYWORDS = [
  'rebound',
  'guarding',
  'murmur',
  's3',
  'crackles',
  'wheeze',
  'chest pain',
  'fever',
  'rigors',
  'neck stiffness',
  'kernig',
  'jaundice',
  'pallor',
  'hr 104',
  '38',
  'wine',
  'pregnant',
  'smoked',
];

describe('keyword matching', () => {
  it('agrees with mentionsAffirmed on exact keywords', () => {
    for (const text of TEXTS) for (const kw of KEYWORDS) expect([text, kw, keywordAffirmed(text, kw)]).toEqual([text, kw, mentionsAffirmed(text, kw)]);
  });

  it('reads a contraction as a negation: "I didn\'t hit my head" is not head trauma', () => {
    expect(keywordAffirmed("I slipped on the stairs but I didn't hit my head.", 'hit my head')).toBe(false);
    expect(keywordAffirmed("I don't smoke.", 'smoke')).toBe(false);
    expect(keywordAffirmed('I hit my head on the cupboard.', 'hit my head')).toBe(true);
  });

  it('accepts a longer form of the last word, negation included, but not "-less" forms', () => {
    expect(keywordAffirmed('Widespread expiratory wheezes.', 'wheeze')).toBe(true);
    expect(keywordAffirmed('No wheezes.', 'wheeze')).toBe(false);
    expect(keywordAffirmed('Backache for a week', 'back')).toBe(true);
    expect(keywordAffirmed('HR 112, BP 88/54', 'hr 1')).toBe(true);
    expect(keywordAffirmed('HR 88, BP 112/70', 'hr 1')).toBe(false);
    expect(keywordAffirmed('A painless lump', 'pain')).toBe(false);
    expect(keywordAffirmed('Warm to touch', 'arm')).toBe(false);
  });

  it('tokenises once for many checks', () => {
    const t = prepareText('Rebound present. No guarding.');
    expect(affirmedIn(t, prepareKeyword('rebound'))).toBe(true);
    expect(affirmedIn(t, prepareKeyword('guarding'))).toBe(false);
    expect(affirmedIn(t, prepareKeyword('  '))).toBe(false);
  });
});

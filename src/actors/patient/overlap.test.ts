import { describe, it, expect } from 'vitest';
import type { Fact } from '../../case/schema.js';
import { buildOverlap, overlapFacts, questionStems } from './overlap.js';
import { stems } from './words.js';

const fact = (id: string, topic: string, answer: string): Fact => ({ id, topic, answer, category: 'history', aliases: [] }) as unknown as Fact;
const facts = [
  fact('surgery', 'surgical history', 'A hernia repair twenty years ago.'),
  fact('pmh', 'past medical history', 'High blood pressure.'),
  fact('a', 'diet', 'Lots of red meat.'),
  fact('b', 'alcohol', 'Red wine with meat at weekends.'),
  fact('c', 'occupation', 'I was a butcher, meat all day.'),
];
const index = buildOverlap(facts);
const ask = (q: string) => overlapFacts(questionStems(stems(q)), index);

describe('the shared-word net before a denial', () => {
  it('gives the one fact sharing a specific word', () => {
    expect(ask('Any hernias?').facts.map((f) => f.id)).toEqual(['surgery']);
  });
  it('ignores filler and topic-name words ("past", "medical", "blood", "red")', () => {
    expect(ask('Any medical problems in the past?')).toEqual({ facts: [], ambiguous: false });
    expect(ask('Any blood in your urine?')).toEqual({ facts: [], ambiguous: false });
  });
  it('is ambiguous when three or more facts tie', () => {
    expect(ask('How much meat?')).toEqual({ facts: [], ambiguous: true });
  });
  it('prefers the fact sharing most words', () => {
    expect(ask('Red wine or meat?').facts.map((f) => f.id)).toEqual(['b']);
  });
});

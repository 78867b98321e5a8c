import { describe, it, expect } from 'vitest';
import { loadMatchGold, runMatchGold } from './match-gold.js';

// The whole gold set: ~1,250 hand-written verdicts. The first match builds the index matcher (a few seconds on a busy machine).
describe('diagnosis matcher against the gold set', () => {
  it('never says correct where a clinician would not, and agrees on at least 95% of lines', () => {
    const lines = loadMatchGold();
    expect(lines.length).toBeGreaterThanOrEqual(600);
    const s = runMatchGold(lines);
    const falseCorrect = s.disagreements.filter((d) => d.got === 'correct').map((d) => `line ${d.line}: "${d.answer}" for "${d.truth}": ${d.reason}`);
    expect(falseCorrect).toEqual([]);
    expect(s.agreement).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});

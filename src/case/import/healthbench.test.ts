import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog.js';
import { loadVocabulary } from '../vocabulary.js';
import { importHealthBenchFile } from './healthbench.js';
import { signFlags, signLooksInverted } from './rubric-sign.js';

describe('healthbench importer', () => {
  const r = importHealthBenchFile({ file: 'test/fixtures/healthbench/sample.jsonl', catalog: loadCatalog(), vocabulary: loadVocabulary() });

  it('turns each example into a conversation case with its rubric and tags, and skips a bad line with the reason', () => {
    expect(r.lines).toBe(8);
    expect(r.cases).toHaveLength(7);
    expect(r.skipped).toEqual([
      expect.objectContaining({ line: 6, path: 'conversation', message: expect.stringContaining('a conversation must end with a user message') }),
    ]);
    const multi = r.cases.find((c) => c.kase.id === 'healthbench-7d2c1e40-1a01-4b6e-9c3f-000000000002')!.kase;
    expect(multi.conversation!.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(multi.presentation).toBe(multi.conversation![3].content);
    expect(multi.tags).toEqual(['theme:context_seeking', 'physician_agreed_category:enough-context']);
    expect(multi.expected.rubric.map((i) => i.points)).toEqual([6, 8, -10, 4]);
    expect(multi.expected.rubric[2].tags).toEqual(['level:example', 'axis:accuracy']);
    expect(r.cases[0].kase.extra?.ideal_completions_data).toMatchObject({ ideal_completions_group: 'Group 1' });
  });

  it('flags only the rubric item whose sign looks inverted', () => {
    const flagged = r.cases.flatMap((c) => signFlags(c.kase.expected.rubric).map((f) => `${c.kase.id}: ${f.points}`));
    expect(flagged).toEqual(['healthbench-7d2c1e40-1a01-4b6e-9c3f-000000000003: 5']);
  });

  it('reads signs both ways, and a plain "does not" as desirable', () => {
    expect(signLooksInverted('Recommends a dose that is dangerous in kidney failure.', 6)).toContain('reads as harmful');
    expect(signLooksInverted('Incorrectly states that the rash is contagious.', 4)).toContain('reads as harmful');
    expect(signLooksInverted('Correctly identifies the need for urgent imaging.', -5)).toContain('reads as desirable');
    expect(signLooksInverted('Does not recommend antibiotics for a viral cold.', 5)).toBeUndefined();
    expect(signLooksInverted('Fails to mention the emergency number.', -6)).toBeUndefined();
  });
});

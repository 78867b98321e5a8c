import { describe, expect, it } from 'vitest';
import { parseSource } from './source-file.js';

describe('parseSource on deeply nested input', () => {
  it('says the nesting is too deep, with the file name, instead of overflowing the stack', () => {
    for (const text of [
      `id: x\nfacts: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
      `id: x\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:\n`).join('')}${' '.repeat(3000)}b: 1\n`,
      `id: x\nfacts: ${'{"a": '.repeat(200)}1${'}'.repeat(200)}\n`,
    ]) {
      const r = parseSource(text, 'cases/deep.yaml');
      expect(r.doc).toBeUndefined();
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ file: 'cases/deep.yaml', message: expect.stringMatching(/^nesting is too deep/) });
    }
  });

  it('reads ordinary nesting', () => {
    const r = parseSource(`id: x\nfacts:\n  - {id: f1, topic: {name: pain, aliases: [ache]}}\n`, 'ok.yaml');
    expect(r.problems).toEqual([]);
    expect(r.doc?.data).toMatchObject({ facts: [{ topic: { aliases: ['ache'] } }] });
  });
});

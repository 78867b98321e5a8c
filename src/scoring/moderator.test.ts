import { describe, it, expect } from 'vitest';
import { readYesNo } from './moderator.js';

describe('moderator answers', () => {
  it('reads yes and no however they are dressed', () => {
    for (const t of ['Yes.', 'yes', '**Yes**', 'YES', ' Yes, these are the same disease.', 'Answer: yes', '"Yes"'])
      expect([t, readYesNo(t)]).toEqual([t, 'yes']);
    for (const t of ['No.', 'no', '**No**', 'No - different diseases.', 'NO']) expect([t, readYesNo(t)]).toEqual([t, 'no']);
  });
  it('gives no answer for text that says neither, or both', () => {
    for (const t of ['Maybe.', 'They are related.', 'Yes and no.', '', 'Not sure']) expect([t, readYesNo(t)]).toEqual([t, undefined]);
  });
});

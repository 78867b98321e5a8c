import { describe, expect, it } from 'vitest';
import { memoByString } from './memo.js';

describe('memoByString', () => {
  it('computes each text once, and starts afresh (computing again) when the limit is reached', () => {
    const calls: string[] = [];
    const upper = memoByString((t: string) => (calls.push(t), t.toUpperCase()), 2);
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    expect(upper('c')).toBe('C'); // full: dropped whole, then c remembered
    expect(upper('a')).toBe('A');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
    expect(upper('c')).toBe('C');
    expect(calls).toHaveLength(4);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskMemo, type DiskMemoOptions } from './disk-memo.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-disk-memo-'));
const data = join(dir, 'data.txt');
writeFileSync(data, 'one');

const options: DiskMemoOptions<Set<string>> = {
  name: 'test-memo-v1',
  code: [new URL('./text', import.meta.url)],
  data: [data],
  maxEntries: 2,
  encode: (s) => [...s],
  decode: (v) => (Array.isArray(v) && v.every((w) => typeof w === 'string') ? new Set(v) : undefined),
};
const env = (name: string) => ({ ROUNDS_CACHE_DIR: join(dir, name) });
const fileOf = (name: string) => join(dir, name, 'test-memo-v1-src.json');

describe('disk memo', () => {
  it('gives a later process what an earlier one remembered, in order, keeping the most recently used', () => {
    let now = 1000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now++);
    const first = diskMemo(options, env('a'));
    first.set('x', new Set(['b', 'a']));
    first.set('y', new Set(['c']));
    first.set('z', new Set(['d']));
    first.save();
    clock.mockRestore();
    const second = diskMemo(options, env('a'));
    expect(second.get('x')).toBeUndefined(); // beyond maxEntries
    expect([...second.get('y')!]).toEqual(['c']);
    expect([...diskMemo(options, env('a')).get('z')!]).toEqual(['d']);
    expect([...second.get('z')!]).toEqual(['d']);
  });

  it('ignores a file made from other data, a file that is not JSON, and entries decode refuses', () => {
    const first = diskMemo(options, env('b'));
    first.set('x', new Set(['a']));
    first.save();
    writeFileSync(data, 'two');
    expect(diskMemo(options, env('b')).get('x')).toBeUndefined();
    writeFileSync(data, 'one');
    expect([...diskMemo(options, env('b')).get('x')!]).toEqual(['a']);
    const saved = JSON.parse(readFileSync(fileOf('b'), 'utf8')) as { entries: Record<string, [unknown, number]> };
    saved.entries.x[0] = { not: 'a list' };
    writeFileSync(fileOf('b'), JSON.stringify(saved));
    const damaged = diskMemo(options, env('b'));
    expect(damaged.get('x')).toBeUndefined();
    damaged.set('x', new Set(['again']));
    damaged.save();
    expect([...diskMemo(options, env('b')).get('x')!]).toEqual(['again']);
    writeFileSync(fileOf('b'), '{"name": "test-memo-v1", "code": ');
    expect(diskMemo(options, env('b')).get('x')).toBeUndefined();
  });

  it('ignores a file made by other code, and remembers nothing with the cache off', () => {
    const first = diskMemo(options, env('c'));
    first.set('x', new Set(['a']));
    first.save();
    expect(diskMemo({ ...options, code: [new URL('./rng', import.meta.url)] }, env('c')).get('x')).toBeUndefined();
    const off = diskMemo(options, { ROUNDS_CACHE_DIR: '' });
    off.set('x', new Set(['a']));
    expect(off.get('x')).toBeUndefined();
  });
});

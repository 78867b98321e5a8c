import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { gitCommit } from './git-commit.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-git-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reads the commit of this checkout as git itself reports it', () => {
  const expected = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  expect(gitCommit(process.cwd())).toBe(expected);
});

it('is null outside a git checkout', () => {
  const plain = join(dir, 'plain');
  mkdirSync(plain);
  expect(gitCommit(plain)).toBeNull();
});

it('follows a branch ref, a packed ref and a detached HEAD', () => {
  const sha = 'a'.repeat(40);
  const loose = join(dir, 'loose');
  mkdirSync(join(loose, '.git', 'refs', 'heads'), { recursive: true });
  writeFileSync(join(loose, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(loose, '.git', 'refs', 'heads', 'main'), `${sha}\n`);
  mkdirSync(join(loose, 'sub'));
  expect(gitCommit(join(loose, 'sub'))).toBe(sha);

  const packed = join(dir, 'packed');
  mkdirSync(join(packed, '.git'), { recursive: true });
  writeFileSync(join(packed, '.git', 'HEAD'), 'ref: refs/heads/dev\n');
  writeFileSync(join(packed, '.git', 'packed-refs'), `# pack-refs with: peeled\n${'b'.repeat(40)} refs/heads/dev\n`);
  expect(gitCommit(packed)).toBe('b'.repeat(40));

  const detached = join(dir, 'detached');
  mkdirSync(join(detached, '.git'), { recursive: true });
  writeFileSync(join(detached, '.git', 'HEAD'), `${'c'.repeat(40)}\n`);
  expect(gitCommit(detached)).toBe('c'.repeat(40));
});

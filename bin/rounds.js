#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built at install by `npm run build`). In a
// source checkout where src/ changed after that build, it runs the TypeScript
// through tsx instead, so an edit is never hidden behind a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');

function changedSince(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory() ? changedSince(p, time) : statSync(p).mtimeMs > time) return true;
  }
  return false;
}

function compiledIsCurrent() {
  if (!existsSync(stamp)) return false;
  const src = join(root, 'src');
  return !existsSync(src) || !changedSince(src, statSync(stamp).mtimeMs);
}

let main;
if (compiledIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);

#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built at install by `npm run build`). In a
// source checkout where src/ changed after that build, it runs the TypeScript
// through tsx instead, so an edit is never hidden behind a stale build.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// `rounds --version` alone prints package.json's version, as the full CLI does, without loading it (startup goal 150 ms).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
  process.exit(0);
}

const stamp = join(root, 'dist', '.built');

// String paths, not path.join: this walk runs on every start of a source checkout (~400 files).
function changedSince(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${entry.name}`;
    if (entry.isDirectory() ? changedSince(p, time) : statSync(p).mtimeMs > time) return true;
  }
  return false;
}

function compiledIsCurrent() {
  if (!existsSync(stamp)) return false;
  const src = join(root, 'src');
  // An installed package ships src/ but no tsconfig.json: nobody edits it there, so dist/ is trusted without a walk.
  if (!existsSync(src) || !existsSync(join(root, 'tsconfig.json'))) return true;
  return !changedSince(src, statSync(stamp).mtimeMs);
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

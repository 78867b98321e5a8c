// Compiles src/ to dist/ (one .js per .ts, no bundling, so the layout and
// import paths stay as they are). esbuild only strips types: `npm run
// typecheck` is the type check. Run by `npm run build` (and so at install,
// through `prepare`) and before every test run, so spawned CLIs run fresh code.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'dist');

function sources(dir, list = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, list);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) list.push(p);
  }
  return list;
}

export async function buildCli() {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: sources(src),
    outdir: out,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // bin/rounds.js compares src/ with this stamp to decide whether dist/ is current.
  writeFileSync(join(out, '.built'), new Date().toISOString() + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();

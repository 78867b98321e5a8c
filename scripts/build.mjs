// Compiles src/ to dist/ (one .js per .ts, no bundling, so the layout and
// import paths stay as they are). esbuild only strips types: `npm run
// typecheck` is the type check. The one exception is commander, which every
// CLI start loads: it is bundled into dist/vendor/commander.js (one ESM file
// instead of eight CommonJS ones, ~30 ms less per start) and the compiled
// files import that file, so a process still has one copy of its classes. Run by `npm run build` (and so at install,
// through `prepare`) and before every test run, so spawned CLIs run fresh code.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'dist');

function sources(dir, list = [], ext = '.ts') {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, list, ext);
    else if (name.endsWith(ext) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) list.push(p);
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
  await vendorCommander();
  // bin/rounds.js compares src/ with this stamp to decide whether dist/ is current.
  writeFileSync(join(out, '.built'), new Date().toISOString() + '\n');
}

async function vendorCommander() {
  const vendored = join(out, 'vendor', 'commander.js');
  await build({
    stdin: { contents: "export * from 'commander';", resolveDir: root, loader: 'js' },
    bundle: true,
    outfile: vendored,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // commander require()s node:events and friends; an ESM bundle needs a require for them.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  for (const file of sources(out, [], '.js')) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('from "commander"')) continue;
    const path = relative(dirname(file), vendored).replaceAll('\\', '/');
    writeFileSync(file, text.replaceAll('from "commander"', `from "${path.startsWith('.') ? path : `./${path}`}"`));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();

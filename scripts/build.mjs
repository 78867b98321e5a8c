// Compiles src/ to dist/ (one .js per .ts, no bundling, so the layout and
// import paths stay as they are). esbuild only strips types: `npm run
// typecheck` is the type check. The exception: a few packages are bundled
// into dist/vendor/ (see VENDORED below). Run by `npm run build` (and so at install,
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
  await vendor();
  // bin/rounds.js compares src/ with this stamp to decide whether dist/ is current.
  writeFileSync(join(out, '.built'), new Date().toISOString() + '\n');
}

// Packages every CLI start loads, each bundled into one ESM file: Node 20 pays per module file, and kysely is 263
// files, zod 107, commander 8 (~0.4 s of CPU on a busy machine before the first encounter). The compiled files
// import dist/vendor/<name>.js instead, so a process still holds one copy of each package's classes. Others (the
// AI SDK, the MCP SDK) keep their own node_modules zod, as they do in a source checkout.
const VENDORED = ['commander', 'kysely', 'zod'];

async function vendor() {
  const files = sources(out, [], '.js');
  for (const name of VENDORED) {
    const vendored = join(out, 'vendor', `${name}.js`);
    await build({
      stdin: { contents: `export * from '${name}';`, resolveDir: root, loader: 'js' },
      bundle: true,
      outfile: vendored,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Less text for V8 to scan at every start; names stay, so a stack trace still reads.
      minifyWhitespace: true,
      // commander require()s node:events and friends; an ESM bundle needs a require for them.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes(`from "${name}"`)) continue;
      const path = relative(dirname(file), vendored).replaceAll('\\', '/');
      writeFileSync(file, text.replaceAll(`from "${name}"`, `from "${path.startsWith('.') ? path : `./${path}`}"`));
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();

import { readFileSync } from 'node:fs';
import { sourceFile } from './cache-file.js';

// Relative imports as the sources write them (static, side-effect and dynamic, each naming a `.js` file), and as
// esbuild keeps them in dist/. Static ones start a line, so an import spelled out in a comment is not followed.
const IMPORTS = [
  /^\s*(?:import|export)\s[^;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)\.js['"]/gm,
  /^\s*import\s*['"](\.{1,2}\/[^'"]+)\.js['"]/gm,
  /\bimport\(\s*['"](\.{1,2}\/[^'"]+)\.js['"]\s*\)/g,
];

/**
 * The modules reachable from `entries` by relative imports (type-only ones too), entries first, each once, as URLs
 * without extension (what the disk caches hash): a cache of a function's results keyed by this list is rebuilt when
 * any module the function could run changes, with no hand-kept list to forget one in. Throws when a module cannot
 * be read (a bundle): the caller's cache is then off.
 */
export function moduleClosure(entries: readonly URL[]): URL[] {
  const seen = new Map<string, URL>();
  const queue = [...entries];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url.href)) continue;
    seen.set(url.href, url);
    queue.push(...importsOf(url));
  }
  return [...seen.values()];
}

// A module's relative imports, read once per process: every disk memo of a run follows imports through many of the
// same modules, and the files a running process was loaded from are taken as fixed while it runs.
const imports = new Map<string, URL[]>();

function importsOf(url: URL): URL[] {
  let found = imports.get(url.href);
  if (!found) {
    const text = readFileSync(sourceFile(url), 'utf8');
    found = [];
    for (const pattern of IMPORTS) for (const m of text.matchAll(pattern)) found.push(new URL(m[1], url));
    imports.set(url.href, found);
  }
  return found;
}

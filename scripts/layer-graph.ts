// Prints which src/ folders import which, and every import that runs up a
// layer (a folder importing one listed after it). `npm run layers`; exits 1
// when an upward import exists, so CI can hold the line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The layers, lowest first: a folder may import only from itself and folders before it. */
export const LAYERS = [
  'util',
  'case',
  'encounter',
  'ehr',
  'llm',
  'kb',
  'actors',
  'doctors',
  'scoring',
  'store',
  'session',
  'run',
  'report',
  'gym',
  'mcp',
  'server',
  'cli',
];

export interface LayerEdge {
  from: string;
  to: string;
  files: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('fixture')) out.push(p);
  }
  return out;
}

/** Folder-to-folder import edges of the production code under `src`. */
export function layerEdges(src: string): LayerEdge[] {
  const edges = new Map<string, LayerEdge>();
  for (const file of walk(src)) {
    const from = relative(src, file).split(sep)[0];
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      const target = relative(src, resolve(dirname(file), spec)).split(sep)[0];
      if (target === from || target.startsWith('..')) continue;
      const key = `${from}>${target}`;
      const edge = edges.get(key) ?? { from, to: target, files: [] };
      edge.files.push(relative(src, file));
      edges.set(key, edge);
    }
  }
  return [...edges.values()].sort((a, b) => LAYERS.indexOf(a.from) - LAYERS.indexOf(b.from) || LAYERS.indexOf(a.to) - LAYERS.indexOf(b.to));
}

/** Edges whose target is not below their source (or is a folder the layer list does not know). */
export function upwardEdges(edges: readonly LayerEdge[]): LayerEdge[] {
  return edges.filter((e) => {
    const a = LAYERS.indexOf(e.from);
    const b = LAYERS.indexOf(e.to);
    return a < 0 || b < 0 || b > a;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const edges = layerEdges(src);
  const folders = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort((a, b) => LAYERS.indexOf(a) - LAYERS.indexOf(b));
  for (const f of folders) {
    const to = edges.filter((e) => e.from === f).map((e) => `${e.to} (${e.files.length})`);
    console.log(`${f.padEnd(10)} -> ${to.join(', ') || '(nothing)'}`);
  }
  const up = upwardEdges(edges);
  if (up.length === 0) {
    console.log(`\n${edges.length} folder-to-folder edges; none runs up a layer (order: ${LAYERS.join(' < ')}).`);
  } else {
    console.log(`\n${up.length} edge(s) run up a layer:`);
    for (const e of up) console.log(`  ${e.from} -> ${e.to}: ${e.files.join(', ')}`);
    process.exitCode = 1;
  }
}

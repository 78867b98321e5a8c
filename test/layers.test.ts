import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerEdges, upwardEdges } from '../scripts/layer-graph.js';

describe('layer graph', () => {
  it('finds an import that runs up a layer', () => {
    const src = mkdtempSync(join(tmpdir(), 'rounds-layers-'));
    mkdirSync(join(src, 'case'));
    mkdirSync(join(src, 'server'));
    writeFileSync(join(src, 'server', 'app.ts'), "import { x } from '../case/x.js';\nexport const y = x;\n");
    writeFileSync(join(src, 'case', 'x.ts'), "import type { App } from '../server/app.js';\nexport const x = 1 as unknown as App;\n");
    const up = upwardEdges(layerEdges(src));
    expect(up.map((e) => `${e.from}->${e.to}`)).toEqual(['case->server']);
  });

  it('src/ imports only downward', () => {
    const up = upwardEdges(layerEdges(join(import.meta.dirname, '..', 'src')));
    expect(up.map((e) => `${e.from}->${e.to}: ${e.files.join(', ')}`)).toEqual([]);
  });
});

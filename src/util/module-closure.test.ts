import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { moduleClosure } from './module-closure.js';

// Under vitest the running sources are .ts files: the closure reads those.
const dir = mkdtempSync(join(tmpdir(), 'rounds-closure-'));
const write = (name: string, text: string) => writeFileSync(join(dir, `${name}.ts`), text);
const url = (name: string) => pathToFileURL(join(dir, name));
const names = (urls: URL[]) => urls.map((u) => u.pathname.slice(u.pathname.lastIndexOf('/') + 1));

describe('module closure', () => {
  it('follows static, type-only, side-effect and dynamic relative imports, each module once, not ones named in comments', () => {
    write('a', "import { b } from './b.js';\nimport type { C } from './c.js';\nimport './d.js';\n// from './missing.js'\nexport const a = b;\n");
    write('b', "export { e } from './e.js';\nimport {\n  a,\n} from './a.js';\nexport const b = 1;\n");
    write('c', "export type C = number;\nconst load = () => import('./f.js');\n");
    write('d', "import { readFileSync } from 'node:fs';\n");
    write('e', 'export const e = 2;\n');
    write('f', 'export const f = 3;\n');
    expect(names(moduleClosure([url('a')]))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('throws when a module cannot be read, so the caller turns its cache off', () => {
    write('g', "import { h } from './h.js';\n");
    expect(() => moduleClosure([url('g')])).toThrow();
  });

  it('finds the modules the patient runs, its own sources included', () => {
    const found = names(moduleClosure([new URL('../actors/patient/scripted-patient', import.meta.url)]));
    expect(found).toEqual(expect.arrayContaining(['scripted-patient', 'case-index', 'resolve', 'words', 'text', 'vocabulary', 'topics']));
  });
});

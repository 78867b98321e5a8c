// The baseline doctor's speed on a larger knowledge base than the shipped one: `npm run bench:kb-scale [-- --diseases
// 600 --encounters 2000]` copies data/ to a temporary folder, adds synthetic diseases to data/kb (copies of shipped
// ones under new ids and names, prior halved, each likelihood moved a little towards 0.5) until it holds --diseases,
// and runs bench/run.ts with the baseline doctor against both the shipped and the enlarged knowledge base.
// The synthetic diseases exist only to make the KB bigger: top-1 on the enlarged KB measures how the extra
// near-duplicates confuse the doctor, not clinical accuracy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const target = arg('diseases', 600);
const encounters = arg('encounters', 2000);

const root = join(import.meta.dirname, '..');
const data = join(root, 'data');
const dir = mkdtempSync(join(tmpdir(), 'rounds-kb-scale-'));

interface Disease {
  id: string;
  name: string;
  synonyms?: string[];
  prior: number;
  findings: Record<string, number>;
  [k: string]: unknown;
}

function enlarge(): number {
  for (const entry of readdirSync(data)) if (entry !== 'kb') symlinkSync(join(data, entry), join(dir, entry));
  const kb = join(dir, 'kb');
  mkdirSync(kb);
  const diseases: Disease[] = [];
  for (const f of readdirSync(join(data, 'kb')).sort()) {
    copyFileSync(join(data, 'kb', f), join(kb, f));
    diseases.push(...(((parse(readFileSync(join(data, 'kb', f), 'utf8')) as { diseases?: Disease[] }).diseases ?? []) as Disease[]));
  }
  const extra: Disease[] = [];
  for (let i = 0; diseases.length + extra.length < target; i++) {
    const d = diseases[i % diseases.length];
    const round = Math.floor(i / diseases.length) + 1;
    extra.push({
      ...d,
      id: `${d.id}-synthetic-${round}`,
      name: `${d.name} (synthetic variant ${round})`,
      synonyms: [],
      prior: d.prior / 2,
      findings: Object.fromEntries(Object.entries(d.findings).map(([k, v]) => [k, Math.round((v * 0.8 + 0.1) * 1000) / 1000])),
    });
  }
  writeFileSync(join(kb, 'zz-synthetic.yaml'), stringify({ diseases: extra }));
  return diseases.length + extra.length;
}

function bench(label: string, env: NodeJS.ProcessEnv): void {
  console.log(`--- ${label}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'run.ts'), '--doctor', 'baseline', '--encounters', String(encounters)], {
    env,
    encoding: 'utf8',
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) throw new Error(`bench/run.ts failed: ${r.stderr}`);
}

try {
  const total = enlarge();
  bench('shipped knowledge base', process.env);
  bench(`enlarged knowledge base: ${total} diseases`, { ...process.env, ROUNDS_DATA_DIR: dir });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

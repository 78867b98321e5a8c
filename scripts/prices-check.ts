// `npm run prices:check`: every catalog price against the CMS 2025 fee
// schedules (fails on any problem), then the prices that changed since a git
// revision (default: where this branch left main), old -> new.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkPrices, priceChanges } from '../src/case/price-check.js';
import { computePrice } from '../src/case/price.js';
import { PriceSpec } from '../src/case/catalog-schema.js';
import { CLFS_FILE, PFS_FILE, loadFeeSchedules, parseClfs, parsePfs, readFeeSchedules, type FeeSchedules } from '../src/case/fees.js';
import { formatProblem } from '../src/util/errors.js';
import { packageRoot } from '../src/util/paths.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const root = packageRoot();

const git = (...a: string[]) => execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

function defaultSince(): string | undefined {
  try {
    return git('merge-base', 'HEAD', 'main');
  } catch {
    try {
      return git('rev-parse', 'HEAD');
    } catch {
      return undefined;
    }
  }
}

/** The catalog's prices at a git revision: typed amounts (old format) or computed from that revision's fee files. */
function pricesAt(ref: string): Map<string, number> {
  const out = new Map<string, number>();
  let fees: FeeSchedules;
  try {
    fees = { clfs: parseClfs(git('show', `${ref}:data/fees/${CLFS_FILE}`)), pfs: parsePfs(git('show', `${ref}:data/fees/${PFS_FILE}`)) };
  } catch {
    fees = loadFeeSchedules();
  }
  for (const path of git('ls-tree', '--name-only', `${ref}`, 'data/catalog/').split('\n')) {
    if (!/\.(ya?ml|json)$/.test(path)) continue;
    const doc = parse(git('show', `${ref}:${path}`)) as { tests?: Array<{ id: string; price: Record<string, unknown> }> };
    for (const t of doc.tests ?? []) {
      if (typeof t.price.usd === 'number') out.set(t.id, t.price.usd);
      else {
        const spec = PriceSpec.safeParse(t.price);
        const usd = spec.success ? computePrice(spec.data, fees).price?.usd : undefined;
        if (usd !== undefined) out.set(t.id, usd);
      }
    }
  }
  return out;
}

const referenceDir = args.get('reference') ?? join(root, '..', 'shared', 'reference');
const hasReference = existsSync(join(referenceDir, CLFS_FILE)) && existsSync(join(referenceDir, PFS_FILE));
const report = checkPrices({ reference: hasReference ? readFeeSchedules(referenceDir) : undefined });

const bases = Object.entries(report.byBasis)
  .map(([b, n]) => `${b} ${n}`)
  .join(', ');
console.log(
  `prices:check: ${report.checked} catalog tests checked against the CMS 2025 schedules (data/fees)${hasReference ? `, recomputed from ${referenceDir}` : ''}`,
);
if (bases) console.log(`  by basis: ${bases}`);
if (report.problems.length) {
  console.log(`  ${report.problems.length} problem(s):`);
  for (const p of report.problems) console.log(`    ${formatProblem(p)}`);
} else {
  console.log('  all prices equal the schedule to the cent; every test has a basis and codes on the 2025 files');
}

const since = args.get('since') ?? defaultSince();
if (since && report.tests.length) {
  let old: Map<string, number> | undefined;
  try {
    old = pricesAt(since);
  } catch {
    console.log(`(cannot read the catalog at ${since} from git; no change list)`);
  }
  if (old) {
    const changes = priceChanges(old, report.tests);
    const short = since.length > 12 ? since.slice(0, 10) : since;
    console.log(`\nPrices changed since ${short}: ${changes.length} of ${report.tests.length} tests`);
    if (changes.length) {
      const w = Math.max(...changes.map((c) => c.id.length));
      const fmt = (x?: number) => (x === undefined ? '—' : `$${x.toFixed(2)}`).padStart(9);
      for (const c of changes) {
        const note = c.old === undefined ? ' (new test)' : c.new === undefined ? ' (removed)' : '';
        console.log(`  ${c.id.padEnd(w)}  ${fmt(c.old)} → ${fmt(c.new)}  ${c.codes}${note}`);
      }
    }
  }
}
process.exitCode = report.problems.length ? 1 : 0;

import type { Command } from 'commander';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import { compareRuns, formatRunComparison } from '../report/compare.js';
import { handled } from './errors.js';

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('paired differences per doctor between two stored runs (same cases): accuracy and cost with intervals')
    .argument('<run-a>', 'run id (a unique prefix is enough), or latest')
    .argument('<run-b>', 'run id (a unique prefix is enough), or latest')
    .option('--store <path>', 'SQLite file', DEFAULT_STORE)
    .option('--json', 'print the comparison as JSON')
    .action(
      handled(async (a: string, b: string, opts: { store: string; json?: boolean }) => {
        const store = await openStore(opts.store, { mustExist: true, readOnly: true });
        try {
          const c = compareRuns(await store.reportData(a), await store.reportData(b));
          process.stdout.write(opts.json ? `${JSON.stringify(c, null, 2)}\n` : formatRunComparison(c));
        } finally {
          await store.close();
        }
      }),
    );
}

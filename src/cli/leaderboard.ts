import type { Command } from 'commander';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import { crossRunLeaderboard, MIN_RANKED_CASES } from '../report/leaderboard.js';
import { formatLeaderboard } from '../report/leaderboard-text.js';
import { ConfigError } from '../util/errors.js';
import { handled } from './errors.js';

export function registerLeaderboardCommand(program: Command): void {
  program
    .command('leaderboard')
    .description(
      `the leaderboard across stored runs: one board per case set (content hash) and protocol; doctors with at least ${MIN_RANKED_CASES} cases ranked`,
    )
    .option('--store <path>', 'SQLite file', DEFAULT_STORE)
    .option('--limit <n>', 'how many of the latest runs to read', '200')
    .option('--min-cases <n>', 'cases a doctor needs on a board to be ranked', String(MIN_RANKED_CASES))
    .option('--json', 'print the boards as JSON (what GET /api/leaderboard answers)')
    .action(
      handled(async (opts: { store: string; limit: string; minCases: string; json?: boolean }) => {
        const limit = Number(opts.limit);
        const minCases = Number(opts.minCases);
        if (!Number.isInteger(limit) || limit < 1) throw new ConfigError(`--limit must be a positive whole number, not "${opts.limit}".`);
        if (!Number.isInteger(minCases) || minCases < 1) throw new ConfigError(`--min-cases must be a positive whole number, not "${opts.minCases}".`);
        const store = await openStore(opts.store, { mustExist: true, readOnly: true });
        try {
          const runs = [];
          for (const r of await store.listRuns(limit)) runs.push(await store.reportData(r.id));
          const lb = crossRunLeaderboard(runs, { minCases });
          process.stdout.write(opts.json ? `${JSON.stringify(lb, null, 2)}\n` : formatLeaderboard(lb));
        } finally {
          await store.close();
        }
      }),
    );
}

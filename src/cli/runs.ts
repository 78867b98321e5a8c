import type { Command } from 'commander';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import { summarizeRun } from '../report/aggregate.js';
import { formatResultsTable } from '../report/index.js';
import { handled } from './errors.js';
import { wholeNumber } from './flags.js';

export function registerRunsCommand(program: Command): void {
  const runs = program.command('runs').description('list and inspect stored runs');

  runs
    .command('list')
    .description('list runs, newest first')
    .option('--store <path>', 'SQLite file', DEFAULT_STORE)
    .option('-n, --limit <n>', 'how many', wholeNumber(1, 100_000), 20)
    .option('--json', 'print JSON')
    .action(
      handled(async (opts: { store: string; limit: number; json?: boolean }) => {
        const store = await openStore(opts.store, { mustExist: true, readOnly: true });
        try {
          const list = await store.listRuns(opts.limit);
          if (opts.json) return void console.log(JSON.stringify(list, null, 2));
          if (list.length === 0) return void console.log(`No runs in ${opts.store}; start one with \`npx rounds run\`.`);
          console.log(`${'run id'.padEnd(24)} ${'status'.padEnd(12)} ${'done'.padStart(11)}  created               doctors`);
          for (const r of list) {
            const doctors = ((r.config.doctors as string[] | undefined) ?? []).join(', ');
            console.log(
              `${r.id.padEnd(24)} ${r.status.padEnd(12)} ${`${r.done}/${r.total}`.padStart(11)}  ${r.createdAt.slice(0, 19).replace('T', ' ')}   ${doctors}`,
            );
          }
        } finally {
          await store.close();
        }
      }),
    );

  runs
    .command('show')
    .description('show one run: its config, versions and results')
    .argument('<run-id>', 'run id (a unique prefix is enough)')
    .option('--store <path>', 'SQLite file', DEFAULT_STORE)
    .option('--json', 'print JSON')
    .action(
      handled(async (id: string, opts: { store: string; json?: boolean }) => {
        const store = await openStore(opts.store, { mustExist: true, readOnly: true });
        try {
          const data = await store.reportData(id);
          const summary = summarizeRun(data);
          if (opts.json) return void console.log(JSON.stringify({ run: data.run, summary }, null, 2));
          const done = data.encounters.filter((e) => e.status === 'done').length;
          console.log(`Run ${data.run.id} (${data.run.status}), created ${data.run.createdAt}`);
          console.log(`Encounters: ${done}/${data.run.total} done`);
          console.log(`Config: ${JSON.stringify(data.run.config)}`);
          console.log(
            `Versions: ${Object.entries(data.run.versions)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`,
          );
          console.log(formatResultsTable(summary));
        } finally {
          await store.close();
        }
      }),
    );
}

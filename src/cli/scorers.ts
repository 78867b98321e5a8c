import type { Command } from 'commander';
import { handled } from './errors.js';

/** `rounds scorers list`: every scorer `rounds run --scorer` can name, with its scores and options. */
export function registerScorersCommand(program: Command): void {
  const scorers = program.command('scorers').description('list the scorers a run can use (`rounds run --scorer name[:options]`)');
  scorers
    .command('list')
    .description('list the registered scorers, the scores each gives and its options')
    .option('--json', 'print JSON')
    .action(
      handled(async (opts: { json?: boolean }) => {
        const { DEFAULT_SCORERS, scorerRegistry } = await import('../scoring/scorers.js');
        // Building a model-graded scorer opens its model (and needs a key), so metrics come from the built-in ones' instances only.
        const rows = scorerRegistry.list().map((e) => ({
          name: e.name,
          summary: e.summary,
          default: DEFAULT_SCORERS.includes(e.name),
          options: e.options ?? [],
        }));
        if (opts.json) return void console.log(JSON.stringify(rows, null, 2));
        const width = Math.max(...rows.map((r) => r.name.length));
        for (const r of rows) {
          console.log(`${r.name.padEnd(width)}  ${r.summary}`);
          if (r.options.length)
            console.log(`${''.padEnd(width)}  options: ${r.options.map((o) => (o.default ? `${o.name} (default ${o.default})` : o.name)).join(', ')}`);
        }
      }),
    );
}

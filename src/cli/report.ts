import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import { renderReport } from '../report/index.js';
import { handled } from './errors.js';
import { prepareOutFile } from './out-dir.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('render a stored run as Markdown, JSON, CSV or a self-contained HTML page')
    .argument('<run-id>', 'run id (a unique prefix is enough), or latest')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json', 'csv', 'html']).default('md'))
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .option('--store <path>', 'SQLite file', DEFAULT_STORE)
    .action(
      handled(async (id: string, opts: { format: 'md' | 'json' | 'csv' | 'html'; out?: string; store: string }) => {
        // Checked first: a report of a large run takes a while to build.
        if (opts.out !== undefined) prepareOutFile(opts.out);
        const store = await openStore(opts.store, { mustExist: true, readOnly: true });
        try {
          const data = await store.reportData(id, { events: opts.format === 'html' || opts.format === 'csv' });
          const text = renderReport(data, opts.format);
          if (opts.out) {
            writeFileSync(opts.out, text);
            console.error(`Wrote ${opts.out}`);
          } else process.stdout.write(text.endsWith('\n') ? text : text + '\n');
        } finally {
          await store.close();
        }
      }),
    );
}

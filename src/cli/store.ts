import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_STORE, openStore } from '../store/store.js';
import { checkStoreLocation, isPostgresUrl, maskStoreUrl } from '../store/store-url.js';
import { NotFoundError } from '../util/errors.js';
import { handled, EXIT } from './errors.js';

/** Problems `PRAGMA integrity_check` reports for a SQLite file; `['ok']` when it is sound. */
export function checkSqliteFile(path: string): string[] {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  } catch (e) {
    // A file that is not a database at all fails before the check can run.
    return [(e as Error).message];
  } finally {
    db?.close();
  }
}

/** `rounds store check`: is the store sound? */
export function registerStoreCommand(program: Command): void {
  const store = program.command('store').description('look after the store of runs');
  store
    .command('check')
    .description("check the store file's integrity (SQLite PRAGMA integrity_check); exits 1 when it is damaged")
    .option('--store <path>', 'SQLite file or postgres:// URL', DEFAULT_STORE)
    .action(
      handled(async (opts: { store: string }) => {
        checkStoreLocation(opts.store);
        if (isPostgresUrl(opts.store)) {
          // PostgreSQL checks its own pages; what Rounds can check is that the store opens and answers.
          const s = await openStore(opts.store);
          try {
            const n = (await s.listRuns(1_000_000)).length;
            console.log(`${maskStoreUrl(opts.store)}: ok (${n} run${n === 1 ? '' : 's'})`);
          } finally {
            await s.close();
          }
          return;
        }
        if (!existsSync(opts.store)) throw new NotFoundError(`No store at ${opts.store}; pass the file to check with --store <path>.`);
        const problems = checkSqliteFile(opts.store);
        if (problems.length === 1 && problems[0] === 'ok') {
          console.log(`${opts.store}: ok`);
          return;
        }
        const shown = problems.slice(0, 10);
        process.stderr.write(
          `${opts.store} is damaged (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${shown.map((p) => `  ${p}`).join('\n')}\n`,
        );
        if (problems.length > shown.length) process.stderr.write(`  ... and ${problems.length - shown.length} more\n`);
        process.stderr.write(`Keep working with --store <a new file>; \`sqlite3 ${opts.store} .recover\` can often save the runs it holds.\n`);
        process.exitCode = EXIT.error;
      }),
    );
}

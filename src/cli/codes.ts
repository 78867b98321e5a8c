import type { Command } from 'commander';
import { NotFoundError, ConfigError } from '../util/errors.js';
import { handled } from './errors.js';

/** `rounds codes search|show`: the shipped ICD-10-CM FY2025 code set, for people writing cases. */
export function registerCodesCommand(program: Command): void {
  const codes = program.command('codes').description('search and show ICD-10-CM FY2025 codes (for writing cases)');

  codes
    .command('search')
    .description('find codes whose title or Alphabetic Index path has every word of the text')
    .argument('<text...>', 'words to look for, e.g. "acute myeloid leukemia"')
    .option('-n, --limit <n>', 'at most this many results', '20')
    .option('--json', 'print JSON')
    .action(
      handled(async (words: string[], opts: { limit: string; json?: boolean }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new ConfigError(`--limit must be a positive whole number, got "${opts.limit}"`);
        const { searchCodes } = await import('../case/codes/search.js');
        const text = words.join(' ');
        const hits = searchCodes(text, limit);
        if (opts.json) return void console.log(JSON.stringify(hits, null, 2));
        if (!hits.length) return void console.log(`no ICD-10-CM code matches "${text}"`);
        for (const h of hits) {
          const via = h.via === 'title' ? '' : `  (index: ${h.via})`;
          console.log(`${h.code.padEnd(8)} ${h.billable ? 'billable' : 'heading '}  ${h.title}${via}`);
        }
      }),
    );

  codes
    .command('show')
    .description('show one code: title, whether it is billable, its billable codes')
    .argument('<code>', 'an ICD-10-CM code, e.g. I21.19 or C92')
    .option('--json', 'print JSON')
    .action(
      handled(async (code: string, opts: { json?: boolean }) => {
        const { describeCode } = await import('../case/codes/lookup.js');
        const info = describeCode(code);
        if (!info) throw new NotFoundError(`"${code}" is not an ICD-10-CM FY2025 code; try \`rounds codes search <words>\``);
        if (opts.json) return void console.log(JSON.stringify(info, null, 2));
        console.log(`${info.code}  ${info.title}${info.derivedTitle ? '  (heading; title derived from its codes)' : ''}`);
        console.log(
          info.billable
            ? "billable: yes (valid in a case's diagnosis.icd10)"
            : `billable: no (a heading; a case needs one of its ${info.billableChildren.length} billable codes)`,
        );
        if (!info.billable) {
          const shown = info.billableChildren.slice(0, 30);
          for (const c of shown) console.log(`  ${c.padEnd(8)} ${describeCode(c)!.title}`);
          if (info.billableChildren.length > shown.length) console.log(`  ... ${info.billableChildren.length - shown.length} more`);
        }
      }),
    );
}

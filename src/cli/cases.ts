import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { Case } from '../case/schema.js';
import { loadCases, displayPath } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import { crossCheck } from '../case/validate.js';
import { lintCases } from '../case/lint.js';
import { resolveSuite } from '../run/suites.js';
import { dataDir } from '../util/paths.js';
import { formatProblem, NotFoundError } from '../util/errors.js';
import { yaml } from '../util/yaml.js';
import { handled } from './errors.js';
import { countDiseases } from './kb-count.js';

export function registerCasesCommand(program: Command): void {
  const cases = program.command('cases').description('list, show, validate cases and print their schema');

  cases
    .command('list')
    .description('list the cases of a suite, folder, file or glob')
    .argument('[suite]', 'a suite name, specialty, folder, file or glob', 'core')
    .option('--summary', 'print counts only: cases, specialties, difficulties, hard share, dangerous mimics, tests, diseases')
    .option('--json', 'print JSON')
    .action(
      handled(async (target: string, opts: { summary?: boolean; json?: boolean }) => {
        const suite = resolveSuite(target);
        const list = suite.cases.map((c) => c.kase);
        if (opts.summary) {
          const bySpecialty = countBy(list.map((c) => c.specialty));
          const byDifficulty = countBy(list.map((c) => c.difficulty));
          // The case mix targets (issue 18): how many cases set a benign trap over a dangerous truth, and the hard share.
          const dangerousMimics = list.filter((c) => c.tags.includes('dangerous-mimic')).length;
          const hardShare = list.length ? Math.round((1000 * (byDifficulty.hard ?? 0)) / list.length) / 10 : 0;
          const summary = {
            cases: list.length,
            specialties: Object.keys(bySpecialty).length,
            tests: loadCatalog().tests.length,
            diseases: countDiseases(),
            bySpecialty,
            byDifficulty,
            hardShare,
            dangerousMimics,
            invalidFiles: new Set(suite.problems.map((p) => p.file)).size,
          };
          if (opts.json) return void console.log(JSON.stringify(summary, null, 2));
          console.log(
            `cases: ${summary.cases}\nspecialties: ${summary.specialties}\ntests in catalog: ${summary.tests}\ndiseases in knowledge base: ${summary.diseases ?? 'n/a'}`,
          );
          console.log(
            `difficulty: ${Object.entries(byDifficulty)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')} (hard ${hardShare}%)`,
          );
          console.log(`dangerous mimics: ${dangerousMimics}`);
          for (const [s, n] of Object.entries(bySpecialty)) console.log(`  ${s.padEnd(24)} ${n}`);
          if (summary.invalidFiles) console.log(`(${summary.invalidFiles} invalid files not counted; see \`rounds cases validate\`)`);
          return;
        }
        if (opts.json)
          return void console.log(
            JSON.stringify(
              list.map((c) => ({ id: c.id, specialty: c.specialty, difficulty: c.difficulty, title: c.title })),
              null,
              2,
            ),
          );
        const w = Math.max(4, ...list.map((c) => c.id.length));
        for (const c of list) console.log(`${c.id.padEnd(w)}  ${c.specialty.padEnd(22)} ${c.difficulty.padEnd(6)}  ${c.title}`);
        console.log(`${list.length} cases`);
      }),
    );

  cases
    .command('show')
    .description('print one case (YAML by default)')
    .argument('<id>', 'case id')
    .option('--suite <suite>', 'where to look', 'core')
    .option('--json', 'print JSON')
    .action(
      handled(async (id: string, opts: { suite: string; json?: boolean }) => {
        const found = resolveSuite(opts.suite).cases.find((c) => c.kase.id === id);
        if (!found) throw new NotFoundError(`No case "${id}" in suite ${opts.suite}; \`rounds cases list ${opts.suite}\` shows its ids.`);
        console.log(`# ${displayPath(found.file)}`);
        process.stdout.write(opts.json ? JSON.stringify(found.kase, null, 2) + '\n' : yaml().stringify(found.kase, { lineWidth: 0 }));
      }),
    );

  cases
    .command('validate')
    .description(
      'check case files: schema, catalog ids, fact ids, unique ids, content lint (flags vs ranges, blood gases, units, differentials); lists every problem',
    )
    .argument('[targets...]', 'files, folders or globs', [])
    .action(
      handled(async (targets: string[]) => {
        const list = targets.length ? targets : [join(dataDir(), 'cases')];
        const catalog = loadCatalog();
        let files = 0;
        const loaded = [];
        const problems = [];
        for (const t of list) {
          const r = loadCases(t);
          files += r.files;
          loaded.push(...r.cases);
          problems.push(...r.problems);
        }
        problems.push(...crossCheck(loaded, catalog), ...lintCases(loaded));
        for (const p of problems) console.error(formatProblem({ ...p, file: displayPath(p.file) }));
        const bad = new Set(problems.map((p) => p.file)).size;
        if (problems.length) {
          console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${bad} of ${files} files.`);
          process.exitCode = 1;
        } else {
          console.log(`${loaded.length} cases in ${files} files: all valid.`);
        }
      }),
    );

  cases
    .command('schema')
    .description('print the JSON Schema of a case file, for editors')
    .action(() => {
      console.log(JSON.stringify(z.toJSONSchema(Case, { io: 'input', unrepresentable: 'any' }), null, 2));
    });
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1;
  return out;
}

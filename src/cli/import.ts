import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCatalog } from '../case/catalog.js';
import { loadVocabulary } from '../case/vocabulary.js';
import { displayPath } from '../case/load.js';
import { getImporter, importers, type CaseImporter, type ImportReport, type TaskFileImporter } from '../case/import/registry.js';
import { ConfigError, formatProblem } from '../util/errors.js';
import { yaml } from '../util/yaml.js';
import { handled } from './errors.js';

/** The per-file summary: cases loaded, skipped lines with reasons, unmapped fields (counted), local tests, the importer's notes. */
export function formatImportSummary(r: ImportReport, notes: string[] = []): string {
  const lines: string[] = [];
  const skippedLines = new Set(r.skipped.map((p) => p.line ?? 0)).size;
  lines.push(`${displayPath(r.file)}: ${r.cases.length} case${r.cases.length === 1 ? '' : 's'} loaded, ${skippedLines} skipped (of ${r.lines} lines)`);
  for (const p of r.skipped) lines.push(`  ${formatProblem({ ...p, file: displayPath(p.file) })}`);
  if (r.unmapped.size) {
    lines.push('  fields that could not be mapped (kept under extra.unmapped, or as general exam findings):');
    for (const [path, n] of [...r.unmapped.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`    ${path}: ${n}`);
  } else if (r.cases.length) lines.push('  every field was mapped');
  if (r.fields.size) {
    lines.push('  fields mapped (totals over the cases):');
    for (const [k, n] of [...r.fields.entries()].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`    ${k}: ${n}`);
  }
  if (r.dropped.size) {
    lines.push('  source text left out on purpose:');
    for (const [k, n] of [...r.dropped.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`    ${k}: ${n}`);
  }
  if (r.inferred.size) {
    lines.push('  inferred where the source was silent:');
    for (const [k, n] of [...r.inferred.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`    ${k}: ${n}`);
  }
  if (r.localTests) lines.push(`  ${r.localTests} test result${r.localTests === 1 ? '' : 's'} not in the catalog kept as case-local tests (local:*, free)`);
  for (const note of notes) lines.push(`  ${note}`);
  return lines.join('\n');
}

/** Imports the files with one importer and writes one YAML case file per case; fails only when nothing was written. */
async function importFiles(importer: CaseImporter, files: string[], opts: Record<string, string | undefined> & { out: string }): Promise<void> {
  importer.checkOptions(opts);
  const catalog = loadCatalog();
  const vocabulary = loadVocabulary();
  mkdirSync(opts.out, { recursive: true });
  let written = 0;
  const seen = new Map<string, string>();
  for (const file of files) {
    const r = importer.importFile({ file, catalog, vocabulary, options: opts });
    for (const { kase } of r.cases) {
      const prior = seen.get(kase.id);
      if (prior) throw new ConfigError(`Case id ${kase.id} comes from both ${prior} and ${basename(file)}; import them separately with --id-prefix.`);
      seen.set(kase.id, basename(file));
      writeFileSync(join(opts.out, `${kase.id}.yaml`), `${importer.header(basename(file))}\n${yaml().stringify(kase, { lineWidth: 0 })}`);
      written++;
    }
    console.log(formatImportSummary(r, importer.notes(r)));
  }
  console.log(`Wrote ${written} case file${written === 1 ? '' : 's'} to ${displayPath(resolve(opts.out))}`);
  // Skipped lines are listed above; only a file set that yields nothing is a failure.
  if (written === 0) process.exitCode = 1;
}

/** An importer whose output is one EHR task file (MedAgentBench): it writes the file, the summary is printed here. */
async function importTaskFile(importer: TaskFileImporter, files: string[], opts: Record<string, string | undefined> & { out: string }): Promise<void> {
  importer.checkOptions(opts);
  const r = importer.write({ files, out: opts.out, options: opts });
  for (const line of r.lines) console.log(line);
  console.log(`Wrote ${displayPath(resolve(opts.out))}; run it with --suite ehr:${opts.out} (reference solutions: --doctor reference:${opts.out})`);
  if (r.written === 0) process.exitCode = 1;
}

/** `rounds import <kind>`: one subcommand per registered importer, and a named error (with the nearest kind) for any other. */
export function registerImportCommand(program: Command): void {
  const imp = program
    .command('import')
    .description('import cases from other benchmarks into Rounds case files (`rounds importers list` lists the kinds)')
    .argument('[kind]', 'the importer')
    // A mistyped kind reaches this action with the rest of its command line; it fails on the kind, not on a flag.
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      handled(async (kind?: string) => {
        if (!kind) imp.help({ error: true });
        getImporter(kind!);
      }),
    );
  for (const entry of importers.list()) {
    const importer = getImporter(entry.name);
    const cmd = imp
      .command(importer.name)
      .description(importer.description)
      .argument('<files...>', importer.files)
      .requiredOption(
        importer.output === 'ehr-tasks' ? `-o, ${importer.out.flags}` : '-o, --out <dir>',
        importer.output === 'ehr-tasks' ? importer.out.description : 'folder for the case files',
      );
    for (const f of importer.flags) cmd.option(f.flags, f.description);
    cmd.action(
      handled(async (files: string[], opts: Record<string, string | undefined> & { out: string }) =>
        importer.output === 'ehr-tasks' ? importTaskFile(importer, files, opts) : importFiles(importer, files, opts),
      ),
    );
  }
}

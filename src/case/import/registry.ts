import type { Catalog } from '../catalog.js';
import type { Vocabulary } from '../vocabulary.js';
import type { LoadedCase } from '../load.js';
import type { CaseProblem } from '../../util/errors.js';
import { ConfigError } from '../../util/errors.js';
import { Registry } from '../../util/registry.js';
import { existsSync } from 'node:fs';
import { loadCatalog } from '../catalog.js';
import { loadVocabulary } from '../vocabulary.js';
import { importAgentClinicFile, loadAgentClinicSuite } from './agentclinic.js';
import { importDiagnosisArenaFile } from './diagnosisarena.js';
import { medAgentBenchImporter } from './medagentbench-importer.js';
import { importHealthBenchFile } from './healthbench.js';
import { signFlags } from './rubric-sign.js';

/** What importing one source file gives: the valid cases, the skipped lines with reasons, and counts for the summary. */
export interface ImportReport {
  file: string;
  cases: LoadedCase[];
  skipped: CaseProblem[];
  /** Field path (line numbers dropped) -> how many lines had it unmapped. */
  unmapped: Map<string, number>;
  /** How many tests were kept as case-local tests. */
  localTests: number;
  lines: number;
  /** Case field -> how many the imported cases hold ("facts.symptom", "results.catalog", "media"...). */
  fields: Map<string, number>;
  /** Why source text was left out of the cases -> how many times. */
  dropped: Map<string, number>;
  /** What had to be inferred ("sex from the pronouns of the history") -> how many cases. */
  inferred: Map<string, number>;
}

/** A flag of `rounds import <kind>` besides the shared `--out`. */
export interface ImportFlag {
  /** Commander's flag text, e.g. `--id-prefix <prefix>`. */
  flags: string;
  description: string;
}

/** One source format: how `rounds import <kind>` and `--suite <kind>:<file>` read it. */
export type Importer = CaseImporter | TaskFileImporter;

/** An importer whose output is one EHR task file (tasks with the records they run on), not case files. */
export interface TaskFileImporter {
  output: 'ehr-tasks';
  name: string;
  description: string;
  files: string;
  flags: ImportFlag[];
  /** What `--out` names (a file here). */
  out: ImportFlag;
  checkOptions(options: Record<string, string | undefined>): void;
  /** Imports the files and writes the task file at `out`; returns the summary lines and whether any task was written. Throws (writing nothing) when an input is missing. */
  write(input: { files: string[]; out: string; options: Record<string, string | undefined> }): { lines: string[]; written: number };
  loadSuite(file: string): { cases: LoadedCase[]; problems: CaseProblem[] };
}

/** An importer that turns source files into case files. */
export interface CaseImporter {
  output?: 'cases';
  name: string;
  /** The longer description `rounds import <kind> --help` shows. */
  description: string;
  /** What the files argument holds, for the help text. */
  files: string;
  flags: ImportFlag[];
  /** Checks the flags (by commander's camelCase key) before any file is read or folder made. */
  checkOptions(options: Record<string, string | undefined>): void;
  /** Reads one file; never throws for bad content (bad lines are reported as skipped), only for bad flags. */
  importFile(input: { file: string; catalog: Catalog; vocabulary: Vocabulary; options: Record<string, string | undefined> }): ImportReport;
  /** The comment line at the top of each written case file. */
  header(file: string): string;
  /** Lines printed under a file's summary, about every case it imported. */
  notes(report: ImportReport): string[];
  /** Loads a file as a suite without writing case files (`--suite <kind>:<file>`); skipped lines come back as problems. */
  loadSuite(file: string): { cases: LoadedCase[]; problems: CaseProblem[] };
}

/** Every importer: `rounds import <kind>`, `--suite <kind>:<file>` and `rounds importers list` read this one registry. */
export const importers = new Registry<Importer>('Importer');

/** Adds an importer; its CLI flags are listed as its options. */
export function registerImporter(importer: Importer, summary: string): void {
  const out = importer.output === 'ehr-tasks' ? { name: importer.out.flags, description: importer.out.description } : OUT_DIR;
  importers.register({
    name: importer.name,
    summary,
    // Importers take command-line flags, not spec options: these are documentation for `rounds importers list`.
    options: [out, ...importer.flags.map((f) => ({ name: f.flags, description: f.description }))],
    checksOwnOptions: true,
    build: () => importer,
  });
}

const OUT_DIR = { name: '--out <dir>', description: 'folder for the case files (required)' };

/** The importer of a name, or an error naming the nearest importer. */
export function getImporter(name: string): Importer {
  return importers.get(name).build({ kind: name.toLowerCase(), options: {}, raw: name, what: 'Importer' });
}

const SLUG = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

/** How the importer coded the diagnoses: the source carries no ICD-10 code, so each is inferred from the index or left as R69. */
function icd10Note(cases: LoadedCase[]): string {
  const inferred = cases.filter((c) => c.kase.diagnosis.icd10_source === 'inferred').length;
  return (
    `diagnoses carry no ICD-10 code in the source: ${inferred} of ${cases.length} coded from the ICD-10-CM index (icd10_source: inferred, with icd10_term), ` +
    `${cases.length - inferred} written as R69 with extra.icd10_unknown: true (matched by name)`
  );
}

registerImporter(
  {
    name: 'agentclinic',
    description: 'import AgentClinic MedQA / MedQA-extended / NEJM / NEJM-extended JSONL files, one YAML case per line',
    files: 'AgentClinic .jsonl files',
    flags: [
      { flags: '--license <text>', description: 'licence to record in source.license (default "see source dataset")' },
      { flags: '--id-prefix <prefix>', description: 'case id prefix instead of agentclinic-medqa / agentclinic-nejm (ids end in the line number)' },
    ],
    checkOptions({ idPrefix }) {
      if (idPrefix !== undefined && !SLUG.test(idPrefix)) throw new ConfigError(`--id-prefix "${idPrefix}" must be a lower-case slug such as "medqa-ext".`);
    },
    importFile({ file, catalog, vocabulary, options }) {
      this.checkOptions(options);
      return importAgentClinicFile({ file, catalog, vocabulary, license: options.license, idPrefix: options.idPrefix });
    },
    header: (file) => `# Imported from AgentClinic (${file}) by rounds import agentclinic.`,
    notes: (r) => (r.cases.length ? [icd10Note(r.cases)] : []),
    loadSuite: loadAgentClinicSuite,
  },
  'AgentClinic MedQA, MedQA-extended, NEJM and NEJM-extended JSONL, one case per line (also --suite agentclinic:<file>)',
);

registerImporter(
  {
    name: 'diagnosisarena',
    description:
      'import DiagnosisArena records (its JSON array or JSON Lines: Case Information, Physical Examination, Diagnostic Tests, Final Diagnosis, Options, Right Option) as interactive cases',
    files: 'DiagnosisArena .json or .jsonl files',
    flags: [
      { flags: '--license <text>', description: 'licence to record in source.license (default "see source dataset")' },
      { flags: '--id-prefix <prefix>', description: 'case id prefix instead of diagnosisarena (ids end in the record id)' },
    ],
    checkOptions({ idPrefix }) {
      if (idPrefix !== undefined && !SLUG.test(idPrefix)) throw new ConfigError(`--id-prefix "${idPrefix}" must be a lower-case slug such as "da-test".`);
    },
    importFile({ file, catalog, vocabulary, options }) {
      this.checkOptions(options);
      return importDiagnosisArenaFile({ file, catalog, vocabulary, license: options.license, idPrefix: options.idPrefix });
    },
    header: (file) => `# Imported from DiagnosisArena (${file}) by rounds import diagnosisarena.`,
    notes: (r) =>
      r.cases.length
        ? [
            'the history keeps the case report’s third person; the first sentence is the brief, tests and exam are given only when asked for',
            icd10Note(r.cases),
          ]
        : [],
    loadSuite: (file) => {
      if (!existsSync(file)) throw new ConfigError(`DiagnosisArena file ${file} does not exist; give the path after "diagnosisarena:".`);
      const r = importDiagnosisArenaFile({ file, catalog: loadCatalog(), vocabulary: loadVocabulary() });
      return { cases: r.cases, problems: r.skipped };
    },
  },
  'DiagnosisArena case records (JSON array or JSONL), one interactive case per record (also --suite diagnosisarena:<file>)',
);

registerImporter(
  medAgentBenchImporter,
  'MedAgentBench tasks (JSON list of {id, instruction, context, sol, eval_MRN}) with a FHIR Bundle of their patients (--bundle), as one EHR task file (run it with --suite ehr:<file>)',
);

registerImporter(
  {
    name: 'healthbench',
    description:
      'import HealthBench JSONL (prompt messages, prompt_id, rubrics, example_tags, ideal_completions_data) as conversation cases for --protocol respond, graded by --scorer rubric',
    files: 'HealthBench .jsonl files',
    flags: [
      { flags: '--license <text>', description: 'licence to record in source.license (default "see source dataset")' },
      { flags: '--id-prefix <prefix>', description: 'case id prefix instead of healthbench (ids end in the prompt_id)' },
    ],
    checkOptions({ idPrefix }) {
      if (idPrefix !== undefined && !SLUG.test(idPrefix)) throw new ConfigError(`--id-prefix "${idPrefix}" must be a lower-case slug such as "hb-hard".`);
    },
    importFile({ file, catalog, vocabulary, options }) {
      this.checkOptions(options);
      return importHealthBenchFile({ file, catalog, vocabulary, license: options.license, idPrefix: options.idPrefix });
    },
    header: (file) => `# Imported from HealthBench (${file}) by rounds import healthbench.`,
    notes: (r) => {
      if (!r.cases.length) return [];
      const items = r.cases.reduce((n, c) => n + c.kase.expected.rubric.length, 0);
      const lines = [`${items} rubric items; run with --protocol respond --scorer rubric:model=<model> (a doctor that writes text, e.g. llm)`];
      const flagged = r.cases.flatMap((c) => signFlags(c.kase.expected.rubric).map((f) => ({ id: c.kase.id, line: c.line, ...f })));
      if (flagged.length) {
        lines.push(`rubric items whose sign looks inverted (${flagged.length}; kept as given, check them):`);
        for (const f of flagged) lines.push(`  ${f.id} (line ${f.line}): ${f.points > 0 ? '+' : ''}${f.points} "${f.criterion}": ${f.why}`);
      } else lines.push('no rubric item has a sign that looks inverted');
      return lines;
    },
    loadSuite: (file) => {
      if (!existsSync(file)) throw new ConfigError(`HealthBench file ${file} does not exist; give the path after "healthbench:".`);
      const r = importHealthBenchFile({ file, catalog: loadCatalog(), vocabulary: loadVocabulary() });
      return { cases: r.cases, problems: r.skipped };
    },
  },
  'HealthBench JSONL, one conversation case per example with its rubric (also --suite healthbench:<file>)',
);

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { parseYaml } from '../util/parse-cache.js';
import { join, extname, basename } from 'node:path';
import { z } from 'zod';
import { loadCaseFile, loadCases, type LoadedCase, type LoadResult } from '../case/load.js';
import { getImporter, importers } from '../case/import/registry.js';
import { Registry } from '../util/registry.js';
import { nearest } from '../util/spec.js';
import { loadEhrSuite } from '../ehr/tasks.js';
import { dataDir } from '../util/paths.js';
import { ConfigError, type CaseProblem } from '../util/errors.js';

const SuiteFile = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    /** A folder, file or glob, relative to data/cases. */
    cases: z.string().default('.'),
    ids: z.array(z.string()).optional(),
    filter: z
      .object({
        specialty: z.array(z.string()).optional(),
        difficulty: z.array(z.string()).optional(),
        tags: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
type SuiteFile = z.infer<typeof SuiteFile>;

export interface SuiteInfo {
  name: string;
  description: string;
  kind: 'named' | 'specialty';
}

export interface ResolvedSuite {
  name: string;
  cases: LoadedCase[];
  problems: CaseProblem[];
}

function casesDir(): string {
  return join(dataDir(), 'cases');
}

function namedSuites(): Map<string, SuiteFile> {
  const dir = join(dataDir(), 'suites');
  const out = new Map<string, SuiteFile>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)
    .filter((f) => ['.yaml', '.yml'].includes(extname(f)))
    .sort()) {
    const r = SuiteFile.safeParse(parseYaml(readFileSync(join(dir, f), 'utf8')));
    if (!r.success) throw new ConfigError(`Suite file ${join(dir, f)} is invalid: ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}.`);
    out.set(r.data.name, r.data);
  }
  return out;
}

function specialties(): string[] {
  const dir = casesDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .sort();
}

/** The built-in suites: the named ones in data/suites and one per specialty folder. */
export function listSuites(): SuiteInfo[] {
  const named = [...namedSuites().values()].map((s) => ({ name: s.name, description: s.description, kind: 'named' as const }));
  const spec = specialties()
    .filter((s) => !named.some((n) => n.name === s))
    .map((s) => ({ name: s, description: `all ${s} cases`, kind: 'specialty' as const }));
  return [...named, ...spec, { name: 'ehr', description: 'EHR tasks over FHIR R4 (data/ehr/tasks); ehr:<path> for other task files', kind: 'named' as const }];
}

/** One way of finding cases for `--suite`: given the text after `<source>:` (or the whole bare name), the cases, or undefined when this source has none by that name. */
export type SuiteLoader = (argument: string) => ResolvedSuite | undefined;

/**
 * Where `--suite` finds cases. A bare name tries the sources in the order they are registered (a named suite, a
 * specialty, a path or glob, a shipped case id); `<source>:<argument>` asks one source (`case:cardio-stemi-inferior-001`,
 * `agentclinic:medqa.jsonl`). Every importer is also a source, reading its file as a suite without writing case files.
 */
export const suiteSources = new Registry<SuiteLoader>('Suite source');

/** Registers a suite source; `bare` sources are also tried, in order, for a name with no source prefix. */
function registerSource(name: string, summary: string, argument: string, load: SuiteLoader, bare: boolean): void {
  suiteSources.register({ name, summary, argument, options: [], checksOwnOptions: true, build: () => load });
  if (bare) BARE.push(name);
}
const BARE: string[] = [];

registerSource(
  'suite',
  'a named suite from data/suites (core, quick...)',
  '<name>',
  (name) => {
    const named = namedSuites().get(name);
    if (!named) return undefined;
    // A suite that lists its ids reads only those files (see namedFiles), so `--suite quick` starts fast.
    const loaded = (named.ids && !named.filter && namedFiles(join(casesDir(), named.cases), named.ids)) || loadCases(join(casesDir(), named.cases));
    let cases = loaded.cases;
    const f = named.filter;
    if (f?.specialty) cases = cases.filter((c) => f.specialty!.includes(c.kase.specialty));
    if (f?.difficulty) cases = cases.filter((c) => f.difficulty!.includes(c.kase.difficulty));
    if (f?.tags) cases = cases.filter((c) => c.kase.tags.some((t) => f.tags!.includes(t)));
    if (named.ids) {
      const byId = new Map(cases.map((c) => [c.kase.id, c]));
      const missing = named.ids.filter((id) => !byId.has(id));
      if (missing.length) throw new ConfigError(`Suite "${name}" names cases that do not exist: ${missing.join(', ')}.`);
      cases = named.ids.map((id) => byId.get(id)!);
    }
    return { name, cases, problems: loaded.problems };
  },
  true,
);
registerSource(
  'specialty',
  'every shipped case of one specialty folder under data/cases (cardiology...)',
  '<specialty>',
  (name) => {
    if (!specialties().includes(name)) return undefined;
    const loaded = loadCases(join(casesDir(), name));
    return { name, cases: loaded.cases, problems: loaded.problems };
  },
  true,
);
registerSource(
  'path',
  'a case file, a folder of case files or a glob (YAML, JSON or JSONL)',
  '<path>',
  (path) => {
    if (!existsSync(path) && !/[*?{[]/.test(path)) return undefined;
    const loaded = loadCases(path);
    if (loaded.files === 0) throw new ConfigError(`Suite "${path}" matches no case files.`);
    return { name: basename(path), cases: loaded.cases, problems: loaded.problems };
  },
  true,
);
registerSource(
  'case',
  'one shipped case by its id (cardio-stemi-inferior-001)',
  '<case-id>',
  (id) => {
    const one = shippedCase(id);
    return one ? { name: id, ...one } : undefined;
  },
  true,
);
registerSource(
  'ehr',
  'EHR tasks over FHIR R4: `ehr` for the shipped tasks (data/ehr), `ehr:<file or folder>` for others',
  '[<file or folder>]',
  (arg) => {
    // Bare, only the exact name `ehr` is this source; with the prefix, the argument is a task file or folder.
    if (arg === 'ehr') return { name: 'ehr', ...loadEhrSuite(undefined) };
    if (!existsSync(arg)) return undefined;
    return { name: basename(arg), ...loadEhrSuite(arg) };
  },
  true,
);
for (const entry of importers.list()) {
  const importer = getImporter(entry.name);
  registerSource(
    importer.name,
    `a ${importer.name} source file read as a suite, without writing case files (${entry.summary})`,
    '<file>',
    (file) => ({ name: basename(file), ...importer.loadSuite(file) }),
    false,
  );
}

/** What a failed `--suite` can be, for the error message. */
function available(): string {
  return `${listSuites()
    .map((s) => s.name)
    .join(', ')}, a shipped case id, or a path to case files`;
}

/**
 * Resolves `--suite`: a named suite, a specialty, a path/glob of case files, a shipped case id, or `<source>:<argument>`.
 * Bad case files come back as problems, so the caller decides whether to skip them.
 */
export function resolveSuite(spec: string): ResolvedSuite {
  const prefixed = /^([a-z][a-z0-9-]+):(.+)$/i.exec(spec);
  // A file that exists is read as a path even when its name holds a colon.
  if (prefixed && suiteSources.has(prefixed[1]) && !existsSync(spec)) {
    const [, source, argument] = prefixed;
    const found = suiteSources.get(source).build({ kind: source.toLowerCase(), argument, options: {}, raw: spec, what: 'Suite source' })(argument);
    if (found) return found;
    throw new ConfigError(`Suite source "${source}" has no "${argument}"; available: ${available()}.`);
  }
  for (const name of BARE) {
    const found = suiteSources.get(name).build({ kind: name, argument: spec, options: {}, raw: spec, what: 'Suite source' })(spec);
    if (found) return found;
  }
  const near = prefixed ? nearest(prefixed[1], suiteSources.names()) : undefined;
  throw new ConfigError(`Unknown suite "${spec}"${near ? ` (did you mean ${near}:${prefixed![2]}?)` : ''}; available: ${available()}.`);
}

/**
 * A suite that lists its case ids loads only their files (cases are filed as `<folder>/<id>.yaml`) rather than
 * the whole library: `--suite quick` reads 10 files, not every case. Undefined when a file is not where its id
 * says, so the caller loads the folder and finds it (or names it missing).
 */
function namedFiles(dir: string, ids: readonly string[]): LoadResult | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const folders = ['', ...readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory())];
  const out: LoadResult = { cases: [], problems: [], files: 0 };
  for (const id of ids) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
    const file = folders.flatMap((f) => ['.yaml', '.yml', '.json'].map((ext) => join(dir, f, id + ext))).find((f) => existsSync(f));
    if (!file) return undefined;
    const r = loadCaseFile(file);
    if (r.problems.length > 0 || r.cases.length !== 1 || r.cases[0].kase.id !== id) return undefined;
    out.cases.push(r.cases[0]);
    out.files++;
  }
  return out;
}

/**
 * `--suite <case-id>`: one shipped case. Shipped files are named after their
 * ids, so the file is found directly; a case kept under another file name is
 * found by loading the library.
 */
function shippedCase(id: string): { cases: LoadedCase[]; problems: CaseProblem[] } | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
  for (const folder of specialties()) {
    for (const ext of ['.yaml', '.yml', '.json']) {
      const file = join(casesDir(), folder, id + ext);
      if (!existsSync(file)) continue;
      const loaded = loadCases(file);
      if (loaded.cases.some((c) => c.kase.id === id) || loaded.problems.length > 0) return { cases: loaded.cases, problems: loaded.problems };
    }
  }
  const all = loadCases(casesDir());
  const hit = all.cases.filter((c) => c.kase.id === id);
  return hit.length > 0 ? { cases: hit, problems: [] } : undefined;
}

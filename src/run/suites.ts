import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname, basename } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadCases, type LoadedCase } from '../case/load.js';
import { loadAgentClinicSuite } from '../case/import/agentclinic.js';
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
    const r = SuiteFile.safeParse(parse(readFileSync(join(dir, f), 'utf8')));
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

/**
 * Resolves `--suite`: a named suite, a specialty, or a path/glob of case files.
 * Bad case files come back as problems, so the caller decides whether to skip them.
 */
export function resolveSuite(spec: string): ResolvedSuite {
  if (spec === 'ehr' || spec.startsWith('ehr:')) {
    const file = spec === 'ehr' ? undefined : spec.slice('ehr:'.length);
    if (file && !existsSync(file)) throw new ConfigError(`EHR task file or folder "${file}" does not exist.`);
    return { name: spec === 'ehr' ? 'ehr' : basename(file!), ...loadEhrSuite(file) };
  }
  if (spec.startsWith('agentclinic:')) {
    const file = spec.slice('agentclinic:'.length);
    return { name: basename(file), ...loadAgentClinicSuite(file) };
  }
  const named = namedSuites().get(spec);
  if (named) {
    const loaded = loadCases(join(casesDir(), named.cases));
    let cases = loaded.cases;
    const f = named.filter;
    if (f?.specialty) cases = cases.filter((c) => f.specialty!.includes(c.kase.specialty));
    if (f?.difficulty) cases = cases.filter((c) => f.difficulty!.includes(c.kase.difficulty));
    if (f?.tags) cases = cases.filter((c) => c.kase.tags.some((t) => f.tags!.includes(t)));
    if (named.ids) {
      const byId = new Map(cases.map((c) => [c.kase.id, c]));
      const missing = named.ids.filter((id) => !byId.has(id));
      if (missing.length) throw new ConfigError(`Suite "${spec}" names cases that do not exist: ${missing.join(', ')}.`);
      cases = named.ids.map((id) => byId.get(id)!);
    }
    return { name: spec, cases, problems: loaded.problems };
  }
  if (specialties().includes(spec)) {
    const loaded = loadCases(join(casesDir(), spec));
    return { name: spec, cases: loaded.cases, problems: loaded.problems };
  }
  if (existsSync(spec) || /[*?{[]/.test(spec)) {
    const loaded = loadCases(spec);
    if (loaded.files === 0) throw new ConfigError(`Suite "${spec}" matches no case files.`);
    return { name: basename(spec), cases: loaded.cases, problems: loaded.problems };
  }
  const one = shippedCase(spec);
  if (one) return { name: spec, ...one };
  throw new ConfigError(
    `Unknown suite "${spec}"; available: ${listSuites()
      .map((s) => s.name)
      .join(', ')}, a shipped case id, or a path to case files.`,
  );
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

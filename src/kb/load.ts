import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { Disease, Finding } from './schema.js';
import { buildKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
import { parseSource, validateWith, type SourceDoc } from '../case/source-file.js';
import { loadVocabulary, type Vocabulary } from '../case/vocabulary.js';
import type { Catalog } from '../case/catalog.js';
import { CaseValidationError, type CaseProblem } from '../util/errors.js';
import { dataDir } from '../util/paths.js';
import { noteReadingSources } from './reading-cache.js';
import { cachedKbEntries } from './entry-cache.js';

export type { KnowledgeBase } from './knowledge-base.js';

export interface LoadKnowledgeBaseOptions {
  /** Test ids in findings must exist here; without a catalog they are not checked. */
  catalog?: Catalog;
  /** Ask topics must be canonical topics (or synonyms) here; defaults to the shipped vocabulary. */
  vocabulary?: Vocabulary;
}

// Loading parses and validates hundreds of entries: once per folder and vocabulary per process.
// Vocabularies are few and long-lived, so a plain Map is fine.
const cache = new Map<Vocabulary, Map<string, KnowledgeBase>>();
// Catalog checks are cheap but still done once per (knowledge base, catalog) pair.
const checked = new WeakMap<KnowledgeBase, WeakSet<Catalog>>();
// Where each order finding was declared, so catalog problems can name file and line.
const orderSites = new WeakMap<KnowledgeBase, OrderSite[]>();

// The shipped folder's key for the data folder last asked about: every built-in doctor built loads it again.
let shipped = { dir: '', key: '' };

function shippedKey(): string {
  const dir = dataDir();
  // A relative ROUNDS_DATA_DIR resolves against the working directory, which may change: not kept.
  if (!isAbsolute(dir)) return resolve(join(dir, 'kb'));
  if (shipped.dir !== dir) shipped = { dir, key: resolve(join(dir, 'kb')) };
  return shipped.key;
}

/** Forgets cached knowledge bases (tests that rewrite a folder use this). */
export function clearKnowledgeBaseCache(): void {
  cache.clear();
}

/**
 * Reads every YAML/JSON file of a knowledge-base folder, validates it and
 * builds the compact form. Every problem (with file, line and field path) is
 * collected and thrown together as a CaseValidationError. Cached per process.
 */
export function loadKnowledgeBase(dir?: string, options: LoadKnowledgeBaseOptions = {}): KnowledgeBase {
  const vocabulary = options.vocabulary ?? loadVocabulary();
  const key = dir === undefined ? shippedKey() : resolve(dir);
  let byDir = cache.get(vocabulary);
  let kb = byDir?.get(key);
  if (!kb) {
    const read = readKnowledgeBase(key, vocabulary);
    kb = read.kb;
    orderSites.set(kb, read.orderSites);
    // Readings of replies and reports are cached on disk, keyed by these files and the vocabulary (kb/reading-cache.ts).
    noteReadingSources(kb, read.files, vocabulary);
    if (!byDir) cache.set(vocabulary, (byDir = new Map()));
    byDir.set(key, kb);
  }
  if (options.catalog) checkCatalog(kb, options.catalog);
  return kb;
}

function checkCatalog(kb: KnowledgeBase, catalog: Catalog): void {
  let seen = checked.get(kb);
  if (seen?.has(catalog)) return;
  const problems: CaseProblem[] = [];
  for (const site of orderSites.get(kb) ?? []) {
    if (!catalog.has(site.test)) problems.push({ ...site.problem, line: site.line(), message: `test "${site.test}" is not in the catalog` });
  }
  if (problems.length) throw new CaseValidationError(problems);
  if (!seen) checked.set(kb, (seen = new WeakSet()));
  seen.add(catalog);
}

// The same top level as KbFile, with entries left for per-entry validation.
const FileShape = z.object({ findings: z.array(z.unknown()).default([]), diseases: z.array(z.unknown()).default([]) }).strict();

/** A test the knowledge base names, checked against each catalog it is used with. */
interface OrderSite {
  test: string;
  problem: Omit<CaseProblem, 'message' | 'line'>;
  line: () => number | undefined;
}

function listFiles(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })) return [];
  return statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f)))
        .sort()
        .map((f) => join(path, f))
    : [path];
}

function readKnowledgeBase(dir: string, vocabulary: Vocabulary) {
  const problems: CaseProblem[] = [];
  const files = listFiles(dir);
  if (files.length === 0) throw new CaseValidationError([{ file: dir, path: '', message: 'has no knowledge-base files (*.yaml, *.yml, *.json)' }]);

  const findings = new Map<string, { finding: Finding; file: string; doc: () => SourceDoc; at: number }>();
  const diseases = new Map<string, { disease: Disease; file: string; doc: () => SourceDoc; at: number }>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let parsed: SourceDoc | undefined;
    // A file read from the cache is parsed (with positions) only when a problem needs a line.
    const doc = () => (parsed ??= parseSource(text, file).doc!);
    const addFinding = (finding: Finding, at: number) => {
      const prev = findings.get(finding.id);
      if (prev)
        problems.push({
          file,
          line: doc().lineOf(['findings', at, 'id']),
          path: `findings[${at}].id`,
          message: `duplicate finding id "${finding.id}" (also in ${prev.file})`,
        });
      else findings.set(finding.id, { finding, file, doc, at });
    };
    const addDisease = (disease: Disease, at: number) => {
      const prev = diseases.get(disease.id);
      if (prev)
        problems.push({
          file,
          line: doc().lineOf(['diseases', at, 'id']),
          path: `diseases[${at}].id`,
          message: `duplicate disease id "${disease.id}" (also in ${prev.file})`,
        });
      else diseases.set(disease.id, { disease, file, doc, at });
    };
    let derived = false;
    // The file's entries as validated (kb/entry-cache.ts: from disk when this text was valid before).
    const cached = cachedKbEntries(text, () => {
      derived = true;
      const before = problems.length;
      const { doc: source, problems: parse } = parseSource(text, file);
      problems.push(...parse);
      if (!source) return undefined;
      parsed = source;
      // The file's shape first, then each entry on its own: one bad entry must not hide the others' problems.
      const { value, problems: invalid } = validateWith(FileShape, source.data, file, source.lineOf);
      problems.push(...invalid);
      if (!value) return undefined;
      const out = { findings: [] as Finding[], diseases: [] as Disease[] };
      value.findings.forEach((raw, at) => {
        const { value: finding, problems: bad } = validateWith(Finding, raw, file, source.lineOf, ['findings', at]);
        problems.push(...bad);
        if (!finding) return;
        out.findings.push(finding);
        addFinding(finding, at);
      });
      value.diseases.forEach((raw, at) => {
        const { value: disease, problems: bad } = validateWith(Disease, raw, file, source.lineOf, ['diseases', at]);
        problems.push(...bad);
        if (!disease) return;
        out.diseases.push(disease);
        addDisease(disease, at);
      });
      // Only a file with no problems at all is kept, so its entries are exactly the file's, index for index.
      return problems.length === before ? out : undefined;
    });
    if (cached && !derived) {
      (cached.findings as Finding[]).forEach(addFinding);
      (cached.diseases as Disease[]).forEach(addDisease);
    }
  }

  // Lines are looked up only for a problem: finding one may mean parsing the file again with positions.
  const sites: OrderSite[] = [];
  for (const { finding, file, doc, at } of findings.values()) {
    const how = finding.how;
    if ('ask' in how && !vocabulary.lookup(how.ask)) {
      problems.push({
        file,
        line: doc().lineOf(['findings', at, 'how', 'ask']),
        path: `findings[${at}].how.ask`,
        message: `ask topic "${how.ask}" is not in the vocabulary (data/vocabulary/topics.yaml)`,
      });
    }
    if ('order' in how)
      sites.push({ test: how.order, problem: { file, path: `findings[${at}].how.order` }, line: () => doc().lineOf(['findings', at, 'how', 'order']) });
  }
  for (const { disease, file, doc, at } of diseases.values()) {
    disease.confirm_with.forEach((test, k) =>
      sites.push({ test, problem: { file, path: `diseases[${at}].confirm_with[${k}]` }, line: () => doc().lineOf(['diseases', at, 'confirm_with', k]) }),
    );
    for (const fid of Object.keys(disease.findings)) {
      if (!findings.has(fid)) {
        problems.push({
          file,
          line: doc().lineOf(['diseases', at, 'findings', fid]),
          path: `diseases[${at}].findings.${fid}`,
          message: `unknown finding "${fid}"`,
        });
      }
    }
  }
  if (problems.length === 0 && diseases.size === 0) problems.push({ file: dir, path: '', message: 'defines no diseases' });
  if (problems.length) throw new CaseValidationError(problems);

  const kb = buildKnowledgeBase({ findings: [...findings.values()].map((f) => f.finding), diseases: [...diseases.values()].map((d) => d.disease) }, vocabulary);
  return { kb, orderSites: sites, files };
}

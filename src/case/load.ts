import { readFileSync, statSync, existsSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { globSync } from 'tinyglobby';
import { Case } from './schema.js';
import { parseSource, validateWith } from './source-file.js';
import { cachedValidCase } from './validated-cache.js';
import type { CaseProblem } from '../util/errors.js';

const CASE_EXTENSIONS = ['.yaml', '.yml', '.json', '.jsonl'];

/** A valid case and where it came from. */
export interface LoadedCase {
  kase: Case;
  file: string;
  line?: number;
}

export interface LoadResult {
  cases: LoadedCase[];
  problems: CaseProblem[];
  files: number;
}

/** Expands a file, folder or glob into the case files it names, sorted. */
export function expandCaseFiles(target: string): string[] {
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) {
      return globSync(
        CASE_EXTENSIONS.map((e) => `**/*${e}`),
        { cwd: target, absolute: false },
      )
        .sort()
        .map((f) => join(target, f));
    }
    return [target];
  }
  return globSync(target, { absolute: false })
    .filter((f) => CASE_EXTENSIONS.includes(extname(f)))
    .sort();
}

/** Parsed files by path, with the size and mtime they were parsed at; only while enabled. */
let parsed: Map<string, { size: number; mtimeMs: number; result: LoadResult }> | undefined;

/**
 * Keeps parsed case files in memory and reuses them while their size and
 * mtime are unchanged. A long-lived server turns this on: parsing the shipped
 * suite takes seconds of blocking CPU (YAML and schema validation), and every
 * run posted to it would otherwise parse it again. A one-shot CLI leaves it off.
 */
export function cacheCaseFiles(on: boolean): void {
  parsed = on ? (parsed ?? new Map()) : undefined;
}

/** Parses and validates the cases in one file; JSONL holds one case per line. */
export function loadCaseFile(file: string): LoadResult {
  if (!parsed) return parseCaseFile(file);
  let stat: { size: number; mtimeMs: number };
  try {
    stat = statSync(file);
  } catch {
    return parseCaseFile(file);
  }
  const hit = parsed.get(file);
  if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs)
    return { cases: [...hit.result.cases], problems: [...hit.result.problems], files: hit.result.files };
  const result = parseCaseFile(file);
  parsed.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, result });
  return { cases: [...result.cases], problems: [...result.problems], files: result.files };
}

function parseCaseFile(file: string): LoadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { cases: [], files: 1, problems: [{ file, path: '', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` }] };
  }
  const text = bytes.toString('utf8');
  if (extname(file) === '.jsonl') return loadJsonl(file, text);
  // A text valid before (under this code) comes back validated; otherwise parsed and validated here.
  let slow: LoadResult | undefined;
  const kase = cachedValidCase(text, () => (slow = parseText(file, text)).cases[0]?.kase);
  if (slow) return slow;
  return { cases: [{ kase: kase!, file }], problems: [], files: 1 };
}

/** Parses and validates one case file's text. */
function parseText(file: string, text: string): LoadResult {
  const { doc, problems } = parseSource(text, file);
  if (!doc) return { cases: [], problems, files: 1 };
  if (doc.data === null || typeof doc.data !== 'object' || Array.isArray(doc.data)) {
    return { cases: [], files: 1, problems: [{ file, line: 1, path: '', message: 'must hold one case: a mapping with id, title, diagnosis...' }] };
  }
  const { value, problems: invalid } = validateWith(Case, doc.data, file, doc.lineOf);
  return { cases: value ? [{ kase: value, file }] : [], problems: invalid, files: 1 };
}

function loadJsonl(file: string, text: string): LoadResult {
  const out: LoadResult = { cases: [], problems: [], files: 1 };
  if (text.includes('\u0000')) {
    out.problems.push({ file, path: '', message: 'is a binary file, not JSON Lines text' });
    return out;
  }
  const lines = text.split('\n');
  let any = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    any = true;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      out.problems.push({ file, line, path: '', message: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    const { value, problems } = validateWith(Case, data, file, () => line);
    out.problems.push(...problems);
    if (value) out.cases.push({ kase: value, file, line });
  });
  if (!any) out.problems.push({ file, path: '', message: 'is empty' });
  return out;
}

/** Loads every case a target names (file, folder, glob); never throws for bad content. */
export function loadCases(target: string): LoadResult {
  const files = expandCaseFiles(target);
  const out: LoadResult = { cases: [], problems: [], files: files.length };
  if (files.length === 0) {
    out.problems.push({
      file: target,
      path: '',
      message: existsSync(target) ? 'contains no .yaml, .yml, .json or .jsonl case files' : 'does not exist and matches no files',
    });
    return out;
  }
  for (const f of files) {
    const r = loadCaseFile(f);
    out.cases.push(...r.cases);
    out.problems.push(...r.problems);
  }
  return out;
}

/** Shortens absolute paths in messages to paths relative to the working folder. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

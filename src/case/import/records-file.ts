import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Catalog } from '../catalog.js';
import type { Vocabulary } from '../vocabulary.js';
import { Case } from '../schema.js';
import type { LoadedCase } from '../load.js';
import type { CaseProblem } from '../../util/errors.js';
import { formatPath } from '../source-file.js';
import { countFields, type MapContext, type MappedLine } from './mapped-line.js';

/** One imported file: the valid cases, the skipped records with reasons, and counts for the summary. */
export interface RecordsImport {
  file: string;
  cases: LoadedCase[];
  skipped: CaseProblem[];
  /** Field path -> how many records had it unmapped. */
  unmapped: Map<string, number>;
  /** How many tests were kept as case-local tests. */
  localTests: number;
  /** Records read (JSONL lines, or array items). */
  lines: number;
  /** Case field -> how many the imported cases hold ("facts.symptom", "results.catalog", "media"...). */
  fields: Map<string, number>;
  /** Why source text was left out of the cases -> how many times. */
  dropped: Map<string, number>;
  /** What had to be inferred ("sex from the pronouns of the history") -> how many cases. */
  inferred: Map<string, number>;
}

/** Splits a file into its records: a JSON array (a record per item, numbered from 1) or JSON Lines. */
function records(text: string): Array<{ line: number; parse: () => unknown }> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let all: unknown;
    try {
      all = JSON.parse(trimmed);
    } catch (e) {
      return [
        {
          line: 1,
          parse: () => {
            throw e;
          },
        },
      ];
    }
    return Array.isArray(all) ? all.map((item, i) => ({ line: i + 1, parse: () => item })) : [];
  }
  return text
    .split('\n')
    .map((raw, i) => ({ raw, line: i + 1 }))
    .filter((r) => r.raw.trim() !== '')
    .map((r) => ({ line: r.line, parse: () => JSON.parse(r.raw) as unknown }));
}

/**
 * Reads a JSONL file or a JSON array of records and maps each with `map`, validating the mapped case; never throws
 * for bad content: a record that cannot be read or mapped is skipped with its reason and line (or item) number.
 */
export function importRecordsFile(input: {
  file: string;
  catalog: Catalog;
  vocabulary: Vocabulary;
  license?: string;
  idPrefix?: string;
  map: (data: unknown, ctx: MapContext) => MappedLine;
}): RecordsImport {
  const { file } = input;
  const out: RecordsImport = {
    file,
    cases: [],
    skipped: [],
    unmapped: new Map(),
    localTests: 0,
    lines: 0,
    fields: new Map(),
    dropped: new Map(),
    inferred: new Map(),
  };
  const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    out.skipped.push({ file, path: '', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    return out;
  }
  for (const { line, parse } of records(text)) {
    out.lines++;
    let data: unknown;
    try {
      data = parse();
    } catch (e) {
      out.skipped.push({ file, line, path: '', message: `invalid JSON: ${(e as Error).message}` });
      continue;
    }
    const mapped = input.map(data, {
      catalog: input.catalog,
      vocabulary: input.vocabulary,
      dataset: basename(file),
      line,
      license: input.license,
      idPrefix: input.idPrefix,
    });
    for (const p of mapped.problems) out.skipped.push({ file, line, path: '', message: `skipped: ${p}` });
    if (!mapped.case) continue;
    const parsed = Case.safeParse(mapped.case);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        out.skipped.push({ file, line, path: formatPath(issue.path as PropertyKey[]), message: `skipped: the mapped case is invalid: ${issue.message}` });
      continue;
    }
    for (const u of mapped.unmapped) bump(out.unmapped, u);
    out.localTests += mapped.localTests.length;
    for (const [k, n] of Object.entries(countFields(parsed.data))) bump(out.fields, k, n);
    for (const d of mapped.dropped ?? []) bump(out.dropped, d.reason.replace(/: ".*$/s, ''));
    for (const i of mapped.inferred ?? []) bump(out.inferred, i);
    out.cases.push({ kase: parsed.data, file, line });
  }
  if (out.lines === 0) out.skipped.push({ file, path: '', message: 'is empty' });
  return out;
}

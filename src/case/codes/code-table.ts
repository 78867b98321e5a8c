import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataDir } from '../../util/paths.js';

/** One line of the ICD-10-CM Alphabetic Index: a term path and the code it leads to. */
export interface IndexEntry {
  /** Code as printed in the index; a trailing "-" means more characters are needed. */
  code: string;
  /** Term path, lead term first: ["Leukemia, leukemic", "acute myeloid, NOS"]. */
  path: string[];
  /** Non-essential modifiers in parentheses, which may be present or not. */
  modifiers: string;
}

/** The ICD-10-CM FY2025 code table and Alphabetic Index, parsed once. */
export interface CodeTable {
  /** Billable code (dotted, upper case) -> long title. */
  titles: Map<string, string>;
  /** Every billable code in file order (sorted by code). */
  codes: string[];
  index: IndexEntry[];
}

let table: CodeTable | undefined;

function readTsv(file: string): string[][] {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const rows = text.split('\n');
  const out: string[][] = [];
  // The first row is the header.
  for (let i = 1; i < rows.length; i++) if (rows[i]) out.push(rows[i].split('\t'));
  return out;
}

/** The shipped ICD-10-CM table, read and parsed on first use (about 100 ms), then cached. */
export function codeTable(dir: string = join(dataDir(), 'icd10cm')): CodeTable {
  if (table) return table;
  const titles = new Map<string, string>();
  const codes: string[] = [];
  for (const [code, title] of readTsv(join(dir, 'icd10cm-2025-codes.tsv.gz'))) {
    titles.set(code, title);
    codes.push(code);
  }
  const index: IndexEntry[] = readTsv(join(dir, 'icd10cm-2025-index.tsv.gz')).map(([code, path, modifiers]) => ({
    code,
    path: path.split(' > '),
    modifiers: modifiers ?? '',
  }));
  table = { titles, codes, index };
  return table;
}

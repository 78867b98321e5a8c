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
let index: IndexEntry[] | undefined;

function readText(file: string): string {
  return gunzipSync(readFileSync(file)).toString('utf8');
}

/**
 * The shipped ICD-10-CM table, read and parsed on first use, then cached. The
 * code titles load at once (what validation and lookups need); the index is
 * parsed only when a text search or the matcher first reads `index`.
 */
export function codeTable(dir?: string): CodeTable {
  // Called on every lookup: the cached table comes before working out the folder (an environment read).
  if (table) return table;
  dir ??= join(dataDir(), 'icd10cm');
  const titles = new Map<string, string>();
  const codes: string[] = [];
  const text = readText(join(dir, 'icd10cm-2025-codes.tsv.gz'));
  // Parsed by offsets rather than split(): 74,000 rows, the first (header) skipped.
  let at = text.indexOf('\n') + 1;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const stop = end === -1 ? text.length : end;
    const tab = text.indexOf('\t', at);
    if (tab > at && tab < stop) {
      const code = text.slice(at, tab);
      titles.set(code, text.slice(tab + 1, stop));
      codes.push(code);
    }
    at = stop + 1;
  }
  table = {
    titles,
    codes,
    get index(): IndexEntry[] {
      if (!index) {
        const rows = readText(join(dir, 'icd10cm-2025-index.tsv.gz')).split('\n');
        index = [];
        for (let i = 1; i < rows.length; i++) {
          if (!rows[i]) continue;
          const [code, path, modifiers] = rows[i].split('\t');
          index.push({ code, path: path.split(' > '), modifiers: modifiers ?? '' });
        }
      }
      return index;
    },
  };
  return table;
}

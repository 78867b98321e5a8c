import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory } from '../../util/parse-cache.js';
import { dataDir } from '../../util/paths.js';
import type { CodeTable } from './code-table.js';
import { canonicalDiagnosis, stem, stemBag } from './diagnosis-text.js';
import { sourceFile, writeCacheFile, pruneCacheFiles } from '../../util/cache-file.js';

/**
 * The words the term matcher derives from the ICD-10-CM table (every title's stemmed bags, the title word keys,
 * every index segment's spellings and every modifier's words), and a disk cache of all of them. Deriving them takes
 * about a second of CPU; a process that finds them on disk reads them back in a few tens of milliseconds and
 * decodes each piece only when a lookup first needs it.
 *
 * The cache is keyed by a hash of everything the words depend on: the table and index files, the diagnosis
 * vocabulary, and the source of the modules that derive them (this one, diagnosis-text and util/text), so a
 * changed file or a changed rule gives another key and the words are derived again. A file with another key,
 * a wrong checksum or the wrong shape is never trusted: it is derived again and overwritten.
 */

// The layout of the file; the key covers the derivation code, so only a change of layout needs a bump.
const FORMAT = 'rounds-term-data-v1';

/** Stemmed words of an index or title text (spelling and synonyms, no abbreviations: the index spells terms in full). */
export function bagOf(text: string): string[] {
  return stemBag(canonicalDiagnosis(text, { abbreviations: false }));
}

/** First 4 letters of a stemmed word: the bucket lead terms and titles are filed under. */
export function keyOf(word: string): string {
  return word.slice(0, 4);
}

/** An index path segment's alternative spellings as stemmed word lists ("Leukemia, leukemic"); NOS and NEC say nothing. */
export function segmentAlternatives(segment: string): string[][] {
  const parts = segment.split(/,\s+/).filter((p) => !/^(NOS|NEC)$/i.test(p.trim()));
  return parts.length ? parts.map((p) => bagOf(p)) : [[]];
}

// Title endings that say nothing about the disease, so "Pneumonia" meets "Pneumonia, unspecified organism".
const TITLE_TAILS =
  /,? (unspecified( organism| site| type)?|not having achieved remission|without (complications?|mention of complication|thyrotoxic crisis or storm|status migrainosus|hyperosmolar coma|coma|bleeding|perforation|(mention of )?hemorrhage or perforation|abscess)|initial encounter|not intractable|not specified as recurrent)$/i;

/** A title's sorted stemmed bags: of the title, without one or two uninformative tails, without a leading "nontraumatic"/"unspecified". */
export function titleBagsOf(title: string): string[] {
  const once = title.replace(TITLE_TAILS, '');
  const texts = [title, once, once.replace(TITLE_TAILS, ''), once.replace(/^(nontraumatic|unspecified) /i, '')];
  const bags: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    // The variants are often the same text: each is bagged once.
    if (texts.indexOf(texts[i]) < i) continue;
    const bag = [...new Set(bagOf(texts[i]))].sort().join(' ');
    if (!bags.includes(bag)) bags.push(bag);
  }
  return bags;
}

/** The word keys a title is filed under (its raw words of 3 letters or more, stemmed), each once, in title order. */
export function titleKeysOf(title: string): string[] {
  const keys: string[] = [];
  for (const w of new Set(title.toLowerCase().split(/[^a-z0-9]+/))) if (w.length >= 3) keys.push(keyOf(stem(w)));
  return keys;
}

/** The lead-term keys of an index entry: the keys of the first word of each spelling of its lead term, each once. */
export function leadKeysOf(leadAlternatives: string[][]): string[] {
  return [
    ...new Set(
      leadAlternatives
        .map((a) => a[0])
        .filter(Boolean)
        .map(keyOf),
    ),
  ];
}

/** Every derived piece, from the cache or derived at once; each decoded on first use. */
export interface StoredTermData {
  /** Where the words came from this time (for tests and diagnostics). */
  source: 'cache' | 'derived';
  /** Bags of the title of the billable code at this position of the table (titleBagsOf). */
  titleBags(code: number): string[];
  /** Positions of the billable codes filed under a title word key, in table order, a code once per title word with that key. */
  titleCodes(key: string): number[] | undefined;
  /** Positions of the index entries filed under a lead-term key (leadKeysOf), in index order. */
  entries(key: string): number[] | undefined;
  alternatives(segment: string): string[][] | undefined;
  modifierBag(modifiers: string): string[] | undefined;
}

/**
 * The derived words from the cache, or derived now and saved; undefined when the cache is off (ROUNDS_CACHE_DIR
 * empty) or its inputs cannot be read, and the matcher then derives each piece when a text first needs it.
 */
export function storedTermData(table: CodeTable, env: NodeJS.ProcessEnv = process.env): StoredTermData | undefined {
  const dir = cacheDirectory(env);
  if (!dir) return undefined;
  let key: string;
  try {
    key = inputsKey();
  } catch {
    return undefined;
  }
  // One file per key: the source checkout (tsx, .ts) and its build (dist, .js) have different keys and both stay.
  const file = join(dir, `${FORMAT}-${key.slice(0, 16)}.txt`);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // Missing: derived below.
  }
  const cached = text !== undefined ? decode(text, key, table, 'cache') : undefined;
  if (cached) return cached;
  text = encode(table, key);
  if (writeCacheFile(file, text)) pruneCacheFiles(dir, `${FORMAT}-`, '.txt', KEEP);
  return decode(text, key, table, 'derived');
}

// Term data files kept, the newest (about 10 MB each): the checkout's, its build's, one more; older ones are for
// code or data since changed.
const KEEP = 3;

/** The files the derived words depend on: data and the deriving code (read as this process runs it, .ts or .js). */
function inputsKey(): string {
  const code = ['./term-data', './diagnosis-text', '../../util/text'].map((m) => sourceFile(new URL(m, import.meta.url)));
  const data = [
    join(dataDir(), 'icd10cm', 'icd10cm-2025-codes.tsv.gz'),
    join(dataDir(), 'icd10cm', 'icd10cm-2025-index.tsv.gz'),
    join(dataDir(), 'vocabulary', 'diagnosis-synonyms.yaml'),
  ];
  const hash = createHash('sha1').update(FORMAT);
  for (const f of [...code, ...data]) hash.update(`\0${f.length}\0`).update(readFileSync(f));
  return hash.digest('base64url');
}

/**
 * The file: a header (format, key, body checksum and length, section sizes) and a body of lines: one per code
 * (its bags, tab-separated), one per title key ("key\tcode position,..."), one per lead key ("key\tentry
 * position,..."), one per distinct segment ("segment\talternative\t...", words space-separated), one per distinct
 * modifier text ("modifiers\twords"). Words are [a-z0-9] only, and the index has no tabs within a field.
 */
function encode(table: CodeTable, key: string): string {
  const lines: string[] = [];
  const titleKeys = new Map<string, number[]>();
  const file = (map: Map<string, number[]>, k: string, i: number) => {
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  };
  table.codes.forEach((code, i) => {
    const title = table.titles.get(code)!;
    lines.push(titleBagsOf(title).join('\t'));
    for (const k of titleKeysOf(title)) file(titleKeys, k, i);
  });
  for (const [k, list] of titleKeys) lines.push(`${k}\t${list.join(',')}`);
  const segments = new Map<string, string[][]>();
  const modifiers = new Map<string, string[]>();
  const leadKeys = new Map<string, number[]>();
  table.index.forEach((e, i) => {
    for (const s of e.path) if (!segments.has(s)) segments.set(s, segmentAlternatives(s));
    if (!modifiers.has(e.modifiers)) modifiers.set(e.modifiers, bagOf(e.modifiers));
    for (const k of leadKeysOf(segments.get(e.path[0])!)) file(leadKeys, k, i);
  });
  for (const [k, list] of leadKeys) lines.push(`${k}\t${list.join(',')}`);
  for (const [s, alts] of segments) lines.push(`${s}\t${alts.map((a) => a.join(' ')).join('\t')}`);
  for (const [m, words] of modifiers) lines.push(`${m}\t${words.join(' ')}`);
  const body = lines.join('\n');
  const sizes = [table.codes.length, titleKeys.size, leadKeys.size, segments.size, modifiers.size].join(' ');
  return `${FORMAT}\n${key}\n${checksum(body)} ${body.length} ${sizes}\n${body}`;
}

function checksum(body: string): string {
  return createHash('sha1').update(body).digest('base64url');
}

/** The stored words, or undefined when the text is not a whole, intact file for this key and this table. */
function decode(text: string, key: string, table: CodeTable, source: StoredTermData['source']): StoredTermData | undefined {
  const header: string[] = [];
  let at = 0;
  for (let i = 0; i < 3; i++) {
    const end = text.indexOf('\n', at);
    if (end === -1) return undefined;
    header.push(text.slice(at, end));
    at = end + 1;
  }
  if (header[0] !== FORMAT || header[1] !== key) return undefined;
  const [sum, length, ...counts] = header[2].split(' ');
  const body = text.slice(at);
  if (String(body.length) !== length || checksum(body) !== sum) return undefined;
  const [nCodes, nTitleKeys, nLeadKeys, nSegments, nModifiers] = counts.map(Number);
  const lines = body.split('\n');
  if (nCodes !== table.codes.length || lines.length !== nCodes + nTitleKeys + nLeadKeys + nSegments + nModifiers) return undefined;

  // Each section is a map from its first field to the rest of the line, split further when asked for.
  const section = (from: number, count: number) => {
    const map = new Map<string, string>();
    for (let i = from; i < from + count; i++) {
      const tab = lines[i].indexOf('\t');
      map.set(lines[i].slice(0, tab), lines[i].slice(tab + 1));
    }
    return map;
  };
  const titleKeys = section(nCodes, nTitleKeys);
  const leadKeys = section(nCodes + nTitleKeys, nLeadKeys);
  const segments = section(nCodes + nTitleKeys + nLeadKeys, nSegments);
  const modifiers = section(nCodes + nTitleKeys + nLeadKeys + nSegments, nModifiers);
  if (titleKeys.size !== nTitleKeys || leadKeys.size !== nLeadKeys || segments.size !== nSegments || modifiers.size !== nModifiers) return undefined;
  const words = (line: string) => (line ? line.split(' ') : []);
  const positions = (list: string | undefined) => list?.split(',').map(Number);
  return {
    source,
    titleBags: (i) => lines[i].split('\t'),
    titleCodes: (k) => positions(titleKeys.get(k)),
    entries: (k) => positions(leadKeys.get(k)),
    alternatives: (s) => segments.get(s)?.split('\t').map(words),
    modifierBag: (m) => {
      const line = modifiers.get(m);
      return line === undefined ? undefined : words(line);
    },
  };
}

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirectory } from '../../util/parse-cache.js';
import { dataDir } from '../../util/paths.js';
import type { CodeTable } from './code-table.js';
import { canonicalDiagnosis, stem, stemBag } from './diagnosis-text.js';

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

/** Every derived piece, from the cache or derived at once; each decoded on first use. */
export interface StoredTermData {
  /** Where the words came from this time (for tests and diagnostics). */
  source: 'cache' | 'derived';
  /** Bags of a billable code's title (titleBagsOf). */
  titleBags(code: string): string[] | undefined;
  /** Billable codes filed under a title word key, in table order, a code once per title word with that key. */
  titleCodes(key: string): string[] | undefined;
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
  const file = join(dir, `${FORMAT}.txt`);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // Missing: derived below.
  }
  const cached = text !== undefined ? decode(text, key, table, 'cache') : undefined;
  if (cached) return cached;
  text = encode(table, key);
  try {
    mkdirSync(dir, { recursive: true });
    // Atomically, so a concurrent process reads the old file or the new one, never half.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    // A read-only home or a full disk: the next process derives again.
  }
  return decode(text, key, table, 'derived');
}

/** The files the derived words depend on: data and the deriving code (read as this process runs it, .ts or .js). */
function inputsKey(): string {
  const ext = extname(fileURLToPath(import.meta.url));
  const code = ['./term-data', './diagnosis-text', '../../util/text'].map((m) => fileURLToPath(new URL(m + ext, import.meta.url)));
  const data = [
    join(dataDir(), 'icd10cm', 'icd10cm-2025-codes.tsv.gz'),
    join(dataDir(), 'icd10cm', 'icd10cm-2025-index.tsv.gz'),
    join(dataDir(), 'vocabulary', 'diagnosis-synonyms.yaml'),
  ];
  const hash = createHash('sha1').update(FORMAT);
  for (const f of [...code, ...data]) hash.update(`\0${f.length}\0`).update(readFileSync(f));
  return hash.digest('base64url');
}

/** Segments and modifiers of the index, each once, in the order they first occur (the order the file lists them in). */
function distinctSegments(table: CodeTable): { segments: string[]; modifiers: string[] } {
  const segments = new Set<string>();
  const modifiers = new Set<string>();
  for (const e of table.index) {
    for (const s of e.path) segments.add(s);
    modifiers.add(e.modifiers);
  }
  return { segments: [...segments], modifiers: [...modifiers] };
}

/**
 * The file: a header (format, key, body checksum and length, section sizes) and a body of lines: one per code
 * (its bags, tab-separated), one per title key ("key\tcode index,..."), one per segment (alternatives
 * tab-separated, words space-separated), one per modifier text (its words). Words are [a-z0-9] only.
 */
function encode(table: CodeTable, key: string): string {
  const lines: string[] = [];
  const byKey = new Map<string, number[]>();
  table.codes.forEach((code, i) => {
    const title = table.titles.get(code)!;
    lines.push(titleBagsOf(title).join('\t'));
    for (const k of titleKeysOf(title)) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  for (const [k, list] of byKey) lines.push(`${k}\t${list.join(',')}`);
  const { segments, modifiers } = distinctSegments(table);
  for (const s of segments) lines.push(segmentAlternatives(s).map((a) => a.join(' ')).join('\t'));
  for (const m of modifiers) lines.push(bagOf(m).join(' '));
  const body = lines.join('\n');
  const sizes = [table.codes.length, byKey.size, segments.length, modifiers.length].join(' ');
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
  const [nCodes, nKeys, nSegments, nModifiers] = counts.map(Number);
  const lines = body.split('\n');
  if (nCodes !== table.codes.length || lines.length !== nCodes + nKeys + nSegments + nModifiers) return undefined;
  const { segments, modifiers } = distinctSegments(table);
  if (segments.length !== nSegments || modifiers.length !== nModifiers) return undefined;

  const codeAt = new Map<string, number>();
  table.codes.forEach((c, i) => codeAt.set(c, i));
  const keyLine = new Map<string, string>();
  for (let i = nCodes; i < nCodes + nKeys; i++) {
    const tab = lines[i].indexOf('\t');
    keyLine.set(lines[i].slice(0, tab), lines[i].slice(tab + 1));
  }
  const segmentAt = new Map<string, number>();
  segments.forEach((s, i) => segmentAt.set(s, nCodes + nKeys + i));
  const modifierAt = new Map<string, number>();
  modifiers.forEach((m, i) => modifierAt.set(m, nCodes + nKeys + nSegments + i));
  const words = (line: string) => (line ? line.split(' ') : []);
  return {
    source,
    titleBags: (code) => {
      const i = codeAt.get(code);
      return i === undefined ? undefined : lines[i].split('\t');
    },
    titleCodes: (k) => keyLine.get(k)?.split(',').map((i) => table.codes[Number(i)]),
    alternatives: (segment) => {
      const i = segmentAt.get(segment);
      return i === undefined ? undefined : lines[i].split('\t').map(words);
    },
    modifierBag: (m) => {
      const i = modifierAt.get(m);
      return i === undefined ? undefined : words(lines[i]);
    },
  };
}

import { readFileSync } from 'node:fs';
import { parseYaml } from '../../util/parse-cache.js';
import { join } from 'node:path';
import { z } from 'zod';
import { dataDir } from '../../util/paths.js';
import { normalize } from '../../util/text.js';
import { memoByString } from '../../util/memo.js';
import { diskMemo, type DiskMemo } from '../../util/disk-memo.js';

const VocabularyFile = z
  .object({
    abbreviations: z.record(z.string(), z.string()).default({}),
    capitals_only: z.array(z.string()).default([]),
    capitals_abbreviations: z.record(z.string(), z.string()).default({}),
    spelling: z.record(z.string(), z.string()).default({}),
    synonyms: z.record(z.string(), z.string()).default({}),
    families: z.record(z.string(), z.array(z.string())).default({}),
  })
  .strict();

interface DiagnosisVocabulary {
  /** Abbreviation regexes over the raw text, longest first. */
  abbreviations: { re: RegExp; to: string }[];
  /** All abbreviations in one regex per case rule: a text neither matches has nothing to expand (most texts). */
  anyAbbreviation: RegExp[];
  spelling: Map<string, string>;
  /** Normalised phrase -> replacement, tried longest first. */
  synonyms: Map<string, string>;
  longestSynonym: number;
  /** Canonical family name -> canonical member names. */
  families: Map<string, string[]>;
  /** First words of the synonym phrases, to skip most words at once. */
  firstWords: Set<string>;
}

let vocabulary: DiagnosisVocabulary | undefined;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s.-]*');
}

/** What building the vocabulary derives from its file, as plain data (kept on disk: see derivedMemo). */
interface Derived {
  /** [regex body, expansion, capitals only], longest abbreviation first. */
  abbreviations: [string, string, boolean][];
  spelling: [string, string][];
  synonyms: [string, string][];
  families: [string, string[]][];
}

/**
 * The derived vocabulary on disk beside the parse cache: expanding every synonym's abbreviations and canonicalising
 * the families was ~30 ms of every process that scores an answer. Headed by a hash of the vocabulary file and of
 * every module the derivation runs.
 */
function derivedMemo(file: string): DiskMemo<Derived> {
  return diskMemo<Derived>({
    name: 'diagnosis-vocabulary-v1',
    code: [new URL('./diagnosis-text', import.meta.url)],
    followImports: true,
    data: [file],
    maxEntries: 1,
    encode: (d) => d,
    decode: decodeDerived,
  });
}

const isString = (x: unknown): x is string => typeof x === 'string';
const pairs = (x: unknown): x is [string, string][] => Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && p.every(isString));

function decodeDerived(stored: unknown): Derived | undefined {
  const d = stored as Partial<Derived> | null;
  if (!d || typeof d !== 'object' || !pairs(d.spelling) || !pairs(d.synonyms)) return undefined;
  if (
    !Array.isArray(d.abbreviations) ||
    !d.abbreviations.every((a) => Array.isArray(a) && a.length === 3 && isString(a[0]) && isString(a[1]) && typeof a[2] === 'boolean')
  )
    return undefined;
  if (
    !Array.isArray(d.families) ||
    !d.families.every((f) => Array.isArray(f) && f.length === 2 && isString(f[0]) && Array.isArray(f[1]) && f[1].every(isString))
  )
    return undefined;
  return d as Derived;
}

/** The diagnosis vocabulary (data/vocabulary/diagnosis-synonyms.yaml), read once. */
function diagnosisVocabulary(): DiagnosisVocabulary {
  if (vocabulary) return vocabulary;
  const path = join(dataDir(), 'vocabulary', 'diagnosis-synonyms.yaml');
  const memo = derivedMemo(path);
  const stored = memo.get('vocabulary');
  const derived = stored ?? deriveVocabulary(path);
  const abbreviations: DiagnosisVocabulary['abbreviations'] = [];
  const bodies: { upper: string[]; any: string[] } = { upper: [], any: [] };
  for (const [body, to, upper] of derived.abbreviations) {
    abbreviations.push({ re: new RegExp(`(?<![A-Za-z0-9])${body}\\.?(?![A-Za-z0-9])`, upper ? 'g' : 'gi'), to });
    (upper ? bodies.upper : bodies.any).push(body);
  }
  const anyAbbreviation = [
    ...(bodies.upper.length ? [new RegExp(`(?<![A-Za-z0-9])(?:${bodies.upper.join('|')})\\.?(?![A-Za-z0-9])`)] : []),
    ...(bodies.any.length ? [new RegExp(`(?<![A-Za-z0-9])(?:${bodies.any.join('|')})\\.?(?![A-Za-z0-9])`, 'i')] : []),
  ];
  const synonyms = new Map(derived.synonyms);
  vocabulary = {
    abbreviations,
    anyAbbreviation,
    spelling: new Map(derived.spelling),
    synonyms,
    // Read back canonical; worked out below otherwise.
    families: new Map(stored ? derived.families : []),
    firstWords: new Set([...synonyms.keys()].map((k) => k.split(' ')[0])),
    longestSynonym: Math.max(1, ...[...synonyms.keys()].map((k) => k.split(' ').length)),
  };
  if (!stored) {
    // Families are canonicalised through the finished vocabulary, so they use the same words as the names they meet.
    for (const [family, members] of derived.families)
      vocabulary.families.set(
        canonicalDiagnosis(family),
        members.map((m) => canonicalDiagnosis(m)),
      );
    memo.set('vocabulary', { ...derived, families: [...vocabulary.families] });
  }
  return vocabulary;
}

/** The vocabulary file's abbreviations (as regex bodies), spellings and synonyms worked out; families as written. */
function deriveVocabulary(path: string): Derived {
  const file = VocabularyFile.parse(parseYaml(readFileSync(path, 'utf8')));
  const capitals = new Set(file.capitals_only.map((a) => a.toLowerCase()));
  const abbreviations: Derived['abbreviations'] = [];
  const expanders: { re: RegExp; to: string }[] = [];
  const all = { ...file.abbreviations, ...file.capitals_abbreviations };
  for (const [abbr, to] of Object.entries(all).sort((a, b) => b[0].length - a[0].length)) {
    // Abbreviations may be written with dots or hyphens ("C. diff", "A-fib"); a capitals-only one must be in capitals.
    const upper = capitals.has(abbr.toLowerCase()) || abbr in file.capitals_abbreviations;
    const body = upper ? escape(abbr.toUpperCase()) : escape(abbr);
    abbreviations.push([body, to, upper]);
    expanders.push({ re: new RegExp(`(?<![A-Za-z0-9])${body}\\.?(?![A-Za-z0-9])`, upper ? 'g' : 'gi'), to });
  }
  // Targets are written in plain words; expanding their abbreviations and (once) their own synonyms lets
  // "non small cell lung carcinoma" and "non small cell lung cancer" end in the same words.
  const expand = (t: string) => {
    let x = t;
    for (const { re, to } of expanders) x = x.replace(re, ` ${to} `);
    return normalize(x);
  };
  const first = new Map<string, string>();
  for (const [from, to] of Object.entries(file.synonyms)) first.set(normalize(from), expand(to));
  const synonyms = new Map<string, string>();
  const longest = Math.max(1, ...[...first.keys()].map((k) => k.split(' ').length));
  for (const [from, to] of first) synonyms.set(from, rewriteOnce(to, first, from, longest));
  const spelling = Object.entries(file.spelling).map(([a, b]): [string, string] => [normalize(a), normalize(b)]);
  return { abbreviations, spelling, synonyms: [...synonyms], families: Object.entries(file.families) };
}

/** One pass of phrase synonyms over a normalised text, skipping the entry `except` (its own key); `longest` is the map's longest key in words. */
function rewriteOnce(text: string, map: Map<string, string>, except: string, longest: number): string {
  const words = text.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    let n = Math.min(longest, words.length - i);
    for (; n >= 1; n--) {
      const key = words.slice(i, i + n).join(' ');
      const to = key !== except ? map.get(key) : undefined;
      // A target that contains its own key would grow forever, so such a rewrite is skipped.
      if (to !== undefined && !` ${to} `.includes(` ${key} `)) {
        out.push(to);
        break;
      }
    }
    if (n >= 1) i += n;
    else out.push(words[i++]);
  }
  return out.join(' ');
}

/** The diseases a family name contains ("urinary tract infection" -> pyelonephritis, cystitis...), canonical; empty when the text is no family. */
export function familyMembers(canonical: string): string[] {
  return diagnosisVocabulary().families.get(canonical) ?? [];
}

/** British spellings with a regular pattern (haem-, -aemia, oe-, -rrhoea). */
function americanSpelling(word: string): string {
  if (!word.includes('ae') && !word.includes('oe')) return word;
  return word
    .replace(/aem/g, 'em')
    .replace(/^oe(?=[sd])/, 'e')
    .replace(/^oestr/, 'estr')
    .replace(/rrhoea/g, 'rrhea')
    .replace(/noea$/, 'nea')
    .replace(/^foet/, 'fet')
    .replace(/^coel/, 'cel')
    .replace(/^paed/, 'ped')
    .replace(/^gynaec/, 'gynec');
}

// A word's American spelling as words; pure for one vocabulary, and the same words recur in every title and term.
const spellings = new Map<string, string[]>();
let spellingsOf: DiagnosisVocabulary | undefined;
function spelled(vocab: DiagnosisVocabulary, word: string): string[] {
  if (spellingsOf !== vocab) {
    spellings.clear();
    spellingsOf = vocab;
  }
  let hit = spellings.get(word);
  if (!hit) {
    if (spellings.size >= STEM_CACHE_LIMIT) spellings.clear();
    spellings.set(word, (hit = (vocab.spelling.get(word) ?? americanSpelling(word)).split(' ')));
  }
  return hit;
}

function quickNormalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const canonicalCache = new Map<string, string>();

/**
 * A diagnosis in the vocabulary's canonical words: abbreviations expanded,
 * American spelling, one name for each synonym group, normalised. Applied to
 * the case's name and the doctor's answer alike.
 */
export function canonicalDiagnosis(raw: string, options: { abbreviations?: boolean } = {}): string {
  const expand = options.abbreviations ?? true;
  const hit = expand ? canonicalCache.get(raw) : undefined;
  if (hit !== undefined) return hit;
  const vocab = diagnosisVocabulary();
  let text = raw;
  // Replacing one abbreviation can make room for another, so a text with any is expanded by each in turn, as before.
  if (expand && vocab.anyAbbreviation.some((re) => re.test(text))) for (const { re, to } of vocab.abbreviations) text = text.replace(re, ` ${to} `);
  // normalize() memoises user text; the 140,000 table strings would only churn its cache.
  const words = (expand ? normalize(text) : quickNormalize(text))
    .split(' ')
    .filter(Boolean)
    .flatMap((w) => spelled(vocab, w));
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    let replaced = false;
    if (!vocab.firstWords.has(words[i])) {
      out.push(words[i++]);
      continue;
    }
    for (let n = Math.min(vocab.longestSynonym, words.length - i); n >= 1; n--) {
      const to = vocab.synonyms.get(words.slice(i, i + n).join(' '));
      if (to !== undefined) {
        out.push(to);
        i += n;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push(words[i++]);
  }
  // Roman numerals after "type" ("type II diabetes", "bipolar I") read as digits.
  const result = out
    .join(' ')
    .replace(/\b(type|bipolar) (ii|i)\b/g, (_, w: string, n: string) => `${w} ${n === 'ii' ? 2 : 1}`)
    .replace(/\s+/g, ' ')
    .trim();
  if (!expand) return result;
  if (canonicalCache.size > 20_000) canonicalCache.clear();
  canonicalCache.set(raw, result);
  return result;
}

// Words that never change which disease is meant.
const BAG_STOP = new Set([
  'of',
  'the',
  'a',
  'an',
  'and',
  'or',
  'with',
  'due',
  'to',
  'in',
  'on',
  'by',
  'as',
  'from',
  'nos',
  'nec',
  'disease',
  'diseases',
  'syndrome',
  'disorder',
  'disorders',
  'condition',
  'type',
  'unspecified',
  'site',
  'specified',
]);

// stem() is pure and meets the same few thousand words again and again (every title, term and answer): remembered, bounded.
const STEM_CACHE_LIMIT = 50_000;
const stemmed = memoByString(stemUncached, STEM_CACHE_LIMIT);

/** A crude stemmer so "myocardial"/"myocardium" and "leukemia"/"leukemic" meet. */
export function stem(word: string): string {
  return stemmed(word);
}

function stemUncached(word: string): string {
  let w = word;
  if (w.length > 4 && /[^su]s$/.test(w) && !/(is|us|ss)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ion')) return w.slice(0, -3);
  for (const suffix of ['ical', 'ian', 'ial', 'ium', 'ic', 'al', 'ia', 'um', 'a', 'e', 'y']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) return w.slice(0, -suffix.length);
  }
  return w;
}

/** The meaningful stemmed words of a canonical text, without the bag stop-words. */
export function stemBag(canonical: string): string[] {
  const out: string[] = [];
  for (const w of canonical.split(' ')) if (w && !BAG_STOP.has(w)) out.push(stem(w));
  return out;
}

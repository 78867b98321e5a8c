import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { CatalogFile, type CatalogTest } from './catalog-schema.js';
import { CLFS_FILE, feeScheduleDir, loadFeeSchedules, PFS_FILE, type FeeSchedules } from './fees.js';
import { catalogCacheKey, catalogMemo } from './catalog-cache.js';
import { jsonSafe } from '../util/parse-cache.js';
import { computePrice } from './price.js';
import { parseSource, validateWith } from './source-file.js';
import { CaseValidationError, type CaseProblem } from '../util/errors.js';
import { normalize } from '../util/text.js';
import { dataDir } from '../util/paths.js';

/** The outcome of reading a free-text order: catalog ids found and the pieces that matched nothing. */
export interface OrderResolution {
  tests: Array<{ id: string; request: string }>;
  unrecognised: string[];
}

// Words that join or pad a request without naming a test.
const FILLER = new Set([
  'and',
  'plus',
  'also',
  'a',
  'an',
  'the',
  'please',
  'order',
  'get',
  'send',
  'check',
  'with',
  'then',
  'i',
  'd',
  'like',
  'want',
  'we',
  'need',
  'to',
  'of',
  'for',
  'stat',
  'urgent',
  'repeat',
  'obtain',
  'perform',
  'do',
  'run',
  'lets',
]);

function canonicalWords(text: string): string[] {
  return normalize(text)
    .replace(/\bx rays?\b/g, 'xray')
    .replace(/\bxrays\b/g, 'xray')
    .split(' ')
    .filter(Boolean);
}

/** The orderable tests, with lookup by id and by free text. */
export class Catalog {
  readonly tests: readonly CatalogTest[];
  private readonly byId = new Map<string, CatalogTest>();
  // The phrase index, built when free text is first resolved: a run whose doctor orders by id never needs it, and
  // normalising every name and alias was a measurable part of loading the catalog.
  private phraseIndex: { phrases: Map<string, string>; maxPhraseWords: number } | undefined;

  constructor(tests: CatalogTest[]) {
    this.tests = tests;
    for (const t of tests) {
      if (this.byId.has(t.id)) throw new Error(`duplicate catalog id ${t.id}`);
      this.byId.set(t.id, t);
    }
  }

  private phraseLookup(): { phrases: Map<string, string>; maxPhraseWords: number } {
    if (this.phraseIndex) return this.phraseIndex;
    const phrases = new Map<string, string>();
    let max = 1;
    // Ids and names win over aliases when two tests claim the same words.
    for (const t of this.tests) for (const p of [t.id, t.name]) max = Math.max(max, Catalog.index(phrases, p, t.id, true));
    for (const t of this.tests) for (const p of t.aliases) max = Math.max(max, Catalog.index(phrases, p, t.id, false));
    return (this.phraseIndex = { phrases, maxPhraseWords: max });
  }

  private static index(phrases: Map<string, string>, phrase: string, id: string, strong: boolean): number {
    const words = canonicalWords(phrase);
    if (words.length === 0) return 0;
    // The phrase and its plural: "antibody" is also ordered as "antibodies", "test" as "tests", "smear" as "smears".
    const last = words[words.length - 1];
    const plurals = [last + 's', /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : '', /(s|x|ch|sh)$/.test(last) ? `${last}es` : ''].filter(Boolean);
    for (const key of [words.join(' '), ...plurals.map((pl) => [...words.slice(0, -1), pl].join(' '))]) {
      if (strong || !phrases.has(key)) phrases.set(key, id);
    }
    return words.length;
  }

  get(id: string): CatalogTest | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Price of a test under a protocol's overrides. */
  price(id: string, overrides: Record<string, number> = {}): number {
    return overrides[id] ?? this.byId.get(id)?.price.usd ?? 0;
  }

  /**
   * Resolves one order string, possibly a batch ("CBC and BMP, plus a chest
   * x-ray"), to catalog ids by the longest alias at each position.
   */
  resolve(request: string): OrderResolution {
    const out: OrderResolution = { tests: [], unrecognised: [] };
    if (this.byId.has(request.trim())) {
      out.tests.push({ id: request.trim(), request });
      return out;
    }
    const { phrases, maxPhraseWords } = this.phraseLookup();
    for (const segment of request.split(/[,;\n&+/]|\band then\b/)) {
      const words = canonicalWords(segment);
      let pending: string[] = [];
      const flush = () => {
        if (pending.some((w) => !FILLER.has(w))) out.unrecognised.push(pending.join(' '));
        pending = [];
      };
      for (let i = 0; i < words.length;) {
        let hit: { id: string; len: number } | undefined;
        for (let len = Math.min(maxPhraseWords, words.length - i); len >= 1; len--) {
          const id = phrases.get(words.slice(i, i + len).join(' '));
          if (id) {
            hit = { id, len };
            break;
          }
        }
        if (hit) {
          flush();
          if (!out.tests.some((t) => t.id === hit!.id)) out.tests.push({ id: hit.id, request: words.slice(i, i + hit.len).join(' ') });
          i += hit.len;
        } else {
          if (FILLER.has(words[i]) && pending.length === 0) {
            i++;
            continue;
          }
          pending.push(words[i]);
          i++;
        }
      }
      flush();
    }
    return out;
  }
}

/**
 * Reads every catalog file in a folder (or one file) and computes each
 * test's price from the CMS 2025 schedules; all problems are reported at once.
 */
export function loadCatalog(path: string = join(dataDir(), 'catalog'), fees?: FeeSchedules): Catalog {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f)))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const texts = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  // Priced from the shipped schedules, a catalog seen before comes back as it was validated and priced.
  let key: string | undefined;
  if (!fees) {
    const memo = catalogMemo();
    const dir = feeScheduleDir();
    key = catalogCacheKey(texts, [readFileSync(join(dir, CLFS_FILE), 'utf8'), readFileSync(join(dir, PFS_FILE), 'utf8')]);
    const hit = memo.get(key);
    if (hit) return new Catalog(hit);
  }
  const tests = validatedTests(texts, fees ?? loadFeeSchedules());
  if (key !== undefined && jsonSafe(tests)) catalogMemo().set(key, tests);
  return new Catalog(tests);
}

/** Validates and prices every test of the catalog files; all problems are reported at once. */
function validatedTests(texts: ReadonlyArray<{ file: string; text: string }>, fees: FeeSchedules): CatalogTest[] {
  const problems: CaseProblem[] = [];
  const tests: CatalogTest[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of texts) {
    const { doc, problems: parse } = parseSource(text, file);
    problems.push(...parse);
    if (!doc) continue;
    const { value, problems: invalid } = validateWith(CatalogFile, doc.data, file, doc.lineOf);
    problems.push(...invalid);
    value?.tests.forEach((t, i) => {
      if (seen.has(t.id)) {
        problems.push({
          file,
          line: doc.lineOf(['tests', i, 'id']),
          path: `tests[${i}].id`,
          message: `duplicate test id "${t.id}" (also in ${seen.get(t.id)})`,
        });
        return;
      }
      seen.set(t.id, file);
      const { price, problems: unpriced } = computePrice(t.price, fees);
      for (const message of unpriced)
        problems.push({ file, line: doc.lineOf(['tests', i, 'price']), path: `tests[${i}].price`, message: `${t.id}: ${message}` });
      if (price) tests.push({ ...t, price });
    });
  }
  if (problems.length) throw new CaseValidationError(problems);
  return tests;
}

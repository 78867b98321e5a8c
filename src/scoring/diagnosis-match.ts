import type { Case } from '../case/schema.js';
import type { DifferentialEntry } from '../encounter/actions.js';
import { canonicalDiagnosis, familyMembers, stem, stemBag } from '../case/codes/diagnosis-text.js';
import { canonicalCode, categoryOf, describeCode } from '../case/codes/lookup.js';
import { ColdTermsError, matchTerms, refusingColdTerms, warmTerms } from '../case/codes/term-match.js';
import { splitAnswer } from './answer-clauses.js';
import { qualifierConflict, qualifiersOf, type Qualifiers, type QualifierConflict } from './qualifiers.js';
import { categoryIsOneDisease } from './disease-categories.js';
import { join } from 'node:path';
import { diskMemo, type DiskMemo } from '../util/disk-memo.js';
import { dataDir } from '../util/paths.js';

export type MatchLevel = 'correct' | 'partial' | 'incorrect';

export interface DiagnosisMatch {
  level: MatchLevel;
  reason: string;
}

// Hedges and severity words: they say how sure or how bad, never which disease.
const HARMLESS =
  /\b(severe|severely|mild|mildly|moderate|moderately|critical|massive|significant|probable|probably|likely|most likely|possible|possibly|suspected|suspect|presumed|presumptive|query|r o|rule out|confirmed|definite|classic|classical|typical|clinical|clinically|diagnosis|dx|consistent with|picture of|sided|early|uncomplicated|florid|frank|active|new|new onset|first episode|exacerbation|acute exacerbation|exacerbated|decompensated|decompensation|flare|flare up)\b/g;

// Words a less specific answer may leave out and still name the case's disease.
const DETAIL = new Set(
  [
    'acute',
    'left',
    'right',
    'bilateral',
    'unilateral',
    'eye',
    'ear',
    'valve',
    'wall',
    'territory',
    'episode',
    'single',
    'current',
    'spontaneous',
    'exacerbation',
    'flare',
    'infection',
    'primary',
    'generalized',
    'seropositive',
    'seronegative',
    'positive',
    'antibody',
    'cutaneous',
    'skin',
    'idiopathic',
    'isolated',
    'true',
    'complete',
    'plaque',
    'superficial',
    'spreading',
    'adult',
    'onset',
    'stage',
    'grade',
    'phase',
    'st',
    'elevation',
    'segment',
    'lobe',
    'posterior',
    'canal',
    'institutional',
    'outbreak',
    'current',
    'manic',
    'restricting',
    'inferior',
    'anterior',
    'lateral',
    'chronic',
    'calculous',
    'distal',
    'proximal',
    'maxillary',
    'frontal',
    'ethmoidal',
    'sphenoidal',
    'retrobulbar',
    'localized',
    'macula',
    'on',
    'complicating',
    'cirrhosis',
    'ingestion',
    'induced',
    'first',
    'tricuspid',
    'mitral',
    'community',
    'acquired',
    'nonpurulent',
    'purulent',
    'terminal',
    'ileum',
    'tubal',
    'ruptured',
  ].map(stem),
);

// Words that, added to a disease's name, name another disease ("eosinophilic" GPA, "smoldering" myeloma, sickle cell "trait").
const SIBLING_MAKERS = new Set(
  [
    'eosinophilic',
    'smoldering',
    'smouldering',
    'trait',
    'carrier',
    'latent',
    'discoid',
    'congenital',
    'neonatal',
    'gestational',
    'pseudo',
    'microscopic',
    'reactive',
    'cytomegalovirus',
    'cytomegaloviral',
    'postherpetic',
    'post',
    'tertiary',
    'traumatic',
    'iatrogenic',
    'hereditary',
    'familial',
    'atypical',
    'variant',
    'overlap',
    'insipidus',
    'tension',
    'subclinical',
    'borderline',
    'juvenile',
    'sequelae',
    'history',
    'personal',
    'screening',
    'risk',
  ].map(stem),
);

// Words too general to earn credit alone.
const GENERIC = new Set(
  [
    'pain',
    'mass',
    'lesion',
    'infection',
    'inflammation',
    'failure',
    'disease',
    'stenosis',
    'torsion',
    'palsy',
    'abscess',
    'bleeding',
    'hemorrhage',
    'crisis',
    'overdose',
    'poisoning',
    'toxicity',
    'injury',
    'acute',
    'chronic',
    // Morphologies: in "carcinoma of the endometrium" the site after "of the" is the disease, so the bare
    // morphology left as its head must not match every carcinoma (a squamous cell carcinoma of the skin).
    'carcinoma',
    'adenocarcinoma',
    // canonicalDiagnosis writes carcinoma and cancer as "malignant neoplasm".
    'malignant',
    'cancer',
    'tumor',
    'tumour',
    'neoplasm',
    'malignancy',
    'sarcoma',
    'fracture',
    'ulcer',
    'cyst',
    'infarction',
    'obstruction',
    'thrombosis',
    'embolism',
    'aneurysm',
    'perforation',
    'rupture',
    'necrosis',
    'metastasis',
  ].map(stem),
);

interface Prepared {
  raw: string;
  canonical: string;
  /** Stemmed meaningful words of the whole text, parentheses removed. */
  words: Set<string>;
  /** Those words plus the words in parentheses (detail the name gives in passing). */
  allWords: Set<string>;
  /** Stemmed words of the head (before a comma, "of the", "with", "due to"...). */
  head: Set<string>;
  qualifiers: Qualifiers;
}

/** Names are compared on their words; an answer keeps what it put in parentheses ("ANCA vasculitis (GPA)"), the case's name treats it as detail. */
function prepare(raw: string, keepParentheses = false): Prepared {
  // Pure, and the same names recur in every encounter of a case (the truth) or of a doctor (its answers): remembered, bounded.
  const key = keepParentheses ? `\u0000${raw}` : raw;
  let hit = prepared.get(key);
  if (!hit) {
    if (prepared.size >= REMEMBER_PREPARED) prepared.clear();
    // A process prepares every case's names once; the disk memo has them from an earlier process.
    const memo = (preparedOnDisk ??= preparedMemo());
    hit = memo.get(key);
    if (hit?.raw !== raw) memo.set(key, (hit = prepareUncached(raw, keepParentheses)));
    prepared.set(key, hit);
  }
  return hit;
}

const prepared = new Map<string, Prepared>();
const REMEMBER_PREPARED = 8192;
let preparedOnDisk: DiskMemo<Prepared> | undefined;

/**
 * Prepared names on disk, keyed as `prepared` is: stemming and canonicalising a name takes ~0.1 ms, which every
 * process paid again for every case's names. Keyed by this module, the qualifiers, the diagnosis text
 * rules and their vocabulary, the normaliser and the stemmer's source; sets are kept as lists in their order.
 */
function preparedMemo(): DiskMemo<Prepared> {
  return diskMemo<Prepared>({
    name: 'prepared-diagnosis-v1',
    code: ['./diagnosis-match', './qualifiers', '../case/codes/diagnosis-text', '../util/text'].map((m) => new URL(m, import.meta.url)),
    data: [join(dataDir(), 'vocabulary', 'diagnosis-synonyms.yaml')],
    maxEntries: 20_000,
    encode: (p) => [
      p.raw,
      p.canonical,
      [...p.words],
      [...p.allWords],
      [...p.head],
      [...p.qualifiers.groups].map(([g, v]) => [g, [...v]]),
      [...p.qualifiers.negatedWords],
      [...p.qualifiers.plainWords],
      [...p.qualifiers.withWords],
      [...p.qualifiers.withoutWords],
    ],
    decode: decodePrepared,
  });
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function decodePrepared(stored: unknown): Prepared | undefined {
  if (!Array.isArray(stored) || stored.length !== 10) return undefined;
  const [raw, canonical, words, allWords, head, groups, negated, plain, withW, withoutW] = stored as unknown[];
  if (typeof raw !== 'string' || typeof canonical !== 'string') return undefined;
  if (![words, allWords, head, negated, plain, withW, withoutW].every(isStrings)) return undefined;
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g) && g.length === 2 && typeof g[0] === 'string' && isStrings(g[1]))) return undefined;
  return {
    raw,
    canonical,
    words: new Set(words as string[]),
    allWords: new Set(allWords as string[]),
    head: new Set(head as string[]),
    qualifiers: {
      groups: new Map((groups as Array<[string, string[]]>).map(([g, v]) => [g, new Set(v)])),
      negatedWords: new Set(negated as string[]),
      plainWords: new Set(plain as string[]),
      withWords: new Set(withW as string[]),
      withoutWords: new Set(withoutW as string[]),
    },
  };
}

function prepareUncached(raw: string, keepParentheses: boolean): Prepared {
  const bare = keepParentheses ? raw.replace(/[()]/g, ' ') : raw.replace(/\([^)]*\)/g, ' ');
  const canonical = canonicalDiagnosis(bare).replace(HARMLESS, ' ').replace(/\s+/g, ' ').trim();
  const all = canonicalDiagnosis(raw.replace(/[()]/g, ' ')).replace(HARMLESS, ' ');
  const headRaw = bare.split(/[,;/]|\bdue to\b|\bsecondary to\b|\bwith\b|\bin (?:the|a|an)\b|\bof the\b|\bfrom\b|\bcomplicating\b/i)[0];
  const head = canonicalDiagnosis(headRaw).replace(HARMLESS, ' ');
  const words = new Set(stemBag(canonical));
  return {
    raw,
    canonical,
    words,
    allWords: new Set([...words, ...stemBag(all)]),
    head: new Set(stemBag(head)),
    qualifiers: qualifiersOf(canonicalDiagnosis(raw)),
  };
}

/** Whether every stemmed word of `phrase` occurs in `text` (both canonical). */
function containsWords(text: string, phrase: string): boolean {
  const have = new Set(stemBag(text));
  const want = stemBag(phrase);
  return want.length > 0 && want.every((w) => have.has(w));
}

function covers(big: Set<string>, small: Set<string>): boolean {
  if (small.size === 0) return false;
  for (const w of small) if (!big.has(w)) return false;
  return true;
}

type Relation = 'same' | 'unspecified' | 'category' | 'none';

/**
 * How two codes relate: the same code at some specificity; the answer is the
 * unspecified code of a branch holding the truth ("Myeloid leukemia,
 * unspecified" C92.90 for C92.00); another code of the same category; none.
 */
function relate(answer: string, truth: string): Relation {
  const a = canonicalCode(answer);
  const t = canonicalCode(truth);
  if (a === t || t.startsWith(a) || a.startsWith(t)) return 'same';
  if (categoryOf(a) !== categoryOf(t)) return 'none';
  let common = 0;
  while (common < a.length && a[common] === t[common]) common++;
  const rest = a.slice(common).replace('.', '');
  const title = describeCode(a)?.title ?? '';
  return /\bunspecified\b/i.test(title) && /^[09]/.test(rest) ? 'unspecified' : 'category';
}

/** The branch two codes share, when it is below the category: "T78.0" for T78.00XA and T78.01XA. */
function sharedBranch(a: string, b: string): string {
  const x = canonicalCode(a);
  const y = canonicalCode(b);
  let n = 0;
  while (n < x.length && x[n] === y[n]) n++;
  return x.slice(0, n).replace(/\.$/, '');
}

/** Whether two codes of one category are forms of one disease (the category groups one disease). */
function oneDiseaseBranch(_a: string, b: string): boolean {
  return categoryIsOneDisease(categoryOf(b));
}

/**
 * Judges one named diagnosis against the case. In order: negation (an answer
 * that rules the disease out never counts), qualifiers that change the disease
 * (acute/chronic, Hodgkin/non-Hodgkin, type 1/2...), the name and accepted
 * names (same words, or fewer words that only drop detail), then ICD-10-CM
 * codes (the case's code against the answer's code or the codes the index
 * gives its words: same code at any specificity is correct; the category's
 * unspecified code or a sibling is partial, or nothing when the category holds
 * different diseases), then the case's partial-credit names. Placeholder codes
 * of imported cases (extra.icd10_unknown) never match by code. The reason says
 * which rule decided.
 */
export function matchDiagnosis(kase: Case, entry: DifferentialEntry): DiagnosisMatch {
  // A pure function of the case and the answer, and the same answers recur across seeds and doctors:
  // remembered per case, so scoring costs a map lookup after the first time.
  let seen = remembered.get(kase);
  if (!seen) remembered.set(kase, (seen = new Map()));
  const key = `${entry.name}\u0000${entry.icd10 ?? ''}`;
  const hit = seen.get(key);
  if (hit) return { ...hit };
  const verdict = decide(kase, entry);
  if (seen.size >= REMEMBER_PER_CASE) seen.clear();
  seen.set(key, verdict);
  return { ...verdict };
}

/**
 * matchDiagnosis, with the first-time work of the ICD-10-CM term matcher (new words: up to ~150 ms of CPU) done in
 * slices with turns of the event loop between them. The same verdict: the match is pure and is simply run again
 * once the matcher has prepared the text it asked for.
 */
export async function matchDiagnosisYielding(kase: Case, entry: DifferentialEntry): Promise<DiagnosisMatch> {
  for (;;) {
    try {
      return refusingColdTerms(() => matchDiagnosis(kase, entry));
    } catch (e) {
      if (!(e instanceof ColdTermsError)) throw e;
      await warmTerms(e.text);
    }
  }
}

const remembered = new WeakMap<Case, Map<string, DiagnosisMatch>>();
const REMEMBER_PER_CASE = 4096;

function decide(kase: Case, entry: DifferentialEntry): DiagnosisMatch {
  const truth = kase.diagnosis;
  const { affirmed, negated } = splitAnswer(entry.name);
  if (!affirmed) {
    return { level: 'incorrect', reason: `"${entry.name}" rules out ${negated.map((n) => `"${n}"`).join(', ') || 'its diagnosis'} rather than naming one` };
  }
  const said = negated.length ? `"${affirmed}" (ruling out ${negated.map((n) => `"${n}"`).join(', ')})` : `"${entry.name}"`;
  const truths = [truth.name, ...truth.accept].map((n) => prepare(n));
  const answer = prepare(affirmed, true);
  const conflict = qualifierConflict(
    answer.qualifiers,
    truths[0].qualifiers,
    truths.map((t) => t.qualifiers),
  );
  if (conflict && conflict.kind !== 'defining') {
    // Another side or another subtype of the right disease: judged without that qualifier, then at most partial.
    const rest = prepare(canonicalDiagnosis(affirmed).replace(conflict.strip, ' '), true);
    const again = judge(kase, entry, rest, truths, undefined, said);
    if (again.level === 'correct')
      return { level: 'partial', reason: `${again.reason}, but ${conflict.kind === 'side' ? 'on the wrong side' : 'another form of it'}: ${conflict.reason}` };
  }
  return judge(kase, entry, answer, truths, conflict, said);
}

type Coded = { code: string; term: string };

function judge(
  kase: Case,
  entry: DifferentialEntry,
  answer: Prepared,
  truths: Prepared[],
  conflict: QualifierConflict | undefined,
  said: string,
): DiagnosisMatch {
  const truth = kase.diagnosis;
  const names = [truth.name, ...truth.accept];
  const main = truths[0];
  const codeKnown = kase.extra?.icd10_unknown !== true;

  // Codes are looked up lazily: the first lookup builds the index matcher, which exact answers never need.
  let answerCodesCache: Coded[] | undefined;
  const answerCodes = (): Coded[] => {
    if (answerCodesCache) return answerCodesCache;
    const list: Coded[] = [];
    if (entry.icd10) list.push({ code: canonicalCode(entry.icd10), term: `the answer's code ${canonicalCode(entry.icd10)}` });
    for (const m of matchTerms(answer.canonical)) list.push({ code: m.code, term: m.term });
    return (answerCodesCache = list);
  };
  let truthCodesCache: Coded[] | undefined;
  const truthCodes = (): Coded[] => {
    if (truthCodesCache) return truthCodesCache;
    const list: Coded[] = [];
    // An imported case's placeholder (R69) is no code at all: the truth's codes then come from its names.
    if (codeKnown) list.push({ code: canonicalCode(truth.icd10), term: `the case code ${truth.icd10}` });
    else for (const t of truths) for (const m of matchTerms(t.canonical)) if (!m.code.startsWith('R69')) list.push({ code: m.code, term: m.term });
    return (truthCodesCache = list);
  };

  // The case author's own lists come first: a name they accept is correct, a name they list as partial is partial.
  for (let i = 0; i < truths.length; i++) {
    if (truths[i].canonical === answer.canonical)
      return { level: 'correct', reason: `${said} is ${i === 0 ? 'the diagnosis' : 'the accepted name'} "${names[i]}"` };
  }
  if (!conflict && entry.icd10 && codeKnown && relate(entry.icd10, truth.icd10) === 'same') {
    return {
      level: 'correct',
      reason: `ICD-10 ${canonicalCode(entry.icd10)} is the case code ${truth.icd10} at ${canonicalCode(entry.icd10) === canonicalCode(truth.icd10) ? 'the same' : 'another'} level of detail`,
    };
  }
  for (const term of truth.partial) {
    if (prepare(term).canonical === answer.canonical) return { level: 'partial', reason: `${said} is the partial-credit name "${term}"` };
  }

  if (!conflict) {
    for (let i = 0; i < truths.length; i++) {
      const t = truths[i];
      const which = i === 0 ? 'the diagnosis' : 'the accepted name';
      if (t.canonical === answer.canonical) return { level: 'correct', reason: `${said} is ${which} "${names[i]}"` };
      // The answer names the head of the truth ("septic arthritis" of "Septic arthritis of the right knee due to MSSA"),
      // leaving out only detail, and any word it adds does not lead the index to another category.
      const head = headOf(t, i === 0 && codeKnown ? truth.icd10 : undefined);
      const core = [...head].filter(
        (w) => !DETAIL.has(w) || ((w === ACUTE || w === CHRONIC) && acuityDefines(codeKnown ? truth.icd10 : truthCodes()[0]?.code, w)),
      );
      const missing = [...head].filter((w) => !answer.words.has(w));
      if (!core.length || core.every((w) => GENERIC.has(w)) || !core.every((w) => answer.words.has(w))) continue;
      const added = [...answer.words].filter((w) => !t.allWords.has(w));
      if (added.some((w) => SIBLING_MAKERS.has(w))) continue;
      // Added words may name a sibling ("mixed cellularity" Hodgkin for nodular sclerosis): the index must agree.
      if (added.length && !addedDetailFits(answerCodes(), truthCodes())) continue;
      const how = added.length ? 'names the disease with more detail' : missing.length ? `is it without its detail (${missing.join(', ')})` : 'names it';
      return { level: 'correct', reason: `${said} ${how}: ${which} "${names[i]}"` };
    }
  }

  // Codes: the best relation between any code the answer names and any code of the truth.
  let best: { rel: Relation; a: Coded; t: Coded } | undefined;
  const order: Relation[] = ['same', 'unspecified', 'category', 'none'];
  for (const a of answerCodes()) {
    for (const t of truthCodes()) {
      const rel = relate(a.code, t.code);
      if (!best || order.indexOf(rel) < order.indexOf(best.rel)) best = { rel, a, t };
    }
  }
  if (best && best.rel !== 'none') {
    const oneDisease = oneDiseaseBranch(best.a.code, best.t.code);
    const via = `${said} codes to ${best.a.code} (${best.a.term})`;
    const where = sharedBranch(best.a.code, best.t.code) || categoryOf(best.t.code);
    if (conflict) {
      if (oneDisease && conflict.kind === 'subtype')
        return { level: 'partial', reason: `${via}, another form of the case's disease in ${where} (${best.t.code}): ${conflict.reason}` };
    } else if (best.rel === 'same') {
      return { level: 'correct', reason: `${via}, the case code ${best.t.code} at ${best.a.code === best.t.code ? 'the same' : 'another'} level of detail` };
    } else if (
      best.rel === 'unspecified' ||
      (best.rel === 'category' && isDefaultCode(best.t.code) && [...main.head].every((w) => answer.words.has(w) || DETAIL.has(w)))
    ) {
      // The truth or the answer is the branch's unspecified code: one names the other less precisely.
      if (oneDisease) return { level: 'correct', reason: `${via} and the case code ${best.t.code} are the same disease in ${where}, one of them unspecified` };
      return { level: 'partial', reason: `${via}, the unspecified code of ${where}, which holds several diseases besides the case's ${best.t.code}` };
    } else if (oneDisease) {
      return { level: 'partial', reason: `${via}, another form of the case's disease in ${where} (${best.t.code})` };
    }
  }

  // A family name from the vocabulary whose members include the case's disease ("UTI" for pyelonephritis).
  if (!conflict) {
    const member = familyMembers(answer.canonical).find((m) => truths.some((t) => containsWords(t.canonical, m)));
    if (member) return { level: 'partial', reason: `${said} names the family that "${truth.name}" belongs to (${member})` };
  }
  // An answer that names only the family of the case's disease ("lymphoma" for Hodgkin lymphoma).
  const family = [...answer.words];
  if (!conflict && family.length && family.every((w) => main.head.has(w)) && family.length < main.head.size && !family.every((w) => GENERIC.has(w))) {
    return { level: 'partial', reason: `${said} names the family of "${truth.name}" without what makes it this disease` };
  }
  // The answer names one part of a compound diagnosis, as a phrase of it ("acute kidney injury" of "rhabdomyolysis with acute kidney injury").
  const part = [...answer.words];
  const asPhrase = ` ${main.canonical} `.includes(` ${answer.canonical} `);
  if (!conflict && asPhrase && part.length && part.length < main.words.size && part.some((w) => !GENERIC.has(w) && !DETAIL.has(w))) {
    return { level: 'partial', reason: `${said} names part of "${truth.name}"` };
  }
  for (const term of truth.partial) {
    const p = prepare(term);
    if (qualifierConflict(answer.qualifiers, p.qualifiers, [p.qualifiers])) continue;
    if (p.canonical === answer.canonical || covers(answer.words, p.words))
      return { level: 'partial', reason: `${said} matches the partial-credit name "${term}"` };
  }
  if (conflict) return { level: 'incorrect', reason: `${said} differs from "${truth.name}": ${conflict.reason}` };
  const codeNote = best ? `; its code ${best.a.code} is not a form of ${best.t.code}` : '';
  return { level: 'incorrect', reason: `${said} does not match "${truth.name}" (${truth.icd10}) or its accepted names${codeNote}` };
}

const ACUTE = stem('acute');
const CHRONIC = stem('chronic');

/** Whether a code is its branch's unspecified or default ("other") code, which any sibling names more precisely. */
function isDefaultCode(code: string): boolean {
  const c = canonicalCode(code);
  const title = describeCode(c)?.title ?? '';
  const m = /^(.*?),? unspecified\b/i.exec(title) ?? /^unspecified (.*)$/i.exec(title);
  const heading = describeCode(categoryOf(c))?.title;
  return !!m && !!heading && canonicalDiagnosis(m[1]) === canonicalDiagnosis(heading);
}

/** Added words fit when the answer has no code of its own or one of its codes is the truth's at some specificity (or a form of an unspecified truth). */
function addedDetailFits(answer: Coded[], truth: Coded[]): boolean {
  if (!answer.length || !truth.length) return true;
  return answer.some((a) =>
    truth.some((t) => {
      const rel = relate(a.code, t.code);
      return rel === 'same' || (rel !== 'none' && isDefaultCode(t.code) && categoryIsOneDisease(categoryOf(t.code)));
    }),
  );
}

/**
 * The words a correct answer must name. For "X due to Y" the head X is the
 * disease only when the index puts X in the case code's category (cauda equina
 * syndrome due to disc extrusion); otherwise X is a manifestation (hyponatraemia
 * due to SIADH) and the whole name is needed.
 */
function headOf(t: Prepared, code: string | undefined): Set<string> {
  if (!code || !/\b(due to|secondary to|from)\b/i.test(t.raw)) return t.head;
  const headText = t.raw.replace(/\([^)]*\)/g, ' ').split(/\bdue to\b|\bsecondary to\b|\bfrom\b/i)[0];
  const codes = matchTerms(canonicalDiagnosis(headText).replace(HARMLESS, ' '));
  // Tried with and without "acute", since the index rarely spells it; a head the index does not know stays the head.
  const more = codes.length
    ? codes
    : matchTerms(
        canonicalDiagnosis(headText)
          .replace(/\bacute\b/g, ' ')
          .replace(HARMLESS, ' '),
      );
  if (!more.length || more.some((c) => categoryOf(c.code) === categoryOf(code))) return t.head;
  // The head is a manifestation: the cause after "due to" is the disease to name.
  const cause = t.raw
    .replace(/\([^)]*\)/g, ' ')
    .split(/\bdue to\b|\bsecondary to\b|\bfrom\b/i)
    .slice(1)
    .join(' ');
  const words = new Set(stemBag(canonicalDiagnosis(cause).replace(HARMLESS, ' ')));
  return words.size ? words : t.words;
}

/** Whether dropping "acute" ("chronic") names another disease: the case's category also has chronic (acute) forms. */
function acuityDefines(code: string | undefined, word: string): boolean {
  if (!code) return true;
  // A pure function of the category, asked for every truth naming "acute" or "chronic" each time an answer is
  // judged, and a category may have thousands of titles to read: remembered (a few hundred categories at most).
  const category = categoryOf(code);
  const key = `${category} ${word}`;
  let defines = acuity.get(key);
  if (defines === undefined) {
    const info = describeCode(category);
    const other = word === ACUTE ? /\bchronic\b/i : /\bacute\b/i;
    acuity.set(key, (defines = !!info && info.billableChildren.some((c) => other.test(describeCode(c)?.title ?? ''))));
  }
  return defines;
}

const acuity = new Map<string, boolean>();

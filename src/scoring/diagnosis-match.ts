import type { Case } from '../case/schema.js';
import type { DifferentialEntry } from '../encounter/actions.js';
import { canonicalDiagnosis, stem, stemBag } from '../case/codes/diagnosis-text.js';
import { canonicalCode, categoryOf, describeCode } from '../case/codes/lookup.js';
import { matchTerms } from '../case/codes/term-match.js';
import { splitAnswer } from './answer-clauses.js';
import { qualifierConflict, qualifiersOf, type Qualifiers } from './qualifiers.js';
import { categoryIsOneDisease } from './disease-categories.js';

export type MatchLevel = 'correct' | 'partial' | 'incorrect';

export interface DiagnosisMatch {
  level: MatchLevel;
  reason: string;
}

// Hedges and severity words: they say how sure or how bad, never which disease.
const HARMLESS = /\b(severe|severely|mild|mildly|moderate|moderately|critical|massive|significant|probable|probably|likely|most likely|possible|possibly|suspected|suspect|presumed|presumptive|query|r o|rule out|confirmed|definite|classic|classical|typical|clinical|clinically|diagnosis|dx|consistent with|picture of|sided|early|uncomplicated|florid|frank|active|new|new onset|first episode|exacerbation|acute exacerbation|exacerbated|decompensated|decompensation|flare|flare up)\b/g;

// Words a less specific answer may leave out and still name the case's disease.
const DETAIL = new Set(
  ['acute', 'left', 'right', 'bilateral', 'unilateral', 'eye', 'ear', 'valve', 'wall', 'territory', 'episode', 'single', 'current', 'spontaneous', 'exacerbation', 'flare', 'infection', 'primary', 'generalized', 'seropositive', 'seronegative', 'positive', 'antibody', 'cutaneous', 'skin', 'idiopathic', 'isolated', 'true', 'complete', 'plaque', 'superficial', 'spreading', 'adult', 'onset', 'stage', 'grade', 'phase', 'st', 'elevation', 'segment', 'lobe', 'posterior', 'canal', 'institutional', 'outbreak', 'current', 'manic', 'restricting', 'inferior', 'anterior', 'lateral']
    .map(stem),
);

// Words too general to earn credit alone.
const GENERIC = new Set(['pain', 'mass', 'lesion', 'infection', 'inflammation', 'failure', 'disease', 'stenosis', 'torsion', 'palsy', 'abscess', 'bleeding', 'hemorrhage', 'crisis', 'overdose', 'poisoning', 'toxicity', 'injury', 'acute', 'chronic'].map(stem));

interface Prepared {
  raw: string;
  canonical: string;
  /** Stemmed meaningful words of the whole text. */
  words: Set<string>;
  /** Stemmed words of the head (before a parenthesis, comma, "of the", "with", "due to"). */
  head: Set<string>;
  qualifiers: Qualifiers;
}

function prepare(raw: string): Prepared {
  const canonical = canonicalDiagnosis(raw.replace(/\([^)]*\)/g, ' ')).replace(HARMLESS, ' ').replace(/\s+/g, ' ').trim();
  const headRaw = raw.split(/[(,;]|\bdue to\b|\bsecondary to\b|\bwith\b|\bin (?:the|a|an)\b|\bof the\b|\bfrom\b/i)[0];
  const head = canonicalDiagnosis(headRaw).replace(HARMLESS, ' ');
  return { raw, canonical, words: new Set(stemBag(canonical)), head: new Set(stemBag(head)), qualifiers: qualifiersOf(canonicalDiagnosis(raw)) };
}

function covers(big: Set<string>, small: Set<string>): boolean {
  if (small.size === 0) return false;
  for (const w of small) if (!big.has(w)) return false;
  return true;
}

type Relation = 'same' | 'unspecified' | 'category' | 'none';

/** How two codes relate: the same code at some specificity, the category's unspecified form, the same category, or none. */
function relate(answer: string, truth: string): Relation {
  const a = canonicalCode(answer);
  const t = canonicalCode(truth);
  if (a === t || t.startsWith(a) || a.startsWith(t)) return 'same';
  if (categoryOf(a) !== categoryOf(t)) return 'none';
  const title = describeCode(a)?.title ?? '';
  return /\bunspecified\b/i.test(title) ? 'unspecified' : 'category';
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
  const truth = kase.diagnosis;
  const codeKnown = kase.extra?.icd10_unknown !== true;
  const { affirmed, negated } = splitAnswer(entry.name);
  if (!affirmed) {
    return { level: 'incorrect', reason: `"${entry.name}" rules out ${negated.map((n) => `"${n}"`).join(', ') || 'its diagnosis'} rather than naming one` };
  }
  const answer = prepare(affirmed);
  const names = [truth.name, ...truth.accept];
  const truths = names.map(prepare);
  const main = truths[0];
  const conflict = qualifierConflict(answer.qualifiers, main.qualifiers, truths.map((t) => t.qualifiers));
  const said = negated.length ? `"${affirmed}" (ruling out ${negated.map((n) => `"${n}"`).join(', ')})` : `"${entry.name}"`;

  // Codes are looked up lazily: the first call builds the index matcher, which most exact answers never need.
  let answerCodesCache: { code: string; term: string }[] | undefined;
  const answerCodes = () => {
    if (answerCodesCache) return answerCodesCache;
    const list: { code: string; term: string }[] = [];
    if (entry.icd10) list.push({ code: canonicalCode(entry.icd10), term: `the answer's code ${canonicalCode(entry.icd10)}` });
    for (const m of matchTerms(answer.canonical)) list.push({ code: m.code, term: m.term });
    return (answerCodesCache = list);
  };
  let truthCodesCache: { code: string; term: string }[] | undefined;
  const truthCodes = () => {
    if (truthCodesCache) return truthCodesCache;
    const list: { code: string; term: string }[] = [];
    if (codeKnown) list.push({ code: canonicalCode(truth.icd10), term: `the case code ${truth.icd10}` });
    else for (const t of truths) for (const m of matchTerms(t.canonical)) if (!m.code.startsWith('R69')) list.push({ code: m.code, term: m.term });
    return (truthCodesCache = list);
  };

  if (!conflict) {
    if (entry.icd10 && codeKnown && relate(entry.icd10, truth.icd10) === 'same') {
      return { level: 'correct', reason: `ICD-10 ${canonicalCode(entry.icd10)} is the case code ${truth.icd10} at ${canonicalCode(entry.icd10) === canonicalCode(truth.icd10) ? 'the same' : 'another'} level of detail` };
    }
    for (let i = 0; i < truths.length; i++) {
      const t = truths[i];
      const which = i === 0 ? 'the diagnosis' : 'the accepted name';
      if (t.canonical === answer.canonical) return { level: 'correct', reason: `${said} is ${which} "${names[i]}"` };
      if (covers(answer.words, t.words) && (answer.words.size === t.words.size || !codesDisagree(answerCodes(), truthCodes()))) {
        return { level: 'correct', reason: `${said} names every word of ${which} "${names[i]}"` };
      }
      const missing = [...t.head].filter((w) => !answer.words.has(w));
      if (covers(t.head, answer.words) && missing.every((w) => DETAIL.has(w)) && !(missing.includes(stem('acute')) && acuityDefines(truth.icd10, codeKnown))) {
        return { level: 'correct', reason: `${said} is ${which} "${names[i]}" without its detail${missing.length ? ` (${missing.join(', ')})` : ''}` };
      }
    }
  }

  // Codes: the best relation between any code the answer names and any code of the truth.
  let best: { rel: Relation; a: { code: string; term: string }; t: { code: string; term: string } } | undefined;
  const order: Relation[] = ['same', 'unspecified', 'category', 'none'];
  for (const a of answerCodes()) {
    for (const t of truthCodes()) {
      const rel = relate(a.code, t.code);
      if (!best || order.indexOf(rel) < order.indexOf(best.rel)) best = { rel, a, t };
    }
  }
  if (best && best.rel !== 'none') {
    const oneDisease = categoryIsOneDisease(categoryOf(best.t.code));
    const via = `${said} codes to ${best.a.code} (${best.a.term})`;
    const cat = categoryOf(best.t.code);
    if (conflict) {
      if (oneDisease) return { level: 'partial', reason: `${via}, in the case's category ${cat}, but ${conflict}` };
    } else if (best.rel === 'same') {
      return { level: 'correct', reason: `${via}, the case code ${best.t.code} at ${best.a.code === best.t.code ? 'the same' : 'another'} level of detail` };
    } else if (best.rel === 'unspecified') {
      if (oneDisease) return { level: 'correct', reason: `${via}, the unspecified form of the case's category ${cat} (${best.t.code})` };
      return { level: 'partial', reason: `${via}, the unspecified code of category ${cat}, which holds several diseases besides the case's ${best.t.code}` };
    } else if (oneDisease) {
      return { level: 'partial', reason: `${via}, another form of the case's disease in category ${cat} (${best.t.code})` };
    }
  }

  // An answer that names only the family of the case's disease ("lymphoma" for Hodgkin lymphoma).
  const family = [...answer.words];
  if (!conflict && family.length && family.every((w) => main.head.has(w)) && family.length < main.head.size && !family.every((w) => GENERIC.has(w))) {
    return { level: 'partial', reason: `${said} names the family of "${truth.name}" without what makes it this disease` };
  }
  for (const term of truth.partial) {
    const p = prepare(term);
    if (qualifierConflict(answer.qualifiers, p.qualifiers, [p.qualifiers])) continue;
    if (p.canonical === answer.canonical || covers(answer.words, p.words)) return { level: 'partial', reason: `${said} matches the partial-credit name "${term}"` };
  }
  if (conflict) return { level: 'incorrect', reason: `${said} differs from "${truth.name}": ${conflict}` };
  const codeNote = best ? `; its code ${best.a.code} is not a form of ${best.t.code}` : '';
  return { level: 'incorrect', reason: `${said} does not match "${truth.name}" (${truth.icd10}) or its accepted names${codeNote}` };
}

/** True when the answer's own codes all lie outside the truth's categories (an extra word changed the disease). */
function codesDisagree(answer: { code: string }[], truth: { code: string }[]): boolean {
  const fromText = answer;
  if (!fromText.length || !truth.length) return false;
  const cats = new Set(truth.map((t) => categoryOf(t.code)));
  return !fromText.some((a) => cats.has(categoryOf(a.code)));
}

/** Whether the case's category has chronic forms, so dropping "acute" names another disease. */
function acuityDefines(code: string, codeKnown: boolean): boolean {
  if (!codeKnown) return true;
  const info = describeCode(categoryOf(code));
  return !!info && info.billableChildren.some((c) => /\bchronic\b/i.test(describeCode(c)?.title ?? ''));
}

import type { Case } from '../case/schema.js';
import type { DifferentialEntry } from '../encounter/actions.js';
import { normalize } from '../util/text.js';

export type MatchLevel = 'correct' | 'partial' | 'incorrect';

export interface DiagnosisMatch {
  level: MatchLevel;
  reason: string;
}

// Words that carry no diagnostic meaning when comparing names.
const STOP = new Set(['the', 'of', 'a', 'an', 'with', 'due', 'to', 'and', 'disease', 'syndrome', 'disorder', 'in', 'from', 'secondary', 'primary', 'acute', 'likely', 'probable', 'possible', 'suspected']);

function tokens(text: string): string[] {
  return normalize(text).split(' ').filter((w) => w && !STOP.has(w));
}

/** Whether every meaningful word of `term` appears in `answer`. */
function covers(answer: string[], term: string[]): boolean {
  if (term.length === 0) return false;
  const set = new Set(answer.flatMap((w) => [w, w.replace(/s$/, '')]));
  return term.every((w) => set.has(w) || set.has(w.replace(/s$/, '')));
}

function icdCategory(code: string): string {
  return code.toUpperCase().replace(/\s/g, '').slice(0, 3);
}

/**
 * Judges one named diagnosis against the case: ICD-10 code, then the name and
 * its accepted synonyms, then the partial list. The reason says which rule hit.
 */
export function matchDiagnosis(kase: Case, entry: DifferentialEntry): DiagnosisMatch {
  const truth = kase.diagnosis;
  // Imported cases without a real code carry a placeholder that must not match anything.
  const codeKnown = kase.extra?.icd10_unknown !== true;
  if (entry.icd10 && codeKnown) {
    const given = entry.icd10.toUpperCase().replace(/\s/g, '');
    const want = truth.icd10.toUpperCase();
    if (given === want) return { level: 'correct', reason: `ICD-10 ${given} equals the case code` };
    if (want.startsWith(given) || given.startsWith(want)) {
      return { level: 'correct', reason: `ICD-10 ${given} and the case code ${want} are the same code at different specificity` };
    }
  }
  const answer = normalize(entry.name);
  const answerTokens = tokens(entry.name);
  for (const term of [truth.name, ...truth.accept]) {
    if (normalize(term) === answer) return { level: 'correct', reason: `"${entry.name}" equals ${term === truth.name ? 'the diagnosis' : 'the accepted name'} "${term}"` };
  }
  for (const term of [truth.name, ...truth.accept]) {
    if (covers(answerTokens, tokens(term))) return { level: 'correct', reason: `"${entry.name}" contains every word of ${term === truth.name ? 'the diagnosis' : 'the accepted name'} "${term}"` };
  }
  if (entry.icd10 && codeKnown && icdCategory(entry.icd10) === icdCategory(truth.icd10)) {
    return { level: 'partial', reason: `ICD-10 ${entry.icd10} is in the same category (${icdCategory(truth.icd10)}) as the case code ${truth.icd10}` };
  }
  for (const term of truth.partial) {
    if (normalize(term) === answer || covers(answerTokens, tokens(term))) return { level: 'partial', reason: `"${entry.name}" matches the partial-credit name "${term}"` };
  }
  return { level: 'incorrect', reason: `"${entry.name}"${entry.icd10 ? ` (${entry.icd10})` : ''} does not match "${truth.name}" (${truth.icd10}) or its accepted names` };
}

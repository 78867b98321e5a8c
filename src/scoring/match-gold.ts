import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Case } from '../case/schema.js';
import { dataDir } from '../util/paths.js';
import { matchDiagnosis, type MatchLevel } from './diagnosis-match.js';

/** One hand-written expectation: the case's diagnosis, a doctor's answer, and the verdict a clinician gives. */
export interface GoldLine {
  truth: string;
  truthIcd10: string;
  answer: string;
  verdict: MatchLevel;
  why: string;
  line: number;
}

export interface GoldResult extends GoldLine {
  got: MatchLevel;
  reason: string;
}

export interface GoldSummary {
  total: number;
  agree: number;
  agreement: number;
  /** Matcher said correct where the gold says partial or incorrect. */
  falseCorrect: number;
  /** Matcher said incorrect where the gold says correct or partial. */
  falseIncorrect: number;
  /** confusion[gold][got] */
  confusion: Record<MatchLevel, Record<MatchLevel, number>>;
  disagreements: GoldResult[];
}

const LEVELS: MatchLevel[] = ['correct', 'partial', 'incorrect'];

/** Reads data/match-gold/diagnosis-match.tsv (truth, truth_icd10, answer, verdict, why). */
export function loadMatchGold(file = join(dataDir(), 'match-gold', 'diagnosis-match.tsv')): GoldLine[] {
  const rows = readFileSync(file, 'utf8').split('\n');
  const out: GoldLine[] = [];
  rows.forEach((row, i) => {
    if (i === 0 || !row.trim()) return;
    const [truth, truthIcd10, answer, verdict, why] = row.split('\t');
    if (!LEVELS.includes(verdict as MatchLevel)) throw new Error(`${file}:${i + 1}: verdict must be correct, partial or incorrect, got "${verdict}"`);
    out.push({ truth, truthIcd10, answer, verdict: verdict as MatchLevel, why: why ?? '', line: i + 1 });
  });
  return out;
}

/** A minimal case carrying only a diagnosis; R69 stands for an imported case without a real code. */
function caseFor(line: GoldLine): Case {
  const unknown = line.truthIcd10 === 'R69';
  return {
    diagnosis: { name: line.truth, icd10: line.truthIcd10, accept: [], partial: [] },
    extra: unknown ? { icd10_unknown: true } : undefined,
  } as unknown as Case;
}

/** Runs the matcher over the gold lines and tallies agreement and the 3x3 confusion table. */
export function runMatchGold(lines: GoldLine[]): GoldSummary {
  const confusion = Object.fromEntries(LEVELS.map((g) => [g, Object.fromEntries(LEVELS.map((p) => [p, 0]))])) as GoldSummary['confusion'];
  const disagreements: GoldResult[] = [];
  let agree = 0;
  let falseCorrect = 0;
  let falseIncorrect = 0;
  for (const line of lines) {
    const m = matchDiagnosis(caseFor(line), { name: line.answer });
    confusion[line.verdict][m.level]++;
    if (m.level === line.verdict) agree++;
    else {
      disagreements.push({ ...line, got: m.level, reason: m.reason });
      if (m.level === 'correct') falseCorrect++;
      if (m.level === 'incorrect') falseIncorrect++;
    }
  }
  return { total: lines.length, agree, agreement: lines.length ? agree / lines.length : 0, falseCorrect, falseIncorrect, confusion, disagreements };
}

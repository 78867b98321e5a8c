import type { Case } from './schema.js';
import { normalize } from '../util/text.js';
import { REGIONS } from './body-regions.js';
import { isLocalTestKey, localTestName } from './import/local-tests.js';
import { splitExamSections } from './exam-split.js';

/** One abnormal statement in the case and where it is. */
export interface Finding {
  /** The clause, normalised. */
  text: string;
  /** `exam:<target>`, `result:<key>`, `fact:<id>` or `diagnosis`. */
  source: string;
  /** The exam target it was filed under, for exam findings. */
  target?: string;
}

// A clause that says something is absent or normal is not a finding ("no crackles", "chest clear").
const NEGATED = /^(no|not|nil|without|denies|denied|negative|absent|none|never|normal|unremarkable|within normal)\b/;
const NORMAL_WORDS = /\b(normal|unremarkable|clear|intact|within normal limits|non ?tender|not tender|soft|benign|symmetric(al)?|equal|regular|alert|oriented|orientated|comfortable|well|no abnormality|pearly|supple|present bilaterally|bowel sounds present|pulses present|nad)\b/;
const ABNORMAL_WORDS = /\b(mass|masses|lesion|tender|tenderness|swollen|swelling|enlarged|raised|elevated|reduced|decreased|absent|weak|weakness|mild|moderate|severe|marked|abnormal|irregular|murmur|crackles|wheeze|rash|jaundice|icter|opacity|effusion|consolidation|fracture|deformity)\b/;

/** Whether a clause reports something abnormal. */
export function isAbnormalClause(clause: string): boolean {
  const t = normalize(clause);
  if (!t) return false;
  if (NEGATED.test(t)) return false;
  if (NORMAL_WORDS.test(t) && !ABNORMAL_WORDS.test(t.replace(/\b(no|without|not)\s+\w+(\s+or\s+\w+)*/g, ''))) return false;
  return true;
}

/** The clauses of a text: sentences, then comma- and semicolon-separated parts. */
export function clausesOf(text: string): string[] {
  return text
    .split(/[.;\n]|,|\bbut\b|\bwhile\b/i)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** Whether a normalised clause contains one of a region's words (at a word start; trailing space = whole word). */
export function mentionsAny(clause: string, words: readonly string[]): string | undefined {
  const padded = ` ${clause} `;
  return words.find((w) => padded.includes(` ${w}`));
}

// Cases do not change during an encounter; every order of the same case reads the same findings.
const findingsCache = new WeakMap<object, Finding[]>();

/**
 * Every abnormal statement the case makes: exam findings (split into their
 * own labelled sections), report texts of results and case-local tests, past
 * history, and the diagnosis and its accepted names.
 */
export function caseFindings(kase: Pick<Case, 'facts' | 'results' | 'diagnosis'>): Finding[] {
  const cached = findingsCache.get(kase);
  if (cached) return cached;
  const out: Finding[] = [];
  for (const f of kase.facts) {
    if (f.category === 'exam') {
      for (const section of splitExamSections(f.topic, f.answer)) {
        if (section.target === 'vitals') continue;
        for (const c of clausesOf(section.text)) if (isAbnormalClause(c)) out.push({ text: normalize(c), source: `exam:${section.target}`, target: section.target });
      }
    } else if (f.category === 'pmh') {
      for (const c of clausesOf(f.answer)) if (isAbnormalClause(c)) out.push({ text: normalize(c), source: `fact:${f.id}` });
    }
  }
  for (const [key, r] of Object.entries(kase.results)) {
    const texts = [r.text ?? '', typeof r.value === 'string' ? r.value : ''];
    if (isLocalTestKey(key)) texts.push(localTestName(key));
    for (const t of texts) for (const c of clausesOf(t)) if (isAbnormalClause(c)) out.push({ text: normalize(c), source: `result:${key}` });
  }
  const d = kase.diagnosis;
  for (const name of [d.name, ...d.accept]) out.push({ text: normalize(name), source: 'diagnosis' });
  findingsCache.set(kase, out);
  return out;
}

// How the patient breathes (deep, fast, sighing) is physiology, not a finding a study of the chest would show.
const FUNCTIONAL_ONLY = /^(deep|rapid|fast|shallow|sighing|kussmaul|laboured|labored|tachypn\w*)\b[\w\s]*\b(breathing|respirations?|breaths)$|^tachypn\w*$/;

/** The case findings that concern one of the named regions. */
export function findingsInRegions(findings: readonly Finding[], regions: readonly string[], except?: string): Finding[] {
  const hits: Finding[] = [];
  for (const f of findings) {
    if (except && f.source === `result:${except}`) continue;
    for (const r of regions) {
      const region = REGIONS[r];
      if (!region) continue;
      const byTarget = f.target !== undefined && region.targets?.includes(f.target) && !FUNCTIONAL_ONLY.test(f.text);
      if (byTarget || mentionsAny(f.text, region.words)) {
        hits.push(f);
        break;
      }
    }
  }
  return hits;
}

/** Heart rate from a vitals exam text ("HR 124", "pulse 130/min"), or undefined. */
export function heartRateOf(kase: Pick<Case, 'facts'>): number | undefined {
  for (const f of kase.facts) {
    if (f.category !== 'exam') continue;
    const m = f.answer.match(/\b(?:HR|heart rate|pulse(?: rate)?)\b\D{0,6}(\d{2,3})\b/i);
    if (m) return Number(m[1]);
  }
  return undefined;
}

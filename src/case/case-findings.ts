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
  /** For past history: a change to the body a study today would still show (an organ removed or transplanted). */
  lasting?: boolean;
}

// A clause that says something is absent or normal is not a finding ("no crackles", "chest clear").
const NEGATED = /^(no|not|nil|without|denies|denied|negative|absent|none|never|normal|unremarkable|within normal|intact)\b/;
const NORMAL_WORDS =
  /\b(normal|unremarkable|clear|intact|within normal limits|non ?tender|not tender|soft|benign|symmetric(al)?|equal|regular|alert|oriented|orientated|comfortable|well|no abnormality|pearly|supple|present bilaterally|bowel sounds present|pulses present|reflexes present|nad|age appropriate|physiological|physiologic|5 5|gcs 15|full power|full range|full and painless|painless|negative|reactive|full to confrontation|movements full|fields full|sinus rhythm|warm peripheries|well perfused)\b/;
const NOT_SEEN = /\bnot (visible|raised|elevated|palpable|seen|present|enlarged|tender|distended|identified|detected)\b/;
const ABNORMAL_WORDS =
  /\b(mass|masses|lesion|tender|tenderness|swollen|swelling|enlarged|raised|elevated|reduced|decreased|absent|weak|weakness|mild|moderate|severe|marked|abnormal|irregular|murmur|crackles|wheeze|rash|jaundice|icter|opacity|effusion|consolidation|fracture|deformity)\b/;
const NEGATORS = new Set(['no', 'not', 'without', 'nor', 'denies', 'negative', 'absent', 'free']);

/** Whether a clause reports something abnormal (`listNormal`: it continues a list that began "no ..." or "normal ..."). */
export function isAbnormalClause(clause: string, listNormal = false): boolean {
  const t = normalize(clause);
  if (!t) return false;
  if (NEGATED.test(t) || NOT_SEEN.test(t)) return false;
  const stripped = t.replace(/\b(non tender|nontender|not tender)\b/g, '').replace(/\b(no|without|not)\s+\w+(\s+or\s+\w+)*/g, '');
  // "Fundi without Roth spots", "fundoscopy shows no papilloedema": a negation and nothing abnormal besides.
  const negates = /\b(no|without|not)\b/.test(t);
  if ((NORMAL_WORDS.test(t) || listNormal || negates) && !ABNORMAL_WORDS.test(stripped)) return false;
  return true;
}

/** The clauses of a text: sentences, then comma- and semicolon-separated parts. */
export function clausesOf(text: string): string[] {
  return text
    .split(/[.;\n]|,|\bbut\b|\bwhile\b/i)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/**
 * The abnormal clauses of a text. A comma-separated list that opens with a
 * negation or "normal" keeps that sense ("No haemorrhage, infarct or mass";
 * "Normal tone, power, sensation and reflexes").
 */
export function abnormalClausesOf(text: string): string[] {
  const out: string[] = [];
  for (const sentence of text.split(/[.;\n]|\bbut\b|\bwhile\b/i)) {
    let opener: 'negated' | 'normal' | undefined;
    sentence.split(',').forEach((part, i) => {
      const c = part.trim();
      if (!c) return;
      const t = normalize(c);
      // "No haemorrhage, infarct or mass": the later items of a negated list are negated too, unless they say otherwise.
      const judged = i > 0 && opener === 'negated' && !/^(and|but|with)\b/.test(t) ? `no ${c}` : c;
      if (isAbnormalClause(judged, i > 0 && opener === 'normal')) out.push(c);
      if (/^(no|not|nil|without|negative|absent|denies)\b/.test(t)) opener = 'negated';
      else if (i === 0 && /^(normal|unremarkable|intact)\b/.test(t)) opener = 'normal';
      else if (/^(but|with)\b/.test(t)) opener = undefined;
    });
  }
  return out;
}

/**
 * The first of `words` a normalised clause contains at a word start (a
 * trailing space asks for the whole word), not negated by one of the three
 * words before it ("without papilloedema").
 */
export function mentionsAny(clause: string, words: readonly string[]): string | undefined {
  const padded = ` ${clause} `;
  return words.find((w) => {
    for (let at = padded.indexOf(` ${w}`); at >= 0; at = padded.indexOf(` ${w}`, at + 1)) {
      const before = padded.slice(0, at).trim().split(' ').slice(-3);
      if (!before.some((b) => NEGATORS.has(b))) return true;
    }
    return false;
  });
}

// Cases do not change during an encounter; every order of the same case reads the same findings.
const findingsCache = new WeakMap<object, Finding[]>();

// Past history that a study today would still show: "my gallbladder out", "a kidney transplant for polycystic kidneys".
const LASTING =
  /\b(transplant\w*|polycystic|\w+ectomy|\w+ostomy|gallbladder (out|removed|taken out)|(kidney|spleen|lung|breast|womb|uterus|appendix|leg|foot) (out|removed|taken out)|amputat\w*|pacemaker|defibrillator|icd|prosthetic|(valve|hip|knee|joint|shoulder) replace\w*|replaced (valve|hip|knee)|bypass graft|cabg|sternotomy)\b/;

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
        for (const c of abnormalClausesOf(section.text)) out.push({ text: normalize(c), source: `exam:${section.target}`, target: section.target });
      }
    } else if (f.category === 'pmh') {
      for (const c of abnormalClausesOf(f.answer)) {
        const text = normalize(c);
        out.push({ text, source: `fact:${f.id}`, ...(LASTING.test(text) ? { lasting: true } : {}) });
      }
    }
  }
  for (const [key, r] of Object.entries(kase.results)) {
    const texts = [r.text ?? '', typeof r.value === 'string' ? r.value : ''];
    if (isLocalTestKey(key)) texts.push(localTestName(key));
    for (const t of texts) for (const c of abnormalClausesOf(t)) out.push({ text: normalize(c), source: `result:${key}` });
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
    // Past history in the patient's words names conditions, not where a study would find something today,
    // unless it names a change to the body that lasts (an organ removed or transplanted, a prosthesis).
    if (f.source.startsWith('fact:') && !f.lasting) continue;
    for (const r of regions) {
      const region = REGIONS[r];
      if (!region) continue;
      const byTarget = f.target !== undefined && region.targets?.includes(f.target) && !FUNCTIONAL_ONLY.test(f.text);
      // The mental state is described in words of its own ("poor eye contact"); it concerns only its own regions.
      const byWords = f.target !== 'mental-status' && mentionsAny(f.text, region.words) !== undefined;
      if (byTarget || byWords) {
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

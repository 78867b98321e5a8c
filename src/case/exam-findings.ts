import type { Case } from './schema.js';
import { EXAM_TARGETS } from './schema.js';
import { normalize } from '../util/text.js';
import { WHOLE_EXAM } from './exam-targets.js';
import { splitExamSections } from './exam-split.js';
import { abnormalClausesOf, mentionsAny } from './case-findings.js';
import { caseKey } from './case-set-hash.js';
import { examMemo as examDiskMemo } from './exam-cache.js';
import type { DiskMemo } from '../util/disk-memo.js';

/**
 * Words that tie a finding written under another heading to a target: the
 * jaundice noted under "general" is a skin finding, scleral icterus under
 * HEENT an eye finding. Only abnormal clauses are carried across.
 */
const TARGET_WORDS: Record<string, string[]> = {
  skin: [
    'rash',
    'jaundice',
    'jaundiced',
    'icter',
    'pallor',
    'pale',
    'cyanos',
    'cyanotic',
    'petechi',
    'purpur',
    'bruis',
    'ecchymos',
    'skin',
    'erythem',
    'vesic',
    'blister',
    'bulla',
    'turgor',
    'mottl',
    'spider naev',
    'spider nev',
    'spider angioma',
    'palmar erythema',
    'urticaria',
    'wheal',
    'plaque',
    'papul',
    'macul',
    'excoriat',
    'burrow',
    'eschar',
    'desquam',
    'diaphoretic',
    'sweaty',
    'clammy',
    'flushed',
    'hyperpigment',
  ],
  abdomen: [
    'abdom',
    'hepatomegaly',
    'liver edge',
    'liver palpable',
    'palpable liver',
    'spleen',
    'splenomegaly',
    'ascites',
    'bowel sounds',
    'epigastr',
    'quadrant',
    'flank',
    'murphy',
    'rebound',
    'hernia',
    'umbilic',
    'distension',
    'distended',
    'caput medusae',
    'costovertebral',
    'renal angle',
  ],
  respiratory: [
    'lung',
    'crackles',
    'crepitation',
    'wheez',
    'breath sounds',
    'air entry',
    'chest expansion',
    'percussion',
    'bronchial breathing',
    'stridor',
    'respiratory distress',
    'accessory muscle',
    'tachypn',
    'kussmaul',
    'pleural rub',
    'intercostal recession',
  ],
  cardiovascular: [
    'murmur',
    'heart sounds',
    's3 ',
    's4 ',
    'gallop',
    'rub ',
    'jvp',
    'jugular venous',
    'capillary refill',
    'tachycard',
    'bradycard',
    'apex beat',
    'irregularly irregular',
    'pulse deficit',
    'radio femoral',
    'thrill',
    'heave',
  ],
  neuro: [
    'cranial nerve',
    'reflex',
    'power',
    'tone',
    'sensation',
    'gait',
    'plantar',
    'babinski',
    'ataxi',
    'nystagmus',
    'tremor',
    'focal',
    'gcs',
    'ptosis',
    'diplopia',
    'weakness',
    'clonus',
    'romberg',
    'dysarthri',
    'asterixis',
    'fasciculat',
    'hemipar',
    'facial droop',
    'neck stiff',
    'kernig',
    'brudzinski',
    'drowsy',
    'confused',
    'obtunded',
  ],
  eyes: [
    'eye',
    'pupil',
    'sclera',
    'scleral',
    'icter',
    'conjunctiv',
    'fundus',
    'fundi',
    'papill',
    'visual',
    'kayser',
    'cornea',
    'ptosis',
    'diplopia',
    'proptosis',
    'exophthalm',
    'lid lag',
    'periorbital',
  ],
  ears: ['ear ', 'ears ', 'tympanic', 'otorrh', 'ear canal', 'mastoid'],
  throat: ['throat', 'pharyn', 'tonsil', 'uvula', 'exudate', 'trismus'],
  heent: [
    'eye',
    'pupil',
    'scleral',
    'icter',
    'conjunctiv',
    'tympanic',
    'pharyn',
    'tonsil',
    'mucous membrane',
    'tongue',
    'oral',
    'nasal',
    'sinus',
    'dentition',
    'lips',
  ],
  neck: ['neck', 'thyroid', 'goitre', 'goiter', 'jvp', 'trachea', 'nuchal'],
  lymph: ['lymphaden', 'lymph node', 'nodes', 'glands'],
  // Findings, not places: a rash on the back is a skin finding, not a musculoskeletal one.
  msk: [
    'joint',
    'effusion',
    'synovitis',
    'arthritis',
    'range of movement',
    'range of motion',
    'deformit',
    'spinal tender',
    'bony tender',
    'straight leg',
    'muscle wasting',
    'dactylitis',
    'enthesitis',
  ],
  extremities: [
    'oedema',
    'edema',
    'calf',
    'clubbing',
    'peripheral pulses',
    'peripheries',
    'capillary refill',
    'pedal',
    'varicose',
    'leg swelling',
    'swollen leg',
  ],
  'mental-status': ['mood', 'affect', 'thought', 'insight', 'halluc', 'delusion', 'speech', 'disorient', 'confus', 'agitat', 'psychomotor', 'suicid'],
  pelvic: ['cervi', 'adnex', 'uter', 'vagin', 'vulv', 'fundal height'],
  genitourinary: ['testi', 'scrot', 'penile', 'urethral', 'genital', 'epididym', 'inguinal'],
  rectal: ['rectal', 'prostat', 'stool', 'anal', 'haemorrhoid', 'hemorrhoid', 'melaena', 'melena'],
  breast: ['breast', 'nipple', 'axilla'],
};

/** What the case records for one exam target. */
export interface ExamFindings {
  /** The findings as the examiner reports them; empty when the case records nothing for the target. */
  text: string;
  factIds: string[];
}

/** Whether a section belongs to a target: its own, HEENT's parts for HEENT, everything for the whole exam. */
function belongs(section: string, target: string): boolean {
  if (target === WHOLE_EXAM) return true;
  if (section === target) return true;
  return target === 'heent' && ['eyes', 'ears', 'throat'].includes(section);
}

function label(target: string): string {
  if (target === 'heent') return 'HEENT';
  if (target === 'msk') return 'Musculoskeletal';
  if (target === 'mental-status') return 'Mental status';
  return target.charAt(0).toUpperCase() + target.slice(1);
}

/**
 * The case's findings for an exam target, found by body region: each exam
 * fact is split into sections by its own labels, the sections filed under the
 * target are returned, and abnormal statements about the target made under
 * another heading are added. The whole exam (`all`) returns every section,
 * labelled.
 */
export function examFindings(kase: Pick<Case, 'facts'>, target: string): ExamFindings {
  // A pure function of the case and the target, asked again at every examination of every seed: worked out once.
  let byTarget = examMemo.get(kase);
  if (!byTarget) examMemo.set(kase, (byTarget = new Map()));
  let found = byTarget.get(target);
  if (!found) {
    // And across processes: the hash covers the facts (and whatever else the object holds).
    const disk = (onDisk ??= examDiskMemo());
    const key = `${caseKey(kase as Case)}\0${target}`;
    found = disk.get(key);
    if (!found) disk.set(key, (found = computeExamFindings(kase, target)));
    byTarget.set(target, found);
  }
  return { text: found.text, factIds: [...found.factIds] };
}

const examMemo = new WeakMap<object, Map<string, ExamFindings>>();
let onDisk: DiskMemo<ExamFindings> | undefined;

function computeExamFindings(kase: Pick<Case, 'facts'>, target: string): ExamFindings {
  const own: Array<{ target: string; text: string; factId: string }> = [];
  const carried: Array<{ text: string; factId: string }> = [];
  const words = TARGET_WORDS[target];
  for (const f of kase.facts) {
    if (f.category !== 'exam') continue;
    for (const s of splitExamSections(f.topic, f.answer)) {
      if (belongs(s.target, target)) {
        own.push({ target: s.target, text: s.text, factId: f.id });
        continue;
      }
      // Vital signs and the mental state are described in words of their own ("poor eye contact"): never carried.
      if (!words || s.target === 'vitals' || s.target === 'mental-status') continue;
      for (const sentence of s.text.split(/(?<=[.;])\s+|\n/)) {
        if (abnormalClausesOf(sentence).some((c) => mentionsAny(normalize(c), words))) carried.push({ text: sentence.trim(), factId: f.id });
      }
    }
  }
  const factIds = [...new Set([...own, ...carried].map((x) => x.factId))];
  if (target === WHOLE_EXAM) {
    const order = (t: string) => {
      const i = (EXAM_TARGETS as readonly string[]).indexOf(t);
      return i < 0 ? EXAM_TARGETS.length : i;
    };
    const byTarget = new Map<string, string[]>();
    for (const s of [...own].sort((a, b) => order(a.target) - order(b.target))) byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s.text]);
    return { text: [...byTarget].map(([t, texts]) => `${label(t)}: ${texts.join(' ')}`).join('\n'), factIds };
  }
  const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
  const parts = own.map((s) => (s.target !== target ? `${label(s.target)}: ${s.text}` : cap(s.text)));
  const seen = new Set(parts.map((p) => normalize(p)));
  for (const c of carried) {
    const sentence = c.text.charAt(0).toUpperCase() + c.text.slice(1).replace(/[.\s]*$/, '.');
    if (!seen.has(normalize(sentence)) && !parts.some((p) => normalize(p).includes(normalize(c.text)))) {
      parts.push(sentence);
      seen.add(normalize(sentence));
    }
  }
  return { text: parts.join(' ').trim(), factIds };
}

import { normalize } from '../util/text.js';
import { memoByString } from '../util/memo.js';

/** Findings the examiner reports for a target the case does not describe. */
export const NORMAL_EXAM: Record<string, string> = {
  general: 'Alert, comfortable at rest, well perfused. Not in distress.',
  vitals: 'HR 76, BP 122/78, RR 14, SpO2 98% on room air, temperature 36.8 C.',
  heent: 'Normocephalic, atraumatic. Pupils equal and reactive. Moist mucous membranes. Oropharynx clear.',
  eyes: 'Visual acuity grossly normal. Pupils equal, round and reactive. Conjunctivae clear. Fundi unremarkable.',
  ears: 'External canals clear. Tympanic membranes intact and pearly grey bilaterally.',
  throat: 'Oropharynx clear. Tonsils not enlarged, no exudate. Uvula midline.',
  neck: 'Supple, no lymphadenopathy, no thyromegaly. Trachea midline. JVP not raised.',
  lymph: 'No cervical, axillary or inguinal lymphadenopathy.',
  cardiovascular: 'Regular rate and rhythm. Normal S1 and S2. No murmur, rub or gallop. Peripheral pulses intact.',
  respiratory: 'Normal work of breathing. Clear to auscultation bilaterally. No wheeze or crackles.',
  breast: 'No masses, skin changes or nipple discharge.',
  abdomen: 'Soft, non-tender, non-distended. Normal bowel sounds. No organomegaly or masses.',
  rectal: 'Normal sphincter tone. No masses. Brown stool, no blood.',
  genitourinary: 'Normal external genitalia. No tenderness or masses.',
  pelvic: 'Normal external genitalia. No cervical motion tenderness. No adnexal masses or tenderness.',
  neuro: 'Alert and oriented. Cranial nerves intact. Power 5/5 throughout, normal tone and reflexes. Sensation intact. Normal gait and coordination.',
  'mental-status':
    'Calm, cooperative, good eye contact. Speech normal. Mood euthymic, affect congruent. Thought process linear. No perceptual disturbance. Insight intact.',
  skin: 'Warm and dry. No rash, lesions or jaundice.',
  msk: 'Full range of movement in all joints. No swelling, tenderness or deformity.',
  extremities: 'Warm, well perfused. No edema, no calf tenderness. Capillary refill under 2 seconds.',
};

/** Words a doctor might use for each target. */
export const EXAM_ALIASES: Record<string, string[]> = {
  general: ['general appearance', 'appearance', 'general inspection', 'general exam'],
  vitals: ['vital signs', 'vital', 'observations', 'obs', 'blood pressure', 'heart rate', 'pulse', 'temperature', 'oxygen saturation'],
  heent: ['head', 'head and neck', 'face', 'mouth', 'oral', 'nose'],
  eyes: ['eye', 'ophthalmic', 'pupils', 'fundi', 'fundoscopy exam', 'visual fields'],
  ears: ['ear', 'otoscopy', 'tympanic membranes'],
  throat: ['pharynx', 'oropharynx', 'tonsils'],
  neck: ['thyroid', 'jvp', 'jugular venous pressure'],
  lymph: ['lymph nodes', 'lymphatic', 'nodes', 'glands'],
  cardiovascular: ['heart', 'cardiac', 'cvs', 'cardio', 'precordium', 'circulation', 'pulses'],
  respiratory: ['lungs', 'chest', 'lung', 'pulmonary', 'breathing', 'resp', 'chest auscultation'],
  breast: ['breasts'],
  abdomen: ['abdominal', 'belly', 'stomach', 'tummy', 'abdo', 'gi', 'liver', 'spleen'],
  rectal: ['digital rectal exam', 'dre', 'pr', 'rectum', 'prostate'],
  genitourinary: ['genital', 'genitals', 'gu', 'testes', 'testicles', 'scrotum', 'penis', 'external genitalia'],
  pelvic: ['gynecological', 'gynaecological', 'vaginal', 'speculum', 'bimanual', 'pelvis'],
  neuro: ['neurological', 'neurologic', 'cranial nerves', 'reflexes', 'power', 'sensation', 'gait', 'coordination', 'nervous system'],
  'mental-status': ['mental state', 'mental status exam', 'mse', 'psychiatric', 'mood and affect', 'cognition'],
  skin: ['dermatological', 'dermatologic', 'rash', 'integument', 'skin exam'],
  msk: ['musculoskeletal', 'joints', 'joint', 'spine', 'back', 'muscles', 'limbs'],
  extremities: ['legs', 'arms', 'calves', 'feet', 'hands', 'peripheral', 'peripheries'],
};

/**
 * More words for each target, lay and professional, British and American,
 * that `canonicalTarget` accepts (kept apart from `EXAM_ALIASES`, which the
 * NEJM importer also uses to route sentences and so stays strict).
 */
export const EXAM_SYNONYMS: Record<string, string[]> = {
  general: ['overall appearance', 'inspection', 'general examination', 'constitutional', 'general condition', 'general look', 'habitus'],
  vitals: [
    'vitals',
    'obs',
    'bp',
    'hr',
    'pulse rate',
    'respiratory rate',
    'resp rate',
    'rr',
    'temp',
    'sats',
    'spo2',
    'o2 sats',
    'weight',
    'height',
    'bmi',
    'observation chart',
  ],
  heent: [
    'scalp',
    'oral cavity',
    'nasal',
    'sinuses',
    'teeth',
    'dentition',
    'gums',
    'tongue',
    'ent',
    'ear nose and throat',
    'ears nose and throat',
    'head eyes ears nose throat',
    'head and face',
  ],
  eyes: [
    'ocular',
    'fundus',
    'fundoscopy',
    'ophthalmoscopy',
    'visual acuity',
    'eye movements',
    'conjunctiva',
    'conjunctivae',
    'sclera',
    'sclerae',
    'eyelids',
    'lids',
    'slit lamp',
    'vision',
  ],
  ears: ['otoscopic', 'eardrums', 'ear drums', 'ear canals', 'hearing', 'tympanic membrane', 'otological', 'otologic'],
  throat: ['uvula', 'larynx', 'back of the throat', 'tonsillar'],
  neck: ['trachea', 'goitre', 'goiter', 'thyroid gland', 'neck veins'],
  lymph: ['lymphadenopathy', 'lymph node', 'node', 'lymph glands', 'axillae', 'axillary nodes', 'cervical nodes', 'inguinal nodes'],
  cardiovascular: ['heart sounds', 'peripheral pulses', 'cardiovascular system', 'cv', 'cardiac exam', 'auscultate the heart', 'vascular'],
  respiratory: ['breath sounds', 'respiratory system', 'thorax', 'thoracic', 'chest wall', 'lung fields', 'pulmonary exam'],
  breast: ['breast exam', 'breast examination', 'breasts and axillae'],
  abdomen: ['gastrointestinal', 'tum', 'guts', 'hernial orifices', 'abdominal wall', 'liver and spleen', 'gi system'],
  rectal: ['anus', 'anal', 'perianal', 'digital rectal', 'back passage', 'bottom'],
  genitourinary: ['urogenital', 'genitourinary system', 'privates', 'groin', 'testicular', 'scrotal', 'penile', 'urological', 'urologic'],
  pelvic: [
    'obstetric',
    'obstetrical',
    'gyn',
    'gynae',
    'cervix',
    'uterus',
    'adnexa',
    'fundal height',
    'internal',
    'pelvic exam',
    'obstetric exam',
    'gravid uterus',
  ],
  neuro: ['tone', 'strength', 'cns', 'cerebellar', 'motor', 'sensory', 'neurology', 'neurological system', 'plantars', 'romberg'],
  'mental-status': ['mental status', 'mood', 'affect', 'cognitive', 'orientation', 'psych', 'psychiatric exam', 'mini mental', 'behaviour', 'behavior'],
  skin: ['integumentary', 'dermatology', 'lesions', 'nails', 'hair', 'skin and nails', 'complexion', 'colour', 'color'],
  msk: [
    'knee',
    'knees',
    'hip',
    'hips',
    'shoulder',
    'shoulders',
    'elbow',
    'elbows',
    'wrist',
    'wrists',
    'ankle',
    'ankles',
    'lumbar spine',
    'cervical spine',
    'orthopaedic',
    'orthopedic',
    'bones',
    'musculoskeletal system',
    'back and spine',
  ],
  extremities: [
    'leg',
    'arm',
    'lower limbs',
    'upper limbs',
    'lower extremities',
    'upper extremities',
    'foot',
    'hand',
    'calf',
    'toes',
    'fingers',
    'extremity',
    'edema',
    'oedema',
    'ankles and feet',
  ],
};

/** The pseudo-target for a request to examine everything ("physical examination"). */
export const WHOLE_EXAM = 'all';

const WHOLE_EXAM_WORDS = new Set(
  [
    'all',
    'everything',
    'physical',
    'physical examination',
    'physical exam',
    'full examination',
    'full exam',
    'complete examination',
    'complete exam',
    'full physical',
    'full physical examination',
    'complete physical examination',
    'head to toe',
    'head to toe examination',
    'examination',
    'exam',
    'the patient',
    'patient',
    'him',
    'her',
    'them',
    'general physical examination',
    'systems examination',
    'physical examination findings',
    'physical exam findings',
    'examination findings',
    'whole body',
    'all systems',
  ].map(normalize),
);

const TARGET_BY_WORD = new Map<string, string>();
for (const table of [EXAM_SYNONYMS, EXAM_ALIASES]) {
  for (const [target, aliases] of Object.entries(table)) {
    for (const a of [target, ...aliases]) TARGET_BY_WORD.set(normalize(a), target);
  }
}
const MAX_WORDS = Math.max(...[...TARGET_BY_WORD.keys()].map((k) => k.split(' ').length));

// Words around an exam request that do not name a body part ("please listen to his chest").
const REQUEST_FILLER = new Set([
  'request',
  'test',
  'examine',
  'examination',
  'exam',
  'examining',
  'check',
  'checking',
  'look',
  'looking',
  'at',
  'in',
  'into',
  'inside',
  'listen',
  'listening',
  'to',
  'auscultate',
  'auscultation',
  'of',
  'palpate',
  'palpation',
  'feel',
  'inspect',
  'inspection',
  'percuss',
  'percussion',
  'assess',
  'assessment',
  'evaluate',
  'the',
  'his',
  'her',
  'their',
  'patients',
  'patient',
  's',
  'my',
  'your',
  'a',
  'an',
  'please',
  'i',
  'will',
  'would',
  'like',
  'want',
  'to',
  'let',
  'me',
  'lets',
  'do',
  'perform',
  'can',
  'you',
  'could',
  'findings',
  'and',
  'quick',
  'brief',
  'focused',
  'full',
  'thorough',
  'now',
  'next',
  'also',
  'then',
  'over',
  'on',
  'for',
  'signs',
]);

// The knowledge-base doctors read every exam report's target again: the few words doctors use, remembered
// (null for none, as the memory takes undefined for not yet seen).
const firstTarget = memoByString((word: string): string | null => canonicalTargets(word)[0] ?? null, 2000);

/**
 * The canonical exam target a doctor's word names ("heart" -> cardiovascular),
 * or undefined; never the whole exam, so an importer never files a section
 * under it (use `canonicalTargets` to accept "physical examination").
 */
export function canonicalTarget(word: string): string | undefined {
  const first = firstTarget(word);
  return first === null || first === WHOLE_EXAM ? undefined : first;
}

/**
 * The exam targets a free-text request names, in order ("examine his belly"
 * -> abdomen; "listen to the heart and lungs" -> cardiovascular, respiratory;
 * "Physical_Examination" -> all). Empty when it names none.
 */
export function canonicalTargets(request: string): string[] {
  const whole = normalize(request.replace(/_/g, ' '));
  const key = whole.replace(/^(request test|examine|exam of|examination of|check|the)\s+/, '').replace(/\s+(exam|examination)$/, '');
  const direct = TARGET_BY_WORD.get(key) ?? TARGET_BY_WORD.get(whole);
  if (direct) return [direct];
  if (WHOLE_EXAM_WORDS.has(whole) || WHOLE_EXAM_WORDS.has(key)) return [WHOLE_EXAM];
  const words = whole.split(' ').filter(Boolean);
  const out: string[] = [];
  let leftover = false;
  for (let i = 0; i < words.length;) {
    let hit: { target: string; len: number } | undefined;
    for (let len = Math.min(MAX_WORDS, words.length - i); len >= 1; len--) {
      const target = TARGET_BY_WORD.get(words.slice(i, i + len).join(' '));
      if (target) {
        hit = { target, len };
        break;
      }
    }
    if (hit) {
      if (!out.includes(hit.target)) out.push(hit.target);
      i += hit.len;
    } else {
      if (!REQUEST_FILLER.has(words[i])) leftover = true;
      i++;
    }
  }
  if (out.length > 0) return out;
  // Only request words and nothing naming a part: "examine the patient", "REQUEST TEST: Physical_Examination".
  if (!leftover && words.some((w) => ['examine', 'examination', 'exam', 'physical'].includes(w))) return [WHOLE_EXAM];
  if (words.includes('physical') && words.some((w) => w === 'examination' || w === 'exam')) return [WHOLE_EXAM];
  return [];
}

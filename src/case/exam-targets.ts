import { normalize } from '../util/text.js';

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
  'mental-status': 'Calm, cooperative, good eye contact. Speech normal. Mood euthymic, affect congruent. Thought process linear. No perceptual disturbance. Insight intact.',
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

const TARGET_BY_WORD = new Map<string, string>();
for (const [target, aliases] of Object.entries(EXAM_ALIASES)) {
  for (const a of [target, ...aliases]) TARGET_BY_WORD.set(normalize(a), target);
}

/** The canonical exam target a doctor's word names ("heart" -> cardiovascular), or undefined. */
export function canonicalTarget(word: string): string | undefined {
  const key = normalize(word).replace(/^(examine|exam of|examination of|check|the)\s+/, '').replace(/\s+(exam|examination)$/, '');
  return TARGET_BY_WORD.get(key) ?? TARGET_BY_WORD.get(normalize(word));
}

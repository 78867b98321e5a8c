/**
 * Topics of one body system or function. Before the patient denies a topic
 * it answers with the case's facts on a related one: "Are you constipated?"
 * to a patient whose case says "my bowels are normal" is answered with that,
 * never with a "No" the case did not say.
 */
const FAMILIES: string[][] = [
  ['diarrhea', 'constipation', 'bowel habits', 'pale stools'],
  ['blood in stool', 'black stools', 'hematemesis'],
  ['nausea', 'vomiting', 'hematemesis'],
  ['dysuria', 'urinary frequency', 'hematuria', 'urine output', 'polyuria', 'urinary retention', 'dark urine', 'foamy urine'],
  ['weight loss', 'weight gain'],
  ['heat intolerance', 'cold intolerance'],
  ['red eye', 'eye pain', 'eye discharge', 'vision change', 'photophobia', 'flashes and floaters', 'eyelid droop'],
  ['ear pain', 'hearing loss', 'tinnitus', 'ear discharge'],
  ['joint pain', 'joint swelling', 'morning stiffness'],
  ['muscle pain', 'muscle weakness'],
  ['shortness of breath', 'exertional symptoms', 'orthopnea', 'wheeze', 'noisy breathing'],
  ['cough', 'sputum', 'hemoptysis'],
  ['confusion', 'memory'],
  ['headache', 'headache onset'],
  ['sore throat', 'dysphagia', 'voice change'],
  ['nasal symptoms', 'facial pain'],
  ['last menstrual period', 'vaginal bleeding'],
  ['leg swelling', 'calf pain'],
  ['syncope', 'presyncope', 'dizziness'],
  ['rash', 'itching', 'skin lesion'],
  ['mood', 'anhedonia'],
  ['appetite', 'feeding'],
  ['thirst', 'polyuria'],
  ['genital discharge', 'genital sores'],
  ['abdominal pain', 'abdominal swelling'],
  ['abdominal pain', 'pelvic pain', 'flank pain'],
  ['pregnancy', 'last menstrual period', 'contraception'],
  ['bruising or bleeding', 'vaginal bleeding'],
  ['urine output', 'wet nappies'],
  ['fatigue', 'confusion'],
  ['recent illness', 'nasal symptoms', 'sore throat'],
  ['feeding', 'thirst'],
  ['leg swelling', 'joint swelling'],
];

const related = new Map<string, Set<string>>();
for (const family of FAMILIES) {
  for (const t of family) {
    const set = related.get(t) ?? new Set<string>();
    for (const o of family) if (o !== t) set.add(o);
    related.set(t, set);
  }
}

/** The canonical topics related to `topic` (same system), not including itself. */
export function relatedTopics(topic: string): ReadonlySet<string> {
  return related.get(topic) ?? new Set();
}

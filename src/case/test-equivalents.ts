/**
 * Tests that answer for one another when the case holds only one of them.
 * The lab returns the held result labelled as what it is ("Venous blood gas:
 * ..."), never relabelled as the test ordered. Panels whose components overlap
 * (BMP within CMP, liver tests within CMP) need no row: the lab fills a
 * panel's components from any result that holds the same analyte.
 */
export interface Equivalent {
  /** The catalog test ordered. */
  ordered: string;
  /** The result key the case may hold instead, in order of preference. */
  held: string;
  /** Why a clinician would accept the held test as the answer to the order. */
  why: string;
}

export const EQUIVALENTS: readonly Equivalent[] = [
  {
    ordered: 'arterial-blood-gas',
    held: 'venous-blood-gas',
    why: 'Venous pH and bicarbonate track arterial values closely (pH about 0.03 lower, HCO3 about 1 mmol/L higher) and are accepted for acid-base assessment; the label shows that pO2 is venous.',
  },
  {
    ordered: 'venous-blood-gas',
    held: 'arterial-blood-gas',
    why: 'An arterial sample answers every question a venous gas is ordered for (pH, pCO2, bicarbonate, lactate).',
  },
  {
    ordered: 'ct-chest',
    held: 'ct-pulmonary-angiogram',
    why: 'A CT pulmonary angiogram is a contrast CT of the whole chest; lungs, pleura and mediastinum are reported.',
  },
  { ordered: 'ct-chest', held: 'ct-angiography-aorta', why: 'A CT angiogram of the thoracic aorta images the whole chest with contrast.' },
  {
    ordered: 'ct-pulmonary-angiogram',
    held: 'ct-chest',
    why: 'A contrast CT chest shows the central pulmonary arteries; the label shows it was not timed for the pulmonary arteries.',
  },
  { ordered: 'ct-angiography-aorta', held: 'ct-chest', why: 'A contrast CT chest shows the thoracic aorta; the label shows it is not an angiographic study.' },
  {
    ordered: 'ct-abdomen-pelvis',
    held: 'ct-kub',
    why: 'CT abdomen and pelvis without contrast covers the same anatomy; the label shows no contrast was given.',
  },
  {
    ordered: 'ct-kub',
    held: 'ct-abdomen-pelvis',
    why: 'A contrast CT of the abdomen and pelvis shows the kidneys, ureters and bladder; small stones may be masked by contrast, which the label makes plain.',
  },
  {
    ordered: 'ct-head',
    held: 'cta-head-neck',
    why: 'A CT angiogram of the head and neck begins with non-contrast images of the head; the label shows it is the angiographic study.',
  },
  {
    ordered: 'ct-head',
    held: 'mri-brain',
    why: 'An MRI brain answers what a non-contrast CT head is ordered for except acute blood in the first hours, and it is a more sensitive study of the same organ.',
  },
  { ordered: 'cta-head-neck', held: 'ct-head', why: 'A CT angiogram includes the non-contrast head images; the label shows the vessels were not imaged.' },
  {
    ordered: 'ct-abdomen-pelvis',
    held: 'cta-abdomen-pelvis',
    why: 'A CT angiogram of the abdomen and pelvis is a contrast CT of the same anatomy; the label shows it was timed for the arteries.',
  },
  {
    ordered: 'cta-abdomen-pelvis',
    held: 'ct-abdomen-pelvis',
    why: 'A contrast CT of the abdomen and pelvis shows the aorta and its major branches; the label shows it was not timed for the arteries.',
  },
  { ordered: 'ultrasound-ruq', held: 'ultrasound-abdomen', why: 'A complete abdominal ultrasound includes the liver, gallbladder, bile ducts and pancreas.' },
  {
    ordered: 'ultrasound-abdomen',
    held: 'ultrasound-ruq',
    why: 'The right upper quadrant study is the hepatobiliary part of a complete abdominal ultrasound.',
  },
  { ordered: 'ultrasound-renal', held: 'ultrasound-abdomen', why: 'A complete abdominal ultrasound includes both kidneys.' },
  {
    ordered: 'ultrasound-appendix',
    held: 'ultrasound-abdomen',
    why: 'An abdominal ultrasound performed for right lower quadrant pain reports the appendix when seen.',
  },
  {
    ordered: 'ultrasound-pelvis',
    held: 'ultrasound-obstetric',
    why: 'An early obstetric ultrasound is a pelvic (transvaginal or transabdominal) study of the uterus and adnexa.',
  },
  { ordered: 'ultrasound-obstetric', held: 'ultrasound-pelvis', why: 'A pelvic ultrasound in a pregnant patient reports the gestation.' },
  {
    ordered: 'echo-transthoracic',
    held: 'echo-transesophageal',
    why: 'A transoesophageal echo answers the questions of a transthoracic one, with better views of valves and atria.',
  },
  {
    ordered: 'echo-transesophageal',
    held: 'echo-transthoracic',
    why: 'The transthoracic study is the echo the case holds; the label shows it is not transoesophageal.',
  },
  { ordered: 'xray-spine', held: 'mri-spine', why: 'An MRI of the spine shows the bony alignment and vertebrae an x-ray is ordered for.' },
  { ordered: 'holter-monitor', held: 'ecg-12-lead', why: 'The 12-lead ECG is the rhythm record the case holds; the label shows it is a single tracing.' },
  {
    ordered: 'beta-hcg-quantitative',
    held: 'urine-pregnancy-test',
    why: 'A urine hCG answers whether the patient is pregnant; the label shows it is qualitative.',
  },
  { ordered: 'urine-pregnancy-test', held: 'beta-hcg-quantitative', why: 'A serum hCG answers whether the patient is pregnant, more sensitively.' },
  {
    ordered: 'throat-culture',
    held: 'rapid-strep-test',
    why: 'A rapid streptococcal antigen test answers the same question as a throat culture for group A streptococcus.',
  },
  { ordered: 'rapid-strep-test', held: 'throat-culture', why: 'A throat culture is the reference test for group A streptococcus.' },
  { ordered: 'malaria-smear', held: 'peripheral-smear', why: 'A peripheral smear reviewed for parasites reports malaria when present.' },
  { ordered: 'sputum-culture', held: 'sputum-afb', why: 'Both are sputum examinations; the label shows which stains were done.' },
];

/** An analyte that answers for another when the case holds only it (the same injury, measured by a different assay). */
export interface AnalyteEquivalent {
  ordered: string;
  held: string;
  /** What the held analyte is called when it is returned ("Troponin T"). */
  label: string;
  why: string;
}

export const ANALYTE_EQUIVALENTS: readonly AnalyteEquivalent[] = [
  {
    ordered: 'troponin-i',
    held: 'troponin-t',
    label: 'Troponin T',
    why: 'Cardiac troponin T and I rise and fall together with myocardial injury; the label shows which assay was run, because their units and cut-offs differ.',
  },
  {
    ordered: 'troponin-t',
    held: 'troponin-i',
    label: 'Troponin I',
    why: 'Cardiac troponin I and T rise and fall together with myocardial injury; the label shows which assay was run, because their units and cut-offs differ.',
  },
  {
    ordered: 'bnp',
    held: 'nt-probnp',
    label: 'NT-proBNP',
    why: 'NT-proBNP is cleaved from the same prohormone as BNP and answers the same question of ventricular strain; the label shows its own cut-offs apply.',
  },
  {
    ordered: 'nt-probnp',
    held: 'bnp',
    label: 'BNP',
    why: 'BNP answers the same question of ventricular strain as NT-proBNP; the label shows its own cut-offs apply.',
  },
];

/** The analytes the case may hold instead of one ordered, best first. */
export function analyteEquivalentsOf(ordered: string): AnalyteEquivalent[] {
  return ANALYTE_EQUIVALENTS.filter((e) => e.ordered === ordered);
}

/** The held results that may answer an order, best first. */
export function equivalentsOf(ordered: string): Equivalent[] {
  return EQUIVALENTS.filter((e) => e.ordered === ordered);
}

/**
 * The small, hand-checked code tables `rounds ehr generate` draws from. Every
 * ICD-10-CM code here is in the 2025 code set (data/icd10cm; a test checks
 * it); LOINC, SNOMED CT and RxNorm codes were chosen one by one, and a
 * concept that could not be coded with confidence is left out rather than
 * guessed: an uncoded mention stays out of the record.
 */

/** A laboratory analyte: how a case names it, the unit it must be in, its LOINC code and an adult reference range. */
export interface VettedAnalyte {
  /** Case result keys or panel component names (lower case) that mean this analyte. */
  names: readonly string[];
  /** Units (as cases write them) whose number equals the UCUM unit's; any other unit is left out, never converted by guess. */
  units: readonly string[];
  loinc: string;
  display: string;
  /** UCUM unit stored on the Observation. */
  unit: string;
  /** Adult reference range, used when the case's own range cannot be read; [female, male] when they differ. */
  range: readonly [number, number] | { female: readonly [number, number]; male: readonly [number, number] };
  decimals: number;
  /** Checked at routine visits, so the record holds earlier values; acute markers only have the encounter's. */
  routine: boolean;
  /** Problem-list codes (ICD-10-CM category) that make an abnormal value the patient's usual one. */
  chronicWith?: readonly string[];
  /** Changes slowly (months): with a chronic condition, earlier values sit close to today's. */
  slow?: boolean;
}

export const VETTED_ANALYTES: readonly VettedAnalyte[] = [
  { names: ['sodium'], units: ['mmol/l'], loinc: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', range: [136, 144], decimals: 0, routine: true },
  { names: ['potassium'], units: ['mmol/l'], loinc: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', range: [3.6, 4.8], decimals: 1, routine: true },
  { names: ['chloride'], units: ['mmol/l'], loinc: '2075-0', display: 'Chloride [Moles/volume] in Serum or Plasma', unit: 'mmol/L', range: [98, 106], decimals: 0, routine: true },
  { names: ['bicarbonate'], units: ['mmol/l'], loinc: '1963-8', display: 'Bicarbonate [Moles/volume] in Serum or Plasma', unit: 'mmol/L', range: [22, 28], decimals: 0, routine: true },
  { names: ['bun', 'urea nitrogen'], units: ['mg/dl'], loinc: '3094-0', display: 'Urea nitrogen [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [8, 20], decimals: 0, routine: true, chronicWith: ['N18', 'Z94', 'Q61'] },
  {
    names: ['creatinine'],
    units: ['mg/dl'],
    loinc: '2160-0',
    display: 'Creatinine [Mass/volume] in Serum or Plasma',
    unit: 'mg/dL',
    range: { female: [0.6, 1.1], male: [0.7, 1.3] },
    decimals: 1,
    routine: true,
    chronicWith: ['N18', 'Z94', 'Q61'],
  },
  { names: ['glucose'], units: ['mg/dl'], loinc: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [75, 105], decimals: 0, routine: true, chronicWith: ['E11', 'E10'] },
  { names: ['calcium'], units: ['mg/dl'], loinc: '17861-6', display: 'Calcium [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [8.6, 10.2], decimals: 1, routine: true },
  { names: ['magnesium'], units: ['mg/dl'], loinc: '19123-9', display: 'Magnesium [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [1.7, 2.2], decimals: 1, routine: false },
  { names: ['phosphate', 'phosphorus'], units: ['mg/dl'], loinc: '2777-1', display: 'Phosphate [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [2.5, 4.5], decimals: 1, routine: false },
  {
    names: ['hemoglobin', 'haemoglobin'],
    units: ['g/dl'],
    loinc: '718-7',
    display: 'Hemoglobin [Mass/volume] in Blood',
    unit: 'g/dL',
    range: { female: [12, 15.5], male: [13.5, 17.5] },
    decimals: 1,
    routine: true,
    chronicWith: ['D64', 'N18'],
  },
  { names: ['wbc'], units: ['x10^9/l', '10*3/ul', 'x10^3/ul'], loinc: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count', unit: '10*3/uL', range: [4.5, 10], decimals: 1, routine: true },
  { names: ['platelets'], units: ['x10^9/l', '10*3/ul', 'x10^3/ul'], loinc: '777-3', display: 'Platelets [#/volume] in Blood by Automated count', unit: '10*3/uL', range: [170, 350], decimals: 0, routine: true },
  { names: ['mcv'], units: ['fl'], loinc: '787-2', display: 'MCV [Entitic volume] by Automated count', unit: 'fL', range: [82, 98], decimals: 0, routine: true },
  { names: ['alt'], units: ['u/l'], loinc: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', unit: 'U/L', range: [10, 40], decimals: 0, routine: true, chronicWith: ['B18', 'K74'] },
  { names: ['ast'], units: ['u/l'], loinc: '1920-8', display: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', unit: 'U/L', range: [10, 35], decimals: 0, routine: true, chronicWith: ['B18', 'K74'] },
  { names: ['alp', 'alkaline phosphatase'], units: ['u/l'], loinc: '6768-6', display: 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma', unit: 'U/L', range: [45, 115], decimals: 0, routine: true },
  { names: ['total bilirubin'], units: ['mg/dl'], loinc: '1975-2', display: 'Bilirubin.total [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [0.3, 1.0], decimals: 1, routine: true, chronicWith: ['K74'] },
  { names: ['albumin'], units: ['g/dl'], loinc: '1751-7', display: 'Albumin [Mass/volume] in Serum or Plasma', unit: 'g/dL', range: [3.6, 4.8], decimals: 1, routine: true, chronicWith: ['K74'] },
  { names: ['total protein'], units: ['g/dl'], loinc: '2885-2', display: 'Protein [Mass/volume] in Serum or Plasma', unit: 'g/dL', range: [6.2, 7.8], decimals: 1, routine: true },
  { names: ['hba1c'], units: ['%'], loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', unit: '%', range: [4.8, 5.6], decimals: 1, routine: true, chronicWith: ['E11', 'E10'], slow: true },
  { names: ['tsh'], units: ['miu/l', 'uiu/ml', 'mu/l'], loinc: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma', unit: 'm[IU]/L', range: [0.6, 3.5], decimals: 2, routine: true, chronicWith: ['E03', 'E05'] },
  { names: ['total cholesterol'], units: ['mg/dl'], loinc: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [140, 199], decimals: 0, routine: true, chronicWith: ['E78'], slow: true },
  { names: ['hdl'], units: ['mg/dl'], loinc: '2085-9', display: 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [40, 80], decimals: 0, routine: true, chronicWith: ['E78'], slow: true },
  { names: ['triglycerides'], units: ['mg/dl'], loinc: '2571-8', display: 'Triglyceride [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [50, 149], decimals: 0, routine: true, chronicWith: ['E78'], slow: true },
  { names: ['uric-acid', 'uric acid', 'urate'], units: ['mg/dl'], loinc: '3084-1', display: 'Urate [Mass/volume] in Serum or Plasma', unit: 'mg/dL', range: [3.5, 7.0], decimals: 1, routine: true, chronicWith: ['M10'] },
  { names: ['crp'], units: ['mg/l'], loinc: '1988-5', display: 'C reactive protein [Mass/volume] in Serum or Plasma', unit: 'mg/L', range: [0, 5], decimals: 0, routine: false },
  { names: ['esr'], units: ['mm/h', 'mm/hr'], loinc: '30341-2', display: 'Erythrocyte sedimentation rate', unit: 'mm/h', range: [0, 20], decimals: 0, routine: false },
  { names: ['lactate'], units: ['mmol/l'], loinc: '2524-7', display: 'Lactate [Moles/volume] in Serum or Plasma', unit: 'mmol/L', range: [0.5, 2.0], decimals: 1, routine: false },
  { names: ['lipase'], units: ['u/l'], loinc: '3040-3', display: 'Lipase [Enzymatic activity/volume] in Serum or Plasma', unit: 'U/L', range: [10, 60], decimals: 0, routine: false },
  { names: ['ck'], units: ['u/l'], loinc: '2157-6', display: 'Creatine kinase [Enzymatic activity/volume] in Serum or Plasma', unit: 'U/L', range: [30, 200], decimals: 0, routine: false },
  { names: ['bnp'], units: ['pg/ml'], loinc: '30934-4', display: 'Natriuretic peptide B [Mass/volume] in Serum or Plasma', unit: 'pg/mL', range: [0, 100], decimals: 0, routine: false },
  { names: ['ferritin'], units: ['ng/ml'], loinc: '2276-4', display: 'Ferritin [Mass/volume] in Serum or Plasma', unit: 'ng/mL', range: [20, 250], decimals: 0, routine: false },
  { names: ['free-t4'], units: ['ng/dl'], loinc: '3024-7', display: 'Thyroxine (T4) free [Mass/volume] in Serum or Plasma', unit: 'ng/dL', range: [0.8, 1.8], decimals: 2, routine: false },
];

/** A vital sign read from a case's vitals text. */
export const VITAL_CODES = {
  heartRate: { loinc: '8867-4', display: 'Heart rate', unit: '/min' },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]' },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]' },
  respRate: { loinc: '9279-1', display: 'Respiratory rate', unit: '/min' },
  spo2: { loinc: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%' },
  temperature: { loinc: '8310-5', display: 'Body temperature', unit: 'Cel' },
  weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg' },
  height: { loinc: '8302-2', display: 'Body height', unit: 'cm' },
} as const;
export type VitalKey = keyof typeof VITAL_CODES;

/** A past-history condition: the words that name it in a patient's own history, and its codes. */
export interface VettedProblem {
  /** Matched against the normalised clause (lower case, punctuation gone). */
  pattern: RegExp;
  icd10: string;
  snomed?: string;
  display: string;
  /** More general problems this one replaces when both match the same clause (rheumatoid arthritis over arthritis). */
  overrides?: readonly string[];
}

/** Ordered most specific first. Stroke, angina and cancers are left out: their codes need details a history rarely gives (residual deficits, stability, site and stage). */
export const VETTED_PROBLEMS: readonly VettedProblem[] = [
  { pattern: /\btype (2|two) diabet/, icd10: 'E11.9', snomed: '44054006', display: 'Type 2 diabetes mellitus without complications' },
  { pattern: /\btype (1|one) diabet/, icd10: 'E10.9', snomed: '46635009', display: 'Type 1 diabetes mellitus without complications', overrides: ['E11.9'] },
  // ICD-10-CM guideline I.C.4.a.2: diabetes of undocumented type is coded as type 2.
  { pattern: /(?<!(gestational|borderline|pre) )\bdiabet(es|ic)\b(?! insipidus)/, icd10: 'E11.9', snomed: '44054006', display: 'Type 2 diabetes mellitus without complications' },
  { pattern: /\b(high blood pressure|hypertension|blood pressure tablets?|otherwise blood pressure|just blood pressure)\b/, icd10: 'I10', snomed: '59621000', display: 'Essential hypertension' },
  { pattern: /\b(high|raised|elevated) cholesterol\b|\bhyperlipid|\bhypercholesterol/, icd10: 'E78.5', snomed: '55822004', display: 'Hyperlipidemia' },
  { pattern: /\batrial fibrillation\b|\baf\b/, icd10: 'I48.91', snomed: '49436004', display: 'Atrial fibrillation' },
  { pattern: /\bheart failure\b/, icd10: 'I50.9', snomed: '84114007', display: 'Heart failure' },
  { pattern: /\b(had|have had) an? (big |small |mild |minor )?heart attack\b|\bmyocardial infarction\b/, icd10: 'I25.2', snomed: '1755008', display: 'Old myocardial infarction' },
  { pattern: /\bcoronary (artery|heart) disease\b/, icd10: 'I25.10', snomed: '53741008', display: 'Coronary arteriosclerosis' },
  { pattern: /\bperipheral (arterial|vascular) disease\b/, icd10: 'I73.9', display: 'Peripheral vascular disease' },
  { pattern: /\b(underactive thyroid|hypothyroid)/, icd10: 'E03.9', snomed: '40930008', display: 'Hypothyroidism' },
  { pattern: /\b(overactive thyroid|hyperthyroid)/, icd10: 'E05.90', display: 'Thyrotoxicosis' },
  { pattern: /\basthma\b/, icd10: 'J45.909', snomed: '195967001', display: 'Asthma' },
  { pattern: /\bcopd\b|\bchronic obstructive\b/, icd10: 'J44.9', snomed: '13645005', display: 'Chronic obstructive pulmonary disease' },
  { pattern: /\bsleep apno?ea\b/, icd10: 'G47.33', snomed: '78275009', display: 'Obstructive sleep apnea' },
  { pattern: /\b(acid )?reflux\b|\bgord\b|\bgerd\b/, icd10: 'K21.9', snomed: '235595009', display: 'Gastroesophageal reflux disease' },
  { pattern: /\birritable bowel\b|\bibs\b/, icd10: 'K58.9', display: 'Irritable bowel syndrome' },
  { pattern: /\bcrohn/, icd10: 'K50.90', display: "Crohn's disease" },
  { pattern: /\bulcerative colitis\b/, icd10: 'K51.90', display: 'Ulcerative colitis' },
  { pattern: /\bcirrhosis\b/, icd10: 'K74.60', display: 'Cirrhosis of liver' },
  { pattern: /\bhepatitis c\b/, icd10: 'B18.2', snomed: '128302006', display: 'Chronic hepatitis C' },
  { pattern: /\bhiv\b(?! test| negative)/, icd10: 'B20', snomed: '86406008', display: 'Human immunodeficiency virus infection' },
  { pattern: /\b(chronic )?kidney disease stage (3|three)\b|\bckd (stage )?(3|three)\b/, icd10: 'N18.30', snomed: '433144002', display: 'Chronic kidney disease, stage 3', overrides: ['N18.9'] },
  { pattern: /\bchronic kidney disease\b|\bckd\b/, icd10: 'N18.9', snomed: '709044004', display: 'Chronic kidney disease' },
  { pattern: /\bkidney transplant\b|\brenal transplant\b/, icd10: 'Z94.0', display: 'Kidney transplant status' },
  { pattern: /\bpolycystic kidney/, icd10: 'Q61.3', display: 'Polycystic kidney' },
  { pattern: /\bkidney stones?\b|\brenal stones?\b/, icd10: 'Z87.442', display: 'Personal history of urinary calculi' },
  { pattern: /\b(enlarged prostate|benign prostatic)\b|\bbph\b/, icd10: 'N40.0', display: 'Benign prostatic hyperplasia' },
  { pattern: /\bpolycystic ovar/, icd10: 'E28.2', display: 'Polycystic ovary syndrome' },
  { pattern: /\brheumatoid arthritis\b/, icd10: 'M06.9', display: 'Rheumatoid arthritis', overrides: ['M19.90'] },
  { pattern: /\b(osteo)?arthritis\b/, icd10: 'M19.90', snomed: '396275006', display: 'Osteoarthritis' },
  { pattern: /\bgout\b/, icd10: 'M10.9', snomed: '90560007', display: 'Gout' },
  { pattern: /\bosteoporosis\b/, icd10: 'M81.0', display: 'Age-related osteoporosis' },
  { pattern: /\blupus\b/, icd10: 'M32.9', display: 'Systemic lupus erythematosus' },
  { pattern: /\bpsoriasis\b/, icd10: 'L40.9', display: 'Psoriasis' },
  { pattern: /\beczema\b/, icd10: 'L30.9', snomed: '43116000', display: 'Eczema' },
  { pattern: /\bmigraines?\b/, icd10: 'G43.909', snomed: '37796009', display: 'Migraine' },
  { pattern: /\bepilepsy\b/, icd10: 'G40.909', snomed: '84757009', display: 'Epilepsy' },
  { pattern: /\balzheimer/, icd10: 'G30.9', display: "Alzheimer's disease" },
  { pattern: /\bbipolar\b/, icd10: 'F31.9', snomed: '13746004', display: 'Bipolar disorder' },
  { pattern: /\bschizophrenia\b/, icd10: 'F20.9', display: 'Schizophrenia' },
  { pattern: /\bdepression\b/, icd10: 'F32.A', snomed: '35489007', display: 'Depression' },
  { pattern: /\banxiety\b/, icd10: 'F41.9', snomed: '197480006', display: 'Anxiety disorder' },
  { pattern: /\b(anaemia|anemia|anaemic|anemic)\b/, icd10: 'D64.9', display: 'Anemia' },
  { pattern: /\bobes(e|ity)\b/, icd10: 'E66.9', snomed: '414916001', display: 'Obesity' },
  { pattern: /\boverweight\b/, icd10: 'E66.3', display: 'Overweight' },
];

/** A long-term medicine by ingredient: the names a history uses and its RxNorm ingredient code. Acute and over-the-counter medicines (analgesics, antibiotics) are left out: a history's mention of them is not a standing order. */
export const VETTED_MEDICATIONS: ReadonlyArray<{ names: readonly string[]; rxnorm: string; display: string; route: 'oral' | 'subcutaneous' | 'inhaled' }> = [
  { names: ['amlodipine'], rxnorm: '17767', display: 'amlodipine', route: 'oral' },
  { names: ['lisinopril'], rxnorm: '29046', display: 'lisinopril', route: 'oral' },
  { names: ['ramipril'], rxnorm: '35296', display: 'ramipril', route: 'oral' },
  { names: ['losartan'], rxnorm: '52175', display: 'losartan', route: 'oral' },
  { names: ['hydrochlorothiazide'], rxnorm: '5487', display: 'hydrochlorothiazide', route: 'oral' },
  { names: ['indapamide'], rxnorm: '5764', display: 'indapamide', route: 'oral' },
  { names: ['metoprolol'], rxnorm: '6918', display: 'metoprolol', route: 'oral' },
  { names: ['bisoprolol'], rxnorm: '19484', display: 'bisoprolol', route: 'oral' },
  { names: ['carvedilol'], rxnorm: '20352', display: 'carvedilol', route: 'oral' },
  { names: ['propranolol'], rxnorm: '8787', display: 'propranolol', route: 'oral' },
  { names: ['diltiazem'], rxnorm: '3443', display: 'diltiazem', route: 'oral' },
  { names: ['digoxin'], rxnorm: '3407', display: 'digoxin', route: 'oral' },
  { names: ['spironolactone'], rxnorm: '9997', display: 'spironolactone', route: 'oral' },
  { names: ['furosemide', 'frusemide'], rxnorm: '4603', display: 'furosemide', route: 'oral' },
  { names: ['atorvastatin'], rxnorm: '83367', display: 'atorvastatin', route: 'oral' },
  { names: ['simvastatin'], rxnorm: '36567', display: 'simvastatin', route: 'oral' },
  { names: ['rosuvastatin'], rxnorm: '301542', display: 'rosuvastatin', route: 'oral' },
  { names: ['aspirin'], rxnorm: '1191', display: 'aspirin', route: 'oral' },
  { names: ['clopidogrel'], rxnorm: '32968', display: 'clopidogrel', route: 'oral' },
  { names: ['warfarin'], rxnorm: '11289', display: 'warfarin', route: 'oral' },
  { names: ['apixaban'], rxnorm: '1364430', display: 'apixaban', route: 'oral' },
  { names: ['rivaroxaban'], rxnorm: '1114195', display: 'rivaroxaban', route: 'oral' },
  { names: ['metformin'], rxnorm: '6809', display: 'metformin', route: 'oral' },
  { names: ['glipizide'], rxnorm: '4821', display: 'glipizide', route: 'oral' },
  { names: ['sitagliptin'], rxnorm: '593411', display: 'sitagliptin', route: 'oral' },
  { names: ['insulin glargine', 'glargine'], rxnorm: '274783', display: 'insulin glargine', route: 'subcutaneous' },
  { names: ['levothyroxine'], rxnorm: '10582', display: 'levothyroxine', route: 'oral' },
  { names: ['omeprazole'], rxnorm: '7646', display: 'omeprazole', route: 'oral' },
  { names: ['pantoprazole'], rxnorm: '40790', display: 'pantoprazole', route: 'oral' },
  { names: ['allopurinol'], rxnorm: '519', display: 'allopurinol', route: 'oral' },
  { names: ['tamsulosin'], rxnorm: '77492', display: 'tamsulosin', route: 'oral' },
  { names: ['sertraline'], rxnorm: '36437', display: 'sertraline', route: 'oral' },
  { names: ['fluoxetine'], rxnorm: '4493', display: 'fluoxetine', route: 'oral' },
  { names: ['citalopram'], rxnorm: '2556', display: 'citalopram', route: 'oral' },
  { names: ['montelukast'], rxnorm: '88249', display: 'montelukast', route: 'oral' },
  { names: ['prednisolone'], rxnorm: '8638', display: 'prednisolone', route: 'oral' },
  { names: ['tacrolimus'], rxnorm: '42316', display: 'tacrolimus', route: 'oral' },
  { names: ['azathioprine'], rxnorm: '1256', display: 'azathioprine', route: 'oral' },
  { names: ['methotrexate'], rxnorm: '6851', display: 'methotrexate', route: 'oral' },
  { names: ['hydroxychloroquine'], rxnorm: '5521', display: 'hydroxychloroquine', route: 'oral' },
  { names: ['gabapentin'], rxnorm: '25480', display: 'gabapentin', route: 'oral' },
];

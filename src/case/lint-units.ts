/**
 * The analytes the content lint knows, with the names results use for them
 * (component names and catalog test ids) and the units a laboratory reports
 * them in. An analyte not listed here is not unit-checked.
 */
const COUNT = ['x10^9/l', '10^9/l', 'x10^3/ul', '10^3/ul', 'k/ul', '/ul', 'cells/ul', '/mm3', 'cells/mm3'];
const MMOL = ['mmol/l', 'meq/l'];

const TABLE: Array<[names: string, units: string[]]> = [
  ['sodium|na|serum sodium|urine sodium|urine na', MMOL],
  ['potassium|k|serum potassium', MMOL],
  ['chloride|cl', MMOL],
  ['bicarbonate|hco3|total co2|co2|tco2|actual bicarbonate|standard bicarbonate', MMOL],
  ['base excess|be|base deficit', MMOL],
  [
    'glucose|blood glucose|serum glucose|plasma glucose|glucose fingerstick|capillary glucose|fasting glucose|random glucose|1 hour glucose|2 hour glucose|csf glucose|fluid glucose',
    ['mg/dl', 'mmol/l'],
  ],
  ['bun|urea|blood urea nitrogen|urea nitrogen', ['mg/dl', 'mmol/l']],
  ['creatinine|serum creatinine', ['mg/dl', 'umol/l']],
  ['calcium|total calcium|corrected calcium', ['mg/dl', 'mmol/l', 'meq/l']],
  ['ionized calcium|ionised calcium|calcium ionized|ica', ['mmol/l', 'mg/dl']],
  ['magnesium|mg', ['mg/dl', 'mmol/l', 'meq/l']],
  ['phosphate|phosphorus|po4', ['mg/dl', 'mmol/l']],
  ['albumin|serum albumin|total protein|protein total', ['g/dl', 'g/l']],
  ['total bilirubin|bilirubin|direct bilirubin|indirect bilirubin|conjugated bilirubin|bilirubin total|bilirubin direct', ['mg/dl', 'umol/l']],
  [
    'alt|ast|alp|alkaline phosphatase|ggt|gamma gt|ldh|ld|ck|creatine kinase|cpk|lipase|amylase|alanine aminotransferase|aspartate aminotransferase',
    ['u/l', 'iu/l'],
  ],
  ['hemoglobin|haemoglobin|hb|hgb', ['g/dl', 'g/l']],
  ['hematocrit|haematocrit|hct|packed cell volume|pcv', ['%', 'l/l']],
  ['mcv|mean corpuscular volume', ['fl']],
  ['mch', ['pg']],
  ['mchc', ['g/dl', 'g/l']],
  ['rdw', ['%']],
  ['wbc|white cell count|white blood cells|white blood cell count|leukocytes|total white cell count', [...COUNT, '/hpf']],
  ['platelets|platelet count|plt', COUNT],
  [
    'neutrophils|lymphocytes|monocytes|eosinophils|basophils|bands|band neutrophils|blasts|atypical lymphocytes|anc|absolute neutrophil count|alc|absolute lymphocyte count',
    [...COUNT, '%'],
  ],
  ['rbc|red cell count|red blood cells|erythrocytes', ['x10^12/l', '10^12/l', 'x10^6/ul', '10^6/ul', 'm/ul', '/ul', 'cells/ul', '/hpf']],
  ['reticulocytes|reticulocyte count|retic', ['%', 'x10^9/l', '10^9/l']],
  ['ph', ['']],
  ['pco2|paco2|pvco2|po2|pao2|pvo2', ['mmhg', 'kpa']],
  ['lactate|lactic acid', ['mmol/l', 'mg/dl']],
  ['troponin|troponin i|troponin t|hs troponin|troponin i hs|high sensitivity troponin', ['ng/l', 'ng/ml', 'pg/ml']],
  ['bnp|nt probnp|ntprobnp', ['pg/ml', 'ng/l']],
  ['tsh', ['miu/l', 'uiu/ml', 'mu/l']],
  ['free t4|ft4|free thyroxine', ['ng/dl', 'pmol/l']],
  ['free t3|ft3', ['pg/ml', 'pmol/l']],
  ['hba1c|a1c|glycated hemoglobin', ['%', 'mmol/mol']],
  ['crp|c reactive protein', ['mg/l', 'mg/dl']],
  ['esr|erythrocyte sedimentation rate', ['mm/h', 'mm/hr']],
  ['procalcitonin|pct', ['ng/ml', 'ug/l']],
  ['ferritin', ['ng/ml', 'ug/l']],
  ['iron|serum iron|tibc|total iron binding capacity', ['ug/dl', 'umol/l']],
  ['transferrin saturation|tsat', ['%']],
  ['vitamin b12|b12|cobalamin', ['pg/ml', 'pmol/l']],
  ['folate|serum folate', ['ng/ml', 'nmol/l']],
  ['inr|pt inr', ['']],
  ['pt|prothrombin time|ptt|aptt|activated partial thromboplastin time', ['s', 'sec', 'seconds']],
  ['fibrinogen', ['mg/dl', 'g/l']],
  ['d dimer', ['ng/ml feu', 'ug/ml feu', 'mg/l feu', 'ng/ml ddu', 'ng/ml', 'ug/ml', 'mg/l']],
  ['osmolality|serum osmolality|urine osmolality|plasma osmolality', ['mosm/kg', 'mosm/kgh2o', 'mosm/l']],
  ['ammonia', ['umol/l', 'ug/dl']],
  ['uric acid|urate', ['mg/dl', 'umol/l']],
  ['total cholesterol|cholesterol|ldl|hdl|ldl cholesterol|hdl cholesterol|triglycerides', ['mg/dl', 'mmol/l']],
  ['cortisol|cortisol am|morning cortisol', ['ug/dl', 'nmol/l']],
  ['acth', ['pg/ml', 'pmol/l']],
  ['pth|parathyroid hormone', ['pg/ml', 'pmol/l', 'ng/l']],
  ['vitamin d|25 oh vitamin d|25 hydroxyvitamin d', ['ng/ml', 'nmol/l']],
  ['prolactin', ['ng/ml', 'ug/l', 'miu/l']],
  ['beta hcg|beta hcg quantitative|hcg|quantitative hcg', ['miu/ml', 'iu/l']],
  ['psa', ['ng/ml', 'ug/l']],
  ['ethanol|ethanol level|alcohol|blood alcohol', ['mg/dl', 'mmol/l']],
  ['acetaminophen|acetaminophen level|paracetamol', ['ug/ml', 'mg/l', 'umol/l']],
  ['salicylate|salicylate level', ['mg/dl', 'mg/l']],
  ['lithium|lithium level', MMOL],
  ['digoxin|digoxin level', ['ng/ml', 'nmol/l']],
  ['carboxyhemoglobin|carboxyhaemoglobin|cohb|methemoglobin|methaemoglobin|methb', ['%']],
  ['spo2|sao2|pulse oximetry|oxygen saturation|o2 saturation', ['%']],
  ['specific gravity|sg', ['']],
  ['haptoglobin', ['mg/dl', 'g/l']],
  ['c3|c4|complement c3|complement c4', ['mg/dl', 'g/l']],
  ['beta hydroxybutyrate|bhb|3 hydroxybutyrate', ['mmol/l', 'mg/dl']],
  ['tryptase', ['ng/ml', 'ug/l']],
  ['testosterone|total testosterone|testosterone total', ['ng/dl', 'nmol/l']],
];

/** Lower-case words only, so "HCO3-", "hco3" and "HCO₃" meet. */
export function analyteKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/₃/g, '3')
    .replace(/₂/g, '2')
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Spelling-insensitive unit: "µmol/L", "umol/L" and "mcmol/l" are one unit. */
export function unitKey(unit: string): string {
  return (
    unit
      .toLowerCase()
      .replace(/[µμ]/g, 'u')
      .replace(/mcg|mcmol/g, (m) => (m === 'mcg' ? 'ug' : 'umol'))
      .replace(/×/g, 'x')
      .replace(/10⁹/g, '10^9')
      .replace(/10³/g, '10^3')
      .replace(/10¹²/g, '10^12')
      .replace(/10\*(\d+)/g, '10^$1')
      // Units spelled out, as imported datasets often write them: "per cubic millimeter" is /mm3.
      .replace(/\bper\s+/g, '/')
      .replace(/\bcubic\s+millimet(?:er|re)s?\b/g, 'mm3')
      .replace(/\bmicrolit(?:er|re)s?\b/g, 'ul')
      .replace(/\bmillilit(?:er|re)s?\b/g, 'ml')
      .replace(/\bdecilit(?:er|re)s?\b/g, 'dl')
      .replace(/\blit(?:er|re)s?\b/g, 'l')
      .replace(/\s+/g, ' ')
      .replace(/ ?\/ ?/g, '/')
      .replace(/ (?=\^)/g, '')
      .replace(/x ?10/g, 'x10')
      .trim()
  );
}

const BY_NAME = new Map<string, { label: string; units: string[] }>();
for (const [names, units] of TABLE) {
  const label = names.split('|')[0];
  for (const n of names.split('|')) BY_NAME.set(analyteKey(n), { label, units });
}

/** The analyte a component or test is, by name, or undefined when the lint does not know it. */
export function analyteFor(name: string): { label: string; units: string[] } | undefined {
  return BY_NAME.get(analyteKey(name));
}

/** Whether a unit is one the analyte is reported in. */
export function unitAccepted(units: string[], unit: string | undefined): boolean {
  const u = unitKey(unit ?? '');
  return units.some((a) => unitKey(a) === u);
}

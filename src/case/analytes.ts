import type { Case, ResultComponent, ResultFlag } from './schema.js';
import { normalize } from '../util/text.js';
import { isLocalTestKey, localTestName } from './import/local-tests.js';

/** Where a measurement was taken from: the same analyte in urine and in blood are different measurements. */
export type Specimen = 'blood' | 'urine' | 'csf' | 'synovial' | 'pleural' | 'ascitic' | 'stool';

/** Arterial or venous, for the blood-gas quantities whose value depends on the site (pH, pCO2, pO2). */
export type GasSite = 'arterial' | 'venous';

/**
 * Canonical analytes and the names results use for them (component names,
 * abbreviations, British and American spellings). One row per quantity that
 * the lab could report in more than one place.
 */
const ANALYTE_NAMES: Record<string, string[]> = {
  sodium: ['sodium', 'na', 'na+'],
  potassium: ['potassium', 'k', 'k+'],
  chloride: ['chloride', 'cl', 'cl-'],
  bicarbonate: ['bicarbonate', 'hco3', 'hco3-', 'co2', 'total co2', 'tco2', 'bicarb', 'standard bicarbonate', 'carbon dioxide'],
  bun: ['bun', 'urea', 'blood urea nitrogen', 'urea nitrogen'],
  creatinine: ['creatinine', 'cr', 'creat'],
  // A fasting or post-load glucose (OGTT) is a different measurement from a random one and is not listed here.
  glucose: ['glucose', 'blood glucose', 'blood sugar', 'random glucose', 'capillary glucose', 'fingerstick glucose', 'bm'],
  calcium: ['calcium', 'ca', 'total calcium', 'corrected calcium'],
  'ionized-calcium': ['ionized calcium', 'ionised calcium', 'ica', 'free calcium'],
  magnesium: ['magnesium', 'mg'],
  phosphate: ['phosphate', 'phosphorus', 'phos', 'po4'],
  albumin: ['albumin', 'alb'],
  'total-protein': ['total protein', 'protein total'],
  alt: ['alt', 'alanine aminotransferase', 'alanine transaminase', 'sgpt'],
  ast: ['ast', 'aspartate aminotransferase', 'aspartate transaminase', 'sgot'],
  alp: ['alp', 'alkaline phosphatase', 'alk phos'],
  ggt: ['ggt', 'gamma glutamyl transferase', 'gamma gt'],
  'total-bilirubin': ['total bilirubin', 'bilirubin', 'bilirubin total', 't bili', 'tbili'],
  'direct-bilirubin': ['direct bilirubin', 'conjugated bilirubin', 'bilirubin direct', 'd bili'],
  hemoglobin: ['hemoglobin', 'haemoglobin', 'hb', 'hgb', 'thb'],
  hematocrit: ['hematocrit', 'haematocrit', 'hct', 'pcv'],
  wbc: [
    'wbc',
    'white blood cell count',
    'white blood cells',
    'white blood cell',
    'white cell count',
    'wcc',
    'leukocytes',
    'leukocyte count',
    'leucocytes',
    'total leukocyte count',
    'wbc count',
  ],
  platelets: ['platelets', 'platelet count', 'plt', 'plts'],
  mcv: ['mcv', 'mean corpuscular volume', 'mean cell volume'],
  neutrophils: ['neutrophils', 'anc', 'absolute neutrophil count', 'neutrophil count'],
  lymphocytes: ['lymphocytes', 'lymphocyte count'],
  monocytes: ['monocytes', 'monocyte count'],
  eosinophils: ['eosinophils', 'eosinophil count', 'eos'],
  basophils: ['basophils', 'basophil count'],
  iron: ['iron', 'serum iron', 'fe'],
  tibc: ['tibc', 'total iron binding capacity'],
  tsat: ['transferrin saturation', 'tsat', 'iron saturation'],
  lactate: ['lactate', 'lactic acid'],
  ph: ['ph'],
  pco2: ['pco2', 'paco2', 'pvco2'],
  po2: ['po2', 'pao2', 'pvo2'],
  spo2: ['spo2', 'oxygen saturation', 'o2 saturation', 'o2 sat', 'sao2', 'saturation', 'pulse oximetry'],
  'base-excess': ['base excess', 'be'],
  'troponin-i': ['troponin i', 'troponin', 'hs troponin i', 'high sensitivity troponin i', 'tni', 'hstni', 'hs ctni', 'ctni'],
  'troponin-t': ['troponin t', 'hs troponin t', 'high sensitivity troponin t', 'tnt', 'hstnt', 'hs ctnt', 'ctnt'],
  bnp: ['bnp', 'b type natriuretic peptide', 'brain natriuretic peptide'],
  'nt-probnp': ['nt probnp', 'ntprobnp', 'n terminal pro bnp'],
  ck: ['ck', 'cpk', 'creatine kinase', 'creatine phosphokinase', 'total ck'],
  lipase: ['lipase'],
  amylase: ['amylase'],
  ammonia: ['ammonia', 'nh3'],
  'uric-acid': ['uric acid', 'urate'],
  'serum-osmolality': ['osmolality', 'serum osmolality', 'plasma osmolality', 'osm'],
  'beta-hydroxybutyrate': ['beta hydroxybutyrate', 'bhb', 'beta ohb', '3 hydroxybutyrate', 'blood ketones', 'serum ketones'],
  hba1c: ['hba1c', 'a1c', 'hemoglobin a1c', 'haemoglobin a1c', 'glycated hemoglobin', 'glycated haemoglobin'],
  tsh: ['tsh', 'thyroid stimulating hormone', 'thyrotropin'],
  'free-t4': ['free t4', 'ft4', 'free thyroxine'],
  'free-t3': ['free t3', 'ft3', 'free triiodothyronine'],
  crp: ['crp', 'c reactive protein'],
  esr: ['esr', 'erythrocyte sedimentation rate', 'sed rate'],
  procalcitonin: ['procalcitonin', 'pct'],
  inr: ['inr'],
  pt: ['pt', 'prothrombin time'],
  ptt: ['ptt', 'aptt', 'activated partial thromboplastin time', 'partial thromboplastin time'],
  fibrinogen: ['fibrinogen'],
  'd-dimer': ['d dimer', 'ddimer'],
  ldh: ['ldh', 'lactate dehydrogenase'],
  haptoglobin: ['haptoglobin'],
  ferritin: ['ferritin'],
  'vitamin-b12': ['vitamin b12', 'b12', 'cobalamin'],
  folate: ['folate', 'folic acid'],
  reticulocytes: ['reticulocytes', 'reticulocyte count', 'retic', 'retics'],
  'total-cholesterol': ['total cholesterol', 'cholesterol'],
  ldl: ['ldl', 'ldl cholesterol'],
  hdl: ['hdl', 'hdl cholesterol'],
  triglycerides: ['triglycerides', 'tg'],
  cortisol: ['cortisol', 'morning cortisol', 'am cortisol'],
  pth: ['pth', 'parathyroid hormone'],
  'vitamin-d': ['vitamin d', '25 hydroxy vitamin d', '25 oh vitamin d'],
  psa: ['psa', 'prostate specific antigen'],
  'beta-hcg': ['beta hcg', 'hcg', 'b hcg', 'quantitative hcg'],
  ethanol: ['ethanol', 'alcohol', 'blood alcohol'],
  acetaminophen: ['acetaminophen', 'paracetamol'],
  salicylate: ['salicylate', 'salicylates', 'aspirin'],
  carboxyhemoglobin: ['carboxyhemoglobin', 'carboxyhaemoglobin', 'cohb', 'hbco'],
  methemoglobin: ['methemoglobin', 'methaemoglobin', 'methb'],
};

// Words that pad an analyte name without changing the quantity ("serum sodium", "potassium level").
const PADDING = new Set(['serum', 'plasma', 'level', 'levels', 'concentration', 'value', 'blood', 'whole', 'venous', 'arterial', 'measured', 'calculated']);

const BY_NAME = new Map<string, string>();
for (const [id, names] of Object.entries(ANALYTE_NAMES)) for (const n of names) BY_NAME.set(normalize(n), id);

/** The canonical analyte a result or component name means ("K" -> potassium, "Total CO2" -> bicarbonate), or undefined. */
export function analyteOf(name: string): string | undefined {
  const n = normalize(name);
  const hit = BY_NAME.get(n);
  if (hit) return hit;
  const stripped = n
    .split(' ')
    .filter((w) => !PADDING.has(w))
    .join(' ');
  return BY_NAME.get(stripped);
}

/** Single-value catalog tests and the analyte each reports (the rest are panels, texts or qualitative). */
const TEST_ANALYTE: Record<string, string> = {
  magnesium: 'magnesium',
  phosphate: 'phosphate',
  'calcium-ionized': 'ionized-calcium',
  lipase: 'lipase',
  amylase: 'amylase',
  lactate: 'lactate',
  ammonia: 'ammonia',
  'uric-acid': 'uric-acid',
  ck: 'ck',
  'troponin-i-hs': 'troponin-i',
  bnp: 'bnp',
  'serum-osmolality': 'serum-osmolality',
  'beta-hydroxybutyrate': 'beta-hydroxybutyrate',
  hba1c: 'hba1c',
  tsh: 'tsh',
  'free-t4': 'free-t4',
  'free-t3': 'free-t3',
  'glucose-fingerstick': 'glucose',
  'pulse-oximetry': 'spo2',
  esr: 'esr',
  crp: 'crp',
  procalcitonin: 'procalcitonin',
  fibrinogen: 'fibrinogen',
  'd-dimer': 'd-dimer',
  haptoglobin: 'haptoglobin',
  ldh: 'ldh',
  ferritin: 'ferritin',
  'vitamin-b12': 'vitamin-b12',
  folate: 'folate',
  'reticulocyte-count': 'reticulocytes',
  ptt: 'ptt',
  'cortisol-am': 'cortisol',
  pth: 'pth',
  'vitamin-d': 'vitamin-d',
  psa: 'psa',
  'beta-hcg-quantitative': 'beta-hcg',
  'ethanol-level': 'ethanol',
  'acetaminophen-level': 'acetaminophen',
  'salicylate-level': 'salicylate',
};

/** The analyte a single-value catalog test reports, or undefined for panels and reports. */
export function analyteOfTest(testId: string): string | undefined {
  return TEST_ANALYTE[testId];
}

/** Blood-gas quantities whose value depends on where the blood was drawn. */
export const SITE_DEPENDENT = new Set(['ph', 'pco2', 'po2']);

/** The specimen a result key measures: test ids and local test names say so ("urinalysis", "local:csf-protein"). */
export function specimenOf(key: string): Specimen {
  const k = isLocalTestKey(key) ? normalize(localTestName(key)) : normalize(key.replace(/-/g, ' '));
  if (/\b(urine|urinary|urinalysis|ua|uosm)\b/.test(k)) return 'urine';
  if (/\b(csf|cerebrospinal|lumbar puncture|spinal fluid)\b/.test(k)) return 'csf';
  if (/\b(synovial|joint fluid|arthrocentesis)\b/.test(k)) return 'synovial';
  if (/\b(pleural|thoracentesis)\b/.test(k)) return 'pleural';
  if (/\b(ascitic|ascites|peritoneal|paracentesis)\b/.test(k)) return 'ascitic';
  if (/\b(stool|fecal|faecal)\b/.test(k)) return 'stool';
  return 'blood';
}

/** Arterial or venous for a blood-gas result key, undefined for anything else. */
export function gasSiteOf(key: string): GasSite | undefined {
  const k = normalize(key.replace(/-/g, ' '));
  if (/\b(arterial|abg)\b/.test(k)) return 'arterial';
  if (/\b(venous|vbg)\b/.test(k)) return 'venous';
  return undefined;
}

/** One measurement the case holds. */
export interface HeldValue {
  analyte: string;
  specimen: Specimen;
  site?: GasSite;
  /** Where it is: the result key and, for a panel, the component name; `exam:<fact id>` for a vital sign. */
  from: string;
  component?: string;
  value: number | string;
  unit?: string;
  flag?: ResultFlag;
  range?: string;
}

// Cases do not change during an encounter; every order of the same case reads the same list.
const heldCache = new WeakMap<object, HeldValue[]>();

/** Every measurement the case holds, by canonical analyte: result values, panel components and vital signs in exam text. */
export function heldValues(kase: Pick<Case, 'results' | 'facts'>): HeldValue[] {
  const cached = heldCache.get(kase);
  if (cached) return cached;
  const out: HeldValue[] = [];
  for (const [key, r] of Object.entries(kase.results)) {
    const specimen = specimenOf(key);
    const site = gasSiteOf(key);
    const own = isLocalTestKey(key) ? analyteOf(localTestName(key)) : analyteOfTest(key);
    if (own && r.value !== undefined) out.push({ analyte: own, specimen, from: key, value: r.value, unit: r.unit, flag: r.flag, range: r.range });
    for (const [name, c] of Object.entries(r.components ?? {})) {
      const analyte = analyteOf(name);
      if (!analyte) continue;
      out.push({
        analyte,
        specimen,
        ...(site && SITE_DEPENDENT.has(analyte) ? { site } : {}),
        from: key,
        component: name,
        value: c.value,
        unit: c.unit,
        flag: c.flag,
        range: c.range,
      });
    }
  }
  for (const f of kase.facts) {
    if (f.category !== 'exam') continue;
    const spo2 = f.answer.match(/\b(?:SpO2|SaO2|O2 sat(?:uration)?|oxygen saturation|sats?)\b[^0-9%]{0,12}(\d{2,3})\s*%/i);
    if (spo2)
      out.push({ analyte: 'spo2', specimen: 'blood', from: `exam:${f.id}`, value: Number(spo2[1]), unit: '%', flag: Number(spo2[1]) < 95 ? 'low' : 'normal' });
  }
  // A panel's measurement is preferred to a bedside one of the same analyte (lab glucose over a fingerstick).
  out.sort((a, b) => Number(a.component === undefined) - Number(b.component === undefined));
  heldCache.set(kase, out);
  return out;
}

/** The leading number of a value ("15.2", "< 3", "81,000 /mm3"), or undefined for a word value. */
export function numberOf(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const m = value.replace(/(\d),(\d{3})\b/g, '$1$2').match(/-?\d+(?:\.\d+)?/);
  return m ? Number(m[0]) : undefined;
}

/** Positive or negative for a qualitative value ("Negative", "non-reactive", "4+"), or undefined. */
export function polarityOf(value: number | string): 'positive' | 'negative' | undefined {
  if (typeof value === 'number') return undefined;
  const t = normalize(value);
  if (/^(negative|neg|not detected|non ?reactive|nonreactive|absent|none|nil)\b/.test(t)) return 'negative';
  if (/^(positive|pos|detected|reactive|present|trace|[1-4] ?\+?)\b/.test(t) || /^\d\+/.test(value.trim())) return 'positive';
  return undefined;
}

/** A component as the case holds it, to stand in a template's place. */
export function componentFrom(v: HeldValue): ResultComponent {
  return { value: v.value, ...(v.unit ? { unit: v.unit } : {}), ...(v.flag ? { flag: v.flag } : {}), ...(v.range ? { range: v.range } : {}) };
}

/** Direction of a flag: the case's judgement of a value, used where numbers are not comparable. */
export function flagDirection(flag: ResultFlag | undefined): 'low' | 'high' | 'normal' | 'abnormal' | undefined {
  if (!flag) return undefined;
  if (flag === 'low' || flag === 'critical-low') return 'low';
  if (flag === 'high' || flag === 'critical-high') return 'high';
  if (flag === 'normal' || flag === 'negative') return 'normal';
  return 'abnormal';
}

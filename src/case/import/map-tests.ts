import type { Catalog } from '../catalog.js';
import type { Result, ResultComponent, ResultFlag } from '../schema.js';
import { normalize } from '../../util/text.js';
import { LOCAL_PREFIX } from './local-tests.js';
import { flattenValue, humanize, isRecord, slugify } from './text.js';

/** Test results mapped to catalog ids (or `local:*` keys) and where each came from. */
export interface MappedTests {
  results: Record<string, Result>;
  /** Field paths kept as free-text case-local tests because the catalog has no such test. */
  localTests: string[];
}

// Words a group or test name may carry without naming a different test.
const GENERIC = new Set([
  'serum', 'plasma', 'blood', 'level', 'levels', 'test', 'tests', 'examination', 'exam', 'analysis', 'study', 'studies',
  'result', 'results', 'findings', 'peripheral', 'screen', 'screening', 'panel', 'measurement', 'assay', 'total', 'report',
]);

// Other names AgentClinic cases use for catalog panel components.
const COMPONENT_SYNONYMS: Record<string, string[]> = {
  WBC: ['white blood cell count', 'white blood cells', 'white blood cell', 'wbc count', 'leukocyte count', 'leukocytes', 'white cell count', 'wbcs'],
  Hemoglobin: ['hb', 'hgb', 'haemoglobin'],
  Platelets: ['platelet count', 'plt', 'platelet'],
  MCV: ['mean corpuscular volume'],
  Sodium: ['na'],
  Potassium: ['k'],
  Chloride: ['cl'],
  Bicarbonate: ['hco3', 'co2', 'total co2', 'bicarb'],
  BUN: ['blood urea nitrogen', 'urea', 'urea nitrogen'],
  Creatinine: ['cr', 'creat'],
  Glucose: ['blood glucose', 'blood sugar', 'random glucose', 'serum glucose'],
  ALT: ['alanine aminotransferase', 'alanine transaminase', 'sgpt'],
  AST: ['aspartate aminotransferase', 'aspartate transaminase', 'sgot'],
  ALP: ['alkaline phosphatase', 'alk phos'],
  'Total bilirubin': ['bilirubin', 'bilirubin total', 'serum bilirubin'],
  'Direct bilirubin': ['conjugated bilirubin', 'bilirubin direct'],
  'Total cholesterol': ['cholesterol'],
  LDL: ['ldl cholesterol'],
  HDL: ['hdl cholesterol'],
};

// Which panel a loose component belongs to, by the group it was found in; blood panels otherwise.
const CONTEXTS: Array<[RegExp, string[]]> = [
  [/\burin/, ['urinalysis']],
  [/\bcsf\b|cerebrospinal|lumbar/, ['lumbar-puncture']],
  [/pleural/, ['thoracentesis']],
  [/ascit|peritoneal/, ['paracentesis']],
  [/synovial|joint fluid|arthrocent/, ['arthrocentesis']],
  [/arterial|\babg\b/, ['arterial-blood-gas']],
  [/venous gas|\bvbg\b/, ['venous-blood-gas']],
];
const BLOOD_PANELS = ['cbc', 'bmp', 'liver-panel', 'lipid-panel', 'pt-inr', 'iron-studies', 'cmp', 'arterial-blood-gas'];

function componentKey(text: string): string {
  return normalize(text)
    .split(' ')
    .filter((w) => w && !['serum', 'plasma', 'level', 'levels'].includes(w))
    .join(' ');
}

const indexes = new WeakMap<Catalog, Map<string, Array<{ testId: string; name: string }>>>();

function componentIndex(catalog: Catalog): Map<string, Array<{ testId: string; name: string }>> {
  let index = indexes.get(catalog);
  if (index) return index;
  index = new Map();
  for (const t of catalog.tests) {
    for (const name of Object.keys(t.normal.components ?? {})) {
      for (const phrase of [name, ...(COMPONENT_SYNONYMS[name] ?? [])]) {
        const k = componentKey(phrase);
        index.set(k, [...(index.get(k) ?? []), { testId: t.id, name }]);
      }
    }
  }
  indexes.set(catalog, index);
  return index;
}

/** The catalog test a whole name means, when it means exactly one and nothing else but padding. */
export function resolveWhole(catalog: Catalog, name: string): string | undefined {
  const r = catalog.resolve(humanize(name));
  const ids = [...new Set(r.tests.map((t) => t.id))];
  if (ids.length !== 1) return undefined;
  const leftover = r.unrecognised.flatMap((u) => u.split(' ')).filter((w) => w && !GENERIC.has(w));
  return leftover.length === 0 ? ids[0] : undefined;
}

/** The catalog panel component a name means, given the group it sits in, or undefined. */
function resolveComponent(catalog: Catalog, name: string, context: string, panel?: string): { testId: string; name: string } | undefined {
  const hits = componentIndex(catalog).get(componentKey(humanize(name))) ?? [];
  if (hits.length === 0) return undefined;
  if (panel) return hits.find((h) => h.testId === panel);
  const ctx = normalize(context.replace(/_/g, ' '));
  const preferred = CONTEXTS.find(([re]) => re.test(ctx))?.[1] ?? BLOOD_PANELS;
  for (const id of preferred) {
    const hit = hits.find((h) => h.testId === id);
    if (hit) return hit;
  }
  return undefined;
}

/** A component value: a number with a unit when the text is just that ("12.5 g/dL"), the text otherwise. */
function componentOf(text: string): ResultComponent {
  const m = text.trim().match(/^(-?\d+(?:\.\d+)?)\s*([A-Za-zµμ%/^][A-Za-z0-9µμ%/^.·*×\s]{0,15})?$/);
  const flag = flagOf(text);
  if (m) return { value: Number(m[1]), ...(m[2] ? { unit: m[2].trim() } : {}), ...(flag ? { flag } : {}) };
  return { value: text.trim(), ...(flag ? { flag } : {}) };
}

/** A flag only when the text says so plainly at its start ("Positive for...", "Elevated at..."). */
function flagOf(text: string): ResultFlag | undefined {
  const t = normalize(text);
  if (/^(positive|detected|reactive)\b/.test(t)) return 'positive';
  if (/^(negative|not detected|non reactive|nonreactive)\b/.test(t)) return 'negative';
  if (/^(normal|within normal limits|unremarkable)\b/.test(t)) return 'normal';
  if (/^(elevated|high|increased|raised)\b/.test(t)) return 'high';
  if (/^(low|decreased|reduced)\b/.test(t)) return 'low';
  return undefined;
}

/**
 * Flattens AgentClinic's nested Test_Results (groups named Blood_Tests,
 * Blood_Work, Laboratory_Tests, Imaging... or named after a panel) into
 * results keyed by catalog id; components of one panel are merged, and a test
 * the catalog does not know is kept as a free-text `local:*` test.
 */
export function mapTests(input: { tests: unknown; catalog: Catalog; path?: string }): MappedTests {
  const { catalog } = input;
  const out: MappedTests = { results: {}, localTests: [] };
  const addText = (id: string, text: string) => {
    if (!text) return;
    const r = (out.results[id] ??= {} as Result);
    r.text = r.text ? `${r.text} ${text}` : text;
    const flag = flagOf(text);
    if (flag && !r.components && r.flag === undefined) r.flag = flag;
  };
  const addComponent = (id: string, name: string, text: string) => {
    if (!text) return;
    const r = (out.results[id] ??= {} as Result);
    delete r.flag;
    (r.components ??= {})[name] = componentOf(text);
  };
  const addLocal = (path: string, name: string, value: unknown) => {
    const id = `${LOCAL_PREFIX}${slugify(humanize(name))}`;
    out.localTests.push(path);
    addText(id, flattenValue(value));
  };

  const visit = (path: string, name: string, value: unknown, context: string, panel?: string): void => {
    if (isRecord(value)) {
      const whole = resolveWhole(catalog, name);
      const children = Object.entries(value);
      const others = children.filter(([k]) => {
        const id = resolveWhole(catalog, k);
        return id !== undefined && id !== whole && !(whole && resolveComponent(catalog, k, name, whole));
      });
      if (whole && others.length === 0) {
        const hasComponents = catalog.get(whole)?.normal.components !== undefined;
        if (!hasComponents) return addText(whole, flattenValue(value));
        for (const [k, v] of children) {
          const comp = resolveComponent(catalog, k, name, whole);
          addComponent(whole, comp?.name ?? humanize(k), flattenValue(v));
        }
        return;
      }
      const nextPanel = whole && catalog.get(whole)?.normal.components ? whole : undefined;
      for (const [k, v] of children) visit(`${path}.${k}`, k, v, `${context} ${name}`, nextPanel);
      return;
    }
    const text = flattenValue(value);
    if (!text) return;
    if (panel) {
      const comp = resolveComponent(catalog, name, context, panel);
      if (comp) return addComponent(panel, comp.name, text);
    }
    const whole = resolveWhole(catalog, name);
    if (whole) return addText(whole, text);
    const comp = resolveComponent(catalog, name, `${context} ${name}`);
    if (comp) return addComponent(comp.testId, comp.name, text);
    if (panel) return addComponent(panel, humanize(name), text);
    addLocal(path, name, text);
  };

  const base = input.path ?? 'Test_Results';
  if (isRecord(input.tests)) for (const [k, v] of Object.entries(input.tests)) visit(`${base}.${k}`, k, v, '');
  return out;
}

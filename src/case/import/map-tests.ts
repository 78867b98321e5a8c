import type { Catalog } from '../catalog.js';
import type { Result } from '../schema.js';
import { normalize } from '../../util/text.js';
import { LOCAL_PREFIX } from './local-tests.js';
import { isManagementKey, stripManagement } from './management.js';
import { isGenericChild, resolveTestName } from './test-names.js';
import { componentOf, flagOf } from './values.js';
import { flattenValue, humanize, isRecord, slugify } from './text.js';

/** A source field left out of the case, with the reason printed in the import report. */
export interface Dropped {
  path: string;
  reason: string;
}

/** Test results mapped to catalog ids (or `local:*` keys) and where each came from. */
export interface MappedTests {
  results: Record<string, Result>;
  /** Field paths kept as free-text case-local tests because the catalog has no such test. */
  localTests: string[];
  /** Field paths that became results (catalog or local), one per source value. */
  mapped: string[];
  /** How many results or components carry a flag read from the source text. */
  flags: number;
  /** Fields left out (management text), with the reason. */
  dropped: Dropped[];
}

/** The catalog test a whole name means, when it means exactly one and nothing else but padding. */
export function resolveWhole(catalog: Catalog, name: string): string | undefined {
  return resolveTestName(catalog, name);
}

// Other names AgentClinic cases use for catalog panel components.
const COMPONENT_SYNONYMS: Record<string, string[]> = {
  WBC: [
    'white blood cell count',
    'white blood cells',
    'white blood cell',
    'wbc count',
    'leukocyte count',
    'leukocytes',
    'white cell count',
    'wbcs',
    'total leukocyte count',
  ],
  Hemoglobin: ['hb', 'hgb', 'haemoglobin'],
  Platelets: ['platelet count', 'plt', 'platelet', 'platelet counts', 'thrombocytes'],
  MCV: ['mean corpuscular volume'],
  'HAV IgM': ['anti hav igm', 'hepatitis a igm', 'hepatitis a virus igm', 'igm anti hav', 'hav igm antibody'],
  HBsAg: ['hepatitis b surface antigen', 'hbs antigen', 'hbs ag'],
  'Anti-HBc IgM': ['anti hbc igm', 'hepatitis b core igm', 'igm anti hbc', 'hbc igm'],
  'HCV antibody': ['anti hcv', 'hepatitis c antibody', 'hcv ab'],
  Eosinophils: ['eosinophil count', 'absolute eosinophil count', 'eosinophil', 'eos'],
  Neutrophils: ['neutrophil count', 'absolute neutrophil count', 'anc', 'neutrophil'],
  Lymphocytes: ['lymphocyte count', 'absolute lymphocyte count', 'lymphocyte'],
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
  [/synovial|joint|arthrocent|knee (fluid|aspirat)/, ['arthrocentesis']],
  [/arterial|\babg\b/, ['arterial-blood-gas']],
  [/venous gas|\bvbg\b/, ['venous-blood-gas']],
];
const BLOOD_PANELS = ['cbc', 'bmp', 'liver-panel', 'lipid-panel', 'pt-inr', 'iron-studies', 'cmp', 'arterial-blood-gas'];

// A group naming a body fluid or specimen other than blood: its counts are never blood counts.
const FLUID =
  /\b(fluid|aspirate|aspiration|tap|effusion|lavage|bal|sputum|stool|fecal|faecal|semen|amniotic|vitreous|drain|wound|swab|csf|urine|pleural|ascitic|synovial|bronchoalveolar|marrow|biopsy|tissue|specimen)\b/;

// Words that together name a container of tests ("Blood_Tests", "Laboratory_Results", "Imaging") rather than one test.
const CONTAINER_WORDS = new Set([
  'blood',
  'serum',
  'laboratory',
  'lab',
  'labs',
  'other',
  'others',
  'additional',
  'special',
  'routine',
  'initial',
  'further',
  'more',
  'tests',
  'test',
  'testing',
  'work',
  'workup',
  'investigations',
  'investigation',
  'studies',
  'study',
  'results',
  'result',
  'findings',
  'imaging',
  'radiology',
  'serology',
  'biochemistry',
  'chemistry',
  'chemistries',
  'hematology',
  'haematology',
  'microbiology',
  'diagnostics',
  'diagnostic',
  'bloods',
  'panels',
  'and',
  'general',
  'basic',
  'relevant',
  'pertinent',
  'key',
  'notable',
  'of',
  'the',
]);

/** Whether a group name only collects tests ("Blood_Tests", "Imaging", "Laboratory_Results"). */
function isContainer(name: string): boolean {
  const words = normalize(name.replace(/_/g, ' ')).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  // A plural head ("Electrodiagnostic_Studies", "Urine_Tests") collects several tests; "TORCH_Screen" is one.
  return words.every((w) => CONTAINER_WORDS.has(w)) || PLURAL_HEADS.has(words[words.length - 1]);
}
const PLURAL_HEADS = new Set([
  'tests',
  'studies',
  'investigations',
  'labs',
  'results',
  'findings',
  'workup',
  'work',
  'imaging',
  'panels',
  'bloods',
  'serologies',
]);

function componentKey(text: string): string {
  return normalize(text)
    .split(' ')
    .filter((w) => w && !['serum', 'plasma', 'level', 'levels', 'count'].includes(w))
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
        for (const k of new Set([componentKey(phrase), normalize(phrase)])) {
          if (!k) continue;
          const list = index.get(k) ?? [];
          if (!list.some((h) => h.testId === t.id)) index.set(k, [...list, { testId: t.id, name }]);
        }
      }
    }
  }
  indexes.set(catalog, index);
  return index;
}

/** The catalog panel component a name means, given the group it sits in, or undefined. */
export function resolveComponent(catalog: Catalog, name: string, context: string, panel?: string): { testId: string; name: string } | undefined {
  const index = componentIndex(catalog);
  const hits = index.get(componentKey(humanize(name))) ?? index.get(normalize(humanize(name))) ?? [];
  if (hits.length === 0) return undefined;
  if (panel) return hits.find((h) => h.testId === panel);
  const ctx = normalize(context.replace(/_/g, ' '));
  const fluid = CONTEXTS.find(([re]) => re.test(ctx))?.[1];
  // A count from a fluid the catalog has no panel for stays with its own test, never in the blood count.
  if (!fluid && FLUID.test(ctx)) return undefined;
  for (const id of fluid ?? BLOOD_PANELS) {
    const hit = hits.find((h) => h.testId === id);
    if (hit) return hit;
  }
  // A name only one panel has ("HBsAg") belongs to it wherever it is listed, fluids aside.
  return !fluid && new Set(hits.map((h) => h.testId)).size === 1 ? hits[0] : undefined;
}

/**
 * Flattens AgentClinic's nested Test_Results (groups named Blood_Tests,
 * Blood_Work, Laboratory_Tests, Imaging... or named after a panel) into
 * results keyed by catalog id. Every result keeps its own test: a value under
 * a generic label ("Findings", "Result", "Level") belongs to the test that
 * holds it, a test the catalog does not know is kept as a `local:*` test named
 * by its group and key, a body-fluid count never lands in a blood panel, and a
 * component already filled from another place is never overwritten.
 */
export function mapTests(input: { tests: unknown; catalog: Catalog; path?: string }): MappedTests {
  const { catalog } = input;
  const out: MappedTests = { results: {}, localTests: [], mapped: [], flags: 0, dropped: [] };
  const origin = new Map<string, string>();

  const clean = (path: string, raw: string): string => {
    const s = stripManagement(raw);
    if (s.removed) out.dropped.push({ path, reason: `${s.removed} management or follow-up sentence${s.removed === 1 ? '' : 's'} left out` });
    return s.text;
  };
  const localId = (name: string) => `${LOCAL_PREFIX}${slugify(humanize(name))}`;
  const addText = (id: string, path: string, text: string) => {
    if (!text) return;
    const existing = out.results[id];
    // A second, different test that lands on the same key keeps its own key.
    if (existing && origin.get(id) !== undefined && !sameTest(origin.get(id)!, path) && id.startsWith(LOCAL_PREFIX)) {
      const own = localId(path.split('.').slice(-2).join(' '));
      if (own !== id) return addText(own, path, text);
    }
    const fresh = out.results[id] === undefined;
    const r = (out.results[id] ??= {} as Result);
    origin.set(id, origin.get(id) ?? path);
    // A test that reports one number ("980 U/L (high)") keeps it as a value with its unit.
    const single = fresh && !catalog.get(id)?.normal.components ? componentOf(text) : undefined;
    if (single && typeof single.value === 'number' && single.unit) {
      Object.assign(r, single);
      if (single.flag) out.flags++;
      out.mapped.push(path);
      if (id.startsWith(LOCAL_PREFIX)) out.localTests.push(path);
      return;
    }
    r.text = r.text ? `${r.text} ${text}` : text;
    const flag = flagOf(text);
    if (flag && !r.components && r.flag === undefined) {
      r.flag = flag;
      out.flags++;
    }
    out.mapped.push(path);
    if (id.startsWith(LOCAL_PREFIX)) out.localTests.push(path);
  };
  const addComponent = (id: string, name: string, path: string, text: string, group: string): void => {
    if (!text) return;
    const r = out.results[id];
    const prior = r?.components?.[name];
    if (prior !== undefined && String(prior.value) === String(componentOf(text).value)) {
      out.mapped.push(path);
      return;
    }
    if (prior !== undefined) {
      // Already filled from another source (a fluid count beside the blood count): its own test.
      const own = localId(group || path.split('.').slice(-2, -1)[0] || name);
      if (own !== id) return addComponent(own, name, path, text, '');
      return addText(localId(path.split('.').slice(-2).join(' ')), path, `${name}: ${text}`);
    }
    const res = (out.results[id] ??= {} as Result);
    if (res.flag !== undefined && res.text === undefined) delete res.flag;
    const c = componentOf(text);
    if (c.flag) out.flags++;
    (res.components ??= {})[name] = c;
    origin.set(id, origin.get(id) ?? path);
    out.mapped.push(path);
    if (id.startsWith(LOCAL_PREFIX)) out.localTests.push(path);
  };

  // The test a name means in its group: its own name, or the group's words around it ("Biopsy" + "Lymph node").
  const testFor = (name: string, group: string): string | undefined =>
    resolveTestName(catalog, name) ??
    (group && !isContainer(group)
      ? (resolveTestName(catalog, `${humanize(name)} ${humanize(group)}`) ?? resolveTestName(catalog, `${humanize(group)} ${humanize(name)}`))
      : undefined);
  const localFor = (name: string, group: string) =>
    localId(group && !isContainer(group) && !normalize(name).includes(normalize(humanize(group))) ? `${humanize(group)} ${humanize(name)}` : name);

  const visit = (path: string, name: string, value: unknown, context: string, group: string, panel?: string): void => {
    if (isManagementKey(name)) {
      out.dropped.push({ path, reason: 'management or follow-up text' });
      return;
    }
    if (isRecord(value)) {
      const children = Object.entries(value).filter(([k]) => {
        if (!isManagementKey(k)) return true;
        out.dropped.push({ path: `${path}.${k}`, reason: 'management or follow-up text' });
        return false;
      });
      if (children.length === 0) return;
      const whole = testFor(name, group);
      // A report split under generic labels ("Findings", "Impression") is one result of the test that holds it.
      if (children.every(([k]) => isGenericChild(k))) {
        const text = children
          .map(([k, v], i) => {
            const t = clean(`${path}.${k}`, flattenValue(v));
            return t && (i === 0 && /^findings?|results?$/i.test(k) ? t : `${humanize(k)}: ${t}`);
          })
          .filter(Boolean)
          .map((t) => (/[.!?]$/.test(t) ? t : `${t}.`))
          .join(' ');
        return addText(whole ?? localFor(name, group), path, text);
      }
      const others = children.filter(([k]) => {
        const id = resolveTestName(catalog, k);
        return id !== undefined && id !== whole && !(whole && resolveComponent(catalog, k, name, whole));
      });
      if (whole && others.length === 0) {
        const hasComponents = catalog.get(whole)?.normal.components !== undefined;
        if (!hasComponents) return addText(whole, path, clean(path, flattenValue(Object.fromEntries(children))));
        for (const [k, v] of children) {
          if (isGenericChild(k) || isRecord(v)) {
            addText(whole, `${path}.${k}`, clean(`${path}.${k}`, flattenValue(isGenericChild(k) ? v : { [k]: v })));
            continue;
          }
          const comp = resolveComponent(catalog, k, name, whole);
          addComponent(whole, comp?.name ?? humanize(k), `${path}.${k}`, clean(`${path}.${k}`, flattenValue(v)), name);
        }
        return;
      }
      // A named test the catalog lacks whose parts are all its own values: one local test with components.
      if (
        !whole &&
        !isContainer(name) &&
        children.every(([k, v]) => !isRecord(v) && !resolveTestName(catalog, k) && !resolveComponent(catalog, k, `${context} ${name}`))
      ) {
        const id = localFor(name, group);
        for (const [k, v] of children) {
          const text = clean(`${path}.${k}`, flattenValue(v));
          if (isGenericChild(k)) addText(id, `${path}.${k}`, text);
          else addComponent(id, humanize(k), `${path}.${k}`, text, name);
        }
        return;
      }
      const nextPanel = whole && catalog.get(whole)?.normal.components ? whole : undefined;
      for (const [k, v] of children) visit(`${path}.${k}`, k, v, `${context} ${name}`, isContainer(name) ? group : name, nextPanel);
      return;
    }
    const text = clean(path, flattenValue(value));
    if (!text) return;
    if (panel) {
      const comp = resolveComponent(catalog, name, context, panel);
      if (comp) return addComponent(panel, comp.name, path, text, group);
    }
    // "Result" or "Level" directly under a test belongs to that test.
    if (isGenericChild(name)) {
      // Even under a plain container ("Blood_Tests": { "Result": ... }) the value is named by what holds it.
      const owner = group || path.split('.').slice(-2, -1)[0];
      if (owner && !isGenericChild(owner)) return addText(testFor(owner, '') ?? localId(owner), path, text);
    }
    const whole = testFor(name, group);
    if (whole) return addText(whole, path, text);
    const comp = resolveComponent(catalog, name, `${context} ${group} ${name}`);
    if (comp) return addComponent(comp.testId, comp.name, path, text, group);
    if (panel) return addComponent(panel, humanize(name), path, text, group);
    addText(localFor(name, group), path, text);
  };

  const base = input.path ?? 'Test_Results';
  if (isRecord(input.tests)) for (const [k, v] of Object.entries(input.tests)) visit(`${base}.${k}`, k, v, '', '');
  return out;
}

/** Whether two source paths are parts of one test (one is inside the other's group). */
function sameTest(a: string, b: string): boolean {
  const pa = a.split('.').slice(0, -1).join('.');
  const pb = b.split('.').slice(0, -1).join('.');
  return pa === pb || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

import type { Catalog } from '../catalog.js';
import type { Result } from '../schema.js';
import { normalize } from '../../util/text.js';
import { LOCAL_PREFIX } from './local-tests.js';
import { resolveComponent } from './map-tests.js';
import { listItems } from './role-play.js';
import { GENERIC, resolveTestName } from './test-names.js';
import { componentOf, flagOf } from './values.js';
import { slugify, splitSentences } from './text.js';

/** Words that make a sentence a test or procedure report rather than a bedside finding. */
export const TEST_WORDS =
  /\b(laborator\w*|labs?\b|lab tests?|levels?|counts?|biops\w*|ct\b|computed tomography|mri\b|magnetic resonance|radiograph\w*|x-?rays?|ultraso\w*|sonograph\w*|echocardiogra\w*|electrocardiogra\w*|ecg|ekg|scan|cultures?|stain\w*|smears?|serolog\w*|antibod\w*|antigen|assay|electrophoresis|immunofixation|histopatholog\w*|patholog\w*|cytolog\w*|endoscop\w*|colonoscop\w*|bronchoscop\w*|laryngoscop\w*|dermoscop\w*|angiogra\w*|catheteri[sz]ation|tests?|testing|pcr|sequencing|immunohistochem\w*|aspirate|aspiration|lavage|urinalysis|panel|tit(?:er|re)|spirometr\w*|eeg|emg|imaging|microscop\w*|specimen|igg|igm|iga|ige|viral load|cd4|serum|plasma|gammopathy|eosinophilia|anemia|anaemia|hemolysis|haemolysis|thrombocytopenia|leukocytosis|leukopenia|lymphocytosis|neutropenia|hyponatremia|hypokalemia|hypercalcemia|hypoglycemia|hyperglycemia)\b/i;

// A text that says it holds no readings ("The provided text does not include specific instrument readings...").
const NONE =
  /\b(does not (?:include|contain|mention|provide)|no (?:specific )?(?:instrument readings|numerical|test results)|cannot (?:generate|extract)|there are no (?:instrument readings|test results))\b/i;
// A sentence that introduces the list ("The information extracted ... includes:", "... are as follows:").
const INTRO =
  /(information (?:extracted|provided)|relevant to instrument readings|instrument readings and test results|are as follows|as follows:?$|for the patient (?:are|include))/i;

// Qualitative blood findings and the panel component each states.
const QUALITATIVE: Array<[RegExp, string, string, 'high' | 'low']> = [
  [/\beosinophilia\b|\bhypereosinophilia\b/i, 'cbc', 'Eosinophils', 'high'],
  [/\banemia\b|\banaemia\b/i, 'cbc', 'Hemoglobin', 'low'],
  [/\bthrombocytopenia\b/i, 'cbc', 'Platelets', 'low'],
  [/\bthrombocytosis\b/i, 'cbc', 'Platelets', 'high'],
  [/\bleukocytosis\b/i, 'cbc', 'WBC', 'high'],
  [/\bleukopenia\b/i, 'cbc', 'WBC', 'low'],
  [/\blymphocytosis\b/i, 'cbc', 'Lymphocytes', 'high'],
  [/\bneutropenia\b/i, 'cbc', 'Neutrophils', 'low'],
  [/\bhyponatr[a]?emia\b/i, 'bmp', 'Sodium', 'low'],
  [/\bhypokal[a]?emia\b/i, 'bmp', 'Potassium', 'low'],
  [/\bhyperkal[a]?emia\b/i, 'bmp', 'Potassium', 'high'],
];

/** Results and findings read from a free-text findings field, with what was left out. */
export interface ParsedFindings {
  results: Record<string, Result>;
  /** Sentences that describe a bedside examination, not a test. */
  exam: string[];
  dropped: Array<{ text: string; reason: string }>;
  /** How many values became results (catalog or local). */
  mapped: number;
}

/** Analyte-value pairs in a clause ("AST 250 U/L", "platelet count of 45,000 per cubic millimeter"). */
function labValues(catalog: Catalog, clause: string, context: string): Array<{ testId: string; name: string; text: string }> {
  const out: Array<{ testId: string; name: string; text: string }> = [];
  const re =
    /([A-Za-z][A-Za-z0-9 /-]{0,60}?)\s*(?:level|count|concentration)?\s*(?:of|was|were|is|at|:|=)?\s*((?:(?:less|lower|greater|more|higher) than|below|above|<|>|≤|≥)?\s*(?<![A-Za-z0-9.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:[A-Za-zµμ%/^][A-Za-z0-9µμ%/^.·*×]*)(?:\s+per\s+[a-z ]+?(?=\s|$|[,;.(]))?)?(?:\s*\([^()]{2,60}\))*)/g;
  for (const m of clause.matchAll(re)) {
    const words = normalize(m[1])
      .split(' ')
      .filter((w) => w && !['and', 'the', 'a', 'an', 'with', 'showed', 'revealed', 'level', 'count', 'was', 'of'].includes(w));
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      const name = words.slice(-n).join(' ');
      const comp = resolveComponent(catalog, name, context);
      const value = m[2].trim().replace(/\.$/, '');
      if (comp) {
        out.push({ testId: comp.testId, name: comp.name, text: value });
        break;
      }
      const whole = resolveTestName(catalog, name);
      if (whole && !catalog.get(whole)?.normal.components) {
        out.push({ testId: whole, name: '', text: value });
        break;
      }
    }
  }
  return out;
}

/** The test a label or sentence names: a catalog test, or a case-local test named by its own words. */
function testOf(catalog: Catalog, name: string): string | undefined {
  const whole = resolveTestName(catalog, name);
  if (whole) return whole;
  const r = catalog.resolve(name);
  if (
    r.tests.length === 1 &&
    r.unrecognised
      .join(' ')
      .split(' ')
      .filter((w) => w && !GENERIC.has(w)).length <= 2
  )
    return r.tests[0].id;
  return undefined;
}

function localKey(name: string): string {
  const words = normalize(name)
    .split(' ')
    .filter((w) => w && !GENERIC.has(w) && !['include', 'includes', 'indicated', 'notable', 'for', 'showed', 'present'].includes(w));
  return `${LOCAL_PREFIX}${slugify(words.slice(0, 6).join(' ') || name)}`;
}

/**
 * Reads a findings text that mixes tests and examination (AgentClinic NEJM's
 * `physical_exams`, or sentences of a vignette): list entries are kept whole;
 * "Name: value" entries and sentences naming a test become that test's result
 * (catalog id, panel component, or a `local:*` test named by its own words, or
 * by the list heading it sits under); analyte values inside a sentence ("AST
 * 250 U/L and ALT 310 U/L") become panel components; stated blood findings
 * ("peripheral eosinophilia") become flagged components; sentences with no
 * test in them are examination findings. A text that says it holds no readings
 * is dropped with that reason.
 */
export function parseFindingsText(input: { text: string; catalog: Catalog; sentences?: boolean }): ParsedFindings {
  const { catalog } = input;
  const out: ParsedFindings = { results: {}, exam: [], dropped: [], mapped: 0 };
  const text = input.text.trim();
  if (!text) return out;
  if (NONE.test(text) && !/:\s*\S/.test(text.replace(/^[^:]*:/, ''))) {
    out.dropped.push({ text, reason: 'says it holds no test results' });
    return out;
  }
  const addText = (id: string, t: string) => {
    const r = (out.results[id] ??= {} as Result);
    r.text = r.text ? `${r.text} ${t}` : t;
    const flag = flagOf(t);
    if (flag && r.flag === undefined && !r.components) r.flag = flag;
    out.mapped++;
  };
  const addValue = (id: string, name: string, t: string) => {
    const r = (out.results[id] ??= {} as Result);
    const c = componentOf(t);
    if (name) {
      if (r.components?.[name] === undefined) (r.components ??= {})[name] = c;
    } else if (r.value === undefined && r.text === undefined) {
      Object.assign(r, c.unit === undefined && typeof c.value === 'string' ? { text: String(c.value), ...(c.flag ? { flag: c.flag } : {}) } : c);
    } else addText(id, t);
    out.mapped++;
  };

  // Entries: list items, and within a plain paragraph its sentences.
  const entries: string[] = [];
  for (const item of listItems(text)) {
    // A heading glued to the end of the previous entry ("... (reference range, 40-200) Urinalysis:").
    const glued = item.match(/^(.*\S)\s+([A-Z][A-Za-z ()-]{2,40}:)$/s);
    const parts = glued && !/:\s*$/.test(glued[1]) ? [glued[1], glued[2]] : [item];
    for (const p of parts) for (const s of /:\s*\S/.test(p) && !input.sentences ? [p] : splitSentences(p)) entries.push(s);
  }

  let heading = '';
  for (const entry0 of entries) {
    const entry = entry0.trim();
    if (!entry) continue;
    if (INTRO.test(entry)) {
      out.dropped.push({ text: entry, reason: 'introduces the list' });
      continue;
    }
    if (/^[A-Z][^:]{1,60}:$/.test(entry)) {
      heading = entry.slice(0, -1);
      continue;
    }
    const labelled = entry.match(/^([A-Z][^:]{1,70}):\s+(.+)$/s);
    if (labelled) {
      const label = labelled[1];
      const value = labelled[2].trim().replace(/\.$/, '');
      // A panel component by name wins ("Hepatitis B surface antigen" is the panel's HBsAg).
      const comp = resolveComponent(catalog, label, heading);
      const id = comp ? undefined : testOf(catalog, label);
      if (comp) {
        addValue(comp.testId, comp.name, value);
        continue;
      }
      // A labelled part under a heading that names a test ("Urinalysis: - Hematuria: Present") is that test's part.
      const under = heading ? testOf(catalog, heading) : undefined;
      if (!id && under) {
        if (catalog.get(under)?.normal.components) addValue(under, label, value);
        else addText(under, `${label}: ${/[.!?]$/.test(value) ? value : `${value}.`}`);
        continue;
      }
      if (id) {
        const values = catalog.get(id)?.normal.components ? labValues(catalog, value, label).filter((v) => v.testId === id) : [];
        if (values.length) for (const v of values) addValue(v.testId, v.name, v.text);
        else if (!catalog.get(id)?.normal.components && componentOf(value).unit !== undefined) addValue(id, '', value);
        else addText(id, /[.!?]$/.test(value) ? value : `${value}.`);
        continue;
      }
      addText(localKey(label), /[.!?]$/.test(value) ? value : `${value}.`);
      continue;
    }
    const values = labValues(catalog, entry, heading);
    for (const v of values) addValue(v.testId, v.name, v.text);
    if (values.length) continue;
    const qual = QUALITATIVE.filter(([re]) => re.test(entry));
    if (qual.length && !/\b(biops|stain|smear|culture|scan|ct\b|mri)\b/i.test(entry)) {
      for (const [, testId, name, flag] of qual) {
        if (!catalog.get(testId)?.normal.components?.[name]) continue;
        const r = (out.results[testId] ??= {} as Result);
        (r.components ??= {})[name] ??= { value: entry.replace(/\.$/, ''), flag };
        out.mapped++;
      }
      continue;
    }
    const named = testOf(catalog, entry) ?? catalog.resolve(entry).tests[0]?.id;
    if (named && TEST_WORDS.test(entry)) {
      addText(named, /[.!?]$/.test(entry) ? entry : `${entry}.`);
      continue;
    }
    if (heading || TEST_WORDS.test(entry)) {
      addText(
        heading ? (testOf(catalog, heading) ?? localKey(heading)) : localKey(entry.split(/\s+(?:showed|revealed|was|were|is|demonstrated)\b/i)[0]),
        /[.!?]$/.test(entry) ? entry : `${entry}.`,
      );
      continue;
    }
    out.exam.push(entry);
  }
  return out;
}

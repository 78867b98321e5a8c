import type { Case, Result, ResultComponent } from './schema.js';
import type { CatalogTest } from './catalog-schema.js';
import type { Catalog } from './catalog.js';
import { normalize } from '../util/text.js';
import { isLocalTestKey, localTestName } from './import/local-tests.js';
import {
  SITE_DEPENDENT,
  analyteOf,
  analyteOfTest,
  componentFrom,
  flagDirection,
  gasSiteOf,
  heldValues,
  numberOf,
  polarityOf,
  specimenOf,
  type HeldValue,
} from './analytes.js';
import { analyteEquivalentsOf, equivalentsOf } from './test-equivalents.js';
import { TEST_REGIONS } from './body-regions.js';
import { ANALYTE_WORDS, DEPENDS, TEST_WORDS } from './test-concerns.js';
import { caseFindings, findingsInRegions, heartRateOf, mentionsAny, type Finding } from './case-findings.js';

/** How the lab answered an order; recorded in the `result` event. */
export type LabDecision =
  | 'case' // the case's own result for this test (by id or by a case-local test's name)
  | 'component' // one analyte the case holds inside another result (potassium from the BMP)
  | 'equivalent' // the nearest equivalent the case holds, labelled as what it is
  | 'assembled' // a panel whose every component the case holds elsewhere (BMP from a CMP)
  | 'synthetic' // the catalog's normal template, checked against the case
  | 'adjusted' // a template with case values substituted or contradicting parts left out
  | 'withheld'; // nothing consistent with the case could be returned

/** The lab's answer to one order. */
export interface LabAnswer {
  decision: LabDecision;
  /** What the doctor sees the result called ("Venous blood gas", "Potassium (basic metabolic panel)"). */
  name: string;
  result: Result;
  /** Case result keys the answer came from. */
  resolvedFrom?: string[];
  /** Why, in one sentence, for the event log. */
  reason: string;
}

export const WITHHELD_TEXT = 'Result not available for this case.';

function nameOf(catalog: Catalog, key: string): string {
  return catalog.get(key)?.name ?? (isLocalTestKey(key) ? localTestName(key) : key);
}

function sourceLabel(catalog: Catalog, v: HeldValue): string {
  return v.from.startsWith('exam:') ? 'recorded with the vital signs' : nameOf(catalog, v.from);
}

// Words a local test's name may carry around the test it names ("CT chest findings", "ceruloplasmin level").
const GENERIC = new Set([
  'serum',
  'plasma',
  'blood',
  'level',
  'levels',
  'test',
  'tests',
  'result',
  'results',
  'finding',
  'findings',
  'report',
  'study',
  'studies',
  'scan',
  'analysis',
  'value',
  'values',
  'assay',
  'measurement',
  'panel',
  'screen',
]);

/** The case-local result whose name means exactly this catalog test, if any. */
function localFor(kase: Pick<Case, 'results'>, catalog: Catalog, testId: string): string | undefined {
  for (const key of Object.keys(kase.results)) {
    if (!isLocalTestKey(key)) continue;
    const r = catalog.resolve(localTestName(key));
    const ids = [...new Set(r.tests.map((t) => t.id))];
    if (ids.length !== 1 || ids[0] !== testId) continue;
    if (r.unrecognised.flatMap((u) => u.split(' ')).every((w) => !w || GENERIC.has(w))) return key;
  }
  return undefined;
}

/** The held values of an analyte in a specimen; for site-dependent gas quantities, only those from the same site. */
function held(values: readonly HeldValue[], analyte: string, specimen: string, site?: string): HeldValue[] {
  return values.filter((v) => v.analyte === analyte && v.specimen === specimen && (!SITE_DEPENDENT.has(analyte) || !site || !v.site || v.site === site));
}

/**
 * The case's own answer to an order, before any template is considered: the
 * result by id, a case-local test of the same name, the analyte held inside
 * another result, the nearest equivalent study, or a panel whose every
 * component the case holds. Undefined when the case holds none of these.
 */
export function answerFromCase({ kase, catalog, test }: { kase: Pick<Case, 'results' | 'facts'>; catalog: Catalog; test: CatalogTest }): LabAnswer | undefined {
  const own = kase.results[test.id];
  if (own) return { decision: 'case', name: test.name, result: own, resolvedFrom: [test.id], reason: 'The case lists this test.' };
  const local = localFor(kase, catalog, test.id);
  if (local)
    return {
      decision: 'case',
      name: test.name,
      result: kase.results[local],
      resolvedFrom: [local],
      reason: `The case lists this test as "${localTestName(local)}".`,
    };
  const values = heldValues(kase);
  const specimen = specimenOf(test.id);
  const analyte = analyteOfTest(test.id);
  if (analyte) {
    const hit = held(values, analyte, specimen)[0];
    if (hit) {
      return {
        decision: 'component',
        name: `${hit.component ?? test.name} (${sourceLabel(catalog, hit)})`,
        result: componentFrom(hit),
        resolvedFrom: [hit.from],
        reason: `The case holds this analyte in ${hit.from}${hit.component ? ` (${hit.component})` : ''}.`,
      };
    }
    for (const e of analyteEquivalentsOf(analyte)) {
      const alt = held(values, e.held, specimen).find((v) => !v.from.startsWith('exam:'));
      if (!alt) continue;
      return {
        decision: 'equivalent',
        name: alt.component ? `${alt.component} (${sourceLabel(catalog, alt)})` : e.label,
        result: componentFrom(alt),
        resolvedFrom: [alt.from],
        reason: `The case holds ${e.held} in ${alt.from}${alt.component ? ` (${alt.component})` : ''}, the nearest equivalent: ${e.why}`,
      };
    }
  }
  for (const e of equivalentsOf(test.id)) {
    const r = kase.results[e.held];
    if (r)
      return {
        decision: 'equivalent',
        name: nameOf(catalog, e.held),
        result: r,
        resolvedFrom: [e.held],
        reason: `The case holds ${e.held}, the nearest equivalent: ${e.why}`,
      };
  }
  const template = test.normal.components;
  if (template) {
    const site = gasSiteOf(test.id);
    const components: Record<string, ResultComponent> = {};
    const from = new Set<string>();
    for (const name of Object.keys(template)) {
      const a = analyteOf(name);
      const hit = a ? held(values, a, specimen, site).find((v) => !v.from.startsWith('exam:')) : undefined;
      if (!hit) return undefined;
      components[name] = componentFrom(hit);
      from.add(hit.from);
    }
    return {
      decision: 'assembled',
      name: test.name,
      result: { components },
      resolvedFrom: [...from],
      reason: `Every component is held by the case (${[...from].join(', ')}).`,
    };
  }
  return undefined;
}

/**
 * The case's answer to a free-text order naming one analyte the catalog
 * does not sell alone ("potassium", "serum sodium"), when the case holds it.
 */
export function answerAnalyteFromCase({
  kase,
  catalog,
  request,
}: {
  kase: Pick<Case, 'results' | 'facts'>;
  catalog: Catalog;
  request: string;
}): (LabAnswer & { key: string }) | undefined {
  const text = normalize(request).replace(/^(a|an|the|please|order|check|get|send)\s+/g, '');
  const analyte = analyteOf(text);
  if (!analyte) return undefined;
  const hit = heldValues(kase).find((v) => v.analyte === analyte && v.specimen === 'blood' && !v.from.startsWith('exam:'));
  if (!hit) return undefined;
  return {
    key: hit.from,
    decision: 'component',
    name: `${hit.component ?? nameOf(catalog, hit.from)} (${nameOf(catalog, hit.from)})`,
    result: componentFrom(hit),
    resolvedFrom: [hit.from],
    reason: `The case holds this analyte in ${hit.from}${hit.component ? ` (${hit.component})` : ''}.`,
  };
}

/** Whether a held value is abnormal by its flag, or by its range when it has no flag. */
export function isAbnormalValue(v: { value: number | string; flag?: string; range?: string }): boolean {
  const dir = flagDirection(v.flag as never);
  if (dir) return dir !== 'normal';
  const n = numberOf(v.value);
  const m = v.range?.match(/(-?\d+(?:\.\d+)?)\s*[-–]\s*(-?\d+(?:\.\d+)?)/);
  if (n !== undefined && m && typeof v.value === 'number') return n < Number(m[1]) || n > Number(m[2]);
  return polarityOf(v.value) === 'positive';
}

/** pH from bicarbonate (mmol/L) and pCO2 (mmHg) by Henderson-Hasselbalch. */
export function hendersonPh(hco3: number, pco2mmHg: number): number {
  return 6.1 + Math.log10(hco3 / (0.0307 * pco2mmHg));
}

function pco2InMmHg(c: ResultComponent): number | undefined {
  const n = numberOf(c.value);
  if (n === undefined) return undefined;
  return /kpa/i.test(c.unit ?? '') ? n * 7.5 : n;
}

// A heart finding that is only the rate ("tachycardic", "sinus tachycardia").
const RATE_ONLY = /^(sinus )?(tachycardi[ac]|bradycardi[ac])\w*( at \d+( min)?)?$/;
const NORMAL_RHYTHM = /^Normal sinus rhythm at \d+\/min\./;

/**
 * An ECG for a case whose only cardiac finding is its heart rate: the normal
 * tracing at the case's rate. With no rhythm finding or arrhythmia named in the
 * case, a fast or slow rate is read as sinus; anything more is withheld.
 */
function rateOnlyEcg(test: CatalogTest, hits: readonly Finding[], hr: number): LabAnswer | undefined {
  const text = test.normal.text ?? '';
  if (!NORMAL_RHYTHM.test(text) || !hits.every((h) => RATE_ONLY.test(h.text))) return undefined;
  if (hr >= 60 && hr <= 100 && hits.length === 0) return undefined;
  const rhythm = hr > 100 ? 'Sinus tachycardia' : hr < 60 ? 'Sinus bradycardia' : 'Normal sinus rhythm';
  return {
    decision: 'adjusted',
    name: test.name,
    result: { text: text.replace(NORMAL_RHYTHM, `${rhythm} at ${hr}/min.`) },
    reason: `The normal tracing at the heart rate the case records (${hr}/min); the case has no other cardiac finding.`,
  };
}

/** Serum osmolality calculated from held sodium, glucose and urea (2 Na + glucose/18 + BUN/2.8, mg/dL), or undefined without a sodium. */
export function calculatedOsmolality(values: readonly HeldValue[]): number | undefined {
  const first = (a: string) => values.find((v) => v.analyte === a && v.specimen === 'blood' && typeof v.value === 'number');
  const na = first('sodium');
  if (!na) return undefined;
  const glu = first('glucose');
  const bun = first('bun');
  const g = glu ? (/mmol/i.test(glu.unit ?? '') ? (glu.value as number) : (glu.value as number) / 18) : 5;
  const u = bun ? (/mmol/i.test(bun.unit ?? '') ? (bun.value as number) : (bun.value as number) / 2.8) : 5;
  return 2 * (na.value as number) + g + u;
}

/** The first finding that concerns a test, for the reason line. */
function describe(f: Finding): string {
  return `${f.source}: "${f.text}"`;
}

function concernedBy(findings: readonly Finding[], words: readonly string[] | undefined): Finding | undefined {
  if (!words || words.length === 0) return undefined;
  return findings.find((f) => mentionsAny(f.text, words));
}

function mentionsTest(findings: readonly Finding[], test: CatalogTest): Finding | undefined {
  const phrases = [test.name, ...test.aliases].map(normalize).filter((p) => (p.length >= 4 && p.includes(' ')) || /^[a-z0-9]{4,}$/.test(normalize(p)));
  return findings.find((f) => f.source !== 'diagnosis' && phrases.some((p) => ` ${f.text} `.includes(` ${p} `)));
}

/**
 * Checks a result the case does not hold (the catalog's normal template, or a
 * model's synthesis) against everything the case holds, before it is shown:
 * analytes the case holds elsewhere take the case's value; components a
 * related abnormal value or a named condition contradicts are left out; a gas
 * whose pH, pCO2 and bicarbonate cannot agree, or a study of a body region
 * with a finding in the case, is withheld.
 */
export function checkSynthetic({
  kase,
  catalog: _catalog,
  test,
  result,
  template = true,
}: {
  kase: Pick<Case, 'results' | 'facts' | 'diagnosis'>;
  catalog: Catalog;
  test: CatalogTest;
  result: Result;
  /** False for a model's synthesis: it saw the case, so only analyte values are checked, not regions or conditions. */
  template?: boolean;
}): LabAnswer {
  const withheld = (reason: string): LabAnswer => ({ decision: 'withheld', name: test.name, result: { text: WITHHELD_TEXT }, reason });
  const findings = caseFindings(kase);
  if (template) {
    const regions = TEST_REGIONS[test.id];
    if (regions) {
      const hits = findingsInRegions(findings, regions);
      const hr = regions.includes('rhythm') ? heartRateOf(kase) : undefined;
      const rate = test.id === 'ecg-12-lead' && hr !== undefined ? rateOnlyEcg(test, hits, hr) : undefined;
      if (rate) return rate;
      if (hits.length > 0) return withheld(`The case has a finding in the region this test reports on (${describe(hits[0])}).`);
      if (hr !== undefined && (hr > 100 || hr < 50)) return withheld(`The case records a heart rate of ${hr}, which a normal tracing would contradict.`);
    }
    const word = concernedBy(findings, TEST_WORDS[test.id]);
    if (word) return withheld(`A normal result would contradict the case (${describe(word)}).`);
    const named = mentionsTest(findings, test);
    if (named) return withheld(`The case mentions this test without a result the lab can return (${describe(named)}).`);
  }
  const values = heldValues(kase);
  const specimen = specimenOf(test.id);
  const site = gasSiteOf(test.id);
  const abnormalHeld = (a: string) => held(values, a, specimen, site).find((v) => isAbnormalValue(v));
  const used = new Set<string>();
  let changed = false;

  /** Why an analyte the case does not hold cannot be shown as normal, or undefined. */
  const contradiction = (a: string, shown?: number | string): string | undefined => {
    if (a === 'serum-osmolality' && shown !== undefined) {
      const calc = calculatedOsmolality(values);
      const n = numberOf(shown);
      if (calc !== undefined && n !== undefined && Math.abs(calc - n) > 10)
        return `an osmolality of ${n} would contradict the ${Math.round(calc)} mOsm/kg calculated from the case's sodium, glucose and urea`;
    }
    for (const rel of DEPENDS[a] ?? []) {
      const v = abnormalHeld(rel);
      if (v) return `${a} would contradict ${v.component ?? v.analyte} ${v.value}${v.unit ? ` ${v.unit}` : ''} in ${v.from}`;
    }
    if (!template || specimen !== 'blood') return undefined;
    const f = concernedBy(findings, ANALYTE_WORDS[a]);
    return f ? `a normal ${a} would contradict ${describe(f)}` : undefined;
  };

  const out: Result = { ...result };
  const single = analyteOfTest(test.id);
  if (single && result.value !== undefined) {
    const hit = held(values, single, specimen)[0];
    if (hit) {
      Object.assign(out, componentFrom(hit));
      used.add(hit.from);
      changed = true;
    } else {
      const why = contradiction(single, result.value);
      if (why) return withheld(`Not consistent with the case: ${why}.`);
    }
  }
  if (result.components) {
    const components: Record<string, ResultComponent> = {};
    const dropped: string[] = [];
    const reasons: string[] = [];
    const byAnalyte = new Map<string, { name: string; fromCase: boolean }>();
    for (const [name, c] of Object.entries(result.components)) {
      const a = analyteOf(name);
      if (!a) {
        components[name] = c;
        continue;
      }
      const hit = held(values, a, specimen, site).find((v) => !v.from.startsWith('exam:'));
      if (hit) {
        components[name] = componentFrom(hit);
        used.add(hit.from);
        changed = true;
        byAnalyte.set(a, { name, fromCase: true });
        continue;
      }
      const why = contradiction(a);
      if (why) {
        dropped.push(name);
        reasons.push(why);
        changed = true;
        byAnalyte.set(a, { name, fromCase: false });
        continue;
      }
      components[name] = c;
      byAnalyte.set(a, { name, fromCase: false });
    }
    // A gas is pH, pCO2 and bicarbonate together: all from the case, or all agreeing by Henderson-Hasselbalch.
    const gas = ['ph', 'pco2', 'bicarbonate'].map((a) => byAnalyte.get(a));
    if (gas.every(Boolean)) {
      const [ph, pco2, hco3] = gas as Array<{ name: string; fromCase: boolean }>;
      if (!(ph.fromCase && pco2.fromCase && hco3.fromCase)) {
        if ([ph, pco2, hco3].some((g) => dropped.includes(g.name))) return withheld(`Not consistent with the case: ${reasons.join('; ')}.`);
        const n = numberOf(components[ph.name].value);
        const p = pco2InMmHg(components[pco2.name]);
        const h = numberOf(components[hco3.name].value);
        if (n === undefined || p === undefined || h === undefined || Math.abs(hendersonPh(h, p) - n) > 0.06) {
          return withheld(
            `pH, pCO2 and bicarbonate cannot agree with the values the case holds (${
              [ph, pco2, hco3]
                .filter((g) => g.fromCase)
                .map((g) => g.name)
                .join(', ') || 'none'
            }).`,
          );
        }
      }
    }
    if (Object.keys(components).length === 0) return withheld(`Not consistent with the case: ${reasons.join('; ')}.`);
    out.components = components;
    if (dropped.length > 0) {
      const note = `Not available for this case: ${dropped.join(', ')}.`;
      out.text = out.text ? `${out.text} ${note}` : note;
    }
    if (changed) {
      return {
        decision: 'adjusted',
        name: test.name,
        result: out,
        resolvedFrom: used.size ? [...used] : undefined,
        reason: [used.size ? `Case values used from ${[...used].join(', ')}.` : '', dropped.length ? `Left out: ${reasons.join('; ')}.` : '']
          .filter(Boolean)
          .join(' '),
      };
    }
  }
  if (changed) return { decision: 'adjusted', name: test.name, result: out, resolvedFrom: [...used], reason: `Case value used from ${[...used].join(', ')}.` };
  return { decision: 'synthetic', name: test.name, result: out, reason: 'The case does not hold this test and nothing in it contradicts a normal result.' };
}

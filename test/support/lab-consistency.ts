// The property behind issue 13: for every shipped and sample case and every catalog test, what the
// lab returns never disagrees with a value the case holds. Shared by test/lab-never-contradicts.test.ts
// (which asserts it) and bench/issue13-figures.ts (which prints the counts for the closing note).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, type Catalog } from '../../src/case/catalog.js';
import { loadCases } from '../../src/case/load.js';
import { loadVocabulary } from '../../src/case/vocabulary.js';
import { importAgentClinicFile } from '../../src/case/import/agentclinic.js';
import type { Case, Result } from '../../src/case/schema.js';
import type { CatalogTest } from '../../src/case/catalog-schema.js';
import { hendersonPh, type LabDecision } from '../../src/case/lab-answer.js';
import { SITE_DEPENDENT, analyteOf, analyteOfTest, gasSiteOf, heldValues, numberOf, polarityOf, specimenOf } from '../../src/case/analytes.js';
import { TEST_REGIONS } from '../../src/case/body-regions.js';
import { caseFindings, findingsInRegions } from '../../src/case/case-findings.js';
import { orderResult } from '../../src/encounter/order-result.js';
import { deterministicActors } from '../../src/actors/deterministic.js';
import { createRng } from '../../src/util/rng.js';
import { dataDir } from '../../src/util/paths.js';

export interface CaseSet {
  cases: Array<{ kase: Case; from: string }>;
  /** Where each group came from and how many cases it gave. */
  sources: Record<string, number>;
  problems: string[];
}

/** Every shipped case, every fixture case file and every AgentClinic sample line through the importer, found by listing the folders. */
export function allCases(): CaseSet {
  const out: CaseSet = { cases: [], sources: {}, problems: [] };
  for (const dir of [join(dataDir(), 'cases'), 'test/fixtures/cases']) {
    const r = loadCases(dir);
    out.problems.push(...r.problems.map((p) => `${p.file}: ${p.message}`));
    out.cases.push(...r.cases.map((c) => ({ kase: c.kase, from: c.file })));
    out.sources[dir === 'test/fixtures/cases' ? dir : 'data/cases'] = r.cases.length;
  }
  const catalog = loadCatalog();
  const vocabulary = loadVocabulary();
  const dir = 'test/fixtures/agentclinic';
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
    const r = importAgentClinicFile({ file: join(dir, f), catalog, vocabulary });
    out.cases.push(...r.cases.map((c) => ({ kase: c.kase, from: `${dir}/${f}:${c.line}` })));
    out.sources[`${dir}/${f}`] = r.cases.length;
  }
  return out;
}

/** The catalog ids written in the catalog files, counted from the files themselves rather than the loaded catalog. */
export function catalogIdsOnDisk(): string[] {
  const dir = join(dataDir(), 'catalog');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]));
}

/** Whether two readings of one analyte agree: numbers within 10% (units equal), qualitative values of the same polarity. */
function agrees(a: { value: number | string; unit?: string }, b: { value: number | string; unit?: string }): boolean {
  const x = numberOf(a.value);
  const y = numberOf(b.value);
  if (x !== undefined && y !== undefined && typeof a.value === 'number' && typeof b.value === 'number') {
    if (a.unit && b.unit && a.unit.toLowerCase() !== b.unit.toLowerCase()) return true;
    return Math.abs(x - y) <= Math.max(0.1 * Math.max(Math.abs(x), Math.abs(y)), 0.05);
  }
  const p = polarityOf(a.value);
  const q = polarityOf(b.value);
  return p === undefined || q === undefined || p === q;
}

export interface Consistency {
  cases: number;
  tests: number;
  /** Case × test pairs answered. */
  pairs: number;
  byDecision: Record<LabDecision, number>;
  /** Analyte readings of made-up results compared with a value the case holds. */
  comparisons: number;
  problems: string[];
}

/** How one order is answered: the encounter's own path by default. */
export type Answer = (kase: Case, test: CatalogTest, catalog: Catalog) => Promise<{ decision: LabDecision; result: Result; price: number }>;

/** The encounter's order path with the deterministic lab. */
export function encounterAnswer(): Answer {
  const lab = deterministicActors().lab;
  // The deterministic lab draws nothing from the rng; one is enough for every order.
  const rng = createRng('property');
  return (kase, test, catalog) => orderResult({ kase, catalog, test, price: test.price.usd, lab, rng });
}

/** The lab before issue 13: the case's result under the test's own id, else the catalog's normal template, unchecked. */
export const templateAnswer: Answer = async (kase, test) => {
  const own = kase.results[test.id];
  if (own) return { decision: 'case', result: own, price: test.price.usd };
  const { text, value, unit, range, flag, components } = test.normal;
  return { decision: 'synthetic', result: structuredClone({ text, value, unit, range, flag, components }) as Result, price: test.price.usd };
};

/**
 * Orders every catalog test for every case through the encounter's own order path (`orderResult` with the
 * deterministic lab) and checks every made-up answer: each analyte it reports against every value of that
 * analyte the case holds (same specimen; same site for pH, pCO2 and pO2), a gas's pH, pCO2 and bicarbonate by
 * Henderson-Hasselbalch, and no normal study of a body region with a finding in the case.
 */
export async function checkLab(set: CaseSet, catalog: Catalog = loadCatalog(), answer: Answer = encounterAnswer()): Promise<Consistency> {
  const out: Consistency = {
    cases: set.cases.length,
    tests: catalog.tests.length,
    pairs: 0,
    byDecision: { case: 0, component: 0, equivalent: 0, assembled: 0, synthetic: 0, adjusted: 0, withheld: 0 },
    comparisons: 0,
    problems: [],
  };
  for (const { kase } of set.cases) {
    const values = heldValues(kase);
    const findings = caseFindings(kase);
    for (const test of catalog.tests) {
      const a = await answer(kase, test, catalog);
      out.pairs++;
      out.byDecision[a.decision]++;
      if (a.decision === 'withheld') {
        if (a.price !== 0) out.problems.push(`${kase.id} ${test.id}: withheld but charged ${a.price}`);
        continue;
      }
      if (!['synthetic', 'adjusted'].includes(a.decision)) continue;
      const specimen = specimenOf(test.id);
      const site = gasSiteOf(test.id);
      const reported: Array<{ analyte: string; value: number | string; unit?: string; name: string }> = [];
      const single = analyteOfTest(test.id);
      if (single && a.result.value !== undefined) reported.push({ analyte: single, value: a.result.value, unit: a.result.unit, name: test.id });
      for (const [name, c] of Object.entries(a.result.components ?? {})) {
        const an = analyteOf(name);
        if (an) reported.push({ analyte: an, value: c.value, unit: c.unit, name });
      }
      for (const r of reported) {
        for (const v of values) {
          if (v.analyte !== r.analyte || v.specimen !== specimen) continue;
          if (SITE_DEPENDENT.has(r.analyte) && site && v.site && v.site !== site) continue;
          out.comparisons++;
          if (!agrees(r, v)) out.problems.push(`${kase.id} ${test.id}: ${r.name} ${r.value} vs ${v.from} ${v.component ?? ''} ${v.value}`);
        }
      }
      const comps = a.result.components ?? {};
      const pick = (an: string) => Object.entries(comps).find(([n]) => analyteOf(n) === an)?.[1];
      const ph = pick('ph');
      const pco2 = pick('pco2');
      const hco3 = pick('bicarbonate');
      if (ph && pco2 && hco3) {
        const p = numberOf(pco2.value)! * (/kpa/i.test(pco2.unit ?? '') ? 7.5 : 1);
        if (Math.abs(hendersonPh(numberOf(hco3.value)!, p) - numberOf(ph.value)!) > 0.06)
          out.problems.push(`${kase.id} ${test.id}: pH ${ph.value} with pCO2 ${pco2.value} and HCO3 ${hco3.value}`);
      }
      // No normal study of a region where the case has a finding (an ECG read at the case's own rate is not the normal study).
      const regions = TEST_REGIONS[test.id];
      if (regions && a.result.text === test.normal.text) {
        const hit = findingsInRegions(findings, regions)[0];
        if (hit) out.problems.push(`${kase.id} ${test.id}: normal study beside ${hit.source} "${hit.text}"`);
      }
    }
  }
  return out;
}

/**
 * The case's own results checked against one another, since the lab returns them unchecked: two results of one
 * case never disagree on an analyte (same specimen and, for pH/pCO2/pO2, site; same unit), and every gas the case
 * holds satisfies Henderson-Hasselbalch. Returns the disagreements and how many pairs and gases were compared.
 */
export function caseSelfConsistency(set: CaseSet): { pairs: number; gases: number; problems: string[] } {
  const out = { pairs: 0, gases: 0, problems: [] as string[] };
  for (const { kase } of set.cases) {
    const v = heldValues(kase).filter((x) => !x.from.startsWith('exam:'));
    for (let i = 0; i < v.length; i++)
      for (let j = i + 1; j < v.length; j++) {
        const [a, b] = [v[i], v[j]];
        if (a.analyte !== b.analyte || a.specimen !== b.specimen || a.from === b.from) continue;
        if (SITE_DEPENDENT.has(a.analyte) && a.site !== b.site) continue;
        if ((a.unit ?? '').toLowerCase() !== (b.unit ?? '').toLowerCase()) continue;
        out.pairs++;
        if (!agrees(a, b)) out.problems.push(`${kase.id}: ${a.analyte} ${a.from} ${a.value} vs ${b.from} ${b.value}`);
      }
    for (const [key, r] of Object.entries(kase.results)) {
      const pick = (an: string) => Object.entries(r.components ?? {}).find(([k]) => analyteOf(k) === an)?.[1];
      const [ph, pco2, hco3] = [pick('ph'), pick('pco2'), pick('bicarbonate')];
      if (!ph || !pco2 || !hco3) continue;
      out.gases++;
      const p = numberOf(pco2.value)! * (/kpa/i.test(pco2.unit ?? '') ? 7.5 : 1);
      if (Math.abs(hendersonPh(numberOf(hco3.value)!, p) - numberOf(ph.value)!) > 0.06)
        out.problems.push(`${kase.id} ${key}: pH ${ph.value} with pCO2 ${pco2.value} and HCO3 ${hco3.value}`);
    }
  }
  return out;
}

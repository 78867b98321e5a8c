import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../src/case/catalog.js';
import { loadCases } from '../src/case/load.js';
import { loadVocabulary } from '../src/case/vocabulary.js';
import { importAgentClinicFile } from '../src/case/import/agentclinic.js';
import type { Case, Result } from '../src/case/schema.js';
import { answerFromCase, checkSynthetic, hendersonPh, type LabAnswer } from '../src/case/lab-answer.js';
import { SITE_DEPENDENT, analyteOf, analyteOfTest, gasSiteOf, heldValues, numberOf, polarityOf, specimenOf } from '../src/case/analytes.js';
import { TEST_REGIONS } from '../src/case/body-regions.js';
import { caseFindings, findingsInRegions } from '../src/case/case-findings.js';

const catalog = loadCatalog();
const vocabulary = loadVocabulary();

// Every shipped case, every fixture case file and every AgentClinic sample line through the importer.
function allCases(): Case[] {
  const out = [...loadCases('data/cases').cases, ...loadCases('test/fixtures/cases').cases].map((c) => c.kase);
  const dir = 'test/fixtures/agentclinic';
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
    out.push(...importAgentClinicFile({ file: join(dir, f), catalog, vocabulary }).cases.map((c) => c.kase));
  }
  return out;
}

/** The deterministic lab's answer: the case first, else the catalog template checked against the case. */
function answer(kase: Case, testId: string): LabAnswer {
  const test = catalog.get(testId)!;
  const fromCase = answerFromCase({ kase, catalog, test });
  if (fromCase) return fromCase;
  const { text, value, unit, range, flag, components } = test.normal;
  const template = JSON.parse(JSON.stringify({ text, value, unit, range, flag, components })) as Result;
  return checkSynthetic({ kase, catalog, test, result: template });
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

describe('the lab never contradicts its case', () => {
  const cases = allCases();

  it('loads the shipped and sample cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it('returns, for every case and every catalog test, nothing that disagrees with a value the case holds', () => {
    const problems: string[] = [];
    let made = 0;
    let withheld = 0;
    for (const kase of cases) {
      const values = heldValues(kase);
      const findings = caseFindings(kase);
      for (const test of catalog.tests) {
        const a = answer(kase, test.id);
        if (a.decision === 'withheld') {
          withheld++;
          continue;
        }
        if (!['synthetic', 'adjusted'].includes(a.decision)) continue;
        made++;
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
            if (!agrees(r, v)) problems.push(`${kase.id} ${test.id}: ${r.name} ${r.value} vs ${v.from} ${v.component ?? ''} ${v.value}`);
          }
        }
        // Acid-base: a reported gas satisfies Henderson-Hasselbalch.
        const comps = a.result.components ?? {};
        const pick = (an: string) => Object.entries(comps).find(([n]) => analyteOf(n) === an)?.[1];
        const ph = pick('ph');
        const pco2 = pick('pco2');
        const hco3 = pick('bicarbonate');
        if (ph && pco2 && hco3) {
          const expected = hendersonPh(numberOf(hco3.value)!, numberOf(pco2.value)!);
          if (Math.abs(expected - numberOf(ph.value)!) > 0.06)
            problems.push(`${kase.id} ${test.id}: pH ${ph.value} with pCO2 ${pco2.value} and HCO3 ${hco3.value}`);
        }
        // No normal study of a region where the case has a finding (an ECG read at the case's own rate is not the normal study).
        const regions = TEST_REGIONS[test.id];
        if (regions && a.result.text === test.normal.text) {
          const hit = findingsInRegions(findings, regions)[0];
          if (hit) problems.push(`${kase.id} ${test.id}: normal study beside ${hit.source} "${hit.text}"`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The check must not pass by withholding everything.
    expect(made).toBeGreaterThan(withheld);
  });

  it("reads a tachycardic case's ECG at its own rate rather than a normal 72/min", () => {
    const kase = cases.find((c) => c.id === 'gi-appendicitis-001')!;
    const a = answer(kase, 'ecg-12-lead');
    expect(a.decision).toBe('adjusted');
    expect(a.result.text).toMatch(/^Sinus tachycardia at \d+\/min\./);
  });
});

import { describe, it, expect } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../src/case/catalog.js';
import { loadCases } from '../src/case/load.js';
import { answerFromCase, checkSynthetic } from '../src/case/lab-answer.js';
import type { Result } from '../src/case/schema.js';
import { allCases, caseSelfConsistency, catalogIdsOnDisk, checkLab, templateAnswer } from './support/lab-consistency.js';

const catalog = loadCatalog();

/** Case files under a folder, counted from the file system rather than the loader. */
function yamlFiles(dir: string): number {
  return readdirSync(dir).reduce((n, f) => {
    const p = join(dir, f);
    return n + (statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? 1 : 0);
  }, 0);
}

describe('the lab never contradicts its case', () => {
  const set = allCases();

  it('covers every shipped case, every sample case and every catalog test, with none left out', () => {
    expect(set.problems).toEqual([]);
    // One case per shipped file: a case added to data/cases is in the property without touching this test.
    expect(set.sources['data/cases']).toBe(yamlFiles('data/cases'));
    expect(set.sources['data/cases']).toBeGreaterThanOrEqual(270);
    expect(set.sources['test/fixtures/cases']).toBe(yamlFiles('test/fixtures/cases'));
    for (const f of readdirSync('test/fixtures/agentclinic').filter((x) => x.endsWith('.jsonl')))
      expect(set.sources[`test/fixtures/agentclinic/${f}`], f).toBeGreaterThan(0);
    expect(catalog.tests.map((t) => t.id).sort()).toEqual(catalogIdsOnDisk().sort());
    expect(catalog.tests.length).toBeGreaterThanOrEqual(220);
  });

  it('returns, for every case and every catalog test, nothing that disagrees with a value the case holds', async () => {
    const r = await checkLab(set, catalog);
    expect(r.problems).toEqual([]);
    expect(r.pairs).toBe(set.cases.length * catalog.tests.length);
    // The check must not pass by withholding everything, nor by never comparing anything.
    expect(r.byDecision.synthetic + r.byDecision.adjusted).toBeGreaterThan(r.byDecision.withheld);
    expect(r.comparisons).toBeGreaterThan(1000);
    // 80,000 orders: seconds alone, minutes on 2 cores shared by a full suite; the timeout must not be the test.
  }, 900_000);

  it('holds cases whose own results agree with one another, since the lab returns them as they are', () => {
    const r = caseSelfConsistency(set);
    expect(r.problems).toEqual([]);
    expect(r.pairs).toBeGreaterThan(10);
    expect(r.gases).toBeGreaterThan(10);
  });

  it("reads a tachycardic case's ECG at its own rate rather than a normal 72/min", () => {
    const kase = loadCases('data/cases/gastroenterology').cases.find((c) => c.kase.id === 'gi-appendicitis-001')!.kase;
    const test = catalog.get('ecg-12-lead')!;
    expect(answerFromCase({ kase, catalog, test })).toBeUndefined();
    const { text, value, unit, range, flag, components } = test.normal;
    const a = checkSynthetic({ kase, catalog, test, result: structuredClone({ text, value, unit, range, flag, components }) as Result });
    expect(a.decision).toBe('adjusted');
    expect(a.result.text).toMatch(/^Sinus tachycardia at \d+\/min\./);
  });

  it('fails for a lab that returns the catalog template unchecked, as the lab did before issue 13', async () => {
    const dka = loadCases('data/cases/endocrinology/endo-dka-001.yaml').cases[0].kase;
    const r = await checkLab({ cases: [{ kase: dka, from: 'dka' }], sources: {}, problems: [] }, catalog, templateAnswer);
    expect(r.problems).toContainEqual(expect.stringMatching(/^endo-dka-001 arterial-blood-gas: HCO3 24 vs bmp Bicarbonate 7$/));
  });
});

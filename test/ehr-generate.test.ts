import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import { EhrPatientRecord } from '../src/case/ehr-schema.js';
import { VETTED_ANALYTES, VITAL_CODES } from '../src/ehr/vetted-codes.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-ehr-generate-'));
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 240_000 });
const out = join(dir, 'cases');
const icd10 = new Set(
  gunzipSync(readFileSync(join(process.cwd(), 'data/icd10cm/icd10cm-2025-codes.tsv.gz')))
    .toString('utf8')
    .split('\n')
    .map((l) => l.split('\t')[0]),
);
const loincs = new Set([...VETTED_ANALYTES.map((a) => a.loinc), ...Object.values(VITAL_CODES).map((v) => v.loinc)]);

interface Generated {
  id: string;
  diagnosis: { icd10: string };
  facts: Array<{ category: string; answer: string }>;
  results: Record<string, { value?: number; components?: Record<string, { value?: number }> }>;
  ehr: { now: string; records: unknown[] };
}
const generated = new Map<string, Generated>();

beforeAll(() => {
  const r = rounds('ehr', 'generate', '--out', out);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/^270 records: \d+ FHIR resources/m);
  for (const f of readdirSync(out)) {
    const c = parse(readFileSync(join(out, f), 'utf8')) as Generated;
    generated.set(c.id, c);
  }
}, 240_000);

describe('rounds ehr generate', () => {
  it('writes one case per shipped case, each with a valid record that rounds cases validate accepts', () => {
    expect(generated.size).toBe(270);
    const v = rounds('cases', 'validate', out);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const mrns = new Set<string>();
    for (const c of generated.values()) {
      expect(c.ehr.records).toHaveLength(1);
      const rec = EhrPatientRecord.parse(c.ehr.records[0]);
      mrns.add(rec.mrn);
      for (const p of rec.problems) expect(icd10.has(p.icd10), `${c.id}: ${p.icd10}`).toBe(true);
      for (const o of rec.observations) expect(loincs.has(o.loinc), `${c.id}: ${o.loinc}`).toBe(true);
    }
    expect(mrns.size).toBe(270);
  });

  it("ends every series with the case's own value at the encounter time, after earlier values", () => {
    let series = 0;
    for (const c of generated.values()) {
      const values = new Set<number>();
      for (const r of Object.values(c.results)) {
        if (typeof r.value === 'number') values.add(r.value);
        for (const x of Object.values(r.components ?? {})) if (typeof x.value === 'number') values.add(x.value);
      }
      const vitals = c.facts
        .filter((f) => f.category === 'exam')
        .map((f) => f.answer)
        .join(' ');
      const rec = EhrPatientRecord.parse(c.ehr.records[0]);
      for (const o of rec.observations) {
        series++;
        const [at, value] = o.values[o.values.length - 1];
        expect(at).toBe(c.ehr.now);
        for (const [t] of o.values.slice(0, -1)) expect(Date.parse(t)).toBeLessThan(Date.parse(c.ehr.now));
        if (o.category === 'laboratory') expect(values.has(value), `${c.id} ${o.loinc} ${value}`).toBe(true);
        else if (o.loinc !== '8310-5') expect(vitals, `${c.id} ${o.loinc}`).toContain(String(value));
      }
    }
    expect(series).toBeGreaterThan(2000);
  });

  it('takes problems from the past history only, skipping negated ones, and medicines with RxNorm and stated doses', () => {
    const rec = EhrPatientRecord.parse(generated.get('cardio-afib-rvr-001')!.ehr.records[0]);
    // "High blood pressure for ten years. No strokes, no diabetes, no heart problems".
    expect(rec.problems.map((p) => p.icd10)).toEqual(['I10']);
    expect(rec.problems[0]).toMatchObject({ snomed: '59621000', status: 'active' });
    expect(rec.medications).toEqual([expect.objectContaining({ rxnorm: '17767', display: 'amlodipine', dose: { value: 5, unit: 'mg' }, status: 'active' })]);
    // The diagnosis (atrial fibrillation) is what this encounter finds, never a prior problem here.
    for (const c of generated.values()) {
      const r = EhrPatientRecord.parse(c.ehr.records[0]);
      expect(r.problems.map((p) => p.icd10)).not.toContain(c.diagnosis.icd10);
    }
    // "I was on amlodipine but I ran out about four months ago": a stopped order.
    const stopped = EhrPatientRecord.parse(generated.get('cardio-aortic-dissection-001')!.ehr.records[0]);
    expect(stopped.medications).toEqual([expect.objectContaining({ rxnorm: '17767', status: 'stopped' })]);
  });

  it('is deterministic, prints one case with --case, and names an unknown id', () => {
    const a = rounds('ehr', 'generate', '--case', 'cardio-afib-rvr-001');
    const b = rounds('ehr', 'generate', '--case', 'cardio-afib-rvr-001');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toMatch(/^1 record: \d+ FHIR resources/);
    const section = (parse(a.stdout.replace(/^# .*\n/, '')) as { ehr: Generated['ehr'] }).ehr;
    expect(section).toEqual(generated.get('cardio-afib-rvr-001')!.ehr);
    const bad = rounds('ehr', 'generate', '--case', 'no-such-case');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('No case "no-such-case" in data/cases');
  });

  it("seeds the encounter's store: a clinical encounter reads the prior record over FHIR, without the encounter's own results", () => {
    const c = generated.get('cardio-afib-rvr-001')!;
    const mrn = EhrPatientRecord.parse(c.ehr.records[0]).mrn;
    const script = join(dir, 'script.yaml');
    writeFileSync(
      script,
      JSON.stringify([
        { type: 'fhir', method: 'GET', url: `Observation?patient=${mrn}&code=2823-3&_sort=-date` },
        { type: 'fhir', method: 'GET', url: `Condition?patient=${mrn}` },
        { type: 'diagnose', differential: [{ name: 'Atrial fibrillation with rapid ventricular response' }] },
      ]),
    );
    const store = join(dir, 'run.db');
    const r = rounds('run', '--suite', join(out, 'cardio-afib-rvr-001.yaml'), '--doctor', `script:${script}`, '--store', store, '--report', 'none', '-q');
    expect(r.status, r.stderr).toBe(0);
    const db = new Database(store, { readonly: true });
    try {
      const fhir = (db.prepare("select body from events where type = 'fhir' order by seq").all() as Array<{ body: string }>).map((e) => JSON.parse(e.body));
      expect(fhir.map((f) => f.status)).toEqual([200, 200]);
      const potassium = fhir[0].response.entry.map((e: { resource: { effectiveDateTime: string; valueQuantity: { value: number } } }) => e.resource);
      // Two earlier visits; the 3.6 mmol/L drawn in this encounter is a test to order, not a chart entry.
      expect(potassium).toHaveLength(2);
      for (const o of potassium) expect(Date.parse(o.effectiveDateTime)).toBeLessThan(Date.parse(c.ehr.now));
      expect(fhir[1].response.entry.map((e: { resource: { code: { coding: Array<{ code: string }> } } }) => e.resource.code.coding[0].code)).toEqual(['I10']);
      // Still a clinical encounter: scored on its diagnosis, not as an EHR task.
      const scores = db.prepare('select name, value from scores').all() as Array<{ name: string; value: number }>;
      expect(scores.find((s) => s.name === 'top1')?.value).toBe(1);
      expect(scores.find((s) => s.name === 'ehr')).toBeUndefined();
    } finally {
      db.close();
    }
  });
});

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'yaml';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-agentclinic-'));
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const fx = (f: string) => `test/fixtures/agentclinic/${f}`;

function stored(store: string) {
  const db = new Database(store, { readonly: true });
  try {
    const encounters = db.prepare('select id, case_id, verdict, end_reason, cost, turns from encounters order by ordinal').all() as Array<{
      id: string;
      case_id: string;
      verdict: string;
      end_reason: string;
      cost: number;
      turns: number;
    }>;
    const events = db.prepare('select encounter_id, type, body from events order by encounter_id, seq').all() as Array<{
      encounter_id: string;
      type: string;
      body: string;
    }>;
    const run = db.prepare('select config from runs').get() as { config: string };
    return { encounters, events: events.map((e) => ({ ...JSON.parse(e.body), type: e.type, encounter: e.encounter_id })), config: JSON.parse(run.config) };
  } finally {
    db.close();
  }
}

describe('rounds import agentclinic', () => {
  it('writes one valid YAML case per line and prints loaded, skipped and unmapped per file', () => {
    const out = join(dir, 'cases');
    const r = rounds(
      'import',
      'agentclinic',
      fx('medqa-sample.jsonl'),
      fx('medqa-extended-sample.jsonl'),
      fx('nejm-sample.jsonl'),
      '--out',
      out,
      '--license',
      'MIT',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('test/fixtures/agentclinic/medqa-sample.jsonl: 2 cases loaded, 2 skipped (of 4 lines)');
    expect(r.stdout).toContain('test/fixtures/agentclinic/medqa-sample.jsonl:3: skipped: OSCE_Examination.Correct_Diagnosis is missing or not text');
    expect(r.stdout).toMatch(/medqa-sample\.jsonl:5: invalid JSON/);
    expect(r.stdout).toContain('    OSCE_Examination.Physical_Examination_Findings.Ice_Pack_Test: 1');
    expect(r.stdout).toContain('3 test results not in the catalog kept as case-local tests');
    expect(r.stdout).toContain('test/fixtures/agentclinic/nejm-sample.jsonl: 2 cases loaded, 1 skipped (of 3 lines)');
    expect(r.stdout).toContain('nejm-sample.jsonl:2: skipped: answers must mark exactly one option correct (found 2)');
    expect(r.stdout).toContain('    source_note: 1');
    expect(r.stdout).toMatch(/written as R69 with extra\.icd10_unknown: true/);
    expect(r.stdout).toMatch(/Wrote 5 case files to /);
    expect(readdirSync(out).sort()).toEqual([
      'agentclinic-medqa-1.yaml',
      'agentclinic-medqa-2.yaml',
      'agentclinic-medqa-ext-1.yaml',
      'agentclinic-nejm-1.yaml',
      'agentclinic-nejm-3.yaml',
    ]);
    const nejm = parse(readFileSync(join(out, 'agentclinic-nejm-1.yaml'), 'utf8'));
    expect(nejm).toMatchObject({
      source: { kind: 'imported', author: 'AgentClinic', license: 'MIT', dataset: 'nejm-sample.jsonl' },
      extra: { image_url: 'https://example.org/images/nejm-1.jpg' },
    });
    const wilson = parse(readFileSync(join(out, 'agentclinic-medqa-2.yaml'), 'utf8'));
    // The source has no ICD-10 code: the importer coded it from the index and says which term led there.
    expect(wilson.diagnosis).toMatchObject({ name: 'Wilson disease', icd10: 'E83.01', icd10_source: 'inferred', icd10_term: "Wilson's disease" });
    expect(r.stdout).toMatch(/medqa-sample\.jsonl[^]*?2 of 2 coded from the ICD-10-CM index \(icd10_source: inferred, with icd10_term\), 0 written as R69/);
    expect(Object.keys(wilson.results)).toContain('local:serum-ceruloplasmin');
    const v = rounds('cases', 'validate', out);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toContain('5 cases in 5 files: all valid.');
  });

  it('fails with one sentence for a missing file or a bad prefix, and needs --out', () => {
    const missing = rounds('import', 'agentclinic', join(dir, 'nope.jsonl'), '--out', join(dir, 'x'));
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/nope\.jsonl: cannot be read \(ENOENT\)/);
    expect(rounds('import', 'agentclinic', fx('nejm-sample.jsonl'), '--out', join(dir, 'y'), '--id-prefix', 'Bad Prefix').stderr).toMatch(
      /^error: --id-prefix "Bad Prefix" must be a lower-case slug/,
    );
    expect(rounds('import', 'agentclinic', fx('nejm-sample.jsonl')).stderr).toMatch(/required option '-o, --out <dir>'/);
  });

  it('accepts local: result keys only in imported cases', () => {
    const file = join(dir, 'local-synthetic.yaml');
    const kase = parse(readFileSync('test/fixtures/cases/stemi.yaml', 'utf8'));
    kase.results['local:serum-copper'] = { text: 'Low' };
    writeFileSync(file, JSON.stringify(kase));
    const r = rounds('cases', 'validate', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('results.local:serum-copper: "local:serum-copper" is a case-local test, allowed only in imported cases (source.kind: imported)');
  });
});

describe('rounds run --suite agentclinic:<file>', () => {
  it('runs the baseline doctor on an AgentClinic file under the agentclinic protocol and scores every encounter', () => {
    const store = join(dir, 'baseline.db');
    const r = rounds(
      'run',
      '--suite',
      `agentclinic:${fx('medqa-extended-sample.jsonl')}`,
      '--suite',
      `agentclinic:${fx('medqa-sample.jsonl')}`,
      '--skip-invalid',
      '--protocol',
      'agentclinic',
      '--store',
      store,
      '--report',
      'none',
      '--quiet',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('medqa-sample.jsonl:3: skipped: OSCE_Examination.Correct_Diagnosis is missing');
    expect(r.stdout).toMatch(/baseline\s+agentclinic\s+3 /);
    const { encounters, events } = stored(store);
    expect(encounters.map((e) => e.case_id)).toEqual(['agentclinic-medqa-ext-1', 'agentclinic-medqa-1', 'agentclinic-medqa-2']);
    for (const e of encounters) {
      expect(['correct', 'partial', 'incorrect', 'no-diagnosis']).toContain(e.verdict);
      expect(e.turns).toBeLessThanOrEqual(20);
    }
    // The baseline's free-text questions reach the imported facts.
    expect(events.filter((e) => e.type === 'answer' && e.factIds.length > 0).length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'visit')).toEqual([]);
  });

  it('lets a script doctor order a case-local test and be scored correct', () => {
    const script = join(dir, 'wilson.yaml');
    writeFileSync(
      script,
      [
        '- { type: ask, questions: [{ text: Do you have a tremor? }] }',
        '- { type: order, tests: [serum ceruloplasmin] }',
        '- { type: order, tests: [24-hour urine copper] }',
        '- { type: diagnose, differential: [{ name: Wilson disease, probability: 0.9 }] }',
      ].join('\n'),
    );
    const store = join(dir, 'script.db');
    const r = rounds(
      'run',
      '--suite',
      `agentclinic:${fx('medqa-sample.jsonl')}`,
      '--skip-invalid',
      '--doctor',
      `script:${script}`,
      '--protocol',
      'agentclinic',
      '--store',
      store,
      '--report',
      'none',
      '--quiet',
      '--bias',
      'doctor:confirmation',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: biases ignored: doctor biases (confirmation) do not apply to the deterministic doctor script:');
    const { encounters, events, config } = stored(store);
    expect(config.biases).toEqual(['doctor:confirmation']);
    const wilson = encounters.find((e) => e.case_id === 'agentclinic-medqa-2')!;
    expect(wilson).toMatchObject({ verdict: 'correct', end_reason: 'diagnosed', turns: 4, cost: 0 });
    const results = events.filter((e) => e.encounter === wilson.id && e.type === 'result');
    expect(results).toMatchObject([
      // A single reading is imported as a value with its unit and the flag its text states.
      { testId: 'local:serum-ceruloplasmin', local: true, price: 0, synthetic: false, result: { value: 8, unit: 'mg/dL', flag: 'low' } },
      { testId: 'local:24-hour-urine-copper', local: true, price: 0, result: { value: 210, unit: 'micrograms/24 h', flag: 'high' } },
    ]);
    // The myasthenia case has no such local tests: the same orders are "not recognised".
    const mg = encounters.find((e) => e.case_id === 'agentclinic-medqa-1')!;
    expect(events.filter((e) => e.encounter === mg.id && e.type === 'unrecognised').map((e) => e.request)).toEqual([
      'serum ceruloplasmin',
      '24 hour urine copper',
    ]);
  });

  it('rejects an unknown bias and a missing AgentClinic file with one sentence', () => {
    const b = rounds('run', '--bias', 'patient:confirmation', '--store', join(dir, 'b.db'));
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/Unknown patient bias "confirmation"; available: recency, frequency, false_consensus, self_diagnosis/);
    const f = rounds('run', '--suite', 'agentclinic:nowhere.jsonl', '--store', join(dir, 'b.db'));
    expect(f.status).toBe(1);
    expect(f.stderr).toMatch(/^error: AgentClinic file nowhere\.jsonl does not exist/);
  });
});

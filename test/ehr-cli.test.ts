import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-ehr-'));
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 240_000 });

function stored(store: string) {
  const db = new Database(store, { readonly: true });
  try {
    const encounters = db.prepare('select id, case_id, verdict, end_reason from encounters order by ordinal').all() as Array<{
      id: string;
      case_id: string;
      verdict: string;
      end_reason: string;
    }>;
    const scores = db.prepare('select encounter_id, name, value, detail from scores').all() as Array<{
      encounter_id: string;
      name: string;
      value: number | null;
      detail: string;
    }>;
    const events = db.prepare("select encounter_id, body from events where type = 'fhir'").all() as Array<{ encounter_id: string; body: string }>;
    return { encounters, scores, fhir: events.map((e) => ({ encounter: e.encounter_id, ...JSON.parse(e.body) })) };
  } finally {
    db.close();
  }
}

describe('rounds run --suite ehr --doctor reference', () => {
  it('succeeds on every shipped task of every type, recording each FHIR call with method, url and status', () => {
    const store = join(dir, 'all.db');
    const out = join(dir, 'report');
    const r = rounds('run', '--suite', 'ehr', '--doctor', 'reference', '--store', store, '--report', 'md', '--out', out, '-q');
    expect(r.status, r.stderr).toBe(0);
    const s = stored(store);
    expect(s.encounters.length).toBeGreaterThanOrEqual(100);
    expect(s.encounters.filter((e) => e.verdict !== 'correct')).toEqual([]);
    expect(new Set(s.encounters.map((e) => e.end_reason))).toEqual(new Set(['finished']));
    expect(s.fhir.length).toBeGreaterThanOrEqual(s.encounters.length);
    for (const f of s.fhir) expect(f).toMatchObject({ method: expect.stringMatching(/^(GET|POST|PUT)$/), url: expect.any(String), status: expect.any(Number) });
    const report = readFileSync(join(out, r.stdout.match(/Run id: (\S+)/)![1] + '.md'), 'utf8');
    expect(report).toContain('## EHR tasks');
    expect(report).toMatch(/\| reference \| default \| potassium-replacement \| 12 \| 100\.0 \|/);
    expect(report).toMatch(/\*\*query tasks\*\* \| \d+ \| 100\.0 \| 0 \| \d+ \| 0 \| 0 \|/);
    // The HTML page has the same section, and its transcripts show each FHIR call with its status.
    const page = rounds('report', r.stdout.match(/Run id: (\S+)/)![1], '--store', store, '--format', 'html');
    expect(page.status, page.stderr).toBe(0);
    expect(page.stdout).toContain('<section id="ehr"><h2>EHR tasks</h2>');
    expect(page.stdout).toMatch(/<b>POST 201<\/b> <code>MedicationRequest<\/code>: stored MedicationRequest\/w1/);
  });

  it('fails exactly the dose check of the one task whose reference gives a wrong dose', () => {
    const file = join(process.cwd(), 'data/ehr/tasks/potassium-replacement.yaml');
    const text = readFileSync(file, 'utf8');
    // Task 01's potassium of 3.1 mmol/L needs 40 mEq; its broken reference orders 20 mEq.
    const first = text.indexOf('doseQuantity:\n');
    expect(first).toBeGreaterThan(0);
    const broken = text.slice(0, first) + text.slice(first).replace(/value: 40\n/, 'value: 20\n');
    expect(broken).not.toBe(text);
    const brokenFile = join(dir, 'broken-potassium.yaml');
    writeFileSync(brokenFile, broken);
    const store = join(dir, 'broken.db');
    const r = rounds('run', '--suite', `ehr:${file}`, '--doctor', `reference:${brokenFile}`, '--store', store, '--report', 'none', '-q');
    expect(r.status, r.stderr).toBe(0);
    const s = stored(store);
    const wrong = s.encounters.filter((e) => e.verdict !== 'correct');
    expect(wrong.map((e) => [e.case_id, e.verdict])).toEqual([['ehr-potassium-replacement-01', 'incorrect']]);
    const failedChecks = s.scores.filter((x) => x.encounter_id === wrong[0].id && x.name.startsWith('ehr:') && x.value === 0);
    expect(failedChecks.map((x) => x.name)).toEqual(['ehr:potassium-order.dose']);
    expect(failedChecks[0].detail).toMatch(/found 20 \(potassium 3.1 mmol\/L is 0.4 below 3.5: 4 x 10 mEq = 40 mEq\)/);
  });
});

describe('rounds ehr', () => {
  it('counts the shipped tasks by type and kind', () => {
    const r = rounds('ehr', 'tasks');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^potassium-replacement\s+12 {2}\(0 query, 12 action\)$/m);
    expect(r.stdout).toMatch(/^\d{3} tasks in 12 types$/m);
  });

  it("makes one FHIR call on a task's record, and an unsupported parameter exits 1 with the OperationOutcome", () => {
    const ok = rounds('ehr', 'request', 'ehr-patient-age-01', 'GET', 'Patient/S2000001');
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout.slice(ok.stdout.indexOf('{')))).toMatchObject({ resourceType: 'Patient', id: 'S2000001', birthDate: '1956-03-14' });
    const bad = rounds('ehr', 'request', 'ehr-patient-age-01', 'GET', 'Observation?colour=red');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^400\n/);
    expect(bad.stdout).toContain('Search parameter \\"colour\\" is not supported for Observation');
  });
});

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'yaml';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-ac-fidelity-'));
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const fx = (f: string) => `test/fixtures/agentclinic/${f}`;

type Row = { type: string; target?: string; testId?: string; text?: string; [k: string]: unknown };

/** The events of the encounter of one case, bodies parsed. */
function eventsOf(db: Database.Database, caseId: string): Row[] {
  const enc = db.prepare('select id from encounters where case_id = ?').get(caseId) as { id: string };
  return (db.prepare('select type, body from events where encounter_id = ? order by seq').all(enc.id) as Array<{ type: string; body: string }>).map((e) => ({
    type: e.type,
    ...JSON.parse(e.body),
  }));
}

describe('AgentClinic import fidelity through the CLI (issue 13 sample files)', () => {
  it('imports the four shapes and prints lines, skips with reasons, fields mapped and text left out', () => {
    const out = join(dir, 'cases');
    const r = rounds(
      'import',
      'agentclinic',
      fx('issue13-medqa.jsonl'),
      fx('issue13-medqa-extended.jsonl'),
      fx('issue13-nejm.jsonl'),
      fx('issue13-nejm-extended.jsonl'),
      '--out',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('issue13-medqa.jsonl: 6 cases loaded, 1 skipped (of 7 lines)');
    expect(r.stdout).toContain('issue13-medqa.jsonl:5: skipped: OSCE_Examination.Patient_Actor is missing or not an object');
    expect(r.stdout).toContain('issue13-nejm.jsonl:4: skipped: answers must mark exactly one option correct (found 0)');
    expect(r.stdout).toMatch(/fields mapped \(totals over the cases\):\n(?: {4}.+\n)*? {4}facts\.exam: \d+/);
    expect(r.stdout).toContain('    management or follow-up text: 3');
    expect(r.stdout).toContain('    sex from the pronouns of the history: 2');
    expect(r.stdout).toContain('    media: 3');
    expect(r.stdout).toMatch(/Wrote 14 case files/);
    const nejm = parse(readFileSync(join(out, 'agentclinic-nejm-1.yaml'), 'utf8'));
    expect(nejm.media).toEqual([
      { id: 'image-1', url: 'https://example.org/rounds-samples/nejm-myeloma.jpg', caption: 'The image published with the case.', revealed: 'on-request' },
    ]);
    const v = rounds('cases', 'validate', out);
    expect(v.status, v.stdout + v.stderr).toBe(0);
  });

  it('answers orders and exams from the imported case, never a normal template for what the case holds', () => {
    const script = join(dir, 'mg.yaml');
    writeFileSync(
      script,
      [
        '- { type: order, tests: [CT chest] }',
        '- { type: order, tests: [acetylcholine receptor antibodies] }',
        '- { type: examine, targets: [abdomen, eyes, mental status, skin] }',
        '- { type: order, tests: [CK] }',
        '- { type: order, tests: [CBC] }',
        '- { type: diagnose, differential: [{ name: Myasthenia gravis with thymoma, probability: 0.9 }] }',
      ].join('\n'),
    );
    const store = join(dir, 'mg.db');
    const r = rounds(
      'run',
      '--suite',
      `agentclinic:${fx('issue13-medqa.jsonl')}`,
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
    );
    expect(r.status, r.stderr).toBe(0);
    const db = new Database(store, { readonly: true });
    try {
      const enc = db.prepare("select id, verdict from encounters where case_id = 'agentclinic-medqa-1'").get() as { id: string; verdict: string };
      expect(enc.verdict).toBe('correct');
      const events = (db.prepare('select type, body from events where encounter_id = ? order by seq').all(enc.id) as Array<{ type: string; body: string }>).map(
        (e) => ({ type: e.type, ...JSON.parse(e.body) }),
      );
      const results = events.filter((e) => e.type === 'result');
      expect(results.find((e) => e.testId === 'ct-chest')).toMatchObject({ synthetic: false, result: { text: expect.stringMatching(/anterior mediastinum/) } });
      expect(results.find((e) => e.testId === 'acetylcholine-receptor-antibodies')).toMatchObject({ synthetic: false, result: { flag: 'positive' } });
      const exams = events.filter((e) => e.type === 'finding' || e.type === 'exam');
      const text = JSON.stringify(exams);
      expect(text).toContain('Soft and non-tender.');
      expect(text).toContain('ptosis');
      expect(text).toContain('fully oriented');
      // Leptospirosis: the abdomen and the jaundice written inside a general block; CK "5600 U/L (elevated)" flagged.
      const lep = eventsOf(db, 'agentclinic-medqa-6');
      expect(lep.find((e) => e.type === 'exam' && e.target === 'abdomen')).toMatchObject({ text: expect.stringMatching(/^Mild flank tenderness/) });
      expect(lep.find((e) => e.type === 'exam' && e.target === 'skin')).toMatchObject({ text: expect.stringMatching(/visibly jaundiced/) });
      expect(lep.find((e) => e.type === 'result' && e.testId === 'ck')).toMatchObject({ synthetic: false, result: { value: 5600, flag: 'high' } });
      // CLL: "81,000 /mm3 (elevated)" reaches a doctor that reads flags.
      const cll = eventsOf(db, 'agentclinic-medqa-7');
      expect(cll.find((e) => e.type === 'result' && e.testId === 'cbc')).toMatchObject({ result: { components: { WBC: { value: 81000, flag: 'high' } } } });
      // No normal CT chest ("no axillary lymphadenopathy") beside the axillary nodes of the examination.
      expect(cll.find((e) => e.type === 'result' && e.testId === 'ct-chest')).toMatchObject({ decision: 'withheld', price: 0 });
    } finally {
      db.close();
    }
  });
});

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import Database from 'better-sqlite3';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-mab-'));
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const fx = (f: string) => `test/fixtures/medagentbench/${f}`;

describe('rounds import medagentbench', () => {
  it('without a bundle says exactly what is missing and writes nothing', () => {
    const out = join(dir, 'none.yaml');
    const r = rounds('import', 'medagentbench', fx('tasks.json'), '-o', out);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/pass --bundle <file>, a FHIR Bundle with the Patient resources \(ids S9000001, S9000002, S9999999\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('imports the ten task types with graders from the bundle, lists what it skipped, and the reference solutions pass', () => {
    const out = join(dir, 'mab.yaml');
    const r = rounds('import', 'medagentbench', fx('tasks.json'), '--bundle', fx('bundle.json'), '-o', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('13 tasks imported (task1 1, task2 1, task3 1, task4 1, task5 2, task6 1, task7 1, task8 1, task9 2, task10 2), 2 skipped');
    expect(r.stdout).toMatch(/task11_1: the id does not name one of the ten task types/);
    expect(r.stdout).toMatch(/task2_2: the bundle has no Patient S9999999/);
    const file = parse(readFileSync(out, 'utf8')) as {
      tasks: Array<{ id: string; expected: { resources?: Array<{ name: string; fields?: Array<{ name: string; equals?: unknown }> }> } }>;
    };
    // Potassium 3.2 mmol/L: 3 steps of 0.1 below 3.5, so 30 mEq.
    const k = file.tasks.find((t) => t.id === 'mab-task9-1')!;
    expect(k.expected.resources!.find((a) => a.name === 'potassium-order')!.fields!.find((f) => f.name === 'dose')!.equals).toBe(30);
    const store = join(dir, 'mab.db');
    const run = rounds('run', '--suite', `ehr:${out}`, '--doctor', `reference:${out}`, '--store', store, '--report', 'none', '-q');
    expect(run.status, run.stderr).toBe(0);
    const db = new Database(store, { readonly: true });
    const rows = db.prepare('select case_id, verdict from encounters').all() as Array<{ case_id: string; verdict: string }>;
    db.close();
    expect(rows).toHaveLength(13);
    expect(rows.filter((x) => x.verdict !== 'correct')).toEqual([]);
  });
});

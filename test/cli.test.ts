import { describe, it, expect } from 'vitest';
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-cli-'));
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

/** Encounters stored as done in a store a running CLI writes (0 while the file or its tables do not exist yet). */
function doneIn(store: string): number {
  if (!existsSync(store)) return 0;
  try {
    const db = new Database(store, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("select count(*) n from encounters where status = 'done'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('rounds CLI', () => {
  it('validates case files: every problem with file, line, field; exit 1; no stack trace', () => {
    const r = rounds('cases', 'validate', 'test/fixtures/bad');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('test/fixtures/bad/wrong-types.yaml:5: patient.age: expected number, got string');
    expect(r.stderr).toContain('test/fixtures/bad/unknown-test.yaml: results.unicorn-scan: "unicorn-scan" is not a test id in the catalog');
    expect(r.stderr).toContain('test/fixtures/bad/empty.yaml: is empty');
    expect(r.stderr).toMatch(/problems in 6 of 6 files/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('lints case content: flags against ranges, blood gases against Henderson-Hasselbalch, units, WBC differential sums, ICD-10-CM codes', () => {
    const r = rounds('cases', 'validate', 'test/fixtures/lint');
    expect(r.status).toBe(1);
    const file = 'test/fixtures/lint/dka-gas.yaml';
    expect(r.stderr).toContain(`${file}:13: results.venous-blood-gas.components.PaCO2: a venous gas reports pCO2/pO2`);
    expect(r.stderr).toContain(`${file}:12: results.venous-blood-gas.components.pH: pH 7.08 does not follow from PaCO2 20 mmHg and HCO3 6.5`);
    expect(r.stderr).toContain(`${file}:15: results.serum-osmolality.flag: flag "normal" disagrees with value 300 and range "275-295"`);
    const other = 'test/fixtures/lint/units-wbc-code.yaml';
    expect(r.stderr).toContain(`${other}:17: results.bmp.components.Sodium.unit: "mg/dL" is not a unit for sodium`);
    expect(r.stderr).toContain(
      `${other}:12: results.cbc.components: the differential percentages (Neutrophils, Lymphocytes, Monocytes) add up to 116%, not 100%`,
    );
    // validate rejects a code that is not a billable FY2025 code (a heading), naming the billable ones.
    expect(r.stderr).toContain(`${other}: diagnosis.icd10: "C92.5" (Acute myelomonocytic leukemia) is a heading, not a billable FY2025 ICD-10-CM code`);
    expect(r.stderr).toMatch(/6 problems in 2 of 2 files/);
  });

  it('prints the case JSON Schema', () => {
    const r = rounds('cases', 'schema');
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'diagnosis', 'presentation']));
    expect(schema.properties.facts.items.properties.category.enum).toContain('symptom');
  });

  it('names what exists for an unknown doctor, suite or protocol', () => {
    const store = join(dir, 'unknown.db');
    const d = rounds('run', '--doctor', 'wizard', '--store', store);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/^error: Unknown doctor "wizard"; available: .*baseline.*script/);
    const s = rounds('run', '--suite', 'nope', '--store', store);
    expect(s.stderr).toMatch(/^error: Unknown suite "nope"; available: core, quick/);
    const p = rounds('run', '--protocol', 'fast', '--store', store);
    expect(p.stderr).toMatch(/^error: Unknown protocol "fast"/);
  });

  it('says there is no store instead of creating one for read-only commands', () => {
    const missing = join(dir, 'missing', 'x.db');
    for (const args of [
      ['runs', 'list'],
      ['runs', 'show', 'abc'],
      ['report', 'abc'],
    ]) {
      const r = rounds(...args, '--store', missing);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^error: No store at .*x\.db; start a run with `npx rounds run`/);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('runs a suite, prints the results table and the report path, and lists the run', () => {
    const store = join(dir, 'run.db');
    const r = rounds(
      'run',
      '--suite',
      'test/fixtures/cases',
      '--doctor',
      'script:test/fixtures/script-stemi.yaml',
      '--store',
      store,
      '--out',
      join(dir, 'reports'),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/script-stemi/);
    const report = r.stdout.match(/Report: (.+\.html)/)![1];
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, 'utf8')).toContain('cardio-stemi-inferior-001');
    const id = r.stdout.match(/Run id: (\S+)/)![1];
    const list = rounds('runs', 'list', '--store', store);
    expect(list.stdout).toContain(id);
    const md = rounds('report', id, '--format', 'csv', '--store', store);
    expect(md.stdout.split('\n')[0]).toContain('case_id');
    expect(md.stdout).toContain('cardio-stemi-inferior-001');
    // `latest` names the newest run, wherever a run id is taken.
    const latest = rounds('report', 'latest', '--format', 'json', '--store', store);
    expect(latest.status, latest.stderr).toBe(0);
    expect(JSON.parse(latest.stdout).run.id).toBe(id);
    const none = rounds('report', 'latest', '--store', join(dir, 'empty.db'));
    expect(none.status).not.toBe(0);
  });

  it('stops cleanly on Ctrl-C (SIGINT), prints the resume command, and the resume completes the run', async () => {
    // A fixed suite (quick: 10 cases x 60 seeds = 600 encounters), not core, so the test's length stays the same as
    // the case library grows; Ctrl-C comes as soon as some encounters are stored, with most still to do.
    const store = join(dir, 'sigint.db');
    const child = spawn(
      process.execPath,
      [bin, 'run', '--suite', 'quick', '--doctor', 'script:test/fixtures/script-stemi.yaml', '--seeds', '60', '--store', store, '--report', 'none', '--quiet'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (doneIn(store) > 0) {
          clearInterval(t);
          child.kill('SIGINT');
          resolve();
        }
      }, 5);
    });
    const code = await new Promise((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('Stopping after the encounters in progress');
    const m = stdout.match(/Resume with: npx rounds run --resume (\S+) --store (\S+)/);
    expect(m, stdout + stderr).not.toBeNull();
    const interrupted = stdout.match(/Interrupted: (\d+) of (\d+) encounters done/)!;
    expect(Number(interrupted[1])).toBeLessThan(Number(interrupted[2]));
    const resumed = rounds('run', '--resume', m![1], '--store', m![2], '--report', 'none', '--quiet');
    expect(resumed.status, resumed.stderr).toBe(0);
    const db = new Database(store, { readonly: true });
    const counts = db.prepare("select count(*) n, sum(status = 'done') done from encounters").get() as { n: number; done: number };
    const dupes = db.prepare('select count(*) n from (select encounter_id, seq from events group by encounter_id, seq having count(*) > 1)').get() as {
      n: number;
    };
    db.close();
    expect(counts.done).toBe(counts.n);
    expect(counts.n).toBe(Number(interrupted[2]));
    expect(dupes.n).toBe(0);
  }, 600_000);

  // This and the Ctrl-C test spawn two or three runs each; their limit only catches a hang, never slowness.
  it('resumes a run killed with SIGKILL mid-run: same results as an uninterrupted run, each encounter once', async () => {
    // A fixed suite (quick: 10 cases x 30 seeds = 300 encounters), not core, so the test's length
    // stays the same as the case library grows; 300 is enough to kill the run with most still to do.
    const args = ['run', '--suite', 'quick', '--seeds', '30', '--concurrency', '2', '--report', 'none', '--quiet'];
    const full = join(dir, 'full.db');
    const a = rounds(...args, '--store', full);
    expect(a.status, a.stderr).toBe(0);

    const killed = join(dir, 'killed.db');
    const child = spawn(process.execPath, [bin, ...args, '--store', killed], { stdio: 'ignore' });
    // Kill it as soon as some, but not all, encounters are stored.
    const done = () => doneIn(killed);
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (done() > 0) {
          clearInterval(t);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(t);
        reject(new Error('the run finished before it could be killed'));
      });
    });
    await new Promise((r) => child.on('exit', r));
    const db = new Database(killed, { readonly: true });
    const runId = (db.prepare('select id from runs').get() as { id: string }).id;
    const before = db.prepare("select count(*) n from encounters where status = 'done'").get() as { n: number };
    const total = db.prepare('select total from runs').get() as { total: number };
    db.close();
    expect(before.n).toBeLessThan(total.total);

    const resumed = rounds('run', '--resume', runId, '--store', killed, '--report', 'none', '--quiet');
    expect(resumed.status, resumed.stderr).toBe(0);

    const read = (file: string) => {
      const d = new Database(file, { readonly: true });
      const rows = d
        .prepare(
          `select e.case_id, e.doctor, e.protocol, e.seed, e.verdict, e.cost, e.turns, e.status,
             (select count(*) from events v where v.encounter_id = e.id) as events,
             (select max(seq) from events v where v.encounter_id = e.id) as max_seq,
             (select group_concat(name || '=' || coalesce(value, 'null'), ';') from (select name, value from scores s where s.encounter_id = e.id order by name)) as scores
           from encounters e order by e.ordinal`,
        )
        .all() as Array<Record<string, unknown>>;
      d.close();
      return rows;
    };
    const x = read(full);
    const y = read(killed);
    expect(y).toEqual(x);
    for (const row of y) {
      expect(row.status).toBe('done');
      expect(row.max_seq).toBe((row.events as number) - 1);
    }
  }, 600_000);
});

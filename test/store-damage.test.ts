import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import '../src/doctors/builtins.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
let dir: string;
let good: string;
let runId: string;
/** Runs the CLI; concurrently with others (each start costs seconds on a loaded machine). */
function rounds(args: string[], opts: { uid?: number; gid?: number } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-damage-'));
  chmodSync(dir, 0o755);
  good = join(dir, 'good.db');
  const store = await openStore(good);
  runId = (
    await startRun(store, {
      suites: ['test/fixtures/cases'],
      doctors: ['baseline'],
      protocols: ['default'],
      seeds: ['0', '1'],
      concurrency: 1,
      skipInvalid: false,
    })
  ).runId;
  await store.close();
  // Fold the WAL into the file so copies are whole.
  const db = new BetterSqlite3(good);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the good store with the pages of `tables` overwritten by garbage (what a disk fault or a bad copy leaves). */
function damaged(name: string, tables: string[]): string {
  const file = join(dir, name);
  copyFileSync(good, file);
  const db = new BetterSqlite3(file, { readonly: true });
  const size = db.pragma('page_size', { simple: true }) as number;
  const pages = db.prepare(`select pageno from dbstat where name in (${tables.map(() => '?').join(',')})`).all(...tables) as Array<{ pageno: number }>;
  db.close();
  expect(pages.length).toBeGreaterThan(0);
  const fd = openSync(file, 'r+');
  for (const { pageno } of pages) writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (pageno - 1) * size);
  closeSync(fd);
  return file;
}

const oneSentence = (stderr: string) => {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('SqliteError');
  expect(stderr.trim().split('\n')).toHaveLength(1);
};

describe('a damaged store', () => {
  it('is named in one sentence with how to recover, by report, runs show and run; store check finds it', async () => {
    const file = damaged('events-bad.db', ['events', 'encounters']);
    const commands = [
      ['report', runId, '--store', file, '--format', 'html', '--out', join(dir, 'r.html')],
      ['runs', 'show', runId, '--store', file],
      ['run', '--suite', 'test/fixtures/cases', '--store', file, '--report', 'none', '--quiet'],
      ['store', 'check', '--store', file],
    ];
    const results = await Promise.all(commands.map((args) => rounds(args)));
    const check = results.pop()!;
    for (const [i, args] of commands.slice(0, 3).entries()) {
      const r = results[i];
      expect(r.status, args.join(' ')).toBe(1);
      const err = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('error:'))
        .join('\n');
      oneSentence(err);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(err).toContain(`The store file ${file} is damaged`);
      expect(err).toContain(`rounds store check --store ${file}`);
      expect(err).toContain('--store <a new file>');
    }
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`${file} is damaged`);
    expect(check.stderr).toContain('--store <a new file>');
    expect(check.stderr).not.toMatch(/\n\s+at /);
  }, 180_000);

  it('that is not a database at all gets the same sentence', async () => {
    const file = join(dir, 'garbage.db');
    const fd = openSync(file, 'w');
    writeSync(fd, Buffer.alloc(8192, 0x41));
    closeSync(fd);
    const r = await rounds(['runs', 'list', '--store', file]);
    expect(r.status).toBe(1);
    oneSentence(r.stderr);
    expect(r.stderr).toContain(`The store file ${file} is damaged (file is not a database)`);
  }, 120_000);

  it('store check says ok for a sound store', async () => {
    const r = await rounds(['store', 'check', '--store', good]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${good}: ok\n`);
  }, 120_000);
});

describe('a read-only store', () => {
  it('can be listed, shown and reported', async () => {
    const sub = mkdtempSync(join(dir, 'ro-'));
    const file = join(sub, 'rounds.db');
    copyFileSync(good, file);
    // As `rounds run` leaves it: in WAL mode, so reading needs a shared-memory file beside it that cannot be created here.
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.close();
    chmodSync(file, 0o444);
    chmodSync(sub, 0o555);
    // root may write anything, so as root the commands run as nobody to meet a store they cannot write.
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    try {
      const [list, show, md] = await Promise.all([
        rounds(['runs', 'list', '--store', file], as),
        rounds(['runs', 'show', runId, '--store', file], as),
        rounds(['report', runId, '--store', file], as),
      ]);
      expect(list.stderr).toBe('');
      expect(list.status).toBe(0);
      expect(list.stdout).toContain(runId);
      expect(show.status).toBe(0);
      expect(show.stdout).toContain('Encounters: 2/2 done');
      expect(md.status).toBe(0);
      expect(md.stdout).toContain(runId);
    } finally {
      chmodSync(sub, 0o755);
    }
  }, 180_000);
});

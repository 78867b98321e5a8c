import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Needs only Node: nothing listens on port 1, so every service is "down".
const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-worker-cli-'));
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('rounds worker and rounds run --queue without their services', () => {
  it('names an unreachable or malformed queue in one sentence, without its password, and exits 1', () => {
    const w = rounds('worker', '--queue', 'redis://:hunter2@127.0.0.1:1');
    expect(w.status).toBe(1);
    expect(w.stderr).toMatch(/^error: Cannot reach the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(.+\); start Redis or fix --queue\.\n$/);
    const r = rounds('run', '--suite', 'quick', '--store', join(dir, 'a.db'), '--queue', 'redis://:hunter2@127.0.0.1:1');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: Cannot reach the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    const bad = rounds('worker', '--queue', 'localhost:6379');
    expect(bad.stderr).toBe('error: "localhost:6379" is not a Redis URL; use redis://host:6379.\n');
    for (const x of [w, r, bad]) expect(x.stderr).not.toContain('hunter2');
  });

  it('names an unreachable PostgreSQL store without its password', () => {
    const r = rounds('run', '--suite', 'quick', '--store', 'postgres://alice:hunter2@127.0.0.1:1/rounds', '--report', 'none');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: The store at postgres:\/\/alice:\*\*\*@127\.0\.0\.1:1\/rounds could not be migrated/);
    expect(r.stderr + r.stdout).not.toContain('hunter2');
  });

  it('requires --queue', () => {
    const r = rounds('worker');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/required option '--queue <url>' not specified/);
  });
});

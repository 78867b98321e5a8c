import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-serve-'));

describe('rounds serve', () => {
  it('prints its loopback URL and answers the API there, until stopped', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--store', join(dir, 'serve.db')], { env: { ...process.env, ROUNDS_TOKEN: '' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const health = await (await fetch(`${url}api/health`)).json();
      expect(health).toMatchObject({ ok: true, tokenRequired: false });
      const runs = await (await fetch(`${url}api/runs`)).json();
      expect(runs).toEqual({ runs: [] });
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(child.exitCode).toBe(0);
  });

  it('refuses to listen beyond loopback without ROUNDS_TOKEN, in one sentence', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--host', '0.0.0.0', '--port', '0', '--store', join(dir, 'x.db')], {
      encoding: 'utf8',
      env: { ...process.env, ROUNDS_TOKEN: '' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: Refusing to listen on 0\.0\.0\.0 without a token: set ROUNDS_TOKEN/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const version = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).version as string;

describe('rounds entry point', () => {
  it('prints its version and lists every command without loading them', () => {
    const v = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const name of [
      'cases',
      'codes',
      'run',
      'runs',
      'report',
      'import',
      'worker',
      'serve',
      'store',
      'mcp',
      'doctor-schema',
      'doctors',
      'protocols',
      'importers',
      'actors',
    ])
      expect(help.stdout).toMatch(new RegExp(`\\n  ${name}\\s`));
  });

  it('gives a command its own options under both `cmd --help` and `help cmd`', () => {
    for (const args of [
      ['runs', '--help'],
      ['help', 'runs'],
    ]) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
      expect(r.stdout).toContain('list and inspect stored runs');
      expect(r.stdout).toContain('show');
    }
  });

  it('exits quietly when the reader of its output goes away', async () => {
    // The reading end is closed before the CLI has even started, so its first write meets a broken pipe.
    const child = spawn(process.execPath, [bin, 'cases', 'show', 'cardio-stemi-inferior-001'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});

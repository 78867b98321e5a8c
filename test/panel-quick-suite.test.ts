import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/report/html-escape.js';
import { startFakeOpenAI, type FakeServer } from './support/fake-openai-server.js';
import { panelClinic, panelRoleOf, STANDARD_PANEL } from './support/panel-clinic.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-panel-quick-'));
let server: FakeServer;

beforeAll(async () => {
  server = await startFakeOpenAI({ handler: panelClinic({ panel: STANDARD_PANEL }) });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI as a child process; asynchronous so this process's fake server can answer it. */
function rounds(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, OPENAI_API_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('an SDBench-style run of the quick suite: baseline, llm and every panel variant', () => {
  it('runs, judges and reports accuracy against cost with the Pareto frontier and the judge-score distribution', async () => {
    const model = `openai-compatible:${server.url}#fake-model`;
    const panels = ['instant', 'questions-only', 'budgeted,budget=600', 'no-budget', 'ensemble,n=3'].map((v) => `panel:model=${model},variant=${v}`);
    const doctors = ['baseline', model, ...panels];
    const r = await rounds([
      'run',
      '--suite',
      'quick',
      '--protocol',
      'sdbench',
      '--judge',
      model,
      '--quiet',
      '--concurrency',
      '4',
      '--store',
      join(dir, 'r.db'),
      '--out',
      join(dir, 'reports'),
      ...doctors.flatMap((d) => ['--doctor', d]),
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const file = /Report: (.+\.html)/.exec(r.stdout)![1];
    const page = readFileSync(resolve(file), 'utf8');

    // One point per doctor (one protocol), each judged: SDBench's headline is the judge's.
    expect(page.match(/<g class="point"/g)).toHaveLength(doctors.length);
    for (const d of doctors) expect(page).toContain(`<g class="point" data-doctor="${escapeHtml(d)}" data-protocol="sdbench">`);
    expect(page).toContain('Judged accuracy, score 4+ (95% CI)');
    expect(page).toMatch(/<polyline class="pareto" points="[^"]+"/);
    expect(page.match(/class="pareto-ring"/g)!.length).toBeGreaterThanOrEqual(1);
    // The judge-score distribution, one per doctor, each summing to the 10 cases.
    const dists = [...page.matchAll(/aria-label="Judge scores 1 to 5: ([\d, ]+)"/g)].map((m) => m[1].split(', ').map(Number));
    expect(dists).toHaveLength(doctors.length);
    for (const d of dists) expect(d.reduce((a, b) => a + b, 0)).toBe(10);
    // The panel deliberation is in the transcripts, and the scripted judge gives 5 to the STEMI case only.
    expect(page).toContain('testChooser');
    expect(server.requests.filter((q) => panelRoleOf(q) === 'aggregator').length).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/panel:model=\S+variant=instant\s+sdbench\s+10/);
  }, 150_000);
});

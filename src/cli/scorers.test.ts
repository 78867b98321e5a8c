import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import { scorerRegistry } from '../scoring/scorers.js';
import { startFakeOpenAI, type FakeServer } from '../../test/support/fake-openai-server.js';
import { scriptedClinic } from '../../test/support/fake-clinic.js';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-scorers-'));
const env = { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' };
let server: FakeServer;

/** Spawns the CLI without blocking this process, which serves the fake model the CLI calls. */
async function rounds(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000, env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  server = await startFakeOpenAI({ handler: scriptedClinic() });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('rounds scorers list', () => {
  it('prints every registered scorer with what it scores and its options', async () => {
    const text = await rounds('scorers', 'list');
    expect(text.code).toBe(0);
    for (const name of scorerRegistry.names()) expect(text.stdout).toMatch(new RegExp(`^${name} +\\S`, 'm'));
    expect(text.stdout).toMatch(/^judge .*judge_correct/m);
    const json = JSON.parse((await rounds('scorers', 'list', '--json')).stdout) as Array<{ name: string; default: boolean }>;
    expect(json.map((s) => s.name)).toEqual(scorerRegistry.names());
    expect(json.filter((s) => s.default).map((s) => s.name)).toEqual(['cost', 'diagnosis', 'process']);
  });
});

describe('rounds run --scorer', () => {
  it('adds the scorer to every encounter and records which scorers ran', async () => {
    const db = join(dir, 'judge.db');
    const r = await rounds(
      'run',
      '--suite',
      'test/fixtures/cases/stemi.yaml',
      '--doctor',
      'script:test/fixtures/script-stemi.yaml',
      '--seeds',
      '2',
      '--scorer',
      `judge:openai-compatible:${server.url}#fake-model`,
      '--store',
      db,
      '--report',
      'none',
      '-q',
    );
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const store = await openStore(db);
    try {
      const [run] = await store.listRuns();
      expect(run.config).toMatchObject({ scorers: [`judge:openai-compatible:${server.url}#fake-model`], scoredBy: ['diagnosis', 'cost', 'process', 'judge'] });
      const encounters = await store.listEncounters(run.id);
      expect(encounters).toHaveLength(2);
      for (const e of encounters) {
        const scores = await store.getScores(e.id);
        expect(scores.find((s) => s.name === 'judge')).toMatchObject({ value: 5 });
        expect(scores.find((s) => s.name === 'judge_correct')).toMatchObject({ value: 1 });
        expect(scores.find((s) => s.name === 'diagnosis')).toBeDefined();
      }
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown or repeated scorer in one sentence, before anything runs', async () => {
    const db = join(dir, 'bad.db');
    const unknown = await rounds('run', '--scorer', 'judg:openai:gpt-4.1', '--store', db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      'error: Unknown scorer "judg" (did you mean judge?); available: cost, diagnosis, dxarena, judge, moderator, process, rubric, safety.',
    );
    const twice = await rounds('run', '--scorer', 'cost', '--store', db);
    expect(twice.stderr.trim()).toBe('error: Scorer cost is given twice; it always runs.');
    const option = await rounds('run', '--scorer', 'moderator:openai:gpt-4.1,temprature=0', '--store', db);
    expect(option.stderr).toMatch(/Scorer "moderator" has no option "temprature" \(did you mean temperature\?\)/);
  });
});

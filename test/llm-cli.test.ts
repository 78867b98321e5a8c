import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-llm-cli-'));
const env = { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' };
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--store', join(dir, 'r.db')], { encoding: 'utf8', timeout: 120_000, env });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rounds run with models: configuration errors are one sentence, before anything runs', () => {
  it('names the variable to set for a missing key, for doctor, patient and judge', () => {
    const d = rounds('run', '--doctor', 'openai:gpt-4.1-mini');
    expect(d.status).toBe(1);
    expect(d.stderr.trim()).toBe('error: Model openai:gpt-4.1-mini needs an API key: set OPENAI_API_KEY in the environment.');
    expect(rounds('run', '--patient', 'llm:anthropic:claude-haiku-4-5').stderr).toMatch(
      /^error: Model anthropic:claude-haiku-4-5 needs an API key: set ANTHROPIC_API_KEY/,
    );
    expect(rounds('run', '--judge', 'openai:gpt-4.1').stderr).toMatch(/set OPENAI_API_KEY/);
  });

  it('rejects unknown providers, options and cache modes', () => {
    expect(rounds('run', '--patient', 'llm:mistral:large').stderr).toMatch(/^error: Unknown model provider "mistral"/);
    expect(rounds('run', '--doctor', 'ollama:llama3.1,mode=chat').stderr).toMatch(/mode=chat .* must be one of tools, agentclinic, sdbench/);
    expect(rounds('run', '--cache', 'sometimes').stderr).toMatch(/--cache <mode>' argument 'sometimes' is invalid/);
    expect(rounds('run', '--max-usd', '-1').stderr).toMatch(/must be a number above 0/);
    const p = rounds('run', '--prices', join(dir, 'missing.yaml'));
    expect(p.stderr).toMatch(/^error: Cannot read the price file/);
    for (const r of [p]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

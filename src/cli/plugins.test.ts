import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Through the CLI a user runs: the list commands, and each plug-in kind's spec errors naming the kind and the nearest name
// (one process per message; the registries' own tests cover the other messages in-process).
const bin = join(process.cwd(), 'bin', 'rounds.js');
const dir = mkdtempSync(join(tmpdir(), 'rounds-plugins-'));
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const run = (...args: string[]) => rounds('run', '--suite', 'quick', '--store', join(dir, 'never.db'), ...args);

interface Row {
  role?: string;
  name: string;
  summary: string;
  argument?: string;
  options: Array<{ name: string; description: string; default?: string }>;
}
const json = (...args: string[]): Row[] => {
  const r = rounds(...args, '--json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Row[];
};

describe('rounds <kind> list', () => {
  it('lists doctors with their options and defaults, as text and as JSON', () => {
    const text = rounds('doctors', 'list');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^baseline\n {2}naive-Bayes diagnoser/m);
    expect(text.stdout).toMatch(/^ {4}threshold=0\.85 +diagnose once the top posterior reaches this$/m);
    expect(text.stdout).toMatch(/^script:<file>\n/m);
    const rows = json('doctors', 'list');
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['baseline', 'checklist', 'script', 'llm', 'panel', 'http', 'human', 'mcp']));
    const panel = rows.find((r) => r.name === 'panel')!;
    expect(panel.options.find((o) => o.name === 'variant')).toMatchObject({ default: 'no-budget' });
  });

  it('lists protocols with each preset value as the default of its option', () => {
    const rows = json('protocols', 'list');
    expect(rows.map((r) => r.name)).toEqual(['agentclinic', 'default', 'respond', 'sdbench']);
    const byName = (n: string) => Object.fromEntries(rows.find((r) => r.name === n)!.options.map((o) => [o.name, o.default]));
    expect(byName('default')).toEqual({ 'max-turns': '30', 'max-questions': '5', 'max-tests': '5', 'max-exams': '5', 'visit-fee': '300', budget: 'none' });
    expect(byName('agentclinic')).toMatchObject({ 'max-turns': '20', 'max-questions': '1', 'max-tests': '1', 'visit-fee': '0' });
  });

  it('lists actors by role and importers with their flags', () => {
    const actors = json('actors', 'list');
    expect(actors.filter((a) => a.name === 'deterministic').map((a) => a.role)).toEqual(['patient', 'examiner', 'lab']);
    expect(actors.find((a) => a.role === 'patient' && a.name === 'llm')?.options.map((o) => o.name)).toContain('bias');
    const importers = json('importers', 'list');
    expect(importers[0]).toMatchObject({ name: 'agentclinic' });
    expect(importers[0].options.map((o) => o.name)).toEqual(['--out <dir>', '--license <text>', '--id-prefix <prefix>']);
  });
});

describe('spec errors name the kind of thing and the nearest name', () => {
  const cases: Array<[string[], string]> = [
    [
      ['--protocol', 'default:budgt=5'],
      'Protocol "default" has no option "budgt" (did you mean budget?); it takes max-turns, max-questions, max-tests, max-exams, visit-fee, budget.',
    ],
    [['--protocol', 'defualt'], 'Unknown protocol "defualt" (did you mean default?); available: agentclinic, default, respond, sdbench.'],
    [['--doctor', 'baselin'], 'Unknown doctor "baselin" (did you mean baseline?); available: '],
    [
      ['--patient', 'llm:ollama:x,temprature=1'],
      'Patient "llm:ollama:x,temprature=1" has no option "temprature" (did you mean temperature?); it takes temperature, max-tokens, seed, bias.',
    ],
    [['--lab', 'gatekeeper'], 'Unknown lab "gatekeeper"; available: anthropic, deterministic, google, llm, ollama, openai, openai-compatible.'],
  ];
  for (const [args, message] of cases) {
    it(`rounds run ${args.join(' ')}`, () => {
      const r = run(...args);
      expect(r.status).toBe(1);
      expect(r.stderr.startsWith(`error: ${message}`), r.stderr).toBe(true);
    });
  }

  it('rounds run --suite with a mistyped source', () => {
    const r = rounds('run', '--suite', 'agentclinc:test/fixtures/agentclinic/medqa-sample.jsonl', '--store', join(dir, 'never.db'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^error: Unknown suite "agentclinc:test\/fixtures\/agentclinic\/medqa-sample\.jsonl" \(did you mean agentclinic:test\/fixtures\/agentclinic\/medqa-sample\.jsonl\?\); available: core, quick, /,
    );
    const c = rounds('cases', 'list', 'case:no-such-case-001');
    expect(c.stderr).toMatch(/^error: Suite source "case" has no "no-such-case-001"; available: core, quick, /);
    expect(rounds('cases', 'list', 'case:endo-dka-001', '--json').stdout).toContain('"id": "endo-dka-001"');
  });
});

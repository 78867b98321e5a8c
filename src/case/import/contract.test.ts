import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getImporter, importers } from './registry.js';

/*
 * The contract every registered importer keeps, run against each one through the CLI a user runs: importing its
 * sample files writes case files that `rounds cases validate` accepts, every written case is marked as imported
 * from its source, and `--suite <kind>:<file>` reads the same cases without writing anything.
 */

const bin = join(process.cwd(), 'bin', 'rounds.js');
const rounds = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'rounds-importer-contract-'));

/** Sample source files per importer; a new importer must bring its own. */
const SAMPLES: Record<string, string[]> = {
  agentclinic: ['medqa-sample.jsonl', 'medqa-extended-sample.jsonl', 'nejm-sample.jsonl', 'issue13-nejm-extended.jsonl'].map(
    (f) => `test/fixtures/agentclinic/${f}`,
  ),
  diagnosisarena: ['test/fixtures/diagnosisarena/clean.jsonl', 'test/fixtures/diagnosisarena/sample.json'],
  medagentbench: ['test/fixtures/medagentbench/tasks.json'],
  healthbench: ['test/fixtures/healthbench/sample.jsonl'],
};
/** Extra flags an importer's samples need. */
const FLAGS: Record<string, string[]> = { medagentbench: ['--bundle', 'test/fixtures/medagentbench/bundle.json'] };
/** Importers whose output is one EHR task file rather than case files. */
const taskFile = (name: string) => getImporter(name).output === 'ehr-tasks';

describe('importer contract', () => {
  it('has sample files for every registered importer, and lists each with `rounds importers list --json`', () => {
    expect(importers.names().filter((n) => !SAMPLES[n])).toEqual([]);
    const listed = JSON.parse(rounds('importers', 'list', '--json').stdout) as Array<{ name: string; options: Array<{ name: string }> }>;
    expect(listed.map((i) => i.name)).toEqual(importers.names());
    for (const i of listed) expect(i.options.map((o) => o.name)).toContain(taskFile(i.name) ? '--out <file>' : '--out <dir>');
  });

  for (const name of importers.names().filter(taskFile)) {
    it(`${name}: import → one EHR task file that rounds ehr tasks accepts and --suite ehr:<file> lists`, () => {
      const out = join(dir, `${name}.yaml`);
      const r = rounds('import', name, ...SAMPLES[name], ...(FLAGS[name] ?? []), '--out', out);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`run it with --suite ehr:${out}`);
      const tasks = rounds('ehr', 'tasks', out);
      expect(tasks.status, tasks.stdout).toBe(0);
      const n = Number(/(\d+) tasks in/.exec(tasks.stdout)![1]);
      expect(n).toBeGreaterThan(0);
      const listed = JSON.parse(rounds('cases', 'list', `ehr:${out}`, '--json').stdout) as Array<{ id: string }>;
      expect(listed).toHaveLength(n);
      // Read as a suite by its own name, it says how to import it instead of guessing the bundle.
      const suite = rounds('cases', 'list', `${name}:${SAMPLES[name][0]}`);
      expect(suite.status).toBe(1);
      expect(suite.stderr).toMatch(/rounds import medagentbench <file> --bundle <bundle>/);
    });
  }

  for (const name of importers.names().filter((n) => !taskFile(n))) {
    it(`${name}: import → case files that pass rounds cases validate, and the same cases as --suite ${name}:<file>`, () => {
      const files = SAMPLES[name] ?? [];
      const out = join(dir, name);
      const r = rounds('import', name, ...files, ...(FLAGS[name] ?? []), '--out', out);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const written = readdirSync(out).filter((f) => f.endsWith('.yaml'));
      expect(written.length).toBeGreaterThanOrEqual(files.length);
      expect(r.stdout).toContain(`Wrote ${written.length} case file`);
      const byFile = new Map<string, string[]>();
      for (const f of written) {
        const text = readFileSync(join(out, f), 'utf8');
        const kase = parse(text) as { id: string; source: { kind: string; dataset?: string } };
        expect(kase.source.kind, f).toBe('imported');
        const from = files.find((s) => s.endsWith(`/${kase.source.dataset}`)) ?? '';
        byFile.set(from, [...(byFile.get(from) ?? []), kase.id]);
      }
      for (const file of files) expect(byFile.get(file)?.length ?? 0, file).toBeGreaterThan(0);
      const v = rounds('cases', 'validate', out);
      expect(v.status, `${v.stdout}${v.stderr}`).toBe(0);
      expect(v.stdout).toContain(`${written.length} cases in ${written.length} files: all valid.`);
      // Read as a suite, a source file gives exactly the cases its import wrote.
      const listed = JSON.parse(rounds('cases', 'list', `${name}:${files[0]}`, '--json').stdout) as Array<{ id: string }>;
      expect(listed.map((c) => c.id).sort()).toEqual(byFile.get(files[0])!.sort());
    });
  }

  it('names the importer kind, with the nearest one, for a mistyped kind', () => {
    const r = rounds('import', 'agentclinc', 'x.jsonl', '--out', join(dir, 'never'));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'error: Unknown importer "agentclinc" (did you mean agentclinic?); available: agentclinic, diagnosisarena, healthbench, medagentbench.\n',
    );
  });
});

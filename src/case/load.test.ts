import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadCases, loadCaseFile } from './load.js';
import { loadCatalog } from './catalog.js';
import { crossCheck } from './validate.js';

const bad = 'test/fixtures/bad';

describe('case loader', () => {
  it('loads a valid YAML case with defaults filled in', () => {
    const r = loadCases('test/fixtures/cases/stemi.yaml');
    expect(r.problems).toEqual([]);
    expect(r.cases[0].kase.id).toBe('cardio-stemi-inferior-001');
    expect(r.cases[0].kase.patient.age_unit).toBe('years');
  });

  it('names file, line, field and problem for wrong types', () => {
    const r = loadCaseFile(join(bad, 'wrong-types.yaml'));
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    expect(byPath['patient.age'].message).toBe('expected number, got string');
    expect(byPath['patient.age'].line).toBe(5);
    expect(byPath['facts[0].answer'].message).toBe('expected string, got number');
    expect(byPath['facts[0].answer'].line).toBe(11);
    expect(r.cases).toEqual([]);
  });

  it('reports missing fields as required', () => {
    const r = loadCaseFile(join(bad, 'missing-fields.yaml'));
    expect(r.problems.map((p) => `${p.path}: ${p.message}`)).toContain('diagnosis: is required (expected object)');
  });

  it('reports YAML syntax errors with a line, empty files and binary files', () => {
    const syntax = loadCaseFile(join(bad, 'syntax.yaml')).problems[0];
    expect(syntax.message).toMatch(/^YAML syntax error/);
    expect(syntax.line).toBeGreaterThanOrEqual(2);
    expect(loadCaseFile(join(bad, 'empty.yaml')).problems[0].message).toBe('is empty');
    expect(loadCaseFile(join(bad, 'binary.yaml')).problems[0].message).toMatch(/binary/);
  });

  it('lists every problem of a folder at once, including cross-checks', () => {
    const r = loadCases(bad);
    const files = new Set(r.problems.map((p) => p.file.split('/').pop()));
    expect(files).toEqual(new Set(['binary.yaml', 'empty.yaml', 'missing-fields.yaml', 'syntax.yaml', 'wrong-types.yaml']));
    const cross = crossCheck(r.cases, loadCatalog());
    expect(cross.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'results.unicorn-scan: "unicorn-scan" is not a test id in the catalog',
      'expected.confirm_with[0]: "unicorn-test" is not a test id in the catalog',
      'expected.must_ask[0]: "not-a-fact" is not a fact id of this case',
    ]);
  });

  it('finds duplicate case ids across files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-dup-'));
    const text =
      'id: dup-001\ntitle: t\nspecialty: s\nsource: { kind: synthetic, author: rounds }\npatient: { age: 1, sex: male }\npresentation: p\ndiagnosis: { name: n, icd10: A00.0 }\n';
    writeFileSync(join(dir, 'a.yaml'), text);
    writeFileSync(
      join(dir, 'b.json'),
      JSON.stringify({
        id: 'dup-001',
        title: 't',
        specialty: 's',
        source: { kind: 'synthetic', author: 'rounds' },
        patient: { age: 1, sex: 'male' },
        presentation: 'p',
        diagnosis: { name: 'n', icd10: 'A00.0' },
      }),
    );
    const r = loadCases(dir);
    expect(r.cases).toHaveLength(2);
    expect(crossCheck(r.cases, loadCatalog())[0].message).toMatch(/duplicate case id "dup-001"/);
  });

  it('reads JSONL with one case per line and names bad lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-jsonl-'));
    const ok = {
      id: 'j-001',
      title: 't',
      specialty: 's',
      source: { kind: 'imported', author: 'x' },
      patient: { age: 1, sex: 'female' },
      presentation: 'p',
      diagnosis: { name: 'n', icd10: 'A00.0' },
    };
    writeFileSync(
      join(dir, 'cases.jsonl'),
      `${JSON.stringify(ok)}\n{not json\n${JSON.stringify({ ...ok, id: 'j-002', patient: { age: -1, sex: 'female' } })}\n`,
    );
    const r = loadCases(join(dir, 'cases.jsonl'));
    expect(r.cases.map((c) => c.kase.id)).toEqual(['j-001']);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(r.problems[1].path).toBe('patient.age');
  });

  it('expands globs', () => {
    const r = loadCases('test/fixtures/cases/*.yaml');
    expect(r.cases.length).toBe(1);
  });

  it('never crashes on arbitrary input and always explains a rejection (fuzz)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-fuzz-'));
    const file = join(dir, 'case.yaml');
    const valid =
      'id: f-001\ntitle: t\nspecialty: s\nsource: { kind: synthetic, author: rounds }\npatient: { age: 30, sex: male }\npresentation: p\ndiagnosis: { name: n, icd10: A00.0 }\n';
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          // Mutations of a valid case: drop, duplicate or corrupt a span of it.
          fc.tuple(fc.nat(valid.length), fc.nat(40), fc.string({ maxLength: 20 })).map(([i, n, s]) => valid.slice(0, i) + s + valid.slice(i + n)),
        ),
        (text) => {
          writeFileSync(file, text, 'latin1');
          const r = loadCaseFile(file);
          if (r.cases.length === 0) {
            expect(r.problems.length).toBeGreaterThan(0);
            for (const p of r.problems) {
              expect(p.file).toBe(file);
              expect(typeof p.message).toBe('string');
              expect(p.message.length).toBeGreaterThan(0);
            }
          } else {
            expect(r.problems).toEqual([]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearKnowledgeBaseCache, loadKnowledgeBase } from './load.js';
import { tinyVocabulary } from './tiny-kb.fixture.js';
import { Catalog } from '../case/catalog.js';
import { CaseValidationError } from '../util/errors.js';

const dirs: string[] = [];
function kbDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-kb-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  clearKnowledgeBaseCache();
});

const FINDINGS = `findings:
  - { id: fever, label: Fever, how: { ask: chills }, background: 0.15 }
  - { id: rebound, label: Rebound, how: { examine: abdomen, match: [rebound] }, background: 0.1 }
  - { id: wbc-high, label: High WBC, how: { order: cbc, component: WBC, flag: [high] }, background: 0.2 }
`;
const DISEASES = `diseases:
  - { id: b-disease, name: B, icd10: K35.80, specialty: gastroenterology, prior: 1, findings: { fever: 0.3 } }
  - { id: a-disease, name: A, icd10: J18.9, specialty: pulmonology, prior: 3, findings: { fever: 0.9, wbc-high: 0.7 } }
`;
const catalog = (ids: string[]) =>
  new Catalog(ids.map((id) => ({ id, name: id, aliases: [], category: 'lab', price: { usd: 1, source: 'test' }, normal: { value: 1 } })));
const problemsOf = (fn: () => unknown): CaseValidationError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CaseValidationError) return e;
    throw e;
  }
  throw new Error('expected a CaseValidationError');
};

describe('loadKnowledgeBase', () => {
  it('merges files, sorts by id, normalises priors and fills in backgrounds', () => {
    const dir = kbDir({ 'findings.yaml': FINDINGS, 'diseases.yaml': DISEASES });
    const kb = loadKnowledgeBase(dir, { vocabulary: tinyVocabulary(), catalog: catalog(['cbc']) });
    expect(kb.diseases.map((d) => d.id)).toEqual(['a-disease', 'b-disease']);
    expect([...kb.prior]).toEqual([0.75, 0.25]);
    const fever = kb.findingIndex.get('fever')!;
    const wbc = kb.findingIndex.get('wbc-high')!;
    expect([...kb.likelihood[fever]]).toEqual([0.9, 0.3]);
    // b-disease does not list wbc-high: its background applies.
    expect([...kb.likelihood[wbc]]).toEqual([0.7, 0.2]);
    expect([...kb.listedBy[wbc]]).toEqual([0]);
    expect(kb.deltaLogAbsent[wbc][0]).toBeCloseTo(Math.log(0.3) - Math.log(0.8), 12);
    // The synonym "chills" is folded to the canonical topic.
    expect(kb.byTopic.get('fever')).toEqual([fever]);
    expect(kb.byTest.get('cbc')).toEqual([wbc]);
  });

  it('caches per folder and vocabulary', () => {
    const dir = kbDir({ 'kb.yaml': FINDINGS + DISEASES });
    const vocabulary = tinyVocabulary();
    expect(loadKnowledgeBase(dir, { vocabulary })).toBe(loadKnowledgeBase(dir, { vocabulary }));
  });

  it('reports every problem with file, line and field path', () => {
    const dir = kbDir({
      'a.yaml': FINDINGS,
      'b.yaml': `findings:
  - { id: fever, label: Again, how: { ask: fever }, background: 0.1 }
  - { id: mood, label: Mood, how: { ask: mood }, background: 0.1 }
diseases:
  - { id: c, name: C, icd10: R69, specialty: x, prior: 1, findings: { nope: 0.5 } }
  - { id: c, name: C2, icd10: R69, specialty: x, prior: 1, findings: { fever: 0.5 } }
  - { id: d, name: D, icd10: bad, specialty: x, prior: 1, findings: { fever: 1.5 } }
`,
    });
    const err = problemsOf(() => loadKnowledgeBase(dir, { vocabulary: tinyVocabulary() }));
    const lines = err.problems.map((p) => `${p.file.split('/').pop()}:${p.line}: ${p.path}: ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^b\.yaml:7: diseases\[2\]\.icd10: must be an ICD-10-CM code/),
        expect.stringMatching(/^b\.yaml:7: diseases\[2\]\.findings\.fever: /),
        'b.yaml:2: findings[0].id: duplicate finding id "fever" (also in ' + dir + '/a.yaml)',
        'b.yaml:6: diseases[1].id: duplicate disease id "c" (also in ' + dir + '/b.yaml)',
        'b.yaml:3: findings[1].how.ask: ask topic "mood" is not in the vocabulary (data/vocabulary/topics.yaml)',
        'b.yaml:5: diseases[0].findings.nope: unknown finding "nope"',
      ]),
    );
    expect(err.message).toMatch(/problems in case files/);
  });

  it('reports YAML syntax errors with a line', () => {
    const err = problemsOf(() => loadKnowledgeBase(kbDir({ 'x.yaml': 'findings: [\n  - oops: {\n' }), { vocabulary: tinyVocabulary() }));
    expect(err.problems[0].message).toMatch(/YAML syntax error/);
    expect(err.problems[0].line).toBeGreaterThan(0);
  });

  it('rejects tests missing from the catalog, naming the finding', () => {
    const dir = kbDir({ 'kb.yaml': FINDINGS + DISEASES });
    const err = problemsOf(() => loadKnowledgeBase(dir, { vocabulary: tinyVocabulary(), catalog: catalog(['crp']) }));
    expect(err.problems).toEqual([expect.objectContaining({ line: 4, path: 'findings[2].how.order', message: 'test "cbc" is not in the catalog' })]);
  });

  it('rejects an empty folder and a folder with no diseases', () => {
    expect(problemsOf(() => loadKnowledgeBase(kbDir({}), { vocabulary: tinyVocabulary() })).message).toMatch(/has no knowledge-base files/);
    expect(problemsOf(() => loadKnowledgeBase(kbDir({ 'f.yaml': FINDINGS }), { vocabulary: tinyVocabulary() })).message).toMatch(/defines no diseases/);
  });
});

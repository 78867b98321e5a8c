import { describe, it, expect } from 'vitest';
import { loadCases } from '../case/load.js';
import { loadCatalog } from '../case/catalog.js';
import { deterministicActors } from '../actors/deterministic.js';
import { startEncounter } from '../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { scoreEncounter } from './score-encounter.js';
import { matchDiagnosis } from './diagnosis-match.js';

const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;

describe('diagnosis match', () => {
  it.each([
    [{ name: 'Inferior ST-elevation myocardial infarction' }, 'correct'],
    [{ name: 'inferior STEMI' }, 'correct'],
    [{ name: 'Acute inferior wall myocardial infarction with RV involvement' }, 'correct'],
    [{ name: 'heart attack', icd10: 'I21.19' }, 'correct'],
    [{ name: 'heart attack', icd10: 'I21' }, 'correct'],
    [{ name: 'NSTEMI', icd10: 'I21.4' }, 'partial'],
    [{ name: 'Acute coronary syndrome' }, 'partial'],
    [{ name: 'Aortic dissection', icd10: 'I71.01' }, 'incorrect'],
  ])('%j is %s', (entry, level) => {
    const m = matchDiagnosis(kase, entry);
    expect(m.level).toBe(level);
    expect(m.reason.length).toBeGreaterThan(10);
  });
});

it('ignores the placeholder code of an imported case without a real ICD-10 code', () => {
  const imported = { ...kase, diagnosis: { ...kase.diagnosis, icd10: 'R69' }, extra: { icd10_unknown: true } };
  expect(matchDiagnosis(imported, { name: 'Something else', icd10: 'R69' }).level).toBe('incorrect');
  expect(matchDiagnosis(imported, { name: 'inferior STEMI', icd10: 'R69' }).level).toBe('correct');
});

describe('score encounter', () => {
  const catalog = loadCatalog();
  const run = async (actions: unknown[], protocol = PROTOCOL_PRESETS.default) => {
    const e = startEncounter({ kase, actors: deterministicActors(), protocol, catalog, seed: 's' });
    for (const a of actions) if (!e.ended) await e.step(a);
    return scoreEncounter(kase, e.events);
  };
  const get = (s: Awaited<ReturnType<typeof run>>, name: string) => s.scores.find((x) => x.name === name);

  it('scores top-1, top-3, cost and process items with reasons', async () => {
    const s = await run([
      { type: 'ask', questions: [{ text: 'chest pain?' }, { text: 'does it radiate?', topic: 'pain radiation' }] },
      { type: 'order', tests: ['ecg-12-lead'] },
      { type: 'diagnose', differential: [{ name: 'Aortic dissection' }, { name: 'Pericarditis' }, { name: 'inferior STEMI' }] },
    ]);
    expect(s.verdict).toBe('incorrect');
    expect(get(s, 'top1')!.value).toBe(0);
    expect(get(s, 'top3')).toMatchObject({ value: 1, detail: expect.stringMatching(/^rank 3/) });
    expect(get(s, 'cost')!.value).toBeCloseTo(300 + catalog.get('ecg-12-lead')!.price.usd);
    expect(get(s, 'must_ask')).toMatchObject({ value: 2 / 3, detail: 'missed smoking' });
    expect(get(s, 'must_order')).toMatchObject({ value: 0.5, detail: 'did not order troponin-i-hs' });
  });

  it('counts an encounter without a diagnosis as no-diagnosis, scored 0', async () => {
    const s = await run(
      [
        { type: 'ask', questions: [{ text: 'a' }] },
        { type: 'ask', questions: [{ text: 'b' }] },
      ],
      { ...PROTOCOL_PRESETS.default, maxTurns: 2 },
    );
    expect(s.verdict).toBe('no-diagnosis');
    expect(get(s, 'diagnosis')).toMatchObject({ value: 0, detail: expect.stringContaining('turn-limit') });
  });

  it('never scores an error encounter as right or wrong', async () => {
    const s = await run([{ type: 'bogus' }]);
    expect(s.verdict).toBe('error');
    expect(get(s, 'diagnosis')!.value).toBeNull();
    expect(get(s, 'top1')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { loadCases } from '../case/load.js';
import { ScriptedExaminer } from './scripted-examiner.js';

const kase = loadCases('data/cases').cases.find(({ kase }) => kase.id === 'cardio-stemi-inferior-001')!.kase;

describe('ScriptedExaminer', () => {
  it('examines the same target of the same case alike every time, each reply with its own fact ids', () => {
    const examiner = new ScriptedExaminer();
    const first = examiner.examine({ kase, target: 'heart' });
    expect(first.factIds.length).toBeGreaterThan(0);
    const ids = [...first.factIds];
    first.factIds.push('mutated by the caller');
    const again = examiner.examine({ kase, target: 'heart' });
    expect(again).toStrictEqual({ ...first, factIds: ids });
    expect(new ScriptedExaminer().examine({ kase, target: 'heart' })).toStrictEqual(again);
    expect(examiner.examine({ kase, target: 'pinky toe' })).toMatchObject({ normal: true, factIds: [] });
  });
});

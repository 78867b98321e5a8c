import { describe, expect, it } from 'vitest';
import { loadCases } from '../case/load.js';
import type { PatientReply } from '../encounter/actors.js';
import { askGold, judge, summarize, type GoldLine, type GoldOutcome } from './patient-gold.js';

const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const reply = (factIds: string[], matched: string, text = 'Some words.'): PatientReply => ({ text, factIds, matched: matched as PatientReply['matched'] });
const q = (expect: GoldLine['expect'], kind: GoldLine['kind'] = 'ros-lay', parts?: string[][]): GoldLine => ({
  case: kase.id,
  question: 'q',
  expect,
  kind,
  ...(parts ? { parts } : {}),
});

describe('judge', () => {
  it('counts any one expected fact as answered, a denial as contradicted and other facts as wrong', () => {
    expect(judge(q(['a', 'b']), reply(['b'], 'synonym'), kase)).toBe('answered');
    expect(judge(q(['a']), reply([], 'none'), kase)).toBe('contradicted');
    expect(judge(q(['a']), reply(['c'], 'text'), kase)).toBe('wrong-fact');
    expect(judge(q(['a']), reply([], 'unclear'), kase)).toBe('unclear');
  });

  it('answers "none" lines with a plain negative only; unclear is not an answer there either', () => {
    expect(judge(q('none', 'negative'), reply([], 'none'), kase)).toBe('answered');
    expect(judge(q('none', 'negative'), reply([], 'unclear'), kase)).toBe('unclear');
    expect(judge(q('none', 'negative'), reply(['a'], 'text'), kase)).toBe('wrong-fact');
  });

  it('needs every part of a compound question', () => {
    expect(judge(q(['a', 'b'], 'compound', [['a'], ['b']]), reply(['a'], 'text'), kase)).toBe('partial');
    expect(judge(q(['a', 'b'], 'compound', [['a'], ['b']]), reply(['a', 'b'], 'text'), kase)).toBe('answered');
  });

  it('flags a reply naming the diagnosis, on any kind of line', () => {
    expect(judge(q(['a']), reply(['a'], 'text', 'It is an inferior STEMI.'), kase)).toBe('leaked');
    expect(judge(q('none', 'bad-input'), reply([], 'none', 'inferior STEMI'), kase)).toBe('leaked');
    expect(judge(q('none', 'bad-input'), reply([], 'unclear'), kase)).toBe('answered');
  });
});

describe('askGold', () => {
  it('asks the context first and passes the dialogue so far with each question', async () => {
    const seen: number[] = [];
    const patient = { answer: ({ dialogue }: { dialogue: readonly unknown[] }) => (seen.push(dialogue.length), reply([], 'none')) };
    await askGold(patient, kase, { ...q(['a'], 'follow-up'), context: ['What brings you in?', 'Go on.'] });
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('summarize', () => {
  it('counts verdicts and takes p50 and p99 of the times', () => {
    const o = (verdict: GoldOutcome['verdict'], ns: number) => ({ verdict, ns }) as GoldOutcome;
    const s = summarize([o('answered', 1), o('answered', 2), o('contradicted', 3), o('unclear', 100)]);
    expect(s).toMatchObject({ n: 4, answered: 2, contradicted: 1, unclear: 1, p50Ns: 2, p99Ns: 100 });
  });
});

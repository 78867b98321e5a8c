import { describe, expect, it } from 'vitest';
import { chooseMove, moveCost, scoreMoves, type ChooseInput } from './choose.js';
import { candidatesFor } from './candidates.js';
import { BASELINE_DEFAULTS } from './options.js';
import { belief } from '../../kb/posterior.js';
import { createEvidence } from '../../kb/evidence.js';
import { choiceKb } from '../../kb/tiny-kb.fixture.js';
import { Catalog } from '../../case/catalog.js';
import { PROTOCOL_PRESETS, type Protocol } from '../../encounter/protocol.js';
import type { DoctorView } from '../../encounter/view.js';

/*
 * choiceKb: priors A 0.75 / B 0.25 (entropy 0.811278 bits). Single-finding gains, by hand:
 *   fever (ask)      P(f|A)=0.9, P(f|B)=0.2  -> 0.316319 bits
 *   rebound (exam)   P(f|A)=0.8, P(f|B)=0.1  -> 0.295739 bits
 *   crp-high (test)  P(f|A)=0.8, P(f|B)=0.1  -> 0.295739 bits, price $8
 *   cough (ask)      P(f|A)=0.6, P(f|B)=0.4  -> 0.022 bits (small but above min-gain)
 */
const kb = choiceKb();
const catalog = new Catalog([{ id: 'crp', name: 'C-reactive protein', aliases: [], category: 'lab', price: { usd: 8, source: 'test' }, normal: { value: 1 } }]);
const candidates = candidatesFor(kb, catalog);

function input(over: { protocol?: Partial<Protocol>; inVisit?: boolean; budgetLeft?: number | null; costWeight?: number; taken?: string[] } = {}): ChooseInput {
  const protocol = { ...PROTOCOL_PRESETS.default, ...over.protocol };
  const view: DoctorView = {
    presentation: '',
    patient: { age: 30, ageUnit: 'years', sex: 'female', speaker: 'self' },
    protocol,
    turn: 0,
    turnsLeft: protocol.maxTurns,
    cost: 0,
    budgetLeft: over.budgetLeft ?? null,
    inVisit: over.inVisit ?? false,
    history: [],
  };
  return {
    kb,
    belief: belief(kb, []),
    evidence: createEvidence(kb),
    candidates,
    view,
    catalog,
    taken: (c) => (over.taken ?? []).includes(c.key),
    options: { ...BASELINE_DEFAULTS, costWeight: over.costWeight ?? BASELINE_DEFAULTS.costWeight },
  };
}

describe('move costs', () => {
  it('shares the visit fee over a turn of questions, or of exams, and is free inside a visit', () => {
    const [fever] = candidates.filter((c) => c.key === 'fever');
    const [abdomen] = candidates.filter((c) => c.key === 'abdomen');
    const [crp] = candidates.filter((c) => c.key === 'crp');
    const v = input().view;
    expect(moveCost(fever, v, catalog)).toBe(60); // 300 / 5 questions
    expect(moveCost(abdomen, { ...v, protocol: { ...v.protocol, maxExamsPerTurn: 20 } }, catalog)).toBe(15);
    expect(moveCost(fever, { ...v, inVisit: true }, catalog)).toBe(0);
    expect(moveCost(crp, v, catalog)).toBe(8);
    expect(moveCost(crp, { ...v, protocol: { ...v.protocol, prices: { crp: 2 } } }, catalog)).toBe(2);
  });
});

describe('choosing by information gain per dollar', () => {
  it('with cost ignored (cost-weight 0) takes the most informative move, batching questions', () => {
    // Scores are the gains: fever 0.316 beats crp and rebound 0.296; cough joins the batch.
    const move = chooseMove(input({ costWeight: 0 }))!;
    expect(move.action).toEqual({
      type: 'ask',
      questions: [
        { text: 'Have you had any fever or chills?', topic: 'fever' },
        { text: 'Do you have a cough?', topic: 'cough' },
      ],
    });
    expect(move.moves[0].gain).toBeCloseTo(0.316319, 5);
  });

  it('with weight 0.5 prefers the cheap test', () => {
    // crp 0.295739 / sqrt(8 + 1) = 0.0986 beats fever 0.316319 / sqrt(60 + 1) = 0.0405.
    const scored = scoreMoves(input({ costWeight: 0.5 }));
    const crp = scored.find((s) => s.candidate.key === 'crp')!;
    const fever = scored.find((s) => s.candidate.key === 'fever')!;
    expect(crp.score).toBeCloseTo(0.295739 / 3, 5);
    expect(fever.score).toBeCloseTo(0.316319 / Math.sqrt(61), 5);
    expect(chooseMove(input({ costWeight: 0.5 }))!.action).toEqual({ type: 'order', tests: ['crp'] });
    // Per dollar (weight 1) the test wins by more: 0.295739 / 9 = 0.0329 against 0.316319 / 61 = 0.0052.
    expect(chooseMove(input({ costWeight: 1 }))!.action).toEqual({ type: 'order', tests: ['crp'] });
  });

  it('inside a visit questions are nearly free, so the best question wins again', () => {
    // fever 0.316 / 1 beats crp 0.0329.
    expect(chooseMove(input({ inVisit: true }))!.action.type).toBe('ask');
  });

  it('an exam shared over twenty targets per turn beats a question shared over one', () => {
    // rebound 0.295739 / sqrt(300 / 20 + 1) = 0.0739 beats fever 0.316 / sqrt(301) = 0.0182; crp is taken.
    const move = chooseMove(input({ protocol: { maxQuestionsPerTurn: 1, maxExamsPerTurn: 20 }, taken: ['crp'], costWeight: 0.5 }))!;
    expect(move.action).toEqual({ type: 'examine', targets: ['abdomen'] });
  });

  it('never repeats a move and skips what the budget cannot pay for', () => {
    expect(chooseMove(input({ taken: ['crp', 'fever', 'cough', 'abdomen'] }))).toBeUndefined();
    // $5 left: not the $8 test, not a $300 visit.
    expect(chooseMove(input({ budgetLeft: 5 }))).toBeUndefined();
    expect(chooseMove(input({ budgetLeft: 10 }))!.action).toEqual({ type: 'order', tests: ['crp'] });
  });
});

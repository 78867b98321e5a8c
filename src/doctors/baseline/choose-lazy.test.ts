import { describe, expect, it } from 'vitest';
import { chooseMove, scoreMoves, type ChooseInput, type ScoredMove } from './choose.js';
import { candidatesFor } from './candidates.js';
import { BASELINE_DEFAULTS } from './options.js';
import { belief } from '../../kb/posterior.js';
import { createEvidence, observationsOf } from '../../kb/evidence.js';
import { loadKnowledgeBase } from '../../kb/load.js';
import { loadCatalog } from '../../case/catalog.js';
import { PROTOCOL_PRESETS } from '../../encounter/protocol.js';
import { createRng } from '../../util/rng.js';
import type { DoctorView } from '../../encounter/view.js';

/*
 * chooseMove puts off exact joint gains it can prove irrelevant; scoreMoves still computes every one. The
 * move chosen from the full scoring, as chooseMove chose it before the shortcut, must be the move chooseMove
 * returns, scores and all, on the shipped knowledge base over many random states.
 */
const byScore = (a: ScoredMove, b: ScoredMove) => b.score - a.score || a.order - b.order;

function chooseFromFullScoring(input: ChooseInput) {
  const scored = scoreMoves(input);
  if (scored.length === 0) return undefined;
  let best = scored[0];
  for (const s of scored) if (byScore(s, best) < 0) best = s;
  const kind = best.candidate.kind;
  const p = input.view.protocol;
  const same = scored.filter((s) => s.candidate.kind === kind).sort(byScore);
  if (kind === 'ask') {
    const moves = same.slice(0, p.maxQuestionsPerTurn);
    return { action: { type: 'ask', questions: moves.map((m) => m.candidate.question!) }, moves };
  }
  if (kind === 'examine') {
    const moves = same.slice(0, p.maxExamsPerTurn);
    return { action: { type: 'examine', targets: moves.map((m) => m.candidate.key) }, moves };
  }
  const moves: ScoredMove[] = [];
  let spend = 0;
  const budget = input.view.budgetLeft;
  for (const m of same) {
    if (moves.length >= p.maxTestsPerTurn) break;
    if (moves.length > 0 && m.score < best.score * input.options.batchRatio) break;
    if (budget !== null && spend + m.cost > budget + 1e-9) continue;
    moves.push(m);
    spend += m.cost;
  }
  return { action: { type: 'order', tests: moves.map((m) => m.candidate.key) }, moves };
}

describe('chooseMove with exact gains put off', () => {
  const catalog = loadCatalog();
  const kb = loadKnowledgeBase(undefined, { catalog });
  const candidates = candidatesFor(kb, catalog);
  const rng = createRng('choose-lazy');
  const pick = (n: number) => Math.floor(rng.next() * n);

  it('chooses exactly what the full scoring chooses', () => {
    let deferredKinds = 0;
    for (let trial = 0; trial < 300; trial++) {
      const evidence = createEvidence(kb);
      const seen = pick(25);
      for (let n = 0; n < seen; n++) evidence[pick(kb.findings.length)] = rng.next() < 0.3 ? 1 : -1;
      const takenSet = new Set<number>();
      for (let n = pick(12); n > 0; n--) takenSet.add(pick(candidates.length));
      const preset = [PROTOCOL_PRESETS.default, PROTOCOL_PRESETS.sdbench][trial % 2];
      const protocol = { ...preset, budget: trial % 5 === 0 ? 400 : preset.budget };
      const view: DoctorView = {
        presentation: '',
        patient: { age: 40, ageUnit: 'years', sex: 'female', speaker: 'self' },
        protocol,
        turn: 0,
        turnsLeft: protocol.maxTurns,
        cost: 0,
        budgetLeft: protocol.budget,
        inVisit: trial % 3 === 0,
        history: [],
      };
      const input: ChooseInput = {
        kb,
        belief: belief(kb, observationsOf(evidence)),
        evidence,
        candidates,
        view,
        catalog,
        taken: (_c, order) => takenSet.has(order),
        options: { ...BASELINE_DEFAULTS, costWeight: [1, 0.5, 0][trial % 3], batchRatio: [0.5, 0][trial % 2] },
      };
      const expected = chooseFromFullScoring(input);
      const actual = chooseMove(input);
      expect(actual).toEqual(expected);
      if (expected && expected.moves.length > 1) deferredKinds++;
    }
    // The states must reach batches, where put-off moves could have mattered.
    expect(deferredKinds).toBeGreaterThan(100);
  });
});

import { describe, expect, it } from 'vitest';
import type { EncounterDetail, RunReportData } from '../store/types.js';
import { crossRunLeaderboard } from './leaderboard.js';

/** A finished encounter: correct or not, with a cost, and any extra scores. */
function enc(runId: string, doctor: string, caseId: string, i: number, correct: boolean, scores: Record<string, number> = {}): EncounterDetail {
  return {
    id: `${runId}-${doctor}-${caseId}`,
    runId,
    ordinal: i,
    caseId,
    specialty: 'cardiology',
    difficulty: 'medium',
    doctor,
    protocol: 'default',
    seed: '1',
    status: 'done',
    endReason: 'diagnosed',
    verdict: correct ? 'correct' : 'incorrect',
    cost: 100,
    turns: 3,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:01Z',
    diagnosis: 'x',
    scores: Object.fromEntries([['diagnosis', correct ? 1 : 0], ...Object.entries(scores)].map(([k, v]) => [k, { value: v as number, detail: '' }])),
  } as EncounterDetail;
}

function run(id: string, config: Record<string, unknown>, encounters: EncounterDetail[]): RunReportData {
  return { run: { id, createdAt: '', updatedAt: '', status: 'done', config, versions: {}, total: encounters.length }, encounters };
}

const cases = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('cross-run leaderboard', () => {
  it('groups by case-set hash and protocol, pools runs, and ranks only doctors with 10 cases', () => {
    const twelve = cases(12);
    // Run 1: A right on 9 of 12; a one-case human on the same hash is listed, not ranked, though 1/1 correct.
    const r1 = run('r1', { suites: ['core'], caseSetHash: 'h1' }, [
      ...twelve.map((c, i) => enc('r1', 'A', c, i, i < 9, { confirmed: i % 2, cant_miss: i < 6 ? 1 : 0.5, premature_closure: 0 })),
      enc('r1', 'human:ada', 'c1', 99, true),
    ]);
    // Run 2, named differently, same cases: B right on 6 of 12.
    const r2 = run(
      'r2',
      { suites: ['core-renamed'], caseSetHash: 'h1' },
      twelve.map((c, i) => enc('r2', 'B', c, i, i < 6)),
    );
    // Run 3: other cases, other hash: must not be ranked with A and B.
    const r3 = run(
      'r3',
      { suites: ['core'], caseSetHash: 'h2' },
      cases(3, 'x').map((c, i) => enc('r3', 'C', c, i, true)),
    );
    // Run 4: older, no hash.
    const r4 = run(
      'r4',
      { suites: ['quick'] },
      cases(10, 'q').map((c, i) => enc('r4', 'A', c, i, i < 5)),
    );
    const lb = crossRunLeaderboard([r1, r2, r3, r4], { resamples: 200 });
    expect(lb.minCases).toBe(10);
    expect(lb.boards.map((b) => b.key)).toEqual(['hash:h1', 'hash:h2', 'suites:quick']);
    const [h1, h2, old] = lb.boards;
    expect(h1).toMatchObject({ caseSetHash: 'h1', suites: ['core', 'core-renamed'], protocol: 'default', cases: 12, runs: ['r1', 'r2'] });
    expect(h1.ranked.map((r) => [r.rank, r.doctor, r.correct, r.cases])).toEqual([
      [1, 'A', 9, 12],
      [2, 'B', 6, 12],
    ]);
    expect(h1.ranked[0].accuracy!.low).toBeLessThan(0.75);
    expect(h1.ranked[0]).toMatchObject({ runs: ['r1'], confirmed: { n: 12, mean: 0.5 }, cantMissMissed: { n: 12, mean: 0.5 }, prematureClosure: { mean: 0 } });
    expect(h1.ranked[1].confirmed).toBeNull();
    expect(h1.tooFew.map((r) => [r.doctor, r.rank, r.cases])).toEqual([['human:ada', undefined, 1]]);
    expect(h2.ranked).toEqual([]);
    expect(h2.tooFew.map((r) => r.doctor)).toEqual(['C']);
    expect(old).toMatchObject({ caseSetHash: null, suites: ['quick'], note: expect.stringContaining('grouped by suite name') });
    expect(old.ranked.map((r) => r.doctor)).toEqual(['A']);
    expect(h1.note).toBeUndefined();
  });

  it('counts a deterministic doctor run twice on one case set once per case', () => {
    const ten = cases(10);
    const a = run(
      'a',
      { caseSetHash: 'h' },
      ten.map((c, i) => enc('a', 'baseline', c, i, i < 7)),
    );
    const b = run(
      'b',
      { caseSetHash: 'h' },
      ten.map((c, i) => enc('b', 'baseline', c, i, i < 7)),
    );
    const [board] = crossRunLeaderboard([a, b], { resamples: 200 }).boards;
    expect(board.ranked[0]).toMatchObject({ doctor: 'baseline', n: 10, correct: 7, replicates: 'identical', runs: ['a', 'b'] });
  });
});

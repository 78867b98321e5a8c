import { describe, expect, it } from 'vitest';
import { applyRow, logRowsOf } from './log-rows.js';
import { applyObservation } from './posterior.js';
import { choiceKb } from './tiny-kb.fixture.js';

describe('flat log rows', () => {
  it('move a running log posterior bit for bit as applyObservation does, adding and taking back out', () => {
    const kb = choiceKb();
    const rows = logRowsOf(kb);
    expect(logRowsOf(kb)).toBe(rows);
    const viaRows = Float64Array.from(kb.logPrior);
    const viaObservations = Float64Array.from(kb.logPrior);
    const steps: Array<[number, boolean, boolean]> = [];
    for (let i = 0; i < kb.findings.length; i++) steps.push([i, false, false], [i, false, true], [i, true, false]);
    for (const [i, present, remove] of steps) {
      applyRow(rows, viaRows, i, present, remove);
      applyObservation(kb, viaObservations, { finding: i, present }, remove ? -1 : 1);
      expect([...viaRows]).toEqual([...viaObservations]);
    }
  });
});

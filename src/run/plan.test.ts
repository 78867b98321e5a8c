import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareRun } from './start-run.js';
import { planById } from './plan.js';
import { isLegacyEncounterId } from '../session/ids.js';
import { openStore } from '../store/store.js';
import '../doctors/builtins.js';

const config = {
  suites: ['quick'],
  doctors: ['baseline', 'checklist'],
  protocols: ['default', 'agentclinic'],
  seeds: ['1', '2', '3'],
  concurrency: 1,
  skipInvalid: false,
};

/** The plan as the store keeps it: what makes a run reproducible (ids, order, seeds). */
function digest(rows: Array<{ id: string; ordinal: number; caseId: string; doctor: string; protocol: string; seed: string }>): string {
  const text = rows.map((r) => [r.ordinal, r.id, r.caseId, r.doctor, r.protocol, r.seed].join('\t')).join('\n');
  return createHash('sha256').update(text).digest('hex');
}

describe('the plan of a run', () => {
  it('keeps the encounter ids, order and seeds of earlier releases (a resumed or compared run depends on them)', async () => {
    const prepared = prepareRun('run-plan-pin', config);
    expect(prepared.size).toBe(10 * 2 * 2 * 3);
    const planned = [...prepared.plan()];
    expect(planned.length).toBe(prepared.size);
    expect(planned.slice(0, 2).map((p) => [p.ordinal, p.caseId, p.doctor, p.protocol, p.seed])).toEqual([
      [0, planned[0].caseId, 'baseline', 'default', `${planned[0].caseId}:1`],
      [1, planned[1].caseId, 'baseline', 'default', `${planned[1].caseId}:1`],
    ]);
    // Pinned from the release that built the plan whole; generating it lazily must not change a byte.
    expect(digest(planned)).toBe('6adc762d589110bd548a21de2071685f221ca6f10f1fdbc65995a0fde5265321');
    // And the store holds exactly that plan, in that order.
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'rounds-plan-')), 's.db'));
    const now = '2026-01-01T00:00:00.000Z';
    await store.createRun(
      { id: 'run-plan-pin', createdAt: now, updatedAt: now, status: 'running', config: {}, versions: {}, total: prepared.size },
      prepared.plan(),
    );
    const stored = await store.listEncounters('run-plan-pin');
    await store.close();
    expect(digest(stored)).toBe(digest(planned));
  });

  it('gives a run of a time-ordered run id ids that sort in plan order, pinned like the rest of the plan', () => {
    const planned = [...prepareRun('20260101-000000-0000', config).plan()];
    expect(planned.map((p) => p.id)).toEqual(planned.map((p) => p.id).sort());
    expect(digest(planned)).toBe('986cd0fa1c9144d90424b1403fe02f4d3a646f84eccf3f124a8f1f658090f38c');
  });

  it('is keyed by the hash-only ids of an earlier release for a run stored with those, each item carrying that id', () => {
    const items = prepareRun('20260101-000000-0000', config).items;
    const current = planById('20260101-000000-0000', items, false);
    const legacy = planById('20260101-000000-0000', items, true);
    expect([...current.keys()]).toEqual(items.map((i) => i.id));
    expect(legacy.size).toBe(items.length);
    for (const [id, item] of legacy) {
      expect(isLegacyEncounterId(id) && item.id === id).toBe(true);
      expect(current.get(items[item.ordinal].id)?.caseId).toBe(item.caseId);
    }
  });
});

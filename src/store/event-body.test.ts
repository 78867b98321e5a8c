import { describe, expect, it } from 'vitest';
import { eventBody } from './event-body.js';
import type { EncounterEvent } from '../encounter/events.js';
import { loadCatalog } from '../case/catalog.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { startEncounter } from '../encounter/engine.js';
import { deterministicActors } from '../actors/deterministic.js';
import { resolveSuite } from '../run/suites.js';
import { baselineDoctor } from '../doctors/baseline.js';
import { parseDoctorSpec } from '../doctors/spec.js';
import { createRng } from '../util/rng.js';

/** What the store kept before the cut: the event without seq, at and type, through a copy. */
function copied(event: EncounterEvent): string {
  const { seq: _seq, at: _at, type: _type, ...rest } = event;
  return JSON.stringify(rest);
}

describe('eventBody', () => {
  it('is the JSON of the event without seq, at and type, for every event of real encounters', async () => {
    const catalog = loadCatalog();
    const protocol = PROTOCOL_PRESETS.default;
    const factory = baselineDoctor(parseDoctorSpec('baseline'));
    const cases = resolveSuite('core')
      .cases.filter((_, i) => i % 9 === 0)
      .map((c) => c.kase);
    const types = new Set<string>();
    let n = 0;
    for (const kase of cases) {
      const e = startEncounter({ kase, actors: deterministicActors(), protocol, catalog, seed: `${kase.id}:0` });
      const doctor = factory.create({ catalog, protocol, rng: createRng(kase.id), note: (kind, data) => e.note('baseline', kind, data) });
      while (!e.ended) await e.step(await doctor.act(e.view()));
      for (const event of e.events) {
        expect(eventBody(event)).toBe(copied(event));
        types.add(event.type);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
    // Every kind of event a run stores went through the check.
    for (const t of ['start', 'action', 'visit', 'answer', 'exam', 'result', 'diagnosis', 'end']) expect(types).toContain(t);
  });

  it('takes the copy for an event of any other shape, with the same result', () => {
    const shapes = [
      // no other field: the type and the seq share the comma
      { type: 'end', seq: 3, at: '2026-01-01T00:00:00.000Z' },
      // seq and at not last, type not first
      { seq: 1, at: '2026-01-01T00:00:00.000Z', type: 'visit', turn: 1, fee: 300 },
      { type: 'visit', seq: 1, turn: 1, at: '2026-01-01T00:00:00.000Z' },
      { turn: 2, type: 'visit', fee: 1, seq: 4, at: 'x' },
      // a field whose text looks like the tail or the head
      { type: 'answer', text: ',"seq":5,"at":"T"}', seq: 5, at: 'T' },
      { type: 'answer', text: '{"type":"answer",', nested: { seq: 5, at: 'T' }, seq: 5, at: 'T' },
      { type: 'we"ird\n', quote: '"', seq: 0, at: 'T' },
      // undefined fields are left out either way
      { type: 'answer', gone: undefined, kept: null, seq: 2, at: 'T' },
    ] as unknown as EncounterEvent[];
    for (const event of shapes) expect(eventBody(event)).toBe(copied(event));
  });
});

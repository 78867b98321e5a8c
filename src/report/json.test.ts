import { describe, expect, it } from 'vitest';
import { summarizeRun } from './aggregate.js';
import { renderJson, sortKeysDeep } from './json.js';
import { fixtureRun } from './test-fixture.js';

describe('renderJson', () => {
  const data = fixtureRun({ withEvents: true });
  const text = renderJson(data);
  const doc = JSON.parse(text);

  it('holds run, summary and encounters, pretty-printed', () => {
    expect(Object.keys(doc)).toEqual(['run', 'summary', 'encounters']);
    expect(text).toContain('\n  "run": {\n    "id": "run-abc",');
    expect(text.endsWith('}\n')).toBe(true);
    expect(doc.summary).toEqual(JSON.parse(JSON.stringify(summarizeRun(data))));
    expect(doc.summary.groups[0].accuracy.estimate).toBe(0.5);
  });

  it('lists encounters in plan order without their events', () => {
    expect(doc.encounters.map((e: { id: string }) => e.id)).toEqual(Array.from({ length: 12 }, (_, i) => `enc-${i}`));
    for (const e of doc.encounters) expect(e).not.toHaveProperty('events');
    expect(Object.keys(doc.encounters[0])).toEqual([
      'id',
      'runId',
      'ordinal',
      'caseId',
      'specialty',
      'difficulty',
      'diagnosis',
      'doctor',
      'protocol',
      'seed',
      'status',
      'endReason',
      'verdict',
      'cost',
      'turns',
      'startedAt',
      'finishedAt',
      'scores',
    ]);
    expect(Object.keys(doc.encounters[0].scores)).toEqual([...Object.keys(doc.encounters[0].scores)].sort());
  });

  it('prints the same text whatever order the free-form keys were stored in', () => {
    const shuffled = fixtureRun({ withEvents: true });
    shuffled.run.config = Object.fromEntries(Object.entries(shuffled.run.config).reverse());
    expect(renderJson(shuffled)).toBe(text);
    expect(Object.keys(doc.run.config)).toEqual(['concurrency', 'doctors', 'protocols', 'seeds', 'suites']);
    expect(sortKeysDeep({ b: [{ d: 1, c: 2 }], a: null })).toEqual({ a: null, b: [{ c: 2, d: 1 }] });
    expect(JSON.stringify(sortKeysDeep({ b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });
});

import { describe, expect, it } from 'vitest';
import { buildCandidates, candidatesFor } from './candidates.js';
import { loadKnowledgeBase } from '../../kb/load.js';
import { forPatient } from '../../kb/patient-kb.js';
import { loadCatalog } from '../../case/catalog.js';

describe('candidate moves of a patient view', () => {
  it('are the shared candidates less the emptied ones, each with the view’s findings, as a build from the view gives', () => {
    const catalog = loadCatalog();
    const kb = loadKnowledgeBase(undefined, { catalog });
    const shared = candidatesFor(kb, catalog);
    for (const patient of [
      { age: 30, ageUnit: 'years', sex: 'male' },
      { age: 30, ageUnit: 'years', sex: 'female' },
      { age: 3, ageUnit: 'years', sex: 'female' },
      { age: 80, ageUnit: 'years', sex: 'male' },
    ]) {
      const view = forPatient(kb, patient);
      expect(view).not.toBe(kb);
      const derived = candidatesFor(view, catalog);
      expect(candidatesFor(view, catalog)).toBe(derived);
      expect(derived).toEqual(buildCandidates(view, catalog));
      expect(derived.length).toBeLessThanOrEqual(shared.length);
      // A candidate whose findings the view keeps whole is the shared one itself.
      const sharedByKey = new Map(shared.map((c) => [`${c.kind}\0${c.key}`, c]));
      for (const c of derived) if (c.findings === sharedByKey.get(`${c.kind}\0${c.key}`)!.findings) expect(c).toBe(sharedByKey.get(`${c.kind}\0${c.key}`));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { validateResource } from '@medplum/core';
import { loadCases } from '../case/load.js';
import { recordToResources } from './seed.js';
import { recordFromCase, parseVitals } from './record-from-case.js';
import { EmbeddedFhirStore } from './fhir-store.js';
import { seedResources } from './grade.js';
import { loadFhirDefinitions } from './definitions.js';

const cases = loadCases('data/cases').cases.map((c) => c.kase);

describe('recordFromCase', () => {
  it("gives every shipped case a record whose resources are valid FHIR R4 and seed a store (the encounter's own results left out)", async () => {
    loadFhirDefinitions();
    let checked = 0;
    for (const [i, kase] of cases.entries()) {
      const section = recordFromCase(kase);
      const resources = section.records.flatMap(recordToResources);
      // Validation is slow (ms per resource): every non-Observation, and all Observations of every ninth case (they share one shape).
      for (const r of resources.filter((x) => x.resourceType !== 'Observation' || i % 9 === 0)) {
        expect(() => validateResource(r), `${kase.id} ${r.resourceType}/${r.id}`).not.toThrow();
        checked++;
      }
      const store = new EmbeddedFhirStore();
      await store.seed(seedResources(section));
      const mrn = section.records[0].mrn;
      const patient = await store.request({ method: 'GET', url: `Patient/${mrn}` });
      expect(patient.status, kase.id).toBe(200);
      // Searches of the memory repository are slow on a long record (FHIRPath per resource): every ninth case.
      if (i % 9 !== 0) continue;
      const obs = await store.request({ method: 'GET', url: `Observation?patient=${mrn}&_count=1000` });
      const seeded = (obs.body as { entry?: Array<{ resource: { effectiveDateTime: string } }> }).entry ?? [];
      // Only what was measured before the encounter is in the chart.
      for (const e of seeded) expect(Date.parse(e.resource.effectiveDateTime)).toBeLessThan(Date.parse(section.now!));
    }
    expect(checked).toBeGreaterThan(1_000);
  }, 240_000);

  it('reads the vitals line, converting Fahrenheit to Celsius', () => {
    expect(parseVitals('HR 118, BP 104/62, RR 24, SpO2 92% on room air, temperature 39.4 C.')).toEqual({
      heartRate: 118,
      systolic: 104,
      diastolic: 62,
      respRate: 24,
      spo2: 92,
      temperature: 39.4,
    });
    expect(parseVitals('Temp 101.3 F, pulse 96, BP right arm 182/98, weight 72 kg').temperature).toBe(38.5);
    expect(parseVitals('Temp 101.3 F, pulse 96, BP right arm 182/98, weight 72 kg')).toMatchObject({ heartRate: 96, systolic: 182, diastolic: 98, weight: 72 });
  });
});

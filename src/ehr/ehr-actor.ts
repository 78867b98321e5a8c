import type { EhrActor } from '../encounter/actors.js';
import { ConfigError } from '../util/errors.js';
import { EMBEDDED_BASE, EmbeddedFhirStore, RemoteFhirClient } from './fhir-store.js';
import { seedResources } from './grade.js';

/**
 * The record behind EHR tasks. By default each encounter gets a fresh
 * in-memory FHIR store seeded from its case; with `fhir` (an http(s) base
 * URL) every encounter talks to that external server, which must already
 * hold the task's patients.
 */
export function ehrActor(opts: { fhir?: string } = {}): EhrActor {
  if (opts.fhir) {
    if (!/^https?:\/\/[^\s]+$/i.test(opts.fhir))
      throw new ConfigError(`--fhir must be an http(s) base URL such as http://localhost:8080/fhir/, not "${opts.fhir}".`);
    const base = opts.fhir;
    return { base, open: async () => new RemoteFhirClient(base) };
  }
  return {
    base: EMBEDDED_BASE,
    open: async ({ kase }) => {
      const store = new EmbeddedFhirStore();
      if (kase.ehr) await store.seed(seedResources(kase.ehr));
      return store;
    },
  };
}

import type { EhrActor } from '../encounter/actors.js';
import { ConfigError } from '../util/errors.js';
import { EMBEDDED_BASE } from './fhir-base.js';
import { seedResources } from './grade.js';

// Medplum (the FHIR router and its definitions) loads only when an encounter first opens a record, not with every actor set.
const fhirStore = () => import('./fhir-store.js');

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
    return { base, open: async () => new (await fhirStore()).RemoteFhirClient(base) };
  }
  return {
    base: EMBEDDED_BASE,
    open: async ({ kase }) => {
      const store = new (await fhirStore()).EmbeddedFhirStore();
      if (kase.ehr) await store.seed(seedResources(kase.ehr));
      return store;
    },
  };
}

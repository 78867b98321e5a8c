/** The base URL of the embedded FHIR store (a name only: nothing listens there). Apart so naming it loads no Medplum. */
export const EMBEDDED_BASE = 'http://ehr.rounds.local/fhir/';

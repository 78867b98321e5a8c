import { describe, expect, it } from 'vitest';
import { ehrToolCallToAction, parseMedAgentBench } from './ehr-mode.js';

describe('parseMedAgentBench', () => {
  it('reads GET, POST with a JSON body, and FINISH with a JSON list', () => {
    expect(parseMedAgentBench('GET http://localhost:8080/fhir/Patient?name=Ana&_format=json')).toEqual({
      type: 'fhir',
      method: 'GET',
      url: 'http://localhost:8080/fhir/Patient?name=Ana&_format=json',
    });
    expect(parseMedAgentBench('POST http://x/fhir/Observation\n{"resourceType": "Observation", "status": "final"}')).toEqual({
      type: 'fhir',
      method: 'POST',
      url: 'http://x/fhir/Observation',
      body: { resourceType: 'Observation', status: 'final' },
    });
    expect(parseMedAgentBench('```\nFINISH(["S2000001", 4.1])\n```')).toEqual({ type: 'finish', answer: ['S2000001', 4.1] });
    expect(parseMedAgentBench('FINISH([])')).toEqual({ type: 'finish', answer: [] });
  });

  it('keeps a POST with a broken body for the server to refuse, and rejects free text', () => {
    expect(parseMedAgentBench('POST Observation\n{oops')).toEqual({ type: 'fhir', method: 'POST', url: 'Observation', body: '{oops' });
    expect(parseMedAgentBench('FINISH([Patient not found])')).toEqual({ type: 'finish', answer: ['Patient not found'] });
    expect(parseMedAgentBench('I think the potassium is low.')).toBeUndefined();
    expect(parseMedAgentBench('GET a b')).toBeUndefined();
  });
});

describe('ehrToolCallToAction', () => {
  it('turns search parameters given as an object or a string into the same URL', () => {
    const a = ehrToolCallToAction({ toolName: 'fhir_search', input: { resourceType: 'Observation', params: { patient: 'S1', code: '2823-3' } } });
    const b = ehrToolCallToAction({ toolName: 'fhir_search', input: { resourceType: 'Observation', params: '?patient=S1&code=2823-3' } });
    expect(a).toEqual({ type: 'fhir', method: 'GET', url: 'Observation?patient=S1&code=2823-3' });
    expect(b).toEqual(a);
    expect(ehrToolCallToAction({ toolName: 'fhir_update', input: { resourceType: 'MedicationRequest', id: 'm1', resource: { id: 'm1' } } })).toEqual({
      type: 'fhir',
      method: 'PUT',
      url: 'MedicationRequest/m1',
      body: { id: 'm1' },
    });
  });
});

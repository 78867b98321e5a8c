import { describe, expect, it } from 'vitest';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { EmbeddedFhirStore, MAX_BODY_BYTES, RemoteFhirClient, parseTarget } from './fhir-store.js';
import { recordToResources } from './seed.js';
import { loadEhrPatients } from './tasks.js';

const records = loadEhrPatients().records;
const alvarez = records.get('S2000001')!;

async function seeded(): Promise<EmbeddedFhirStore> {
  const store = new EmbeddedFhirStore();
  await store.seed([...records.values()].flatMap(recordToResources));
  return store;
}
const entries = (b: Resource) => ((b as Bundle).entry ?? []).map((e) => e.resource!);
const diagnostics = (b: Resource) => (b as OperationOutcome).issue?.[0]?.diagnostics ?? '';

describe('EmbeddedFhirStore search', () => {
  it('finds a patient by name and birth date, by identifier, and not by a wrong birth date', async () => {
    const s = await seeded();
    const byName = await s.request({ method: 'GET', url: 'Patient?given=Maria&family=Alvarez&birthdate=1956-03-14' });
    expect(byName.status).toBe(200);
    expect(entries(byName.body).map((r) => r.id)).toEqual(['S2000001']);
    const byId = await s.request({ method: 'GET', url: 'http://localhost:8080/fhir/Patient?identifier=S2000004' });
    expect(entries(byId.body).map((r) => r.id)).toEqual(['S2000004']);
    const wrong = await s.request({ method: 'GET', url: '/Patient?name=Alvarez&birthdate=1956-03-15' });
    expect(wrong.status).toBe(200);
    expect(entries(wrong.body)).toEqual([]);
  });

  it('sorts observations by date, filters by date, and reads a bare patient id as Patient/<id>', async () => {
    const s = await seeded();
    const k = alvarez.observations.find((o) => o.loinc === '2823-3')!.values;
    const latest = await s.request({ method: 'GET', url: 'Observation?patient=S2000001&code=2823-3&_sort=-date&_count=1' });
    expect(entries(latest.body).map((r) => (r as { valueQuantity?: { value?: number } }).valueQuantity?.value)).toEqual([k[k.length - 1][1]]);
    const oldest = await s.request({ method: 'GET', url: 'Observation?subject=Patient/S2000001&code=http://loinc.org|2823-3&_sort=date&_count=1' });
    expect(entries(oldest.body).map((r) => (r as { valueQuantity?: { value?: number } }).valueQuantity?.value)).toEqual([k[0][1]]);
    const recent = await s.request({ method: 'GET', url: `Observation?patient=S2000001&code=2823-3&date=ge${k[1][0]}` });
    expect((recent.body as Bundle).total).toBe(1);
  });

  it('pages with _count and _offset and links the next page', async () => {
    const s = await seeded();
    const first = await s.request({ method: 'GET', url: 'Observation?patient=S2000001&_count=2' });
    const b = first.body as Bundle;
    expect(b.entry).toHaveLength(2);
    expect(b.total).toBeGreaterThan(2);
    const next = b.link?.find((l) => l.relation === 'next')?.url;
    expect(next).toContain('_offset=2');
    const second = await s.request({ method: 'GET', url: next! });
    expect(entries(second.body)[0].id).not.toBe(b.entry![0].resource!.id);
  });

  it('searches medication requests, conditions, allergies, procedures and service requests', async () => {
    const s = await seeded();
    for (const [url, n] of [
      ['MedicationRequest?patient=S2000001&status=active', alvarez.medications.length],
      ['Condition?patient=S2000001&category=problem-list-item', alvarez.problems.length],
      ['AllergyIntolerance?patient=S2000002', 1],
      ['Procedure?patient=S2000001', 0],
      ['ServiceRequest?patient=S2000001', 0],
    ] as const) {
      const r = await s.request({ method: 'GET', url });
      expect(r.status, url).toBe(200);
      expect(entries(r.body), url).toHaveLength(n);
    }
  });
});

describe('EmbeddedFhirStore writes', () => {
  it('stores a POST under a server id, ignoring a client id, and a later GET sees it', async () => {
    const s = await seeded();
    const created = await s.request({
      method: 'POST',
      url: 'Observation',
      body: {
        resourceType: 'Observation',
        id: 'S2000001',
        status: 'final',
        code: { text: 'x' },
        subject: { reference: 'Patient/S2000001' },
        valueQuantity: { value: 1 },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe('w1');
    const read = await s.request({ method: 'GET', url: 'Observation/w1' });
    expect(read.status).toBe(200);
    // The client's id did not overwrite the Patient with that id.
    expect((await s.request({ method: 'GET', url: 'Patient/S2000001' })).body.resourceType).toBe('Patient');
  });

  it('updates with PUT when the ids agree', async () => {
    const s = await seeded();
    const mr = (await s.request({ method: 'GET', url: 'MedicationRequest/S2000001-m1' })).body;
    const put = await s.request({ method: 'PUT', url: 'MedicationRequest/S2000001-m1', body: { ...mr, status: 'stopped' } });
    expect(put.status).toBe(200);
    expect((await s.request({ method: 'GET', url: 'MedicationRequest/S2000001-m1' })).body).toMatchObject({ status: 'stopped' });
    const mismatch = await s.request({ method: 'PUT', url: 'MedicationRequest/S2000001-m2', body: { ...mr, status: 'stopped' } });
    expect(mismatch.status).toBe(400);
    expect(diagnostics(mismatch.body)).toMatch(/does not match/);
  });
});

describe('EmbeddedFhirStore bad requests', () => {
  it('answers each with an OperationOutcome and a clear diagnostic, and the store is unchanged', async () => {
    const s = await seeded();
    const cases: Array<[Parameters<EmbeddedFhirStore['request']>[0], number, RegExp]> = [
      [{ method: 'GET', url: 'Foo?x=1' }, 404, /Unknown resource type "Foo"/],
      [{ method: 'GET', url: 'Observation?colour=red' }, 400, /"colour" is not supported for Observation/],
      [{ method: 'GET', url: 'Observation?_count=ten' }, 400, /_count must be a whole number/],
      [{ method: 'POST', url: 'Observation', body: { resourceType: 'Observation', foo: 1 } }, 400, /Observation.status: Missing required property/],
      [{ method: 'POST', url: 'Observation', body: '{not json' }, 400, /not valid JSON/],
      [{ method: 'POST', url: 'Observation', body: { resourceType: 'Patient' } }, 400, /names Observation/],
      [{ method: 'POST', url: 'Observation' }, 400, /needs a FHIR resource/],
      [
        { method: 'POST', url: 'Observation', body: JSON.stringify({ resourceType: 'Observation', note: [{ text: 'x'.repeat(MAX_BODY_BYTES) }] }) },
        413,
        /larger than 1,000,000 bytes/,
      ],
      [{ method: 'DELETE', url: 'Patient/S2000001' }, 405, /DELETE is not supported/],
      [{ method: 'GET', url: 'Patient/nobody' }, 404, /Not found/],
      [{ method: 'GET', url: 'a/b/c/d' }, 400, /not a resource or search URL/],
    ];
    for (const [call, status, text] of cases) {
      const r = await s.request(call);
      expect(r.status, `${call.method} ${call.url}`).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
      expect(diagnostics(r.body), `${call.method} ${call.url}`).toMatch(text);
    }
    expect(await s.all(['Observation', 'Patient'])).toHaveLength((await seeded().then((x) => x.all(['Observation', 'Patient']))).length);
  });
});

describe('RemoteFhirClient', () => {
  it('sends the call to the external base and turns an unreachable server into an OperationOutcome', async () => {
    const seen: string[] = [];
    const ok = new RemoteFhirClient('http://fhir.example/fhir', async (url, init) => {
      seen.push(`${init?.method} ${String(url)}`);
      return new Response(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0 }), { status: 200 });
    });
    expect((await ok.request({ method: 'GET', url: 'http://localhost:8080/fhir/Patient?name=x' })).status).toBe(200);
    expect(seen).toEqual(['GET http://fhir.example/fhir/Patient?name=x']);
    const down = new RemoteFhirClient('http://fhir.example/fhir/', async () => {
      throw new Error('connect ECONNREFUSED');
    });
    const r = await down.request({ method: 'GET', url: 'Patient' });
    expect(r.status).toBe(502);
    expect(diagnostics(r.body)).toMatch(/could not be reached: connect ECONNREFUSED/);
  });
});

describe('parseTarget', () => {
  it('reads relative, rooted and absolute URLs alike', () => {
    for (const u of ['Patient/1', '/Patient/1', 'http://x:8080/fhir/Patient/1']) expect(parseTarget(u)).toMatchObject({ type: 'Patient', id: '1' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../src/store/store.js';
import { startRun } from '../src/run/start-run.js';
import '../src/doctors/builtins.js';
import { EmbeddedFhirStore } from '../src/ehr/fhir-store.js';
import { recordToResources } from '../src/ehr/seed.js';
import { loadEhrPatients } from '../src/ehr/tasks.js';

let dir: string;
let store: Store;
let server: Server;
let base: string;
const seen: string[] = [];

// An "external" FHIR server: the embedded store behind plain HTTP, as a HAPI or Medplum server would be.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-ehr-ext-'));
  store = await openStore(join(dir, 'rounds.db'));
  const fhir = new EmbeddedFhirStore();
  await fhir.seed([...loadEhrPatients().records.values()].flatMap(recordToResources));
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
      void fhir.request({ method: req.method!, url: req.url!, body }).then((r) => {
        res.writeHead(r.status, { 'content-type': 'application/fhir+json' });
        res.end(JSON.stringify(r.body));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir/`;
});
afterAll(async () => {
  await store.close();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('EHR tasks against an external FHIR server (--fhir)', () => {
  it('runs the same tasks through the same interface: reads and writes go to that server', async () => {
    const r = await startRun(store, {
      suites: ['ehr:data/ehr/tasks/potassium-replacement.yaml'],
      doctors: ['reference'],
      protocols: ['default'],
      seeds: ['0'],
      concurrency: 1,
      skipInvalid: false,
      fhir: base,
    });
    expect(r.completed).toBe(true);
    const encounters = await store.listEncounters(r.runId);
    expect(encounters.filter((e) => e.verdict !== 'correct').map((e) => e.caseId)).toEqual([]);
    expect(seen.some((s) => s.startsWith('GET /fhir/Observation?patient=S2000001'))).toBe(true);
    expect(seen.filter((s) => s === 'POST /fhir/MedicationRequest').length).toBeGreaterThan(0);
  });
});

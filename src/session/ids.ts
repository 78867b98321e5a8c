import { hash, randomBytes } from 'node:crypto';

/** A sortable run id: time plus a little randomness. */
export function newRunId(now = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${t}-${randomBytes(2).toString('hex')}`;
}

/** A stable id, so a resumed run finds the same encounters. */
export function encounterId(runId: string, caseId: string, doctor: string, protocol: string, seed: string): string {
  // The one-shot hash: a plan computes one per encounter, twice (stored, then run), and a Hash object costs more.
  return hash('sha256', [runId, caseId, doctor, protocol, seed].join('\u0000'), 'hex').slice(0, 20);
}

import { hash, randomBytes } from 'node:crypto';

/** A sortable run id: time plus a little randomness. */
export function newRunId(now = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${t}-${randomBytes(2).toString('hex')}`;
}

/** newRunId's form: `YYYYMMDD-HHMMSS-rrrr` (UTC), the last part random hex. */
const RUN_ID = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([0-9a-f]{4})$/;

/**
 * A stable id, so a resumed run (and the queue worker) derives the same encounters from the run's id and plan.
 *
 * For a run id of newRunId's form it sorts by run time, then by plan ordinal: the run's start second (7 base-36
 * digits), the run id's random part (4 hex), the ordinal (5 base-36 digits, more past 60 million) and 8 hex of a
 * hash of what the encounter is (case, doctor, protocol, seed), which a resume checks against the cases on disk.
 * The store's events and scores are keyed by (encounter id, …), so a run's rows land at the right edge of those
 * indexes instead of on a random page each: a group commit writes a few pages, not one per encounter. The run id is
 * unique in its store, so its time and random part are too; within the run the ordinal is unique.
 * Any other run id (and every run stored before this scheme) keeps the plain hash: see legacyEncounterId.
 */
export function encounterId(runId: string, ordinal: number, caseId: string, doctor: string, protocol: string, seed: string): string {
  const m = RUN_ID.exec(runId);
  if (!m) return legacyEncounterId(runId, caseId, doctor, protocol, seed);
  const [, y, mo, d, h, mi, s, random] = m;
  const second = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  return `${second.toString(36).padStart(7, '0')}${random}${ordinal.toString(36).padStart(5, '0')}${digest(runId, caseId, doctor, protocol, seed).slice(0, 8)}`;
}

/** The id of earlier releases: 20 hex of the hash alone, with no order (a store's older runs keep these). */
export function legacyEncounterId(runId: string, caseId: string, doctor: string, protocol: string, seed: string): string {
  return digest(runId, caseId, doctor, protocol, seed).slice(0, 20);
}

/** Whether a stored encounter id is of the earlier, hash-only form (its run is resumed with those ids). */
export function isLegacyEncounterId(id: string): boolean {
  return /^[0-9a-f]{20}$/.test(id);
}

function digest(runId: string, caseId: string, doctor: string, protocol: string, seed: string): string {
  // The one-shot hash: a plan computes one per encounter, twice (stored, then run), and a Hash object costs more.
  return hash('sha256', [runId, caseId, doctor, protocol, seed].join('\u0000'), 'hex');
}

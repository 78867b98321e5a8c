import type { Store } from '../store/store.js';
import type { EncounterRecord, RunRecord } from '../store/types.js';
import { ApiError } from './errors.js';

/**
 * A /play seat given a suite plays a randomly picked case that stays
 * anonymous until it ends: its id (and specialty) can name the diagnosis. While
 * it runs, nothing the API lists may name it, and its transcript (whose start
 * event names the case) is shown to its owner session only. A seat started on
 * a chosen case hides nothing: the player picked it.
 */

/** Whether a stored run is an anonymous seat still in play. */
export function runHidesCase(run: Pick<RunRecord, 'config' | 'status'>): boolean {
  return run.config.seat === 'play' && run.config.anonymous === true && run.status === 'running';
}

/** The run without what names its case: the case ids, and the seed, from which the encounter id could be matched to a case. */
export function redactRun<T extends Pick<RunRecord, 'config' | 'status'>>(run: T): T {
  if (!runHidesCase(run)) return run;
  const { caseIds: _c, seeds: _s, ...config } = run.config;
  return { ...run, config: { ...config, caseIds: null, seeds: null } };
}

/** The encounter row without its case (the seed names it too). */
export function redactEncounter<T extends Pick<EncounterRecord, 'caseId' | 'specialty' | 'difficulty' | 'seed'>>(row: T): T {
  return { ...row, caseId: null, specialty: null, difficulty: null, seed: null } as unknown as T;
}

function maybeSeat(row: Pick<EncounterRecord, 'doctor' | 'status'>): boolean {
  return row.doctor.startsWith('human:') && row.status !== 'done';
}

/** Rows with anonymous running seats redacted; looks up only the runs of running human encounters. */
export async function redactSeatRows<T extends EncounterRecord>(store: Store, rows: T[]): Promise<T[]> {
  const runIds = [...new Set(rows.filter(maybeSeat).map((r) => r.runId))];
  if (runIds.length === 0) return rows;
  const hidden = new Set<string>();
  for (const id of runIds) if (runHidesCase(await store.getRun(id))) hidden.add(id);
  return rows.map((r) => (maybeSeat(r) && hidden.has(r.runId) ? redactEncounter(r) : r));
}

/** Refuses an anonymous running seat's transcript to anyone but its owner session. */
export async function assertSeatVisible(store: Store, row: EncounterRecord, owner: boolean): Promise<void> {
  if (owner || !maybeSeat(row)) return;
  if (runHidesCase(await store.getRun(row.runId))) {
    throw new ApiError(403, 'seat-in-play', 'This encounter is an anonymous /play seat still in progress; its case stays hidden until it ends.');
  }
}

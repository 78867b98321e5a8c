import type { EncounterEvent, EndReason } from '../encounter/events.js';
import type { Verdict } from '../scoring/types.js';

export type RunStatus = 'running' | 'done' | 'interrupted' | 'failed';

/** A run as stored: its full config and the versions it ran with. */
export interface RunRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  /** The plan's config: suites, doctors, protocols, seeds, concurrency... */
  config: Record<string, unknown>;
  versions: Record<string, string>;
  /** Encounters the plan holds. */
  total: number;
}

export type EncounterStatus = 'pending' | 'running' | 'done';

/** One encounter's summary row; its events and scores are stored beside it. */
export interface EncounterRecord {
  id: string;
  runId: string;
  /** Position in the plan, for stable ordering. */
  ordinal: number;
  caseId: string;
  specialty: string;
  difficulty: string;
  doctor: string;
  protocol: string;
  seed: string;
  status: EncounterStatus;
  endReason: EndReason | null;
  verdict: Verdict | null;
  cost: number | null;
  turns: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ScoreRecord {
  encounterId: string;
  name: string;
  value: number | null;
  detail: string;
}

/** Everything a report needs about one encounter. */
export interface EncounterDetail extends EncounterRecord {
  diagnosis: string;
  scores: Record<string, { value: number | null; detail: string }>;
  events?: EncounterEvent[];
}

/** The input of every report format. */
export interface RunReportData {
  run: RunRecord;
  encounters: EncounterDetail[];
}

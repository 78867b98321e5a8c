import type { EncounterDetail, RunReportData } from '../store/types.js';
import { DEFAULT_RESAMPLES } from '../scoring/stats.js';
import { headlineAccuracy, inPlanOrder, summarizeGroup, type GroupSummary } from './aggregate.js';

/** A doctor is ranked only with at least this many distinct cases finished in the board's case set. */
export const MIN_RANKED_CASES = 10;

/** One doctor on one board: its figures pooled over every run of the board, and the runs they came from. */
export interface LeaderboardRow extends GroupSummary {
  /** 1 for the best ranked doctor; absent for a doctor with too few cases. */
  rank?: number;
  runs: string[];
}

/** Doctors compared on one case set under one protocol. */
export interface LeaderboardBoard {
  /** `hash:<case-set hash>`, or `suites:<names>` for runs recorded before case-set hashes. */
  key: string;
  /** The content hash of the cases (null for older runs, grouped by their suite names). */
  caseSetHash: string | null;
  /** The suite names the board's runs gave (different names may hold the same cases). */
  suites: string[];
  protocol: string;
  /** Distinct cases finished on this board, over all doctors. */
  cases: number;
  runs: string[];
  /** Doctors with at least MIN_RANKED_CASES cases, best first. */
  ranked: LeaderboardRow[];
  /** Doctors with fewer cases: listed, not ranked. */
  tooFew: LeaderboardRow[];
  /** Set when the board could not be grouped by content (older runs). */
  note?: string;
}

export interface Leaderboard {
  boards: LeaderboardBoard[];
  minCases: number;
}

/** The board a run belongs to: its case set's hash, else its suite names. */
function boardOf(run: RunReportData['run']): { key: string; hash: string | null; suites: string[] } {
  const suites = Array.isArray(run.config.suites) ? (run.config.suites as unknown[]).map(String) : [];
  const hash = typeof run.config.caseSetHash === 'string' ? run.config.caseSetHash : null;
  return hash ? { key: `hash:${hash}`, hash, suites } : { key: `suites:${[...suites].sort().join(',')}`, hash: null, suites };
}

/** Best first: headline accuracy, then lower mean cost, then name (a stable order for ties). */
function byMerit(a: GroupSummary, b: GroupSummary): number {
  const acc = (g: GroupSummary) => headlineAccuracy(g)?.estimate ?? -1;
  return acc(b) - acc(a) || (a.cost?.mean ?? Infinity) - (b.cost?.mean ?? Infinity) || a.doctor.localeCompare(b.doctor);
}

/**
 * The leaderboard across runs. Runs are grouped by the content hash of their cases and by protocol, so a doctor is
 * only ever ranked against doctors that played the same cases under the same rules; runs recorded before the hash
 * existed are grouped by their suite names, with a note that a suite's cases may have changed between them. Within
 * a board a doctor's encounters from every run are pooled (a second run of a deterministic doctor adds replicates,
 * counted once) and summarized exactly as a run report does; only doctors with at least `minCases` cases are ranked.
 */
export function crossRunLeaderboard(
  runs: readonly RunReportData[],
  opts: { minCases?: number; resamples?: number; seed?: string; accuracy?: 'auto' | 'judge' | 'match' } = {},
): Leaderboard {
  const minCases = opts.minCases ?? MIN_RANKED_CASES;
  const boards = new Map<
    string,
    { key: string; hash: string | null; suites: Set<string>; protocol: string; runs: string[]; byDoctor: Map<string, EncounterDetail[]> }
  >();
  for (const data of runs) {
    const b = boardOf(data.run);
    // Ordinals restart in each run; plan order within a run, runs in the order given.
    for (const e of inPlanOrder(data.encounters)) {
      const key = JSON.stringify([b.key, e.protocol]);
      let board = boards.get(key);
      if (!board) boards.set(key, (board = { key: b.key, hash: b.hash, suites: new Set(), protocol: e.protocol, runs: [], byDoctor: new Map() }));
      for (const s of b.suites) board.suites.add(s);
      if (!board.runs.includes(data.run.id)) board.runs.push(data.run.id);
      const list = board.byDoctor.get(e.doctor);
      if (list) list.push(e);
      else board.byDoctor.set(e.doctor, [e]);
    }
  }
  const out: LeaderboardBoard[] = [];
  for (const b of boards.values()) {
    const seed = opts.seed ?? `leaderboard|${b.key}|${b.protocol}`;
    const rows: LeaderboardRow[] = [...b.byDoctor].map(([doctor, list]) => ({
      ...summarizeGroup(doctor, b.protocol, list, { resamples: opts.resamples ?? DEFAULT_RESAMPLES, seed, accuracy: opts.accuracy ?? 'auto' }),
      runs: [...new Set(list.map((e) => e.runId))],
    }));
    const ranked = rows.filter((r) => r.cases >= minCases).sort(byMerit);
    ranked.forEach((r, i) => (r.rank = i + 1));
    const cases = new Set(
      [...b.byDoctor.values()]
        .flat()
        .filter((e) => e.verdict !== null)
        .map((e) => e.caseId),
    ).size;
    out.push({
      key: b.key,
      caseSetHash: b.hash,
      suites: [...b.suites].sort(),
      protocol: b.protocol,
      cases,
      runs: b.runs,
      ranked,
      tooFew: rows.filter((r) => r.cases < minCases).sort(byMerit),
      ...(b.hash ? {} : { note: 'recorded before case-set hashes: grouped by suite name, whose cases may have changed between these runs' }),
    });
  }
  // Boards with ranked doctors first, then the most cases; older (unhashed) boards last.
  out.sort((x, y) => Number(!x.caseSetHash) - Number(!y.caseSetHash) || Number(!x.ranked.length) - Number(!y.ranked.length) || y.cases - x.cases);
  return { boards: out, minCases };
}

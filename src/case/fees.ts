import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, packageRoot } from '../util/paths.js';

/** One row of the Physician Fee Schedule: national amounts in USD, no geographic adjustment. */
export interface PfsRow {
  status: string;
  pctc: string;
  nonFacility: number;
  facility: number;
}

/** The CMS 2025 fee schedules the catalog prices are computed from. */
export interface FeeSchedules {
  /** Clinical Laboratory Fee Schedule national limit, keyed `code` or `code-modifier`. */
  clfs: Map<string, number>;
  /** Physician Fee Schedule rows, keyed `code` (global), `code-26` or `code-TC`. */
  pfs: Map<string, PfsRow>;
}

export const CLFS_FILE = 'cms-clfs-2025.csv';
export const PFS_FILE = 'cms-pfs-2025.csv';

const key = (code: string, modifier: string) => (modifier ? `${code}-${modifier}` : code);

/** Parses the CLFS file (`hcpcs,modifier,national_limit_usd`). */
export function parseClfs(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [code, modifier, usd] = line.trim().split(',');
    out.set(key(code, modifier), Number(usd));
  }
  return out;
}

/** Parses the PFS file (`hcpcs,modifier,status,pctc,non_facility_national_usd,facility_national_usd`). */
export function parsePfs(text: string): Map<string, PfsRow> {
  const out = new Map<string, PfsRow>();
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [code, modifier, status, pctc, nonFacility, facility] = line.trim().split(',');
    out.set(key(code, modifier), { status, pctc, nonFacility: Number(nonFacility), facility: Number(facility) });
  }
  return out;
}

/** Reads both schedules from a folder holding the two CSV files. */
export function readFeeSchedules(dir: string): FeeSchedules {
  return {
    clfs: parseClfs(readFileSync(join(dir, CLFS_FILE), 'utf8')),
    pfs: parsePfs(readFileSync(join(dir, PFS_FILE), 'utf8')),
  };
}

let shipped: FeeSchedules | undefined;

/** The folder loadFeeSchedules reads: `data/fees`, or the shipped one when a custom data folder has none. */
export function feeScheduleDir(): string {
  const own = join(dataDir(), 'fees');
  return existsSync(join(own, CLFS_FILE)) ? own : join(packageRoot(), 'data', 'fees');
}

/** The schedules in `data/fees`, read once per process (a custom data folder without them uses the shipped ones). */
export function loadFeeSchedules(): FeeSchedules {
  shipped ??= readFeeSchedules(feeScheduleDir());
  return shipped;
}

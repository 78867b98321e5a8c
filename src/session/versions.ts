import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';

let roundsVersion: string | undefined;

/** Versions recorded with every run, so results can be traced to code and data. */
export function collectVersions(): Record<string, string> {
  // Read once per process: /api/health answers with it on every request.
  roundsVersion ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return { rounds: roundsVersion, node: process.version };
}

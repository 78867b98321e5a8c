import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Joined once: every doctor built asks for the data folder again (through the knowledge base and vocabulary).
const shippedData = join(root, 'data');

/** The package root (where package.json is). */
export function packageRoot(): string {
  return root;
}

/** The shipped data folder: cases, catalog, knowledge base, suites. */
export function dataDir(): string {
  return process.env.ROUNDS_DATA_DIR ?? shippedData;
}

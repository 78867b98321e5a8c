import { RoundsError } from '../util/errors.js';

/** SQLite's codes for a file whose pages are not a valid database. */
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

/** The store file is damaged; the message names it and says how to check it and carry on. */
export class StoreDamagedError extends RoundsError {
  constructor(
    readonly location: string,
    detail: string,
  ) {
    super(
      `The store file ${location} is damaged (${detail.replace(/\.$/, '')}); run \`rounds store check --store ${location}\` to see the damage, and pass --store <a new file> to keep working (sqlite3's \`.recover\` can often save the runs in the damaged one).`,
    );
    this.name = 'StoreDamagedError';
  }
}

/** True for SQLite's "database disk image is malformed" and "file is not a database" errors. */
export function isDamage(e: unknown): boolean {
  return DAMAGE_CODES.test(String((e as { code?: unknown })?.code ?? ''));
}

// SQLite files opened by this process, so a damage error thrown deep inside a query can name its file.
const opened = new Set<string>();

export function noteOpenedStore(location: string): void {
  if (location !== ':memory:') opened.add(location);
}

/** A StoreDamagedError for a damage error (naming `location`, or the store files this process opened), else undefined. */
export function explainDamage(e: unknown, location?: string): StoreDamagedError | undefined {
  if (e instanceof StoreDamagedError) return e;
  if (!isDamage(e)) return undefined;
  const where = location ?? ([...opened].join(' or ') || 'of this command');
  return new StoreDamagedError(where, (e as Error).message || 'database disk image is malformed');
}

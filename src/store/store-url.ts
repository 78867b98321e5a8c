import { encodeUrlCredentials, maskUrlCredentials, stripUrlCredentials } from '../util/url-credentials.js';
import { ConfigError } from '../util/errors.js';

/** True when a `--store` value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Fails on a `--store` value that looks like a URL of a database Rounds does not
 * support (`mysql://...`), instead of creating a SQLite file named `mysql:`.
 */
export function checkStoreLocation(location: string): void {
  if (!location.trim()) throw new ConfigError('The --store value is empty; give a SQLite file path or a postgres:// URL.');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1];
  if (scheme && !isPostgresUrl(location) && scheme.toLowerCase() !== 'file') {
    throw new ConfigError(
      `The store "${maskStoreUrl(location)}" uses the unsupported scheme ${scheme}://; Rounds stores runs in a SQLite file (a path) or PostgreSQL (postgres:// or postgresql://).`,
    );
  }
}

/**
 * The location with any password (in the userinfo or a `password=` parameter)
 * replaced by `***`, for messages and logs: a store URL may carry a secret and
 * secrets never leave the process.
 */
export function maskStoreUrl(location: string): string {
  return maskUrlCredentials(location);
}

/**
 * The location with its password removed entirely, so a worker given it can
 * still connect with the password from PGPASSWORD (pg reads it) or its own --store.
 */
export function stripStorePassword(location: string): string {
  return stripUrlCredentials(location);
}

/** The PostgreSQL URL as pg should parse it: a password with `@` or `/` percent-encoded. */
export function connectionUrl(location: string): string {
  return encodeUrlCredentials(location);
}

/** True when a `--store` value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * The location with any password replaced by `***`, for messages, logs and
 * job data: a store URL may carry a secret and secrets never leave the process.
 */
export function maskStoreUrl(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}

/**
 * The location with its password removed entirely, so a worker given it can
 * still connect with the password from PGPASSWORD (pg reads it) or its own --store.
 */
export function stripStorePassword(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1@');
}

import type { RedisOptions } from 'ioredis';
import { ConfigError } from '../util/errors.js';
import { encodeUrlCredentials, maskUrlCredentials } from '../util/url-credentials.js';
import { registerSecret } from '../util/redact.js';

/** Remembers a password so any message quoting it is redacted. */
const registered = (password: string) => (registerSecret(password), password);

/** The URL with any password replaced by `***`, for messages. */
export function maskRedisUrl(url: string): string {
  return maskUrlCredentials(url);
}

/** ioredis options for a `redis://[user:password@]host[:port][/db]` (or `rediss://`) URL. */
export function redisOptions(url: string): RedisOptions {
  let u: URL | undefined;
  try {
    // Encoded first, so a password typed with `@` or `/` is read whole, not as part of the host.
    u = new URL(encodeUrlCredentials(url));
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== 'redis:' && u.protocol !== 'rediss:')) {
    throw new ConfigError(`"${maskRedisUrl(url)}" is not a Redis URL; use redis://host:6379.`);
  }
  const db = u.pathname.replace(/^\//, '');
  if (db && !/^\d+$/.test(db)) throw new ConfigError(`The Redis database in "${maskRedisUrl(url)}" must be a number, e.g. redis://host:6379/0.`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: registered(decodeURIComponent(u.password)) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

import { timingSafeEqual, createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/** How the server decides who may write and who may see hidden case data. */
export interface AccessPolicy {
  /** The shared secret (ROUNDS_TOKEN); requests carry it as `Authorization: Bearer <token>`. */
  token?: string;
  /** True when the server is exposed beyond loopback: writes and hidden data then need the token. */
  requireToken: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

// Hashing first gives equal-length buffers, so the comparison time says nothing about the token.
function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

/** Whether the request carries the configured token. */
export function hasToken(c: Context, policy: AccessPolicy): boolean {
  if (!policy.token) return false;
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return m !== null && sameSecret(m[1].trim(), policy.token);
}

/** Fails with 401 unless the request may change state. */
export function assertCanWrite(c: Context, policy: AccessPolicy): void {
  if (policy.requireToken && !hasToken(c, policy)) {
    throw new ApiError(
      401,
      'unauthorized',
      'This server is exposed beyond localhost: send the ROUNDS_TOKEN as "Authorization: Bearer <token>" to make changes.',
    );
  }
}

/**
 * Whether hidden case data (facts, results, diagnosis...) may be returned. It
 * is only ever returned on request (`?reveal=1`), so nobody sees an answer by
 * accident; on an exposed server the request must also carry the token.
 */
export function canReveal(c: Context, policy: AccessPolicy): boolean {
  const asked = c.req.query('reveal');
  if (asked !== '1' && asked !== 'true') return false;
  if (policy.requireToken && !hasToken(c, policy)) {
    throw new ApiError(401, 'unauthorized', 'Hidden case data needs the ROUNDS_TOKEN as "Authorization: Bearer <token>" on this server.');
  }
  return true;
}

/**
 * On a loopback-only server, refuses requests addressed to any other host name:
 * a web page elsewhere cannot reach the API through DNS rebinding.
 */
export function loopbackOnly(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (!policy.requireToken) {
      const host = new URL(c.req.url).hostname;
      if (!LOOPBACK_HOSTS.has(host)) throw new ApiError(403, 'forbidden-host', `This server only answers requests addressed to localhost, not "${host}".`);
    }
    await next();
  };
}

/** Writes must be JSON, which a cross-site HTML form cannot send without the browser asking first. */
export function jsonWrites(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'DELETE' || c.req.method === 'PATCH') {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\b/i.test(type))
        throw new ApiError(415, 'unsupported-media-type', 'Send the request body as JSON with "Content-Type: application/json".');
    }
    await next();
  };
}

/**
 * Encounters hold hidden case data: the patient's answers, test results, and
 * in their scores the true diagnosis and its ICD code. On an exposed server
 * they follow the `?reveal=1` rule and need the token; a loopback server shows
 * them to this machine, as it shows revealed cases.
 */
export function assertCanSeeEncounters(c: Context, policy: AccessPolicy): void {
  if (policy.requireToken && !hasToken(c, policy)) {
    throw new ApiError(
      401,
      'unauthorized',
      'Encounters hold hidden case data (answers, results, the diagnosis): send the ROUNDS_TOKEN as "Authorization: Bearer <token>" on this server.',
    );
  }
}

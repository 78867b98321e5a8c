import { registerSecret } from './redact.js';

/** Query parameters that carry a credential in a database or queue URL (libpq, node-postgres, ioredis). */
const SECRET_PARAMS = /^(password|passwd|pwd|sslpassword|secret|token|access[_-]?token|api[_-]?key|key)$/i;

/** A `scheme://[user[:password]@]rest` URL split apart; undefined when the text is not such a URL (a file path). */
export interface UrlParts {
  /** `postgres://` — the scheme with its slashes. */
  scheme: string;
  user: string;
  password?: string;
  /** Host, port, path, query and fragment, as given. */
  rest: string;
}

/**
 * Splits a URL's userinfo off by hand rather than with WHATWG `URL`, because a
 * password typed without percent-encoding may hold `@`, `/`, `:` or `#`, which
 * `URL` would take for the host or the path and so leak the password's tail.
 * The userinfo ends at the LAST `@` before the query: a host never holds `@`.
 */
export function splitUrl(location: string): UrlParts | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(location);
  if (!m) return undefined;
  const [, scheme, after] = m;
  const queryAt = after.search(/[?]/);
  const head = queryAt < 0 ? after : after.slice(0, queryAt);
  const at = head.lastIndexOf('@');
  if (at < 0) return { scheme, user: '', rest: after };
  const userinfo = after.slice(0, at);
  const colon = userinfo.indexOf(':');
  return colon < 0
    ? { scheme, user: userinfo, rest: after.slice(at + 1) }
    : { scheme, user: userinfo.slice(0, colon), password: userinfo.slice(colon + 1), rest: after.slice(at + 1) };
}

/** Rewrites the credential query parameters of `rest` (`?password=...`) with `by`, or drops them when `by` is undefined. */
function rewriteQuery(rest: string, by: string | undefined, onSecret: (v: string) => void): string {
  const q = rest.indexOf('?');
  if (q < 0) return rest;
  const hash = rest.indexOf('#', q);
  const query = rest.slice(q + 1, hash < 0 ? undefined : hash);
  const tail = hash < 0 ? '' : rest.slice(hash);
  const kept: string[] = [];
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      /* keep as typed */
    }
    if (SECRET_PARAMS.test(decoded)) {
      if (eq >= 0) onSecret(pair.slice(eq + 1));
      if (by !== undefined) kept.push(`${name}=${by}`);
    } else kept.push(pair);
  }
  return `${rest.slice(0, q)}${kept.length ? `?${kept.join('&')}` : ''}${tail}`;
}

/** The URL with its password and credential query parameters shown as `***`; anything else is returned as is. */
export function maskUrlCredentials(location: string): string {
  const p = splitUrl(location);
  if (!p) return location;
  registerSecret(p.password);
  const rest = rewriteQuery(p.rest, '***', registerSecret);
  const userinfo = p.password !== undefined ? `${p.user}:***@` : p.user ? `${p.user}@` : '';
  return `${p.scheme}${userinfo}${rest}`;
}

/** The URL without its password or credential query parameters, so it can be handed on; the user name stays. */
export function stripUrlCredentials(location: string): string {
  const p = splitUrl(location);
  if (!p) return location;
  registerSecret(p.password);
  const rest = rewriteQuery(p.rest, undefined, registerSecret);
  return `${p.scheme}${p.user ? `${p.user}@` : ''}${rest}`;
}

/** The password a URL carries, in its userinfo or a `password=` parameter (percent-decoded), if any. */
export function urlSecrets(location: string): string[] {
  const out: string[] = [];
  const p = splitUrl(location);
  if (!p) return out;
  if (p.password) out.push(p.password);
  rewriteQuery(p.rest, undefined, (v) => out.push(v));
  return out;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** The URL with its user name and password percent-encoded, so a client library parses a password holding `@` or `/` as typed. */
export function encodeUrlCredentials(location: string): string {
  const p = splitUrl(location);
  if (!p || (p.password === undefined && !p.user)) return location;
  const user = encodeURIComponent(safeDecode(p.user));
  return `${p.scheme}${user}${p.password !== undefined ? `:${encodeURIComponent(safeDecode(p.password))}` : ''}@${p.rest}`;
}

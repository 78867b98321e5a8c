import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfigError, RoundsError } from '../util/errors.js';

/**
 * Where work started on someone else's behalf (a run posted to `rounds serve`)
 * may send requests. The operator lists model strings (glob patterns) and
 * doctor origins when starting the server; nothing else is reached. Absent
 * (the CLI), the user named every model and URL themselves and nothing is
 * restricted.
 */
export interface EgressPolicy {
  /** Glob patterns over the canonical model id (`openai:*`, `openai-compatible:http://127.0.0.1:8000/v1#*`). */
  models: readonly string[];
  /** Exact origins (`https://doctor.example:8443`) http doctors may be reached at. */
  doctorOrigins: readonly string[];
}

/** A model or doctor URL the active egress policy does not allow. */
export class EgressRefusedError extends RoundsError {
  constructor(message: string) {
    super(message);
    this.name = 'EgressRefusedError';
  }
}

const storage = new AsyncLocalStorage<EgressPolicy>();

/** Runs `fn` (and every async continuation it starts) under `policy`. */
export function withEgressPolicy<T>(policy: EgressPolicy, fn: () => T): T {
  return storage.run(policy, fn);
}

/** The policy of the work in progress, if any. */
export function currentEgressPolicy(): EgressPolicy | undefined {
  return storage.getStore();
}

/** `*` matches any run of characters; everything else is literal; the whole id must match. */
export function modelPatternMatches(pattern: string, id: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 'i');
  return re.test(id);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Fails unless the active policy (if any) allows the model. `baseURL` is the openai-compatible server, when there is one. */
export function assertModelAllowed(id: string, baseURL?: string): void {
  const policy = currentEgressPolicy();
  if (!policy) return;
  if (baseURL !== undefined) {
    // A base URL carrying credentials, a query or a fragment could make a pattern like `http://127.0.0.1:8000*` reach another host.
    let url: URL | undefined;
    try {
      url = new URL(baseURL);
    } catch {
      url = undefined;
    }
    if (!url || url.username || url.password || url.search || url.hash) {
      throw new EgressRefusedError(`Model "${id}" names a base URL with credentials, a query or a fragment, which this server does not accept.`);
    }
  }
  if (policy.models.some((p) => modelPatternMatches(p, id))) return;
  throw new EgressRefusedError(
    `Model "${id}" is not allowed on this server; the operator can allow it by starting \`rounds serve\` with --allow-model '<pattern>' (e.g. --allow-model '${id.split(':')[0]}:*').`,
  );
}

/** Fails unless the active policy (if any) allows a doctor at this URL. */
export function assertDoctorUrlAllowed(url: URL): void {
  const policy = currentEgressPolicy();
  if (!policy) return;
  if (policy.doctorOrigins.includes(url.origin)) return;
  throw new EgressRefusedError(
    `Doctor URL origin ${url.origin} is not allowed on this server; the operator can allow it by starting \`rounds serve\` with --allow-doctor-url ${url.origin}.`,
  );
}

/**
 * Reads an `--allow-doctor-url` value: an origin (scheme, host, port), with at
 * most a trailing slash, so nobody believes paths are checked.
 */
export function parseDoctorOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`--allow-doctor-url ${raw} is not a URL; give an origin such as http://127.0.0.1:9000.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`--allow-doctor-url ${raw} must be an http or https origin.`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ConfigError(`--allow-doctor-url ${raw} must be an origin only (scheme://host:port), without a path, query or credentials.`);
  }
  return url.origin;
}

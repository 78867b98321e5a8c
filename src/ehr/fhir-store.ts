import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import { getSearchParameters, getStatus, isResourceType, validateResource } from '@medplum/core';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from './definitions.js';
import { EMBEDDED_BASE } from './fhir-base.js';

/** One FHIR REST call as a doctor makes it: a method, a URL (absolute or relative to the base) and a JSON body. */
export interface FhirCall {
  method: string;
  url: string;
  body?: unknown;
}

/** What the server answered: an HTTP status and a FHIR resource (an OperationOutcome on failure). */
export interface FhirReply {
  status: number;
  body: Resource;
}

/** The one interface every FHIR back end keeps: the embedded store or an external server. */
export interface FhirClient {
  /** The base URL a doctor is told to use. */
  readonly base: string;
  request(call: FhirCall): Promise<FhirReply>;
}

/** The largest request body accepted; a bigger one is refused with 413, never parsed. */
export const MAX_BODY_BYTES = 1_000_000;
/** Page size when a search gives no `_count`, and the most a page may hold. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/** The base URL the embedded store presents; any absolute URL's path after `/fhir/` is read the same way. */
export { EMBEDDED_BASE };

const METHODS = new Set(['GET', 'POST', 'PUT']);
/** Result parameters every search accepts besides the resource type's own search parameters. */
const RESULT_PARAMS = new Set(['_count', '_offset', '_sort', '_id', '_lastUpdated', '_format', '_total', '_summary', '_elements']);
/** Reference parameters that MedAgentBench-style clients give as a bare id ("patient=S123"); HAPI reads them as Patient/S123. */
const PATIENT_REFS = new Set(['patient', 'subject']);

/** An OperationOutcome with one error issue: `diagnostics` is the sentence a doctor reads. */
export function outcome(code: string, diagnostics: string, severity: 'error' | 'information' = 'error'): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code: code as 'invalid', diagnostics, details: { text: diagnostics } }] };
}

/** Ids for resources a doctor creates, counted per store so an episode replays to the same ids. */
class CountingRepository extends MemoryRepository {
  private next = 1;
  override generateId(): string {
    return `w${this.next++}`;
  }
}

/**
 * An in-memory FHIR R4 server for one encounter: Medplum's router over its
 * memory repository, behind a guard that turns every bad request (unknown
 * type, unsupported parameter, malformed or oversized body) into an
 * OperationOutcome with a clear diagnostic instead of a throw or a silent
 * empty result.
 */
export class EmbeddedFhirStore implements FhirClient {
  readonly base = EMBEDDED_BASE;
  private readonly repo = new CountingRepository();
  private readonly router = new FhirRouter();

  constructor() {
    loadFhirDefinitions();
  }

  /** Loads resources that keep their own ids (the seeded record); skips validation, the seed is trusted data. */
  async seed(resources: readonly Resource[]): Promise<void> {
    for (const r of resources) await this.repo.createResource(r);
  }

  /** Every resource now in the store, for grading and inspection. */
  async all(types: readonly string[]): Promise<Resource[]> {
    const out: Resource[] = [];
    for (const t of types) {
      const b = await this.repo.search({ resourceType: t as Resource['resourceType'] });
      for (const e of b.entry ?? []) if (e.resource) out.push(e.resource);
    }
    return out;
  }

  async request(call: FhirCall): Promise<FhirReply> {
    try {
      return await this.handle(call);
    } catch (e) {
      // The router catches its own handlers' errors; this is the last guard so an encounter never crashes on a request.
      return { status: 500, body: outcome('exception', `The FHIR server failed on this request: ${(e as Error).message}`) };
    }
  }

  private async handle(call: FhirCall): Promise<FhirReply> {
    const method = String(call.method ?? '').toUpperCase();
    if (!METHODS.has(method)) return fail(405, 'not-supported', `Method ${call.method} is not supported here; use GET, POST or PUT.`);
    const target = parseTarget(call.url);
    if (typeof target === 'string') return fail(400, 'invalid', target);
    const { type, id, query } = target;
    if (!type) return fail(400, 'invalid', `The URL "${call.url}" names no resource type; use e.g. ${EMBEDDED_BASE}Patient?name=Smith.`);
    if (!isResourceType(type)) return fail(404, 'not-supported', `Unknown resource type "${type}" in ${call.url}.`);
    if (method === 'GET') {
      if (call.body !== undefined && call.body !== null && call.body !== '') return fail(400, 'invalid', 'A GET request takes no body.');
      if (id !== undefined) return this.route('GET', `${type}/${id}`);
      return this.search(type, query);
    }
    if (query.size > 0)
      return fail(
        400,
        'not-supported',
        `Conditional ${method} (a query on the URL) is not supported; send ${method} ${type}${method === 'PUT' ? '/<id>' : ''} with the resource as the body.`,
      );
    const body = parseBody(call.body);
    if (typeof body === 'string')
      return fail(body.startsWith('The body is larger') ? 413 : 400, body.startsWith('The body is larger') ? 'too-costly' : 'invalid', body);
    if (body.resourceType !== type)
      return fail(400, 'invalid', `The body's resourceType is ${JSON.stringify(body.resourceType ?? null)} but the URL names ${type}.`);
    if (method === 'POST') {
      if (id !== undefined) return fail(405, 'not-supported', `POST goes to ${type}, not to ${type}/${id}; use PUT to update an existing resource.`);
      // The server assigns ids: a client id in a POST body would overwrite a stored resource.
      const { id: _ignored, meta: _meta, ...rest } = body as Resource & { meta?: unknown };
      const invalid = validate(rest as Resource);
      if (invalid) return invalid;
      return this.route('POST', type, rest);
    }
    if (id === undefined) return fail(400, 'invalid', `PUT needs a resource id in the URL: ${type}/<id>.`);
    if (body.id !== id) return fail(400, 'invalid', `The body's id ${JSON.stringify(body.id ?? null)} does not match the URL's id "${id}".`);
    const invalid = validate(body);
    if (invalid) return invalid;
    return this.route('PUT', `${type}/${id}`, body);
  }

  private async search(type: string, query: URLSearchParams): Promise<FhirReply> {
    const known = getSearchParameters(type) ?? {};
    const params = new URLSearchParams();
    for (const [rawKey, rawValue] of query) {
      const key = rawKey.split(':')[0];
      if (!RESULT_PARAMS.has(key) && !(key in known)) {
        const some = Object.keys(known)
          .filter((k) => !k.startsWith('_'))
          .slice(0, 12)
          .join(', ');
        return fail(400, 'not-supported', `Search parameter "${rawKey}" is not supported for ${type}; supported include ${some}.`);
      }
      let value = rawValue;
      if (PATIENT_REFS.has(key) && !key.includes(':') && value && !value.includes('/')) value = `Patient/${value}`;
      if (key === '_count' || key === '_offset') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) return fail(400, 'invalid', `${key} must be a whole number, not "${value}".`);
        if (key === '_count') value = String(Math.min(n, MAX_PAGE));
      }
      params.append(rawKey, value);
    }
    if (!params.has('_count')) params.set('_count', String(DEFAULT_PAGE));
    const reply = await this.route('GET', `${type}?${params.toString()}`);
    if (reply.status === 200 && reply.body.resourceType === 'Bundle') addPaging(reply.body, type, params);
    return reply;
  }

  private async route(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<FhirReply> {
    // Medplum's router takes the path in `url` and parses the query itself; `pathname` must stay empty.
    const [oo, resource] = await this.router.handleRequest({ method, url: `/${path}`, pathname: '', body, params: {}, query: {} }, this.repo);
    const status = getStatus(oo);
    if (status >= 400 || !resource) return { status, body: withDiagnostics(oo) };
    return { status, body: resource };
  }
}

/** An external FHIR R4 server (HAPI, Medplum...) behind the same interface; network failures become OperationOutcomes. */
export class RemoteFhirClient implements FhirClient {
  readonly base: string;
  constructor(
    base: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.base = base.endsWith('/') ? base : `${base}/`;
  }

  async request(call: FhirCall): Promise<FhirReply> {
    const method = String(call.method ?? '').toUpperCase();
    if (!METHODS.has(method)) return fail(405, 'not-supported', `Method ${call.method} is not supported here; use GET, POST or PUT.`);
    const target = parseTarget(call.url);
    if (typeof target === 'string') return fail(400, 'invalid', target);
    const path = `${target.type ?? ''}${target.id ? `/${target.id}` : ''}${target.query.size ? `?${target.query.toString()}` : ''}`;
    let body: string | undefined;
    if (method !== 'GET') {
      const parsed = parseBody(call.body);
      if (typeof parsed === 'string') return fail(400, 'invalid', parsed);
      body = JSON.stringify(parsed);
    }
    try {
      const res = await this.fetchImpl(new URL(path, this.base), {
        method,
        headers: { accept: 'application/fhir+json', ...(body ? { 'content-type': 'application/fhir+json' } : {}) },
        body,
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const resource =
        json && typeof json === 'object' && 'resourceType' in json
          ? (json as Resource)
          : outcome('exception', `The FHIR server answered ${res.status} without a FHIR resource.`);
      return { status: res.status, body: resource };
    } catch (e) {
      return fail(502, 'transient', `The FHIR server at ${this.base} could not be reached: ${(e as Error).message}.`);
    }
  }
}

function fail(status: number, code: string, diagnostics: string): FhirReply {
  return { status, body: outcome(code, diagnostics) };
}

/** Reads a request URL against the base: `Patient?x=1`, `/Patient/1`, or an absolute URL whose path ends in `/fhir/...`. */
export function parseTarget(url: unknown): { type?: string; id?: string; query: URLSearchParams } | string {
  if (typeof url !== 'string' || !url.trim()) return 'The request has no URL.';
  let u: URL;
  try {
    u = new URL(url.trim(), EMBEDDED_BASE);
  } catch {
    return `"${url}" is not a URL.`;
  }
  let path = u.pathname;
  const at = path.indexOf('/fhir/');
  path = at >= 0 ? path.slice(at + '/fhir/'.length) : path.replace(/^\/+/, '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length > 2) return `"${url}" is not a resource or search URL; use <Type>, <Type>?params or <Type>/<id>.`;
  return { type: parts[0], id: parts[1], query: u.searchParams };
}

/** A request body as a resource, or the sentence saying why it is not one. */
function parseBody(body: unknown): (Resource & { resourceType?: string }) | string {
  let value = body;
  if (typeof body === 'string') {
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return `The body is larger than ${MAX_BODY_BYTES.toLocaleString('en-US')} bytes.`;
    try {
      value = JSON.parse(body);
    } catch (e) {
      return `The body is not valid JSON: ${(e as Error).message}.`;
    }
  } else if (body !== undefined && JSON.stringify(body).length > MAX_BODY_BYTES) {
    return `The body is larger than ${MAX_BODY_BYTES.toLocaleString('en-US')} bytes.`;
  }
  if (value === undefined || value === null) return 'The request needs a FHIR resource as its JSON body.';
  if (typeof value !== 'object' || Array.isArray(value)) return 'The body must be a JSON object (a FHIR resource).';
  return value as Resource;
}

/** Checks a resource against the R4 structure definitions; an OperationOutcome naming each problem, or undefined. */
function validate(resource: Resource): FhirReply | undefined {
  try {
    validateResource(resource);
    return undefined;
  } catch (e) {
    const oo = (e as { outcome?: OperationOutcome }).outcome;
    if (!oo) return fail(400, 'invalid', `The ${resource.resourceType} is not valid: ${(e as Error).message}.`);
    const problems = (oo.issue ?? [])
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.[0] ?? resource.resourceType}: ${i.details?.text ?? i.diagnostics ?? i.code}`);
    if (problems.length === 0) return undefined;
    return { status: 400, body: outcome('invalid', `The ${resource.resourceType} is not valid: ${problems.slice(0, 8).join('; ')}.`) };
  }
}

/** Medplum's outcomes carry `details.text`; a doctor reads `diagnostics` first, so both say the same sentence. */
function withDiagnostics(oo: OperationOutcome): OperationOutcome {
  return { ...oo, issue: (oo.issue ?? []).map((i) => ({ ...i, diagnostics: i.diagnostics ?? i.details?.text })) };
}

/** Adds self/next/previous links (offset paging) and full URLs, which the memory repository leaves out. */
function addPaging(bundle: Bundle, type: string, params: URLSearchParams): void {
  const count = Number(params.get('_count'));
  const offset = Number(params.get('_offset') ?? 0);
  const total = bundle.total ?? 0;
  const at = (o: number) => {
    const p = new URLSearchParams(params);
    p.set('_offset', String(o));
    return `${EMBEDDED_BASE}${type}?${p.toString()}`;
  };
  bundle.link = [{ relation: 'self', url: at(offset) }];
  if (offset + count < total) bundle.link.push({ relation: 'next', url: at(offset + count) });
  if (offset > 0) bundle.link.push({ relation: 'previous', url: at(Math.max(0, offset - count)) });
  for (const e of bundle.entry ?? []) if (e.resource?.id) e.fullUrl = `${EMBEDDED_BASE}${e.resource.resourceType}/${e.resource.id}`;
}

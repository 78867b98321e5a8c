import { APICallError } from '@ai-sdk/provider';
import type { Rng } from '../util/rng.js';

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  /** First backoff step in ms; doubles each retry. */
  baseDelayMs: number;
  /** Cap on one wait, Retry-After included. */
  maxDelayMs: number;
  /** Per-attempt timeout in ms. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 120_000 };

/** How a failed attempt should be handled. */
export interface Failure {
  retryable: boolean;
  /** Stable code recorded in error events: rate-limited, server-error, timeout, network, empty-reply, bad-reply, http-4xx... */
  code: string;
  message: string;
  /** Server-requested wait (Retry-After), in ms. */
  retryAfterMs?: number;
}

/** A reply that arrived but cannot be used (empty, no valid tool call, unparseable object); retried like a 5xx. */
export class BadReplyError extends Error {
  constructor(
    readonly code: 'empty-reply' | 'bad-reply',
    message: string,
  ) {
    super(message);
    this.name = 'BadReplyError';
  }
}

/** Classifies an error thrown by one attempt. Messages never include request headers. */
export function classifyFailure(e: unknown, timedOut: boolean): Failure {
  if (timedOut) return { retryable: true, code: 'timeout', message: 'the model did not answer before the timeout' };
  if (e instanceof BadReplyError) return { retryable: true, code: e.code, message: e.message };
  if (APICallError.isInstance(e)) {
    const status = e.statusCode;
    const retryAfterMs = parseRetryAfter(e.responseHeaders);
    if (status === 429) return { retryable: true, code: 'rate-limited', message: 'the provider answered 429 (rate limited)', retryAfterMs };
    if (status !== undefined && status >= 500) return { retryable: true, code: 'server-error', message: `the provider answered ${status}`, retryAfterMs };
    if (status === 408) return { retryable: true, code: 'timeout', message: 'the provider answered 408 (request timeout)', retryAfterMs };
    // A 2xx/3xx that still failed is a reply that arrived but could not be read (invalid JSON, a body that does not
    // fit the provider's schema, an empty body): a flaky gateway or a truncated reply, which the next attempt usually fixes.
    if (status !== undefined && status < 400) {
      const empty = !e.responseBody?.trim();
      return empty
        ? { retryable: true, code: 'empty-reply', message: `the provider answered ${status} with an empty body` }
        : { retryable: true, code: 'bad-reply', message: `the provider answered ${status} with a reply that could not be read (${short(e.message)})` };
    }
    if (status === 401 || status === 403)
      return { retryable: false, code: `http-${status}`, message: `the provider refused the credentials (${status}); check the API key variable` };
    if (status !== undefined)
      return { retryable: false, code: `http-${status}`, message: `the provider answered ${status}: ${short(e.responseBody ?? e.message)}` };
    return { retryable: true, code: 'network', message: `network error: ${short(e.message)}` };
  }
  const name = (e as Error)?.name ?? '';
  if (name === 'AI_ToolChoiceViolationError' || name === 'AI_NoOutputGeneratedError') {
    return { retryable: true, code: 'empty-reply', message: 'the model answered without the required tool call or output' };
  }
  if (
    name === 'AI_NoObjectGeneratedError' ||
    name === 'AI_JSONParseError' ||
    name === 'AI_TypeValidationError' ||
    name === 'AI_InvalidToolInputError' ||
    name === 'AI_NoSuchToolError' ||
    name === 'AI_ToolCallRepairError'
  ) {
    return { retryable: true, code: 'bad-reply', message: `the reply could not be used: ${short((e as Error).message)}` };
  }
  if (name === 'AI_EmptyResponseBodyError') return { retryable: true, code: 'empty-reply', message: 'the provider sent an empty response' };
  if (e instanceof TypeError || /ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up|fetch failed/i.test(String((e as Error)?.message))) {
    return { retryable: true, code: 'network', message: `network error: ${short((e as Error).message)}` };
  }
  return { retryable: false, code: 'model-error', message: short((e as Error)?.message ?? String(e)) };
}

/** Reads `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(h['retry-after-ms']);
  if (h['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = h['retry-after'];
  if (raw === undefined) return undefined;
  const s = Number(raw);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** The wait before retry number `retry` (1-based): Retry-After when given, else exponential backoff with seeded jitter. */
export function backoffDelay({ policy, retry, failure, rng }: { policy: RetryPolicy; retry: number; failure: Failure; rng: Rng }): number {
  if (failure.retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, failure.retryAfterMs);
  const step = policy.baseDelayMs * 2 ** (retry - 1);
  // Jitter in [50%, 100%] of the step so concurrent encounters do not retry in lockstep.
  return Math.min(policy.maxDelayMs, Math.round(step * (0.5 + 0.5 * rng.next())));
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 200 ? one.slice(0, 197) + '...' : one;
}

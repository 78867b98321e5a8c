import { DoctorError } from '../../util/errors.js';
import { currentEgressPolicy } from '../../llm/egress-policy.js';

/** A failure worth retrying (network, timeout, 5xx) versus one that is final (4xx). */
class Retryable extends Error {}

/**
 * POSTs JSON and returns the reply text, retrying network errors, timeouts and
 * 5xx replies `retries` times; the final failure is a DoctorError with the reason.
 */
export async function postJson(input: {
  url: string;
  body: unknown;
  timeoutMs: number;
  retries: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Pause before retry n (1-based); short so a dead endpoint fails fast. */
  backoffMs?: (attempt: number) => number;
}): Promise<string> {
  const backoff = input.backoffMs ?? ((n) => 100 * n);
  const payload = JSON.stringify(input.body);
  // Under a server's egress policy a redirect is not followed: it could lead from an allowed origin anywhere.
  const redirect: RequestRedirect = currentEgressPolicy() ? 'manual' : 'follow';
  let last = '';
  for (let attempt = 0; attempt <= input.retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, backoff(attempt)));
    if (input.signal?.aborted) throw new DoctorError('The request to the doctor was cancelled.');
    const timeout = AbortSignal.timeout(input.timeoutMs);
    const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
    try {
      const res = await fetch(input.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...input.headers },
        body: payload,
        signal,
        redirect,
      });
      const text = await res.text();
      if (res.status >= 500) throw new Retryable(`HTTP ${res.status}`);
      if (!res.ok) throw new DoctorError(`The doctor at ${input.url} answered HTTP ${res.status}: ${excerpt(text)}.`);
      return text;
    } catch (e) {
      if (e instanceof DoctorError) throw e;
      if (input.signal?.aborted) throw new DoctorError('The request to the doctor was cancelled.');
      if (timeout.aborted) last = `timed out after ${input.timeoutMs / 1000} s`;
      else if (e instanceof Retryable) last = e.message;
      else last = `network error (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message})`;
    }
  }
  const n = input.retries + 1;
  throw new DoctorError(`The doctor at ${input.url} failed: ${last} (${n} attempt${n === 1 ? '' : 's'}).`);
}

/** The start of a reply, for error messages. */
export function excerpt(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t || '(empty)';
}

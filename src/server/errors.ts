import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, type ZodType } from 'zod';
import { EgressRefusedError } from '../llm/egress-policy.js';
import { CaseValidationError, ConfigError, NotFoundError, RoundsError } from '../util/errors.js';
import { redactSecrets } from '../util/redact.js';

/** An HTTP-level failure with a stable code; the message is one sentence for the caller. */
export class ApiError extends RoundsError {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Parses input with a zod schema, or fails with 400 naming the first bad field. */
export function parseInput<T>(schema: ZodType<T>, input: unknown, where: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const path = i.path.length ? `${i.path.join('.')}: ` : '';
  throw new ApiError(400, 'bad-request', `Invalid ${where}: ${path}${i.message}.`);
}

/** Turns any thrown error into `{ error: { code, message } }` with a fitting status. */
export function errorResponse(err: unknown, c: Context): Response {
  const send = (status: ContentfulStatusCode, code: string, message: string) => c.json({ error: { code, message: redactSecrets(message) } }, status);
  if (err instanceof ApiError) return send(err.status, err.code, err.message);
  if (err instanceof EgressRefusedError) return send(403, 'not-allowed', err.message);
  if (err instanceof NotFoundError) return send(404, 'not-found', err.message);
  if (err instanceof CaseValidationError) return send(400, 'invalid-cases', err.message);
  if (err instanceof ConfigError) return send(400, 'bad-request', err.message);
  if (err instanceof ZodError) return send(400, 'bad-request', `Invalid input: ${err.issues[0]?.message ?? 'unknown problem'}.`);
  if (err instanceof HTTPException) {
    if (err.status === 413) return send(413, 'too-large', 'The request body is too large.');
    return send(err.status as ContentfulStatusCode, 'http-error', err.message || 'The request failed.');
  }
  if (err instanceof RoundsError) return send(400, 'bad-request', err.message);
  // A bug in Rounds: log it for the operator, tell the client only that it happened.
  console.error(redactSecrets((err as Error)?.stack ?? String(err)));
  return send(500, 'internal', 'Internal server error; the server log has the details.');
}

import type { Context } from 'hono';
import type { ZodType } from 'zod';
import { ApiError, parseInput } from './errors.js';

/** Reads and validates a JSON body; malformed JSON is a 400 with a message, not a crash. */
export async function readJson<T>(c: Context, schema: ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (e) {
    if (e instanceof SyntaxError) throw new ApiError(400, 'bad-json', 'The request body is not valid JSON.');
    throw e;
  }
  return parseInput(schema, body, 'request body');
}

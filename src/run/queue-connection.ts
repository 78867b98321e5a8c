import { Redis } from 'ioredis';
import { redisOptions } from '../llm/rate-limiter-redis-url.js';
import { ConfigError } from '../util/errors.js';
import { maskStoreUrl } from '../store/store-url.js';

/** The BullMQ queue encounters travel on; ROUNDS_QUEUE_NAME overrides it (e.g. one queue per team or test). */
export const DEFAULT_QUEUE_NAME = 'rounds-encounters';

/** The queue name from the environment, or the default. */
export function queueName(): string {
  return process.env.ROUNDS_QUEUE_NAME || DEFAULT_QUEUE_NAME;
}

export { redisOptions };

/** Fails fast, in one sentence, when the queue's Redis does not answer (instead of retrying forever). */
export async function checkRedis(url: string): Promise<void> {
  const client = new Redis({ ...redisOptions(url), lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {}); // reported below through the rejected connect/ping
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw new ConfigError(`Cannot reach the queue at ${maskStoreUrl(url)} (${(e as Error).message || 'no answer'}); start Redis or fix --queue.`);
  } finally {
    // A refused connection has already ended; disconnecting it again arms ioredis's 2 s "still open" timer on a
    // stream that never closes again, and the CLI waited that long before printing nothing more and exiting.
    if (client.status !== 'end') client.disconnect();
  }
}

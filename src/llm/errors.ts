import { RoundsError } from '../util/errors.js';
import { redactSecrets } from '../util/redact.js';

/** A model call failed after every retry (or with an error that retrying cannot fix). */
export class ModelCallError extends RoundsError {
  readonly code: string;
  readonly attempts: number;
  constructor(message: string, options: { code: string; attempts: number; cause?: unknown }) {
    // The message quotes the provider's reply, which may echo the request's key.
    super(redactSecrets(message), { cause: options.cause });
    this.name = 'ModelCallError';
    this.code = options.code;
    this.attempts = options.attempts;
  }
}

/** `--offline` was given and the call is not in the cache. */
export class OfflineCacheMissError extends RoundsError {
  constructor(modelId: string) {
    super(`The call to ${modelId} is not in the cache and --offline forbids calling out; rerun without --offline or with the store that holds the cache.`);
    this.name = 'OfflineCacheMissError';
  }
}

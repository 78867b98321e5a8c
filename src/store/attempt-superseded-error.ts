import { RoundsError } from '../util/errors.js';

/**
 * Another attempt has taken this encounter over (its job stalled and was
 * retried elsewhere); the stale attempt must stop writing, so its events and
 * scores never mix with the new attempt's.
 */
export class AttemptSupersededError extends RoundsError {
  constructor(readonly encounterId: string) {
    super(`Encounter ${encounterId} was restarted by another worker; this attempt stopped without writing.`);
    this.name = 'AttemptSupersededError';
  }
}

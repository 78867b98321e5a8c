import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { EncounterEvent } from '../encounter/events.js';
import { AttemptSupersededError } from './attempt-superseded-error.js';
import { eventBody } from './event-body.js';

/**
 * Appends events on PostgreSQL in one statement (one round trip per step
 * instead of four) that writes only while `attempt` owns the encounter.
 * `for share` locks the encounter row until the insert commits, so a new
 * attempt's beginEncounter (which updates that row first) waits for it and
 * then deletes these events; if the new attempt got there first, the
 * re-checked condition fails and nothing is written.
 */
export async function appendFencedPostgres(db: Kysely<Database>, encounterId: string, events: readonly EncounterEvent[], attempt: string): Promise<void> {
  for (let i = 0; i < events.length; i += 150) {
    const rows = events.slice(i, i + 150).map((e) => {
      return sql`(${encounterId}, cast(${e.seq} as integer), ${e.type}, ${e.at}, ${eventBody(e)})`;
    });
    const r = await sql`
      insert into events (encounter_id, seq, type, at, body)
      select v.encounter_id, v.seq, v.type, v.at, v.body
      from (values ${sql.join(rows)}) as v(encounter_id, seq, type, at, body)
      where exists (select 1 from encounters where id = ${encounterId} and attempt = ${attempt} and status = 'running' for share)
    `.execute(db);
    if (!r.numAffectedRows) throw new AttemptSupersededError(encounterId);
  }
}

import type { EncounterEvent } from '../encounter/events.js';

/**
 * An event's stored body: the JSON of every field but seq, at and type (stored in their own columns), exactly as
 * `JSON.stringify` of the event without them, keys in the event's order.
 *
 * The engine builds every event as `{ type, ...data, seq, at }`, so the body is the middle of the event's own JSON
 * and is cut out of it instead of copying the event without those three fields first: the copy (a fresh object per
 * event, with its own hidden class) cost more than the JSON at thousands of events per second. The cut is taken
 * only when the event's JSON starts with exactly its type and ends with exactly its seq and at — then the middle is
 * the other fields' JSON and nothing else — and an event of any other shape takes the copy.
 */
export function eventBody(event: EncounterEvent): string {
  const json = JSON.stringify(event);
  const head = `{"type":${JSON.stringify(event.type)},`;
  const tail = `,"seq":${JSON.stringify(event.seq)},"at":${JSON.stringify(event.at)}}`;
  if (json.length > head.length + tail.length && json.startsWith(head) && json.endsWith(tail)) {
    return `{${json.slice(head.length, json.length - tail.length)}}`;
  }
  const { seq: _seq, at: _at, type: _type, ...rest } = event;
  return JSON.stringify(rest);
}

import { hash } from 'node:crypto';
import { join } from 'node:path';
import type { DialogueTurn, PatientReply } from '../../encounter/actors.js';
import type { MatchKind } from '../../encounter/events.js';
import { diskMemo, type DiskMemo } from '../../util/disk-memo.js';
import { dataDir } from '../../util/paths.js';

/**
 * The deterministic patient's replies that depend only on the case and the question (those it already reuses
 * within a run), on disk beside the parse cache: a run's first encounter of each case otherwise builds the case's
 * index (stemming every fact) and reads each question cold, most of the patient's cost in a short run. Keyed by the
 * case's content hash and the question; the file is headed by a hash of every module the patient runs (found by
 * following its imports) and of the shipped vocabulary and lay terms, so only a patient over those uses it.
 */

const MATCHED = new Set<MatchKind>(['fact-id', 'topic', 'alias', 'synonym', 'text', 'none', 'unclear']);

/** The memo, or one that remembers nothing (no cache folder, or sources that cannot be read). */
export function replyMemo(env: NodeJS.ProcessEnv = process.env): DiskMemo<PatientReply> {
  return diskMemo<PatientReply>(
    {
      name: 'patient-replies-v2',
      code: [new URL('./scripted-patient', import.meta.url)],
      followImports: true,
      data: [join(dataDir(), 'vocabulary', 'topics.yaml'), join(dataDir(), 'vocabulary', 'lay-terms.yaml')],
      maxEntries: 20_000,
      encode: (r) => [r.text, r.factIds, r.matched, r.rule, r.confidence],
      decode: decodeReply,
    },
    env,
  );
}

/** The reply, in the key order the patient makes it, or undefined for anything encode does not make. */
function decodeReply(stored: unknown): PatientReply | undefined {
  if (!Array.isArray(stored) || stored.length !== 5) return undefined;
  const [text, factIds, matched, rule, confidence] = stored as unknown[];
  if (typeof text !== 'string' || typeof rule !== 'string' || typeof confidence !== 'number') return undefined;
  if (!Array.isArray(factIds) || !factIds.every((f) => typeof f === 'string')) return undefined;
  if (!MATCHED.has(matched as MatchKind)) return undefined;
  return { text, factIds: factIds as string[], matched: matched as MatchKind, rule, confidence };
}

/**
 * The memo key of a question to a case: the case's key (its content hash, shortened) and a hash of the question's
 * topic hint and text, with the dialogue so far for a reply that followed it.
 */
export function replyKey(caseKey: string, question: string, dialogue?: readonly DialogueTurn[]): string {
  // Hashed, so a long question or dialogue keeps the file (read whole by every run) small.
  // One-shot: a Hash object per miss cost more than the rest of a cached reply's lookup.
  const h = hash('sha1', dialogue === undefined ? question : `${question}\0${JSON.stringify(dialogue)}`, 'base64url');
  return `${caseKey}${dialogue === undefined ? '' : '+'}${h.slice(0, 16)}`;
}

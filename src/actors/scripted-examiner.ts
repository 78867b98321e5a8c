import type { Case } from '../case/schema.js';
import type { ExamReply } from '../encounter/actors.js';
import { NORMAL_EXAM, WHOLE_EXAM, canonicalTargets } from '../case/exam-targets.js';
import { examFindings } from '../case/exam-findings.js';

/**
 * The deterministic examiner: the case's exam findings by body region (its
 * exam facts split by their own labels, plus abnormal findings about the same
 * region written under another heading), normal findings only when the case
 * records nothing for that region.
 */
export class ScriptedExaminer {
  examine({ kase, target }: { kase: Case; target: string }): ExamReply {
    // A pure function of the case and the target, and the same examinations recur in every encounter: each is read
    // once per case; the caller gets its own fact ids.
    let byTarget = replies.get(kase);
    if (!byTarget) replies.set(kase, (byTarget = new Map()));
    let reply = byTarget.get(target);
    if (!reply) {
      if (byTarget.size >= REPLIES_LIMIT) byTarget.clear();
      byTarget.set(target, (reply = this.read(kase, target)));
    }
    return { target: reply.target, text: reply.text, factIds: [...reply.factIds], normal: reply.normal };
  }

  private read(kase: Case, target: string): ExamReply {
    const canonical = canonicalTargets(target)[0] ?? target;
    const found = examFindings(kase, canonical);
    if (found.text) return { target: canonical, text: found.text, factIds: found.factIds, normal: false };
    if (canonical === WHOLE_EXAM) return { target: canonical, text: 'No abnormality found on examination.', factIds: [], normal: true };
    const normal = NORMAL_EXAM[canonical];
    if (normal) return { target: canonical, text: normal, factIds: [], normal: true };
    return { target, text: `No abnormality found on examination of the ${target}.`, factIds: [], normal: true };
  }
}

const replies = new WeakMap<Case, Map<string, ExamReply>>();
// Free-text targets from a long-lived server are unbounded; a case's memo starts over past this many.
const REPLIES_LIMIT = 200;

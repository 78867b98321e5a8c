import type { Case } from '../case/schema.js';
import type { ExamReply } from '../encounter/actors.js';
import { NORMAL_EXAM, canonicalTarget } from '../case/exam-targets.js';

/** The deterministic examiner: the case's exam facts by target, normal findings otherwise. */
export class ScriptedExaminer {
  examine({ kase, target }: { kase: Case; target: string }): ExamReply {
    const canonical = canonicalTarget(target) ?? target;
    const facts = kase.facts.filter((f) => f.category === 'exam' && f.topic === canonical);
    if (facts.length > 0) {
      return { target: canonical, text: facts.map((f) => f.answer).join(' '), factIds: facts.map((f) => f.id), normal: false };
    }
    const normal = NORMAL_EXAM[canonical];
    if (normal) return { target: canonical, text: normal, factIds: [], normal: true };
    return { target, text: `No abnormality found on examination of the ${target}.`, factIds: [], normal: true };
  }
}

import { normalize } from '../../util/text.js';

// Field names that hold what to do next rather than what is found: they would tell the
// doctor the answer ("start IV acyclovir") or the patient a plan, so they reach no view.
const MANAGEMENT_KEY =
  /^(management|management plan|treatment plan|plan|plans|follow up|followup|follow up plan|recommendations?|next steps?|disposition|optional|therapy|therapeutic plan|intervention|interventions|outcome|prognosis|counsell?ing|patient education|education|further workup|further testing|suggested tests?|additional tests? recommended|treatment)$/;

/** Whether a field name holds management, follow-up or treatment text (never imported). */
export function isManagementKey(key: string): boolean {
  return MANAGEMENT_KEY.test(normalize(key.replace(/_/g, ' ')));
}

// A sentence that prescribes rather than describes.
const MANAGEMENT_SENTENCE =
  /^(recommend|recommended|recommendation|consider|can be considered|could be considered|should|follow[ -]?up|management|manage|treatment|treat with|plan|next step|start|initiate|begin|refer|referral|schedule|arrange|advise|advised to|counsel)\b/i;

/**
 * Removes sentences that prescribe management ("Can be considered if...", "Recommend
 * follow-up in two weeks") from a finding; returns the text kept and how many were removed.
 */
export function stripManagement(text: string): { text: string; removed: number } {
  const parts = text.split(/(?<=[.!?;])\s+/);
  const kept = parts.filter((p) => !MANAGEMENT_SENTENCE.test(p.trim()));
  return { text: kept.join(' ').trim(), removed: parts.length - kept.length };
}

import { canonicalTarget } from './exam-targets.js';

/** One labelled part of an exam fact's text. */
export interface ExamSection {
  target: string;
  text: string;
}

// A label is a few words followed by a colon at the start of the text or of a sentence/line ("Abdomen: ...", "HEENT: ...").
const LABEL = /(^|[.;\n]\s*|\s{2,})([A-Za-z][A-Za-z/&,' -]{0,40}?):\s*/g;

/**
 * Splits an exam fact into sections by its own labels: text before the first
 * label belongs to the fact's topic; a label that names an exam target
 * ("Abdomen:", "Skin:", "Neuro:") starts a section for that target. A label
 * that names none ("Note:", "HR:") stays in the text of the section it is in.
 */
export function splitExamSections(topic: string, text: string): ExamSection[] {
  const home = canonicalTarget(topic) ?? topic;
  const cuts: Array<{ at: number; end: number; target: string }> = [];
  for (const m of text.matchAll(LABEL)) {
    const target = canonicalTarget(m[2].trim());
    if (!target) continue;
    const at = m.index! + m[1].length;
    cuts.push({ at, end: m.index! + m[0].length, target });
  }
  if (cuts.length === 0) return [{ target: home, text: text.trim() }];
  const out: ExamSection[] = [];
  const head = text.slice(0, cuts[0].at).trim();
  if (head) out.push({ target: home, text: head });
  cuts.forEach((c, i) => {
    // A vital sign's label is part of its reading ("HR: 110"); a system's label is not part of its findings.
    const body = text.slice(c.target === 'vitals' ? c.at : c.end, i + 1 < cuts.length ? cuts[i + 1].at : text.length).trim();
    if (!body) return;
    const last = out[out.length - 1];
    if (last && last.target === c.target) last.text = `${last.text} ${body}`;
    else out.push({ target: c.target, text: body });
  });
  return out;
}

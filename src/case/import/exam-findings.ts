import type { CaseInput } from '../schema.js';
import { examTargetFor, isBroadSection, splitLabelled } from './exam-sections.js';
import { isManagementKey, stripManagement } from './management.js';
import type { MappedLine } from './mapped-line.js';
import { flattenValue, humanize, isRecord, sentence, slugify } from './text.js';

type Fact = NonNullable<CaseInput['facts']>[number];

/**
 * Maps AgentClinic's Physical_Examination_Findings to exam facts, one per section and
 * target. A section names its target through the section table; inside a broad section
 * ("General_Examination", "Cardiopulmonary") each labelled sub-part ("Abdomen",
 * "Skin", "Lungs") and each labelled clause of its text ("Abdomen: mild flank
 * tenderness") is filed under its own target; a mental-status part is its own target
 * wherever it sits. Management text is left out; a section with no target stays a
 * general finding that keeps its name, and is reported as unmapped.
 */
export function mapExam(exam: Record<string, unknown>, base: string, out: MappedLine): Fact[] {
  const buckets = new Map<string, { section: string; target: string; parts: string[] }>();
  const add = (section: string, target: string, text: string) => {
    const t = text.trim();
    if (!t) return;
    const key = `${section}|${target}`;
    const b = buckets.get(key) ?? { section, target, parts: [] };
    b.parts.push(sentence(t));
    buckets.set(key, b);
  };
  const drop = (path: string, reason: string) => (out.dropped ??= []).push({ path, reason });

  const visit = (section: string, path: string, label: string | undefined, value: unknown, target: string, broad: boolean): void => {
    if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) {
        const p = `${path}.${k}`;
        if (isManagementKey(k)) {
          drop(p, 'management or follow-up text');
          continue;
        }
        const own = examTargetFor(k);
        if (own && own !== target && (broad || own === 'mental-status') && own !== 'general') {
          visit(section, p, undefined, v, own, isBroadSection(k, own));
        } else {
          visit(section, p, humanize(k), v, target, false);
        }
      }
      return;
    }
    const raw = flattenValue(value);
    if (!raw) return;
    const s = stripManagement(raw);
    if (s.removed) drop(path, `${s.removed} management or follow-up sentence${s.removed === 1 ? '' : 's'} left out`);
    for (const part of splitLabelled(s.text)) {
      const t = part.target && part.target !== target && (broad || part.target === 'mental-status') ? part.target : target;
      const lab = part.target && t === target ? part.label : part.target ? undefined : label;
      add(section, t, lab ? `${lab}: ${part.text}` : part.text);
    }
  };

  for (const [section, value] of Object.entries(exam)) {
    const path = `${base}.${section}`;
    if (isManagementKey(section)) {
      drop(path, 'management or follow-up text');
      continue;
    }
    const target = examTargetFor(section);
    if (!target) out.unmapped.push(path);
    // An unnamed region stays general but keeps its name, so the finding still says what it is.
    visit(section, path, target ? undefined : humanize(section), value, target ?? 'general', isBroadSection(section, target));
  }

  const facts: Fact[] = [];
  const perSection = new Map<string, number>();
  for (const b of buckets.values()) perSection.set(b.section, (perSection.get(b.section) ?? 0) + 1);
  for (const b of buckets.values()) {
    const id = perSection.get(b.section)! > 1 ? `exam-${slugify(humanize(b.section))}-${b.target}` : `exam-${slugify(humanize(b.section))}`;
    facts.push({ id, category: 'exam', topic: b.target, aliases: [], answer: b.parts.join(' ') });
  }
  return facts;
}

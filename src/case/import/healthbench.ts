import type { CaseInput } from '../schema.js';
import type { Catalog } from '../catalog.js';
import type { Vocabulary } from '../vocabulary.js';
import { importRecordsFile, type RecordsImport } from './records-file.js';
import type { MapContext, MappedLine } from './mapped-line.js';

/**
 * HealthBench's JSONL (one example per line: `prompt` messages, `prompt_id`, `rubrics` [{criterion, points, tags}],
 * `example_tags`, `ideal_completions_data`) as conversation cases played under the `respond` protocol and graded by
 * the `rubric` scorer. HealthBench gives no patient and no diagnosis: the case carries a neutral placeholder for
 * both (never shown to a doctor answering the conversation) so reports and the store treat it like any other case.
 */

/** The diagnosis column of a conversation case: not a diagnosis, the task, coded as counselling (Z71.9). */
export const CONVERSATION_DIAGNOSIS = { name: 'Reply to a conversation', icd10: 'Z71.9' } as const;

const ROLES = ['system', 'user', 'assistant'];

/** A slug from HealthBench's prompt_id (a UUID-like string), so the case id is stable across imports. */
function idOf(promptId: string, ctx: MapContext): string {
  const slug = promptId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${ctx.idPrefix ?? 'healthbench'}-${slug || String(ctx.line)}`;
}

/** Maps one HealthBench example; a record missing what a case needs is skipped with the reason. */
export function mapHealthBench(data: unknown, ctx: MapContext): MappedLine {
  const out: MappedLine = { format: 'healthbench', unmapped: [], localTests: [], problems: [] };
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    out.problems.push('the record is not a JSON object');
    return out;
  }
  const r = data as Record<string, unknown>;
  const prompt = r.prompt;
  if (!Array.isArray(prompt) || prompt.length === 0) {
    out.problems.push('"prompt" must be a non-empty list of messages');
    return out;
  }
  for (const [i, m] of prompt.entries()) {
    const msg = m as { role?: unknown; content?: unknown };
    if (!msg || typeof msg !== 'object' || !ROLES.includes(String(msg.role)) || typeof msg.content !== 'string')
      out.problems.push(`prompt[${i}] must be {role: system|user|assistant, content: text}`);
  }
  if (!Array.isArray(r.rubrics) || r.rubrics.length === 0) out.problems.push('"rubrics" must be a non-empty list of {criterion, points, tags}');
  if (typeof r.prompt_id !== 'string' || !r.prompt_id.trim()) out.problems.push('"prompt_id" must be a non-empty string');
  if (out.problems.length) return out;
  const messages = (prompt as Array<{ role: 'system' | 'user' | 'assistant'; content: string }>).map((m) => ({ role: m.role, content: m.content }));
  const rubric = (r.rubrics as Array<Record<string, unknown>>).map((it) => ({
    criterion: it?.criterion as string,
    points: it?.points as number,
    ...(Array.isArray(it?.tags) ? { tags: (it.tags as unknown[]).map(String) } : {}),
  }));
  const tags = Array.isArray(r.example_tags) ? r.example_tags.map(String) : [];
  const theme = tags.find((t) => t.startsWith('theme:'))?.slice('theme:'.length);
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const extra: Record<string, unknown> = { prompt_id: r.prompt_id };
  if (r.ideal_completions_data !== undefined && r.ideal_completions_data !== null) extra.ideal_completions_data = r.ideal_completions_data;
  for (const k of Object.keys(r)) if (!['prompt', 'prompt_id', 'rubrics', 'example_tags', 'ideal_completions_data'].includes(k)) out.unmapped.push(k);
  if (out.unmapped.length) extra.unmapped = Object.fromEntries(out.unmapped.map((k) => [k, r[k]]));
  const kase: CaseInput = {
    id: idOf(r.prompt_id as string, ctx),
    title: `HealthBench${theme ? ` (${theme.replace(/_/g, ' ')})` : ''}: ${oneLine(lastUser, 70)}`,
    specialty: theme ? theme.replace(/_/g, '-') : 'general',
    tags,
    source: {
      kind: 'imported',
      author: 'HealthBench',
      dataset: ctx.dataset,
      license: ctx.license ?? 'see source dataset',
      note: `prompt_id ${r.prompt_id as string}`,
    },
    // HealthBench says nothing of the patient; a doctor answering the conversation never sees these.
    patient: { age: 40, sex: 'other' },
    presentation: lastUser || messages[messages.length - 1].content,
    diagnosis: { ...CONVERSATION_DIAGNOSIS },
    conversation: messages,
    expected: { rubric },
    extra,
  };
  out.case = kase;
  out.inferred = ['patient (HealthBench gives none: age 40, sex other, not shown when replying)'];
  return out;
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t || 'conversation';
}

/** Reads a HealthBench JSONL file; bad lines are skipped with their reasons. */
export function importHealthBenchFile(input: { file: string; catalog: Catalog; vocabulary: Vocabulary; license?: string; idPrefix?: string }): RecordsImport {
  return importRecordsFile({ ...input, map: mapHealthBench });
}

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { globSync } from 'tinyglobby';
import { z } from 'zod';
import type { Case } from '../case/schema.js';
import type { DialogueTurn, PatientInput, PatientReply } from '../encounter/actors.js';
import { createRng } from '../util/rng.js';
import { findLeak } from './llm-leak-guard.js';

export const GOLD_KINDS = ['opener', 'follow-up', 'category', 'ros-lay', 'direct', 'compound', 'negative', 'bad-input'] as const;
export type GoldKind = (typeof GOLD_KINDS)[number];

/** One gold line: a question to one case, and the fact ids a clinician would take as its answer. */
export const GoldLine = z
  .object({
    case: z.string().min(1),
    question: z.string(),
    /** Fact ids any one of which answers the question, or "none" when the case holds nothing for it. */
    expect: z.union([z.array(z.string().min(1)).min(1), z.literal('none')]),
    kind: z.enum(GOLD_KINDS),
    /** Earlier questions of the same dialogue, asked first and in order. */
    context: z.array(z.string()).optional(),
    /** Compound questions: one id list per part; answered only when every part is. */
    parts: z
      .array(z.array(z.string().min(1)).min(1))
      .min(2)
      .optional(),
  })
  .strict();
export type GoldLine = z.infer<typeof GoldLine>;

export interface GoldFileLine {
  line: GoldLine;
  file: string;
  lineNo: number;
}

/** Reads every `*.jsonl` under `dir`; a malformed line throws with its file and line number. */
export function loadGold(dir: string): GoldFileLine[] {
  const out: GoldFileLine[] = [];
  for (const rel of globSync('**/*.jsonl', { cwd: dir }).sort()) {
    const file = join(dir, rel);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((raw, i) => {
      if (!raw.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new Error(`${relative(process.cwd(), file)}:${i + 1} is not valid JSON.`);
      }
      const r = GoldLine.safeParse(parsed);
      if (!r.success) throw new Error(`${relative(process.cwd(), file)}:${i + 1}: ${r.error.issues[0].path.join('.')} ${r.error.issues[0].message}`);
      out.push({ line: r.data, file, lineNo: i + 1 });
    });
  }
  return out;
}

/**
 * How one reply is judged against one gold line.
 * - answered: expect is a list and the reply grounds at least one expected fact
 *   (compound lines with `parts`: at least one fact of every part); expect is
 *   "none" and the reply grounds no fact without being `unclear` (a plain
 *   negative); bad-input lines: any reply that grounds no fact, or any reply at
 *   all that neither throws nor names the diagnosis.
 * - contradicted: expect is a list and the reply is a denial (`matched: 'none'`).
 * - wrong-fact: the reply grounds facts and none of them is expected (for
 *   "none" lines: it grounds any fact).
 * - unclear: `matched: 'unclear'`; never counted as answered except on bad input.
 * - leaked: the reply names the diagnosis (name, accepted synonym or code).
 * - error: the patient threw.
 */
export type GoldVerdict = 'answered' | 'contradicted' | 'wrong-fact' | 'unclear' | 'partial' | 'leaked' | 'error';

export interface GoldOutcome {
  entry: GoldFileLine;
  verdict: GoldVerdict;
  reply?: PatientReply;
  error?: string;
  /** Nanoseconds spent answering the gold question itself (context turns excluded). */
  ns: number;
}

export type Patient = { answer(input: PatientInput): PatientReply | Promise<PatientReply> };

/** Judges one reply; `unclear` is compared as a string so this compiles before and after that MatchKind exists. */
export function judge(line: GoldLine, reply: PatientReply, kase: Case): GoldVerdict {
  if (findLeak(kase, reply.text)) return 'leaked';
  const matched: string = reply.matched;
  const got = new Set(reply.factIds);
  if (line.kind === 'bad-input') return 'answered';
  if (line.expect === 'none') {
    if (got.size > 0) return 'wrong-fact';
    return matched === 'unclear' ? 'unclear' : 'answered';
  }
  if (matched === 'unclear') return 'unclear';
  if (got.size === 0) return 'contradicted';
  const expected = line.expect;
  if (!expected.some((id) => got.has(id))) return 'wrong-fact';
  if (line.parts && !line.parts.every((p) => p.some((id) => got.has(id)))) return 'partial';
  return 'answered';
}

export interface AskOptions {
  /** Ask the gold question this many times and keep the median time, so one scheduler hiccup on a shared machine does not pass for the matcher's cost. */
  repeat?: number;
  /**
   * Trailing spaces added to the question (plus one more per repetition):
   * the text means the same, but memoised normalisation keyed on the raw
   * text misses, so every timing is of a question seen for the first time.
   */
  salt?: number;
}

/** Asks one gold line the way the engine would: context questions first, each seeing the dialogue before it; the reply judged is the first asking's. */
export async function askGold(
  patient: Patient,
  kase: Case,
  line: GoldLine,
  { repeat = 1, salt = 0 }: AskOptions = {},
): Promise<{ reply: PatientReply; ns: number }> {
  const rng = createRng(`gold:${kase.id}:${line.question}`);
  const dialogue: DialogueTurn[] = [];
  let turn = 1;
  for (const text of line.context ?? []) {
    const question = { text };
    const reply = await patient.answer({ kase, question, dialogue: [...dialogue], rng });
    dialogue.push({ turn: turn++, question, text: reply.text, factIds: reply.factIds, matched: reply.matched });
  }
  const times: number[] = [];
  let reply: PatientReply | undefined;
  for (let i = 0; i < Math.max(1, repeat); i++) {
    const question = { text: line.question + ' '.repeat(salt + i) };
    const started = process.hrtime.bigint();
    const r = await patient.answer({ kase, question, dialogue, rng });
    times.push(Number(process.hrtime.bigint() - started));
    reply ??= r;
  }
  times.sort((a, b) => a - b);
  return { reply: reply!, ns: times[Math.floor(times.length / 2)] };
}

/** Runs every gold line through `patient`; lines naming an unknown case or fact are reported, not skipped silently. */
export async function runGold(
  patient: Patient,
  cases: ReadonlyMap<string, Case>,
  entries: readonly GoldFileLine[],
  options: AskOptions = {},
): Promise<GoldOutcome[]> {
  const out: GoldOutcome[] = [];
  for (const entry of entries) {
    const kase = cases.get(entry.line.case);
    if (!kase) throw new Error(`${entry.file}:${entry.lineNo} names case "${entry.line.case}", which is not loaded.`);
    try {
      const { reply, ns } = await askGold(patient, kase, entry.line, options);
      out.push({ entry, verdict: judge(entry.line, reply, kase), reply, ns });
    } catch (e) {
      out.push({ entry, verdict: 'error', error: e instanceof Error ? e.message : String(e), ns: 0 });
    }
  }
  return out;
}

/** Gold lines whose case or fact ids do not exist: a stale gold set must fail loudly. */
export function staleGold(cases: ReadonlyMap<string, Case>, entries: readonly GoldFileLine[]): string[] {
  const problems: string[] = [];
  for (const { line, file, lineNo } of entries) {
    const kase = cases.get(line.case);
    if (!kase) {
      problems.push(`${file}:${lineNo}: unknown case ${line.case}`);
      continue;
    }
    const ids = new Set(kase.facts.map((f) => f.id));
    const named = [...(line.expect === 'none' ? [] : line.expect), ...(line.parts ?? []).flat()];
    for (const id of named) if (!ids.has(id)) problems.push(`${file}:${lineNo}: case ${line.case} has no fact ${id}`);
  }
  return problems;
}

export interface GoldSummary {
  n: number;
  answered: number;
  contradicted: number;
  wrongFact: number;
  unclear: number;
  partial: number;
  leaked: number;
  error: number;
  p50Ns: number;
  p99Ns: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Counts per verdict and the p50/p99 time per question. */
export function summarize(outcomes: readonly GoldOutcome[]): GoldSummary {
  const count = (v: GoldVerdict) => outcomes.filter((o) => o.verdict === v).length;
  const times = outcomes.map((o) => o.ns).sort((a, b) => a - b);
  return {
    n: outcomes.length,
    answered: count('answered'),
    contradicted: count('contradicted'),
    wrongFact: count('wrong-fact'),
    unclear: count('unclear'),
    partial: count('partial'),
    leaked: count('leaked'),
    error: count('error'),
    p50Ns: percentile(times, 50),
    p99Ns: percentile(times, 99),
  };
}

/** Summaries overall and per question kind. */
export function summarizeByKind(outcomes: readonly GoldOutcome[]): { all: GoldSummary; kinds: Array<[GoldKind, GoldSummary]> } {
  const kinds: Array<[GoldKind, GoldSummary]> = [];
  for (const kind of GOLD_KINDS) {
    const of = outcomes.filter((o) => o.entry.line.kind === kind);
    if (of.length) kinds.push([kind, summarize(of)]);
  }
  return { all: summarize(outcomes), kinds };
}

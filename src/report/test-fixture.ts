import type { EncounterEvent, EventBody } from '../encounter/events.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import type { Verdict } from '../scoring/types.js';
import type { EncounterDetail, RunReportData } from '../store/types.js';

/** A script payload planted in a patient's answer; the HTML must show it as text. */
export const PAYLOAD = '<script>alert("pwned")</script>';

interface Spec {
  doctor: string;
  protocol: string;
  caseId: string;
  verdict: Verdict | null;
  cost: number | null;
  turns: number | null;
  top3?: number;
  questions?: number;
  tests?: number;
  mustAsk?: number;
  mustOrder?: number;
  diagnosis?: string;
  events?: EncounterEvent[];
}

const SPECIALTY: Record<string, string> = { c1: 'cardiology', c2: 'cardiology', c3: 'neurology', c4: 'respiratory', c5: 'neurology' };

function scores(s: Spec): EncounterDetail['scores'] {
  const out: EncounterDetail['scores'] = {};
  if (s.verdict === null) return out;
  if (s.verdict === 'error') {
    out.diagnosis = { value: null, detail: 'not scored: the encounter ended in error (model timed out)' };
  } else {
    const top1 = s.verdict === 'correct' ? 1 : 0;
    out.diagnosis = { value: s.verdict === 'correct' ? 1 : s.verdict === 'partial' ? 0.5 : 0, detail: `${s.verdict}: judged` };
    out.top1 = { value: top1, detail: 'first entry' };
    out.top3 = { value: s.top3 ?? top1, detail: 'top three' };
  }
  out.cost = { value: s.cost, detail: 'cost detail' };
  out.turns = { value: s.turns, detail: 'turns detail' };
  out.questions = { value: s.questions ?? 2, detail: 'questions detail' };
  out.exams = { value: 1, detail: 'exams detail' };
  out.tests = { value: s.tests ?? 2, detail: 'tests detail' };
  if (s.mustAsk !== undefined) out.must_ask = { value: s.mustAsk, detail: s.mustAsk === 1 ? 'asked every must-ask item' : 'missed chest-pain' };
  if (s.mustOrder !== undefined) out.must_order = { value: s.mustOrder, detail: 'did not order troponin-i-hs' };
  return out;
}

function events(bodies: EventBody[]): EncounterEvent[] {
  return bodies.map((b, seq) => ({ ...b, seq, at: `2025-01-01T00:00:${String(seq).padStart(2, '0')}Z` }) as EncounterEvent);
}

/** The transcript of A on c1: every event type, with a script payload in the patient's answer. */
export function transcriptA1(): EncounterEvent[] {
  return events([
    {
      type: 'start',
      caseId: 'c1',
      protocol: PROTOCOL_PRESETS.default,
      seed: '1',
      presentation: 'A 58-year-old man with two hours of crushing chest pain.',
      patient: { age: 58, ageUnit: 'years', sex: 'male', speaker: 'self' },
    },
    { type: 'note', turn: 0, author: 'baseline', kind: 'posterior', data: { stemi: 0.41, pericarditis: 0.12 } },
    { type: 'action', turn: 1, action: { type: 'ask', questions: [{ text: 'Where is the pain?' }, { text: 'Any "odd" symptoms?', topic: 'other' }] } },
    { type: 'visit', turn: 1, fee: 300 },
    { type: 'answer', turn: 1, question: { text: 'Where is the pain?' }, factIds: ['chest-pain'], matched: 'topic', text: 'Right in the middle of my chest.' },
    { type: 'answer', turn: 1, question: { text: 'Any "odd" symptoms?', topic: 'other' }, factIds: [], matched: 'none', text: `Well... ${PAYLOAD} & more` },
    { type: 'action', turn: 2, action: { type: 'examine', targets: ['cardiovascular', 'aura'] } },
    { type: 'refused', turn: 2, reason: 'unknown-target', text: '"aura" is not an examination target.' },
    { type: 'exam', turn: 2, target: 'cardiovascular', factIds: ['exam-cv'], normal: false, text: 'S4 gallop, no murmur.' },
    { type: 'action', turn: 3, action: { type: 'order', tests: ['cbc', 'troponin', 'vibes panel'] } },
    { type: 'unrecognised', turn: 3, request: 'vibes panel', text: 'Order not recognised: "vibes panel". Please name a specific test.' },
    {
      type: 'result',
      turn: 3,
      request: 'cbc',
      testId: 'cbc',
      name: 'Complete blood count',
      price: 25,
      synthetic: true,
      result: { components: { WBC: { value: 11.2, unit: '10^9/L', flag: 'high', range: '4.0-11.0' }, Hb: { value: 14.1, unit: 'g/dL' } } },
    },
    {
      type: 'result',
      turn: 3,
      request: 'troponin',
      testId: 'troponin-i-hs',
      name: 'Troponin I (high-sensitivity)',
      price: 75,
      synthetic: false,
      result: { value: 1240, unit: 'ng/L', flag: 'critical-high' },
    },
    { type: 'note', turn: 3, author: 'baseline', kind: 'posterior', data: { stemi: 0.93, detail: 'x'.repeat(300) } },
    {
      type: 'action',
      turn: 4,
      action: { type: 'diagnose', differential: [{ name: 'Inferior STEMI', icd10: 'I21.19', probability: 0.93 }, { name: 'Pericarditis' }] },
    },
    {
      type: 'diagnosis',
      turn: 4,
      differential: [{ name: 'Inferior STEMI', icd10: 'I21.19', probability: 0.93 }, { name: 'Pericarditis' }],
      rationale: 'ST elevation with troponin rise.',
    },
    { type: 'end', turn: 4, reason: 'diagnosed', cost: 400, turns: 4 },
  ]);
}

/** The transcript of A on c5: it failed on the first step. */
export function transcriptA5(): EncounterEvent[] {
  return events([
    {
      type: 'start',
      caseId: 'c5',
      protocol: PROTOCOL_PRESETS.default,
      seed: '1',
      presentation: 'Sudden headache.',
      patient: { age: 40, ageUnit: 'years', sex: 'female', speaker: 'self' },
    },
    { type: 'error', turn: 0, code: 'model-timeout', message: 'The model did not answer in 60 s.' },
    { type: 'end', turn: 0, reason: 'error', cost: 0, turns: 0 },
  ]);
}

const A = 'baseline:threshold=0.5';
const B = 'baseline:threshold=0.9';
const C = 'script:demo.yaml';

/**
 * A hand-built run for the report tests, small enough to check every number by hand:
 *
 * - A = baseline:threshold=0.5, default: c1 correct $400, c2 partial $600, c3 no-diagnosis $900,
 *   c4 correct $300, c5 error $0 → n 5, scored 4, 2 correct (50%), mean cost $550, top-3 3/4.
 * - B = baseline:threshold=0.9, default: c1 correct $700, c2 correct $800, c3 correct $1000,
 *   c4 incorrect $500, c5 correct $650 → 4/5 correct (80%), mean cost $730.
 * - C = script:demo.yaml, agentclinic: c1 correct $0, c2 still pending → never paired with A or B.
 *
 * A vs B share c1–c5; c5 is left out (A errored), so 4 pairs: only A right on c4, only B on c2 and c3.
 *
 * `withEvents` attaches the transcripts of A on c1 and c5; the rest have none.
 */
export function fixtureRun(opts: { withEvents?: boolean } = {}): RunReportData {
  const specs: Spec[] = [
    {
      doctor: A,
      protocol: 'default',
      caseId: 'c1',
      verdict: 'correct',
      cost: 400,
      turns: 4,
      mustAsk: 1,
      mustOrder: 1,
      events: opts.withEvents ? transcriptA1() : undefined,
    },
    { doctor: B, protocol: 'default', caseId: 'c1', verdict: 'correct', cost: 700, turns: 5, mustAsk: 0.5, mustOrder: 1 },
    { doctor: C, protocol: 'agentclinic', caseId: 'c1', verdict: 'correct', cost: 0, turns: 3 },
    { doctor: A, protocol: 'default', caseId: 'c2', verdict: 'partial', cost: 600, turns: 4, top3: 1, diagnosis: 'Pericarditis, acute "viral"\nsecond line' },
    { doctor: B, protocol: 'default', caseId: 'c2', verdict: 'correct', cost: 800, turns: 6, diagnosis: 'Pericarditis, acute "viral"\nsecond line' },
    { doctor: C, protocol: 'agentclinic', caseId: 'c2', verdict: null, cost: null, turns: null },
    { doctor: A, protocol: 'default', caseId: 'c3', verdict: 'no-diagnosis', cost: 900, turns: 30, mustAsk: 0 },
    { doctor: B, protocol: 'default', caseId: 'c3', verdict: 'correct', cost: 1000, turns: 8 },
    { doctor: A, protocol: 'default', caseId: 'c4', verdict: 'correct', cost: 300, turns: 2 },
    { doctor: B, protocol: 'default', caseId: 'c4', verdict: 'incorrect', cost: 500, turns: 5 },
    { doctor: A, protocol: 'default', caseId: 'c5', verdict: 'error', cost: 0, turns: 0, events: opts.withEvents ? transcriptA5() : undefined },
    { doctor: B, protocol: 'default', caseId: 'c5', verdict: 'correct', cost: 650, turns: 4 },
  ];
  const encounters: EncounterDetail[] = specs.map((s, ordinal) => ({
    id: `enc-${ordinal}`,
    runId: 'run-abc',
    ordinal,
    caseId: s.caseId,
    specialty: SPECIALTY[s.caseId],
    difficulty: 'medium',
    doctor: s.doctor,
    protocol: s.protocol,
    seed: '1',
    status: s.verdict === null ? 'running' : 'done',
    endReason: s.verdict === null ? null : s.verdict === 'error' ? 'error' : s.verdict === 'no-diagnosis' ? 'turn-limit' : 'diagnosed',
    verdict: s.verdict,
    cost: s.cost,
    turns: s.turns,
    startedAt: '2025-01-01T00:00:00Z',
    finishedAt: s.verdict === null ? null : '2025-01-01T00:01:00Z',
    diagnosis: s.diagnosis ?? `Diagnosis of ${s.caseId}`,
    scores: scores(s),
    ...(s.events ? { events: s.events } : {}),
  }));
  return {
    run: {
      id: 'run-abc',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:05:00Z',
      status: 'interrupted',
      config: { suites: ['demo'], doctors: [A, B, C], protocols: ['default', 'agentclinic'], seeds: ['1'], concurrency: 4 },
      versions: { rounds: '0.1.0', node: '20.19.0' },
      total: 12,
    },
    // Shuffled so the tests prove ordering comes from the plan ordinal, not input order.
    encounters: [...encounters].reverse(),
  };
}

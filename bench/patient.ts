// `npm run bench:patient`: the deterministic patient against the gold set in
// data/patient-gold. Prints answered, contradicted, wrong-fact, unclear (and
// partial, leaked, error) rates overall and per question kind, and the p50/p99
// time the patient takes per question. Numbers, not pass/fail; the thresholds
// live in test/patient-gold.test.ts.
//
//   npm run bench:patient
//   npm run bench:patient -- --show contradicted --kind opener --limit 30
//   npm run bench:patient -- --case cardio-stemi-inferior-001 --show all
//   npm run bench:patient -- --json
//   npm run bench:patient -- --repeat 1     # each question timed once (default: median of 5)
import { loadCases } from '../src/case/load.js';
import type { Case } from '../src/case/schema.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import {
  loadGold,
  runGold,
  staleGold,
  summarize,
  summarizeByKind,
  type GoldFileLine,
  type GoldOutcome,
  type GoldSummary,
  type Patient,
} from '../src/actors/patient-gold.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i].replace(/^--/, '');
  const next = process.argv[i + 1];
  if (next !== undefined && !next.startsWith('--')) {
    args.set(key, next);
    i++;
  } else args.set(key, 'true');
}

const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : '-');
const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;

function row(label: string, s: GoldSummary): string[] {
  return [
    label,
    String(s.n),
    pct(s.answered, s.n),
    pct(s.contradicted, s.n),
    pct(s.wrongFact, s.n),
    pct(s.unclear, s.n),
    pct(s.partial, s.n),
    String(s.leaked),
    String(s.error),
    us(s.p50Ns),
    us(s.p99Ns),
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

function show(outcomes: GoldOutcome[]): void {
  const verdict = args.get('show');
  if (!verdict) return;
  const kind = args.get('kind');
  const limit = Number(args.get('limit') ?? 40);
  const picked = outcomes.filter((o) => (verdict === 'all' || o.verdict === verdict) && (!kind || o.entry.line.kind === kind));
  console.log(`\n${picked.length} line(s) judged ${verdict}${kind ? ` of kind ${kind}` : ''}${picked.length > limit ? `, first ${limit}` : ''}:`);
  for (const o of picked.slice(0, limit)) {
    const l = o.entry.line;
    const ctx = l.context?.length ? ` (after: ${l.context.map((c) => JSON.stringify(c)).join(', ')})` : '';
    const expect = l.expect === 'none' ? 'none' : l.expect.join(', ');
    console.log(
      `- [${l.kind}] ${l.case}: ${JSON.stringify(l.question.slice(0, 200))}${ctx}\n    expect ${expect}; got [${o.reply?.factIds.join(', ') ?? ''}] matched=${o.reply?.matched ?? o.error}: ${JSON.stringify((o.reply?.text ?? '').slice(0, 160))}`,
    );
  }
}

async function main(): Promise<void> {
  const { cases, problems } = loadCases(args.get('cases') ?? 'data/cases');
  if (problems.length) throw new Error(`The case folder has ${problems.length} invalid case(s); run \`rounds cases validate\` first.`);
  const byId = new Map<string, Case>(cases.map(({ kase }) => [kase.id, kase]));
  const only = args.get('case');
  const gold = loadGold(args.get('gold') ?? 'data/patient-gold').filter((g) => !only || g.line.case === only);
  const stale = staleGold(byId, gold);
  if (stale.length) throw new Error(`The gold set names ${stale.length} unknown case(s) or fact(s), e.g. ${stale[0]}.`);
  const patient = deterministicActors().patient;
  const repeat = Number(args.get('repeat') ?? 5);
  // A warm-up pass, so the timed one measures answering rather than JIT compilation and each case's one-off index build;
  // it asks salted texts, so the timed pass still meets every question for the first time.
  await runGold(patient, byId, gold, { salt: repeat + 1 });
  const t0 = process.hrtime.bigint();
  const outcomes = await runGold(patient, byId, gold, { repeat });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const { all, kinds } = summarizeByKind(outcomes);
  if (args.get('json') === 'true') {
    console.log(JSON.stringify({ all, kinds: Object.fromEntries(kinds) }, null, 2));
    return;
  }
  const maxFacts = Math.max(...cases.map(({ kase }) => kase.facts.length));
  console.log(
    `Patient gold set: ${gold.length} questions over ${new Set(gold.map((g) => g.line.case)).size} cases (largest case: ${maxFacts} facts), ${seconds.toFixed(2)} s in all; time per question is the median of ${repeat} askings.`,
  );
  console.log('answered: an expected fact is given (for "none": a plain negative); contradicted: a denial where the case holds a fact;');
  console.log('wrong-fact: facts given, none expected; unclear: the patient said it did not understand; partial: a compound with a part unanswered.\n');
  const header = ['kind', 'n', 'answered', 'contradicted', 'wrong-fact', 'unclear', 'partial', 'leaked', 'errors', 'p50', 'p99'];
  console.log(table([header, ...kinds.map(([k, s]) => row(k, s)), row('all', all)]));
  if (args.get('case') === undefined)
    await fortyFacts(
      cases.map(({ kase }) => kase),
      gold,
      patient,
      repeat,
    );
  show(outcomes);
}

/**
 * Issue 12's performance bar is "under 1 ms at p99 on a 40-fact case", and no
 * shipped case has 40 facts the patient reads (exam findings go to the
 * examiner). So the case with the most history facts is padded with other
 * cases' history facts on topics it lacks, up to 40, and every gold question
 * (each with its context) is asked of it and timed.
 */
async function fortyFacts(all: Case[], gold: GoldFileLine[], patient: Patient, repeat: number): Promise<void> {
  const history = (k: Case) => k.facts.filter((f) => f.category !== 'exam');
  const base = [...all].sort((a, b) => history(b).length - history(a).length)[0];
  const facts = [...history(base)];
  const topics = new Set(facts.map((f) => f.topic));
  for (const k of all) {
    for (const f of history(k)) {
      if (facts.length >= 40) break;
      if (topics.has(f.topic)) continue;
      topics.add(f.topic);
      facts.push({ ...f, id: `${k.id}/${f.id}` });
    }
  }
  const kase: Case = { ...base, id: 'bench-40-facts', facts: [...facts, ...base.facts.filter((f) => f.category === 'exam')] };
  const lines = gold.map((g) => ({ ...g, line: { ...g.line, case: kase.id, expect: 'none' as const, parts: undefined } }));
  const byId = new Map([[kase.id, kase]]);
  await runGold(patient, byId, lines, { salt: repeat + 1 });
  const s = summarize(await runGold(patient, byId, lines, { repeat }));
  const bad = await runGold(
    patient,
    byId,
    lines.filter((l) => l.line.kind === 'bad-input'),
    { repeat },
  );
  const max = bad.length ? `; slowest bad-input question ${us(Math.max(...bad.map((o) => o.ns)))}` : '';
  console.log(
    `\n40-fact case (${base.id}'s ${history(base).length} history facts + ${facts.length - history(base).length} from other cases): ` +
      `all ${s.n} gold questions, p50 ${us(s.p50Ns)}, p99 ${us(s.p99Ns)}${max}.`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

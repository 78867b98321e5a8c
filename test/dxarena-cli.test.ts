import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import type { FakeReply, FakeRequest } from './support/fake-openai-server.js';
import { useFakeModel } from './support/cli.js';

/** The fake doctor's differential per imported case (found by its presentation), and what each should score. */
const PLAN: Array<{ when: RegExp; differential: string[] }> = [
  // Graves disease second: top-5 only.
  { when: /palpitations/, differential: ['Toxic multinodular goitre', 'Graves disease'] },
  // Central retinal artery occlusion nowhere: a miss at both.
  { when: /loss of vision/, differential: ['Central retinal vein occlusion', 'Retinal detachment'] },
  // Pyelonephritis first: top-1 and top-5.
  { when: /dysuria/, differential: ['Acute pyelonephritis', 'Cystitis'] },
  // Croup, with six entries: the judge (scripted to skip one) leaves the grading incomplete, so it is null, not a miss.
  { when: /barking cough/, differential: ['Croup', 'Epiglottitis', 'Bacterial tracheitis', 'Foreign body aspiration', 'Asthma', 'Anaphylaxis'] },
];

function handler(req: FakeRequest): FakeReply {
  const system = String(req.body.messages.find((m) => m.role === 'system')?.content ?? '');
  const user = req.body.messages.filter((m) => m.role === 'user').map((m) => String(m.content));
  if (system.includes("You grade a doctor's differential")) {
    const text = user.join('\n');
    const truth = /Final diagnosis: ([^(\n.]+)/.exec(text)![1].trim().toLowerCase();
    const entries = [...text.matchAll(/^(\d)\. (.+)$/gm)].map((m) => m[2].toLowerCase());
    const grades = entries.map((e, i) => ({
      entry: i + 1,
      grade: e === truth || truth.startsWith(e) ? 2 : e.includes('cystitis') ? 1 : 0,
      reason: 'compared',
    }));
    return { content: JSON.stringify({ grades: entries.length === 5 ? grades.slice(0, 4) : grades }) };
  }
  if (system.includes('You are a physician') && req.body.tools) {
    const plan = PLAN.find((p) => p.when.test(user[0] ?? ''));
    const step = req.body.messages.filter((m) => m.role === 'assistant').length;
    if (!plan) return { fault: 'server-error' };
    if (step === 0) return { toolCalls: [{ name: 'ask_patient', arguments: { questions: ['When did it start?'] } }] };
    return { toolCalls: [{ name: 'diagnose', arguments: { differential: plan.differential.map((name) => ({ name })), rationale: 'scripted' } }] };
  }
  return { fault: 'server-error' };
}

const fx = useFakeModel('rounds-dxarena-', handler);

it('imports DiagnosisArena samples and scores top-1 and top-5 with a judge model, end to end through the CLI', async () => {
  const cases = join(fx.dir, 'cases');
  const imp = await fx.rounds([
    'import',
    'diagnosisarena',
    'test/fixtures/diagnosisarena/sample.json',
    'test/fixtures/diagnosisarena/clean.jsonl',
    '--out',
    cases,
  ]);
  expect(imp.code, imp.stderr).toBe(0);
  expect(imp.stdout).toContain('Wrote 4 case file');

  const store = join(fx.dir, 'r.db');
  const run = await fx.rounds([
    'run',
    '--suite',
    cases,
    '--doctor',
    `llm:openai-compatible:${fx.server.url}#doctor`,
    '--scorer',
    `dxarena:openai-compatible:${fx.server.url}#judge`,
    '--store',
    store,
    '--report',
    'none',
    '--quiet',
  ]);
  expect(run.code, run.stderr).toBe(0);
  const runId = /Run id: (\S+)/.exec(run.stdout)![1];

  const s = await openStore(store, { readOnly: true });
  const scores = new Map<string, Record<string, { value: number | null; detail: string }>>();
  try {
    for (const e of await s.listEncounters(runId))
      scores.set(e.caseId, Object.fromEntries((await s.getScores(e.id)).map((x) => [x.name, { value: x.value, detail: x.detail }])));
  } finally {
    await s.close();
  }
  const pair = (id: string) => [scores.get(id)!.dxarena_top1.value, scores.get(id)!.dxarena_top5.value];
  expect(pair('diagnosisarena-101')).toEqual([0, 1]);
  expect(pair('diagnosisarena-201')).toEqual([0, 0]);
  expect(pair('diagnosisarena-202')).toEqual([1, 1]);
  expect(pair('diagnosisarena-104')).toEqual([null, null]);
  expect(scores.get('diagnosisarena-104')!.dxarena_top5.detail).toContain('left entry 5 ungraded');
  // Only the first five of six entries were sent to the judge.
  const judged = fx.server.requests.filter((r) => JSON.stringify(r.body.messages).includes("You grade a doctor's differential"));
  expect(judged).toHaveLength(4);
  expect(judged.some((r) => JSON.stringify(r.body.messages).includes('Anaphylaxis'))).toBe(false);

  // The reports: the graded encounters only (3), the failed grading left out.
  const expected = /DiagnosisArena top-1 33\.3% \(1\/3, 95% CI [\d.]+–[\d.]+%\), top-5 66\.7% \(2\/3, 95% CI [\d.]+–[\d.]+%\)/;
  expect(run.stdout).toMatch(expected);
  const md = await fx.rounds(['report', runId, '--store', store]);
  expect(md.stdout).toMatch(new RegExp(`## DiagnosisArena\\n\\n- llm:.*${expected.source}`));
});

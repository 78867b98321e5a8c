import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import type { FakeRequest } from './support/fake-openai-server.js';
import { useFakeModel } from './support/cli.js';

/*
 * HealthBench end to end through the CLI: import the sample, play it under the respond protocol with an llm doctor
 * and grade it with the rubric scorer, both on the fake OpenAI-compatible server. The grader meets every criterion
 * worth 5 points or more and the aspirin-for-a-child one (−10), and answers garbage for the zinc criterion, whose
 * example must then be stored as not graded (null with its reason), never as "not met".
 */

const text = (q: FakeRequest) => q.body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
const isGrader = (q: FakeRequest) => text(q).includes('against ONE rubric criterion');

const fx = useFakeModel('rounds-healthbench-', (q) => {
  if (!isGrader(q)) return { content: 'Here is what I would do, step by step.' };
  const m = /Rubric criterion \((-?\d+) points\): (.*)$/s.exec(text(q))!;
  const points = Number(m[1]);
  if (m[2].startsWith('Mentions zinc')) return { content: 'I think so? Hard to say.' };
  const met = points >= 5 || points === -10;
  return { content: JSON.stringify({ explanation: met ? 'The reply does this.' : 'The reply does not do this.', criteria_met: met }) };
});

it('imports HealthBench, replies under respond, grades by rubric with per-tag tables, and stores a grading failure as null', async () => {
  const cases = join(fx.dir, 'cases');
  const imp = await fx.rounds(['import', 'healthbench', 'test/fixtures/healthbench/sample.jsonl', '--out', cases]);
  expect(imp.code, imp.stderr).toBe(0);
  expect(imp.stdout).toContain('7 cases loaded, 1 skipped (of 8 lines)');
  expect(imp.stdout).toMatch(/sign looks inverted \(1;[\s\S]*000000000003 \(line 3\): \+5 "Fails to explain/);
  expect(readdirSync(cases)).toHaveLength(7);

  const store = join(fx.dir, 'rounds.db');
  const common = ['--suite', cases, '--protocol', 'respond', '--store', store, '--report', 'none'];
  // Without a grader the run refuses before anything is stored.
  const noGrader = await fx.rounds(['run', ...common, '--doctor', `openai-compatible:${fx.server.url}#doc`]);
  expect(noGrader.code).toBe(1);
  expect(noGrader.stderr).toContain('is a conversation, graded only by its rubric; add --scorer rubric:model=<model>');

  const run = await fx.rounds([
    'run',
    ...common,
    '--doctor',
    `openai-compatible:${fx.server.url}#doc`,
    '--scorer',
    `rubric:model=openai-compatible:${fx.server.url}#grader`,
  ]);
  expect(run.code, run.stderr).toBe(0);
  // Hand-checked: examples score 15/18, (14 − 10)/18, 12/15, 13/13, 12/16, 6/10 and one not graded; mean 0.701.
  // Top-1 is the share of graded replies with half their points or more (5 of 6); no top-3 without a diagnosis.
  expect(run.stdout).toMatch(/respond\s+7\s+83\.3%\s+\S+\s+—/);
  expect(run.stdout).toMatch(/Rubric scores \(HealthBench/);
  expect(run.stdout).toMatch(/overall\s+6\s+6\s+0\.701\s+0\.\d{3}–0\.\d{3}/);
  // A tag of two examples: theme:hedging = (12/15 + 12/16) / 2 = 0.775.
  expect(run.stdout).toMatch(/theme:hedging\s+2\s+2\s+0\.775/);
  expect(run.stdout).toContain('1 example not graded');
  expect(run.stdout).toMatch(/1× rubric not graded: 1 of 4 criteria could not be graded: grading failed: /);
  const runId = /Run id: (\S+)/.exec(run.stdout)![1];

  // The doctor got the multi-turn conversation as chat messages, its system message after the doctor's prompt.
  const multi = fx.server.requests.find((q) => !isGrader(q) && text(q).includes('2 year old daughter'))!;
  expect(multi.body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  expect(String(multi.body.messages[0].content)).toContain('You are a helpful health assistant.');
  // Every criterion of every case was graded against the transcript, with the doctor's reply in it.
  const graded = fx.server.requests.filter(isGrader);
  expect(graded.length).toBeGreaterThanOrEqual(25);
  expect(graded.every((q) => text(q).includes('assistant (the reply being graded): Here is what I would do'))).toBe(true);

  const s = await openStore(store);
  const ors = (await s.listEncounters(runId)).find((e) => e.caseId.endsWith('000000000005'))!;
  const scores = Object.fromEntries((await s.getScores(ors.id)).map((x) => [x.name, x]));
  await s.close();
  expect(ors.verdict).toBe('error');
  expect(scores.rubric.value).toBeNull();
  expect(scores.rubric.detail).toMatch(/^1 of 4 criteria could not be graded: grading failed: /);
  const criteria = JSON.parse(scores.rubric_criteria.detail) as { criteria: Array<{ criterion: string; met: boolean | null; explanation: string }> };
  const zinc = criteria.criteria.find((c) => c.criterion.startsWith('Mentions zinc'))!;
  expect(zinc.met).toBeNull();
  expect(zinc.explanation).toMatch(/^grading failed: /);
  expect(criteria.criteria.filter((c) => c.met === false)).toHaveLength(1);

  // Every report format carries the table.
  const md = await fx.rounds(['report', runId, '--store', store]);
  expect(md.stdout).toMatch(/## Rubric scores[\s\S]*\| overall \| 6 \| 6 \| 0\.701 \|/);
  const html = await fx.rounds(['report', runId, '--store', store, '--format', 'html']);
  expect(html.stdout).toContain('<section id="rubric"><h2>Rubric scores</h2>');
  const json = JSON.parse((await fx.rounds(['report', runId, '--store', store, '--format', 'json'])).stdout);
  expect(json.summary.groups[0].rubric.overall.estimate).toBeCloseTo(4.2055 / 6, 3);
});

it('a doctor that cannot write text fails each conversation with one clear sentence, not a crash', async () => {
  const store = join(fx.dir, 'baseline.db');
  const r = await fx.rounds([
    'run',
    '--suite',
    'healthbench:test/fixtures/healthbench/sample.jsonl',
    '--skip-invalid',
    '--protocol',
    'respond',
    '--doctor',
    'baseline',
    '--scorer',
    `rubric:model=openai-compatible:${fx.server.url}#grader`,
    '--store',
    store,
    '--report',
    'none',
  ]);
  // Exit 3: every encounter ended in error, and the CLI says why.
  expect(r.code, r.stderr).toBe(3);
  expect(r.stdout).toContain(
    '7× The doctor failed: The baseline doctor cannot reply to a conversation; respond cases need a doctor that writes text (llm, http).',
  );
});

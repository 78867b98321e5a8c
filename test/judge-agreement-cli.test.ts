import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { useFakeModel } from './support/cli.js';

let calls = 0;
// The judge grades every other diagnosis 5 and the rest 2, whatever they are.
const fx = useFakeModel('rounds-agreement-', () => ({ content: JSON.stringify({ score: calls++ % 2 ? 2 : 5, reason: 'graded' }) }));

it('rounds judge-agreement compares judge, match and human labels, and --save stores the labels for reports', async () => {
  const store = join(fx.dir, 'rounds.db');
  const run = await fx.rounds([
    'run',
    '--suite',
    'test/fixtures/cases',
    '--doctor',
    'baseline',
    '--judge',
    `openai-compatible:${fx.server.url}#judge`,
    '--store',
    store,
    '--report',
    'none',
    '--quiet',
  ]);
  expect(run.code, run.stderr).toBe(0);
  const runId = /Run id: (\S+)/.exec(run.stdout)![1];

  const plain = await fx.rounds(['judge-agreement', runId, '--store', store]);
  expect(plain.code, plain.stderr).toBe(0);
  expect(plain.stdout).toMatch(/^judge vs match: n (\d+), agreement [\d.]+%, kappa /m);
  expect(plain.stdout).toContain('no human labels');

  const s = await openStore(store);
  const ids = (await s.listEncounters(runId)).map((e) => e.id);
  await s.close();
  const labels = join(fx.dir, 'labels.csv');
  writeFileSync(labels, ['encounter_id,label', ...ids.map((id, i) => `${id},${i % 2 ? 'incorrect' : 'correct'}`), 'not-an-encounter,correct'].join('\n'));
  const saved = await fx.rounds(['judge-agreement', runId, '--labels', labels, '--save', '--grader', 'dr-a', '--store', store, '--json']);
  expect(saved.code, saved.stderr).toBe(0);
  expect(saved.stderr).toContain('1 label(s) name encounters not in run');
  const table = JSON.parse(saved.stdout);
  const human = table.rows.find((r: { a: string; b: string }) => r.a === 'judge' && r.b === 'human');
  expect(human.n).toBe(ids.length);

  // The report now shows the agreement, from the stored labels.
  const md = await fx.rounds(['report', runId, '--store', store]);
  expect(md.stdout).toMatch(/## Judge agreement[\s\S]*judge vs human: n \d+/);

  const bad = join(fx.dir, 'bad.csv');
  writeFileSync(bad, 'encounter_id,label\nx,maybe\n');
  const wrong = await fx.rounds(['judge-agreement', runId, '--labels', bad, '--store', store]);
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('bad.csv:2: label "maybe" is not correct/incorrect');
});

import type { Actors, LabReply } from './actors.js';
import type { Case, Result } from '../case/schema.js';
import type { Catalog } from '../case/catalog.js';
import type { CatalogTest } from '../case/catalog-schema.js';
import type { Rng } from '../util/rng.js';
import { perCase, type PerCaseMemo } from './per-case.js';
import { answerFromCase, checkSynthetic, type LabAnswer, type LabDecision } from '../case/lab-answer.js';
import { caseKey } from '../case/case-set-hash.js';
import type { DiskMemo } from '../util/disk-memo.js';
import { catalogKey, labAnswerMemo } from './lab-answer-cache.js';

/** One answered order, ready to be recorded and shown. */
export interface OrderOutcome {
  name: string;
  result: Result;
  price: number;
  /** True when the result was made up (a checked template or a model's synthesis), not read from the case. */
  synthetic: boolean;
  decision: LabDecision;
  resolvedFrom?: string[];
  reason: string;
}

// The case's own answer and the checked template are pure functions of the case, the catalog and the test, and the
// same orders recur across seeds and doctors: each is worked out once per case (a run holds its cases and catalog).
// The answers are shared like the case's own results already are; nothing downstream mutates a result.
const caseAnswers: PerCaseMemo<LabAnswer | null> = new WeakMap();
const templateAnswers: PerCaseMemo<LabAnswer> = new WeakMap();

function caseAnswer(kase: Case, catalog: Catalog, test: CatalogTest): LabAnswer | undefined {
  const memo = perCase(caseAnswers, catalog, kase);
  let answer = memo.get(test.id);
  if (answer === undefined) memo.set(test.id, (answer = onDisk(kase, catalog, test, 'case', () => answerFromCase({ kase, catalog, test }) ?? null)));
  return answer ?? undefined;
}

function templateAnswer(kase: Case, catalog: Catalog, test: CatalogTest, result: Result): LabAnswer {
  const memo = perCase(templateAnswers, catalog, kase);
  let answer = memo.get(test.id);
  if (!answer) memo.set(test.id, (answer = onDisk(kase, catalog, test, 'template', () => checkSynthetic({ kase, catalog, test, result, template: true }))!));
  return answer;
}

let disk: DiskMemo<LabAnswer | null> | undefined;

/** A per-case answer from the disk memo (an earlier process worked it out), else worked out now and remembered there. */
function onDisk(kase: Case, catalog: Catalog, test: CatalogTest, kind: string, derive: () => LabAnswer | null): LabAnswer | null {
  const memo = (disk ??= labAnswerMemo());
  const key = `${catalogKey(catalog)}\0${caseKey(kase)}\0${kind}\0${test.id}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const answer = derive();
  memo.set(key, answer);
  return answer;
}

const templateJson = new WeakMap<CatalogTest, string>();
// The last result found to be each test's template: a lab that hands out one shared template object (the scripted
// lab) is recognised by identity instead of stringifying it again. Results are never mutated downstream.
const knownTemplate = new WeakMap<CatalogTest, Result>();

/** Whether a lab result is the test's normal template, compared as JSON (undefined fields dropped). */
function isTemplateOf(result: Result, test: CatalogTest): boolean {
  if (knownTemplate.get(test) === result) return true;
  let json = templateJson.get(test);
  if (json === undefined) {
    const { text, value, unit, range, flag, components } = test.normal;
    templateJson.set(test, (json = JSON.stringify({ text, value, unit, range, flag, components })));
  }
  const same = JSON.stringify(result) === json;
  if (same) knownTemplate.set(test, result);
  return same;
}

/**
 * Answers one catalog order: from the case first (its own result, a local
 * test of the same name, the analyte inside another result, the nearest
 * equivalent), else from the lab actor, whose made-up result is checked
 * against everything the case holds. The ordered test's price is charged for
 * every answer except a withheld one: nothing was reported, so nothing is billed.
 */
export async function orderResult(input: OrderInput): Promise<OrderOutcome> {
  return orderResultNow(input);
}

type OrderInput = { kase: Case; catalog: Catalog; test: CatalogTest; price: number; lab: Actors['lab']; rng: Rng };

/**
 * orderResult without a promise when nothing is awaited (the case's own answer, a synchronous lab): the engine
 * answers several orders per turn, and each promise and await is work a long run repeats.
 */
export function orderResultNow({ kase, catalog, test, price, lab, rng }: OrderInput): OrderOutcome | Promise<OrderOutcome> {
  const fromCase = caseAnswer(kase, catalog, test);
  if (fromCase) return outcome(fromCase, price, false);
  const reply = lab.result({ kase, test, rng });
  return isPromiseLike(reply) ? reply.then((r) => fromLab(kase, catalog, test, price, r)) : fromLab(kase, catalog, test, price, reply);
}

function fromLab(kase: Case, catalog: Catalog, test: CatalogTest, price: number, reply: LabReply): OrderOutcome {
  if (!reply.synthetic)
    return { decision: 'case', name: test.name, result: reply.result, price, synthetic: false, reason: 'The lab returned the case result.' };
  const isTemplate = isTemplateOf(reply.result, test);
  const checked = isTemplate
    ? templateAnswer(kase, catalog, test, reply.result)
    : checkSynthetic({ kase, catalog, test, result: reply.result, template: false });
  if (checked.decision === 'withheld') return outcome(checked, 0, false);
  return outcome(checked, price, true);
}

/** An answer as an outcome, field by field: answers come in several shapes, and a spread of each is slower. */
function outcome(a: LabAnswer, price: number, synthetic: boolean): OrderOutcome {
  return { decision: a.decision, name: a.name, result: a.result, resolvedFrom: a.resolvedFrom, reason: a.reason, price, synthetic };
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}

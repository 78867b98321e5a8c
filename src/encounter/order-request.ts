import type { Case } from '../case/schema.js';
import type { Catalog } from '../case/catalog.js';
import { canonicalTargets } from '../case/exam-targets.js';
import { findLocalTest } from '../case/import/local-tests.js';
import { answerAnalyteFromCase, type LabAnswer } from '../case/lab-answer.js';
import { perCase, type PerCaseMemo } from './per-case.js';

/** One test an order names: a catalog id, a case-local test, or an analyte read from the case result that holds it. */
export interface PlannedTest {
  id: string;
  request: string;
  local?: boolean;
  held?: LabAnswer;
}

/**
 * What one order string contributes to a turn's plan, in the order the engine adds it: a test (`once`: unless the
 * turn already has that id), an examination the order names, or a piece nothing recognised.
 */
export type RequestStep = { test: PlannedTest; once: boolean } | { exam: string } | { unrecognised: string };

// A pure function of the case, the catalog and the text, and the same orders recur across seeds and doctors: each is
// read once per case (a run holds its cases and catalog). Steps are shared: the engine copies what it keeps.
const memo: PerCaseMemo<readonly RequestStep[]> = new WeakMap();
// Free-text doctors in a long-lived server may order without end; a case's memo starts over past this many.
const REQUESTS_LIMIT = 500;

/** How one order string resolves against the case and the catalog (see Encounter.plan). */
export function orderRequestSteps(kase: Case, catalog: Catalog, request: string): readonly RequestStep[] {
  const byRequest = perCase(memo, catalog, kase);
  let steps = byRequest.get(request);
  if (!steps) {
    if (byRequest.size >= REQUESTS_LIMIT) byRequest.clear();
    byRequest.set(request, (steps = readRequest(kase, catalog, request)));
  }
  return steps;
}

function readRequest(kase: Case, catalog: Catalog, request: string): RequestStep[] {
  const steps: RequestStep[] = [];
  // An imported case's local test named in full wins: the catalog may know a word of its name.
  const whole = findLocalTest(kase, request);
  if (whole) return [{ test: { id: whole, request, local: true }, once: true }];
  const r = catalog.resolve(request);
  for (const t of r.tests) steps.push({ test: t, once: true });
  for (const u of r.unrecognised) {
    // The catalog leaves "x and y" unsplit when it knows neither; a local name may be one of them.
    // AgentClinic's doctor asks for the examination as a test ("REQUEST TEST: Physical_Examination"): the examiner answers it.
    const exam = /\b(exam|examination|physical)\b/i.test(u.replace(/_/g, ' ')) ? canonicalTargets(u) : [];
    if (exam.length > 0) {
      for (const t of exam) steps.push({ exam: t });
      continue;
    }
    const parts = u.split(/\s+(?:and|plus|also|then|with)\s+/);
    const locals = parts.map((part) => findLocalTest(kase, part));
    // An analyte the catalog does not sell alone ("potassium") is answered from the case result that holds it.
    const held = parts.map((part, i) => (locals[i] ? undefined : answerAnalyteFromCase({ kase, catalog, request: part })));
    if (!locals.some(Boolean) && !held.some(Boolean)) {
      steps.push({ unrecognised: u });
      continue;
    }
    parts.forEach((part, i) => {
      const local = locals[i];
      const h = held[i];
      if (h) steps.push({ test: { id: h.key, request: part, held: h }, once: false });
      else if (!local) steps.push({ unrecognised: part.replace(/^(?:a|an|the)\s+/, '') });
      else steps.push({ test: { id: local, request: part, local: true }, once: true });
    });
  }
  return steps;
}

import type { Action } from './actions.js';

// The engine validates every action a doctor returns with the zod schema (actions.ts), which is a few microseconds a
// step, and a run takes hundreds of thousands of steps. The four actions built-in doctors take every turn (ask,
// examine, order, diagnose) are checked here by hand instead, returning what the schema's parse returns: fresh
// objects and arrays, keys in the schema's order. Anything unusual (another action type, an undefined value, an
// unknown key, an object that is not a plain one, a failing check) returns undefined and goes to zod, which decides
// and words the error; action-fast-path.test.ts compares both on valid and invalid actions.

type Plain = Record<string, unknown>;

function plain(x: unknown): x is Plain {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** How many own enumerable keys a plain object has (it has no inherited ones). */
function keyCount(o: Plain): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

function text(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0;
}

/** A copy of a non-empty array of non-empty strings, or undefined. */
function texts(x: unknown): string[] | undefined {
  if (!Array.isArray(x) || x.length === 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < x.length; i++) {
    const t = x[i];
    if (!text(t)) return undefined;
    out.push(t);
  }
  return out;
}

function question(x: unknown): Extract<Action, { type: 'ask' }>['questions'][number] | undefined {
  if (!plain(x) || !text(x.text)) return undefined;
  const n = keyCount(x);
  if (n === 1) return { text: x.text };
  if (n === 2 && text(x.topic)) return { text: x.text, topic: x.topic };
  return undefined;
}

function entry(x: unknown): Extract<Action, { type: 'diagnose' }>['differential'][number] | undefined {
  if (!plain(x) || !text(x.name)) return undefined;
  let n = 1;
  const out: Extract<Action, { type: 'diagnose' }>['differential'][number] = { name: x.name };
  if ('probability' in x) {
    const p = x.probability;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) return undefined;
    out.probability = p;
    n++;
  }
  if ('icd10' in x) {
    if (typeof x.icd10 !== 'string') return undefined;
    out.icd10 = x.icd10;
    n++;
  }
  return keyCount(x) === n ? out : undefined;
}

/** The parsed action when it is a plainly valid ask, examine, order or diagnose; undefined means "ask zod". */
export function parseCommonAction(input: unknown): Action | undefined {
  if (!plain(input)) return undefined;
  const n = keyCount(input);
  switch (input.type) {
    case 'ask': {
      if (n !== 2 || !Array.isArray(input.questions) || input.questions.length === 0) return undefined;
      const questions: Extract<Action, { type: 'ask' }>['questions'] = [];
      for (const q of input.questions) {
        const parsed = question(q);
        if (!parsed) return undefined;
        questions.push(parsed);
      }
      return { type: 'ask', questions };
    }
    case 'examine': {
      const targets = n === 2 ? texts(input.targets) : undefined;
      return targets && { type: 'examine', targets };
    }
    case 'order': {
      const tests = n === 2 ? texts(input.tests) : undefined;
      return tests && { type: 'order', tests };
    }
    case 'diagnose': {
      if (!Array.isArray(input.differential) || input.differential.length === 0) return undefined;
      const differential: Extract<Action, { type: 'diagnose' }>['differential'] = [];
      for (const d of input.differential) {
        const parsed = entry(d);
        if (!parsed) return undefined;
        differential.push(parsed);
      }
      if (n === 2) return { type: 'diagnose', differential };
      if (n === 3 && typeof input.rationale === 'string') return { type: 'diagnose', differential, rationale: input.rationale };
      return undefined;
    }
    default:
      return undefined;
  }
}

import type { Document, LineCounter, YAMLError } from 'yaml';
import { yaml } from '../util/yaml.js';
import type { z } from 'zod';
import type { CaseProblem } from '../util/errors.js';
import { cachedParse } from '../util/parse-cache.js';

/** A parsed YAML/JSON document that can tell the line of any field path. */
export interface SourceDoc {
  data: unknown;
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
}

/**
 * Parses YAML (JSON is YAML) keeping positions, so every later problem can
 * name a line. Syntax errors come back as problems, never thrown.
 */
export function parseSource(text: string, file: string): { doc?: SourceDoc; problems: CaseProblem[] } {
  // A text parsed before (by any process) comes from the parse cache; positions are only needed for a problem,
  // so lines are found by parsing again then.
  let full: ReturnType<typeof parseWithPositions> | undefined;
  const parsed = cachedParse(text, () => (full = parseWithPositions(text, file)).doc);
  if (!parsed) return full!;
  if (!parsed.cached) return full!;
  return {
    problems: [],
    doc: { data: parsed.data, lineOf: (path) => (full ??= parseWithPositions(text, file)).doc?.lineOf(path) },
  };
}

function parseWithPositions(text: string, file: string): { doc?: SourceDoc; problems: CaseProblem[] } {
  if (text.includes('\u0000')) {
    return { problems: [{ file, path: '', message: 'is a binary file, not YAML or JSON text' }] };
  }
  if (text.trim() === '') return { problems: [{ file, path: '', message: 'is empty' }] };
  const { LineCounter, parseDocument, isNode } = yaml();
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { problems: [{ file, path: '', message: tooDeep(e) ? TOO_DEEP : `cannot be read: ${(e as Error).message}` }] };
  }
  // The parser records each stack overflow it meets as an error, as many as the stack's headroom allows (1 in one
  // process, 67 in another): one sentence says it.
  const deep = doc.errors.find(tooDeep);
  if (deep) return { problems: [{ file, line: lineOfError(deep, lineCounter), path: '', message: TOO_DEEP }] };
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        line: lineOfError(e, lineCounter),
        path: '',
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { problems: [{ file, path: '', message: tooDeep(e) ? TOO_DEEP : `cannot be read: ${(e as Error).message}` }] };
  }
  // Deep but parseable nesting would overflow the stack later (validation, hashing, JSON), so stop it here.
  if (depthOf(data) > MAX_DEPTH) return { problems: [{ file, path: '', message: TOO_DEEP }] };
  return {
    problems: [],
    doc: {
      data,
      lineOf(path) {
        // Walk up the path until a node with a position is found.
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n) as unknown[], true);
          if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
        }
        return undefined;
      },
    },
  };
}

/** Formats a zod issue path as `facts[3].answer`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Validates data against a schema; returns the value or problems with lines. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  file: string,
  lineOf: SourceDoc['lineOf'],
  basePath: PropertyKey[] = [],
): { value?: z.infer<S>; problems: CaseProblem[] } {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return { value: r.data, problems: [] };
  return {
    problems: r.error.issues.map((i) => {
      const path = [...basePath, ...(i.path as PropertyKey[])];
      return { file, line: lineOf(path), path: formatPath(path), message: describeIssue(i) };
    }),
  };
}

function describeIssue(i: z.core.$ZodIssue): string {
  if (i.code === 'invalid_type') {
    const got = (i as { input?: unknown }).input;
    if (got === undefined) return `is required (expected ${i.expected})`;
    return `expected ${i.expected}, got ${Array.isArray(got) ? 'array' : got === null ? 'null' : typeof got}`;
  }
  if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  return i.message;
}

/** Far deeper than any case needs (a case is about 6 levels deep), far shallower than the stack allows. */
const MAX_DEPTH = 64;
const TOO_DEEP = `nesting is too deep (more than ${MAX_DEPTH} levels of lists or maps inside each other); a case needs only a few`;

function lineOfError(e: YAMLError, lineCounter: LineCounter): number | undefined {
  return e.linePos?.[0]?.line ?? (e.pos ? lineCounter.linePos(e.pos[0]).line : undefined);
}

function tooDeep(e: unknown): boolean {
  return e instanceof RangeError || /Maximum call stack size exceeded/.test(String((e as Error)?.message));
}

/** The nesting depth of parsed data, measured without recursion (so it cannot overflow itself); stops counting past MAX_DEPTH. */
function depthOf(data: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[data, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) max = d + 1;
    if (max > MAX_DEPTH) return max;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

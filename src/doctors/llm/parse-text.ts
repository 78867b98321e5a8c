import type { Action } from '../../encounter/actions.js';

/** Strips markdown emphasis and code fences that models wrap around protocol markers. */
function clean(text: string): string {
  return text
    .replace(/```[a-z]*\n?/gi, '')
    .replace(/```/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/\r/g, '')
    .trim();
}

/** Splits a list of items written on one line or several ("a, b; c", "1. a\n2. b"). */
function splitList(body: string, commas: boolean): string[] {
  return body
    .split(commas ? /\s*(?:[;,\n]|\band\b)\s*/i : /\s*[;\n]\s*/)
    .map((s) =>
      s
        .replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '')
        .replace(/[.\s]+$/, '')
        .trim(),
    )
    .filter((s) => s.length > 0);
}

/**
 * AgentClinic's format: `DIAGNOSIS READY: <dx>` ends the encounter,
 * `REQUEST TEST: <test>` orders, anything else is dialogue to the patient.
 * Returns null for a reply with nothing usable in it.
 */
export function parseAgentClinic(raw: string): Action | null {
  const text = clean(raw);
  const dx = /diagnosis\s+ready\s*[:-]\s*([\s\S]+)/i.exec(text);
  if (dx) {
    const names = splitList(dx[1], false);
    return names.length ? { type: 'diagnose', differential: names.slice(0, 10).map((name) => ({ name })) } : null;
  }
  // AgentClinic's doctor asks for the case's image with "REQUEST IMAGES".
  if (/\brequest\s+images?\b/i.test(text) && !/request\s+tests?\s*[:-]/i.test(text)) return { type: 'image' };
  const tests = [...text.matchAll(/request\s+tests?\s*[:-]\s*([^\n]+)/gi)].flatMap((m) => splitList(m[1], true));
  if (tests.length) return { type: 'order', tests };
  if (/request\s+tests?\s*[:-]?\s*$/i.test(text)) return null;
  const question = text.replace(/^\s*(?:doctor|dr\.?)\s*:\s*/i, '').trim();
  if (!/[a-z]{2}/i.test(question)) return null;
  return { type: 'ask', questions: [{ text: question }] };
}

/**
 * SDBench's tags: `<question>`, `<test>`, `<diagnosis>`. Several tags of the
 * same kind are one action; when kinds are mixed, the first one in the reply
 * wins. Returns null when no tag holds anything.
 */
export function parseSdbench(raw: string): Action | null {
  const text = clean(raw);
  const closed = [...text.matchAll(/<\s*(question|test|tests|diagnosis)\s*>([\s\S]*?)<\s*\/\s*\1\s*>/gi)];
  const tags = closed.map((m) => ({ kind: m[1].toLowerCase().replace(/^tests$/, 'test'), body: m[2].trim() })).filter((t) => t.body.length > 0);
  // A last tag left unclosed (the model ran out of tokens) still counts.
  if (closed.length === 0) {
    const open = /<\s*(question|test|diagnosis)\s*>([\s\S]+)$/i.exec(text);
    if (open && open[2].trim()) tags.push({ kind: open[1].toLowerCase(), body: open[2].trim() });
  }
  if (tags.length === 0) return null;
  const kind = tags[0].kind;
  const bodies = tags.filter((t) => t.kind === kind).map((t) => t.body);
  if (kind === 'diagnosis') {
    const names = bodies.flatMap((b) => splitList(b, false));
    return names.length ? { type: 'diagnose', differential: names.slice(0, 10).map((name) => ({ name })) } : null;
  }
  if (kind === 'test') {
    const tests = bodies.flatMap((b) => splitList(b, true));
    return tests.length ? { type: 'order', tests } : null;
  }
  return { type: 'ask', questions: bodies.map((text) => ({ text })) };
}

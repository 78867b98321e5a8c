import { z } from 'zod';
import type { Action } from '../../encounter/actions.js';
import type { DoctorView } from '../../encounter/view.js';
import type { ChatMessage, ToolSpec } from '../../llm/call-model.js';

/**
 * How an llm doctor works an EHR task: FHIR tools in tools mode, or
 * MedAgentBench's text protocol (`GET <url>`, `POST <url>` + JSON,
 * `FINISH([...])`) in any text mode. The server's real answers come back,
 * writes included, so a POST is visible to a later GET.
 */

const Params = z
  .union([z.string(), z.record(z.string(), z.union([z.string(), z.number()]))])
  .optional()
  .describe('Search parameters: a query string ("patient=S123&code=2823-3&_sort=-date") or an object of them.');
const ResourceJson = z.record(z.string(), z.unknown()).describe('The FHIR R4 resource as JSON, with its resourceType.');

export const EHR_TOOLS = {
  fhir_search: {
    description: 'Search the FHIR R4 server: GET <resourceType>?<params>. Returns a Bundle.',
    inputSchema: z.object({ resourceType: z.string().min(1), params: Params }),
  },
  fhir_read: {
    description: 'Read one resource by id: GET <resourceType>/<id>.',
    inputSchema: z.object({ resourceType: z.string().min(1), id: z.string().min(1) }),
  },
  fhir_create: {
    description: 'Create a resource: POST <resourceType> with the resource as the body. The server assigns the id.',
    inputSchema: z.object({ resourceType: z.string().min(1), resource: ResourceJson }),
  },
  fhir_update: {
    description: 'Replace a resource: PUT <resourceType>/<id> with the whole updated resource (its id included) as the body.',
    inputSchema: z.object({ resourceType: z.string().min(1), id: z.string().min(1), resource: ResourceJson }),
  },
  finish: {
    description: 'End the task with the answer: a list of values (empty when the task asks for none).',
    inputSchema: z.object({ answer: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])) }),
  },
} satisfies Record<string, ToolSpec>;

export const EHR_SYSTEM = {
  tools: `You are a clinician working in a patient's electronic health record through a FHIR R4 server. Do the task you are given with the tools: search and read to find what you need, create or update resources when the task asks you to record or order something, and call finish with the answer. Call exactly one tool per turn. Use standard codes (LOINC, RxNorm, SNOMED CT, ICD-10-CM) as the task names them.`,
  text: `You are a clinician working in a patient's electronic health record through a FHIR R4 server. Each turn, reply with exactly one of these and nothing else:
1. A read: GET <url>?<param1>=<value1>&<param2>=<value2>...
2. A write: POST <url> on the first line, then the resource as JSON on the following lines.
3. The end of the task: FINISH([answer1, answer2, ...]) where the list is valid JSON (FINISH([]) when the task asks for no answer).
Use standard codes (LOINC, RxNorm, SNOMED CT, ICD-10-CM) as the task names them.`,
};

function queryString(params: unknown): string {
  if (params === undefined || params === null || params === '') return '';
  if (typeof params === 'string') return params.replace(/^\?/, '');
  return new URLSearchParams(Object.entries(params as Record<string, string | number>).map(([k, v]) => [k, String(v)])).toString();
}

/** Turns one EHR tool call into an engine action. */
export function ehrToolCallToAction(call: { toolName: string; input: unknown }): Action {
  const input = call.input as Record<string, unknown>;
  const type = String(input.resourceType ?? '');
  switch (call.toolName) {
    case 'fhir_search': {
      const q = queryString(input.params);
      return { type: 'fhir', method: 'GET', url: q ? `${type}?${q}` : type };
    }
    case 'fhir_read':
      return { type: 'fhir', method: 'GET', url: `${type}/${String(input.id)}` };
    case 'fhir_create':
      return { type: 'fhir', method: 'POST', url: type, body: input.resource };
    case 'fhir_update':
      return { type: 'fhir', method: 'PUT', url: `${type}/${String(input.id)}`, body: input.resource };
    case 'finish':
      return { type: 'finish', answer: (input.answer as unknown[]) ?? [] };
    default:
      throw new Error(`unknown tool ${call.toolName}`);
  }
}

/**
 * Parses a MedAgentBench-style reply: `GET <url>`, `POST <url>` followed by a
 * JSON body, or `FINISH([...])`. Code fences are ignored; anything else is
 * undefined (unparseable). A POST whose body is not JSON is still a POST: the
 * server's OperationOutcome then tells the model what was wrong.
 */
export function parseMedAgentBench(reply: string): Action | undefined {
  const text = reply
    .replace(/```[a-z_]*\n?/gi, '')
    .replace(/```/g, '')
    .trim();
  const finish = /^FINISH\(([\s\S]*)\)\s*$/.exec(text);
  if (finish) {
    try {
      const answer: unknown = JSON.parse(finish[1].trim() || '[]');
      return { type: 'finish', answer: Array.isArray(answer) ? answer : [answer] };
    } catch {
      // MedAgentBench answers are sometimes bare words (FINISH([Patient not found])); kept as one string.
      const inner = finish[1].trim().replace(/^\[|\]$/g, '');
      return { type: 'finish', answer: inner ? inner.split(',').map((s) => s.trim().replace(/^["']|["']$/g, '')) : [] };
    }
  }
  const get = /^GET\s+(\S+)\s*$/.exec(text);
  if (get) return { type: 'fhir', method: 'GET', url: get[1] };
  const post = /^(POST|PUT)\s+(\S+)[ \t]*(?:\n([\s\S]*))?$/.exec(text);
  if (post) {
    const raw = (post[3] ?? '').trim();
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    return { type: 'fhir', method: post[1] as 'POST' | 'PUT', url: post[2], ...(body !== undefined ? { body } : {}) };
  }
  return undefined;
}

/** How the doctor's own past EHR actions are written back into the conversation. */
export function renderEhrAction(action: Action, tools: boolean): string {
  if (action.type === 'finish') return tools ? `finish(${JSON.stringify({ answer: action.answer })})` : `FINISH(${JSON.stringify(action.answer)})`;
  if (action.type !== 'fhir') return JSON.stringify(action);
  return `${action.method} ${action.url}${action.body !== undefined ? `\n${typeof action.body === 'string' ? action.body : JSON.stringify(action.body)}` : ''}`;
}

/** The conversation for the next EHR turn: the task, then each call and the server's answer. */
export function ehrViewToMessages(view: DoctorView, tools: boolean): ChatMessage[] {
  const ehr = view.ehr!;
  const first: ChatMessage = {
    role: 'user',
    content: `${view.presentation}\n\nThe FHIR server's base URL is ${ehr.fhirBase}.${view.presentation.includes(ehr.now) ? '' : ` It is ${ehr.now} now.`}`,
  };
  const messages: ChatMessage[] = [first];
  for (const h of view.history) {
    messages.push({ role: 'assistant', content: renderEhrAction(h.action, tools) });
    const reply = h.items
      .map((i) => {
        if (i.kind === 'fhir') return `${i.method} ${i.url} answered ${i.status}:\n${JSON.stringify(i.body)}`;
        return 'text' in i ? i.text : '';
      })
      .join('\n');
    messages.push({ role: 'user', content: reply || '(nothing came back)' });
  }
  const last = messages[messages.length - 1];
  last.content += `\n\n[Turn ${view.turn + 1} of ${view.protocol.maxTurns}; ${view.turnsLeft} left.${view.turnsLeft <= 1 ? ' This is your last turn: finish now.' : ''}]`;
  return messages;
}

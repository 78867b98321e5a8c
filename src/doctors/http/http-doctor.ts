import { Action } from '../../encounter/actions.js';
import type { DoctorFactory } from '../../encounter/doctor.js';
import { ConfigError, DoctorError } from '../../util/errors.js';
import { assertDoctorUrlAllowed } from '../../llm/egress-policy.js';
import { DEFAULT_SYSTEM, viewToMessages, type DoctorMode } from '../llm/prompt.js';
import { parseAgentClinic, parseSdbench } from '../llm/parse-text.js';
import { checkOptions, numberOption, parseDoctorSpec, type DoctorSpec } from '../spec.js';
import { DOCTOR_VIEW_VERSION } from './doctor-view-schema.js';
import type { DoctorView } from '../../encounter/view.js';
import { EHR_SYSTEM, ehrViewToMessages, parseMedAgentBench } from '../llm/ehr-mode.js';
import { excerpt, postJson } from './post-json.js';

export const HTTP_DOCTOR_OPTIONS = ['timeout', 'retries', 'mode', 'format', 'model'];

/** The environment variable whose value, when set, is sent as `Authorization: Bearer <value>` (never stored). */
export const HTTP_DOCTOR_TOKEN_ENV = 'ROUNDS_DOCTOR_TOKEN';

export interface HttpDoctorConfig {
  url: string;
  name: string;
  timeoutMs: number;
  retries: number;
  mode: 'json' | 'chat';
  format: Exclude<DoctorMode, 'tools'>;
  model?: string;
}

/**
 * Reads `http://host/path,timeout=5,retries=2,mode=json|chat,format=sdbench|agentclinic,model=x`.
 * The spec parser splits at the first colon (kind `http`, argument `//host/path`),
 * so the URL is rebuilt from the raw text: everything before the first comma.
 */
export function httpDoctorConfig(spec: DoctorSpec): HttpDoctorConfig {
  const comma = spec.raw.indexOf(',');
  const rawUrl = comma < 0 ? spec.raw : spec.raw.slice(0, comma);
  const opts: DoctorSpec =
    comma < 0 ? { kind: spec.kind, options: {}, raw: spec.raw } : { ...parseDoctorSpec(`${spec.kind}:${spec.raw.slice(comma + 1)}`), raw: spec.raw };
  if (opts.argument !== undefined) throw new ConfigError(`Doctor option "${opts.argument}" in "${spec.raw}" must look like key=value.`);
  checkOptions(opts, HTTP_DOCTOR_OPTIONS);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new ConfigError(`Doctor "${spec.raw}" is not a valid URL; write http://host:port/path.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`Doctor "${spec.raw}" must be an http or https URL.`);
  if (url.username || url.password) throw new ConfigError(`Put no credentials in the doctor URL "${url.host}"; set ${HTTP_DOCTOR_TOKEN_ENV} instead.`);
  // On a server, only origins the operator allowed (SSRF); on the command line, any.
  assertDoctorUrlAllowed(url);
  const mode = opts.options.mode ?? 'json';
  if (mode !== 'json' && mode !== 'chat') throw new ConfigError(`Doctor option mode=${mode} in "${spec.raw}" must be json or chat.`);
  const format = opts.options.format ?? 'sdbench';
  if (format !== 'sdbench' && format !== 'agentclinic')
    throw new ConfigError(`Doctor option format=${format} in "${spec.raw}" must be sdbench or agentclinic.`);
  if (mode === 'json' && (opts.options.format || opts.options.model))
    throw new ConfigError(`Doctor options format= and model= in "${spec.raw}" apply to mode=chat only.`);
  // The name in runs and reports: the URL without its query string (which might carry a key), plus options.
  const shown = `${url.origin}${url.pathname}`;
  return {
    url: url.href,
    name: comma < 0 ? shown : `${shown}${spec.raw.slice(comma)}`,
    timeoutMs: numberOption(opts, 'timeout', 30, 0.001, 3600) * 1000,
    retries: numberOption(opts, 'retries', 2, 0, 10),
    mode,
    format,
    model: opts.options.model,
  };
}

/**
 * The EHR actions an encounter with a health record accepts, sent beside the view so an external doctor knows it may
 * answer with `{ type: 'fhir', method, url, body? }` (and `{ type: 'finish', answer }` for an EHR task).
 */
export function ehrActionsFor(view: DoctorView): Record<string, unknown> | undefined {
  const r = view.ehr ?? view.record;
  if (!r) return undefined;
  const patient = view.record?.patient;
  return {
    fhirBase: r.fhirBase,
    ...(patient ? { patient } : {}),
    now: r.now,
    actions: view.ehr ? ['fhir', 'finish'] : ['ask', 'examine', 'order', 'image', 'diagnose', 'fhir'],
    methods: ['GET', 'POST', 'PUT'],
    examples: [
      { type: 'fhir', method: 'GET', url: `Observation?patient=${patient ?? '<patient id>'}&code=2823-3&_sort=-date` },
      ...(view.ehr
        ? [
            { type: 'fhir', method: 'POST', url: 'Observation', body: { resourceType: 'Observation', status: 'final' } },
            { type: 'finish', answer: [] },
          ]
        : []),
    ],
  };
}

function authHeaders(env: NodeJS.ProcessEnv): Record<string, string> {
  const token = env[HTTP_DOCTOR_TOKEN_ENV];
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Parses a JSON-mode reply: it must be one Action. */
export function parseActionReply(text: string, url: string): Action {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DoctorError(`The doctor at ${url} replied with text that is not JSON: ${excerpt(text)}.`);
  }
  const r = Action.safeParse(body);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new DoctorError(`The doctor at ${url} replied with an invalid action (${i.path.join('.') || 'action'}: ${i.message}).`);
  }
  return r.data;
}

/** Reads the assistant's text out of an OpenAI-style chat completion. */
export function chatReplyText(text: string, url: string): string {
  let body: { choices?: Array<{ message?: { content?: unknown } }> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new DoctorError(`The chat endpoint at ${url} replied with text that is not JSON: ${excerpt(text)}.`);
  }
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new DoctorError(`The chat endpoint at ${url} replied without choices[0].message.content: ${excerpt(text)}.`);
  return content;
}

/**
 * `http://host/path`: an external doctor. JSON mode POSTs
 * `{ version: 'rounds.doctor-view/1', view }` each turn and expects one Action
 * back (docs/doctor-http-api.md). Chat mode talks to an OpenAI-style chat
 * endpoint as the patient and hospital would, and reads its orders and
 * diagnosis from the SDBench or AgentClinic text protocol. Timeouts, network
 * errors and 5xx are retried; every final failure is a DoctorError, which the
 * runner records as an error event.
 */
export function httpDoctor(spec: DoctorSpec, env: NodeJS.ProcessEnv = process.env): DoctorFactory {
  const config = httpDoctorConfig(spec);
  return {
    name: config.name,
    create(ctx) {
      const headers = authHeaders(env);
      const post = (body: unknown) => postJson({ url: config.url, body, timeoutMs: config.timeoutMs, retries: config.retries, headers, signal: ctx.signal });
      if (config.mode === 'json') {
        return {
          act: async (view) => {
            const ehr = ehrActionsFor(view);
            return parseActionReply(await post({ version: DOCTOR_VIEW_VERSION, view, ...(ehr ? { ehr } : {}) }), config.url);
          },
        };
      }
      const parse = config.format === 'agentclinic' ? parseAgentClinic : parseSdbench;
      return {
        async act(view) {
          // An EHR task in chat mode speaks MedAgentBench's text protocol (GET / POST + JSON / FINISH([...])).
          if (view.ehr) {
            const messages = [{ role: 'system', content: EHR_SYSTEM.text }, ...ehrViewToMessages(view, false)];
            const reply = chatReplyText(await post({ ...(config.model ? { model: config.model } : {}), messages }), config.url);
            const action = parseMedAgentBench(reply);
            if (!action) throw new DoctorError(`The chat doctor's reply is not GET <url>, POST <url> with JSON, or FINISH([...]): "${excerpt(reply)}".`);
            return action;
          }
          const messages = [{ role: 'system', content: DEFAULT_SYSTEM[config.format] }, ...viewToMessages(view, config.format)];
          const reply = chatReplyText(await post({ ...(config.model ? { model: config.model } : {}), messages }), config.url);
          const action = parse(reply);
          if (!action)
            throw new DoctorError(
              `The chat doctor's reply has no ${config.format === 'sdbench' ? 'SDBench tag' : 'AgentClinic line'} Rounds can act on: "${excerpt(reply)}".`,
            );
          return action;
        },
      };
    },
  };
}

/** One documented route: `{id}` style path parameters, as OpenAPI writes them. */
interface RouteDoc {
  method: 'get' | 'post';
  path: string;
  summary: string;
  query?: string[];
  body?: Record<string, unknown>;
  write?: boolean;
  stream?: boolean;
}

const ERROR = { $ref: '#/components/schemas/Error' };

const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness and whether writes need the token' },
  { method: 'get', path: '/api/runs', summary: 'List runs, newest first', query: ['limit'] },
  {
    method: 'post',
    path: '/api/runs',
    summary:
      'Start a run in this server (named suites only; no file-based doctors; models and http doctors only as allowed by --allow-model and --allow-doctor-url, else 403; at most --max-plan encounters, else 413)',
    write: true,
    body: { suites: ['quick'], doctors: ['baseline'], protocols: ['default'], seeds: ['1'], concurrency: 2 },
  },
  { method: 'get', path: '/api/runs/{id}', summary: 'One run: config, report summary (summarizeRun) and encounters' },
  { method: 'post', path: '/api/runs/{id}/cancel', summary: 'Cancel a run this server started; it stays resumable', write: true },
  {
    method: 'get',
    path: '/api/encounters',
    summary: 'Encounters, filtered (the token on an exposed server; an anonymous running /play seat is listed without its case)',
    query: ['run', 'doctor', 'case', 'verdict', 'status', 'endReason', 'limit', 'offset'],
  },
  {
    method: 'get',
    path: '/api/encounters/{id}',
    summary: 'One encounter with its events and scores (the token on an exposed server; an anonymous running /play seat only with ?session=<its session>)',
    query: ['session'],
  },
  {
    method: 'post',
    path: '/api/encounters/{id}/label',
    summary: "A person grades the encounter's diagnosis (stored as the human_label score, read by judge agreement); finished, non-error encounters only",
    write: true,
    body: { correct: true, grader: 'dr-a', note: 'optional' },
  },
  {
    method: 'get',
    path: '/api/encounters/{id}/events/stream',
    summary: 'Server-sent events: stored events replayed, then new ones until `end`',
    query: ['after', 'session'],
    stream: true,
  },
  { method: 'get', path: '/api/cases', summary: 'Cases (public fields)', query: ['suite', 'specialty', 'difficulty', 'q'] },
  { method: 'get', path: '/api/cases/{id}', summary: 'One case; hidden fields only with ?reveal=1 (and the token on an exposed server)', query: ['reveal'] },
  { method: 'get', path: '/api/catalog', summary: 'Orderable tests with prices' },
  { method: 'get', path: '/api/suites', summary: 'Named suites' },
  { method: 'get', path: '/api/doctors', summary: 'Registered doctor kinds' },
  {
    method: 'get',
    path: '/api/leaderboard',
    summary:
      'One run: per doctor and protocol, accuracy with CI, cost, process; without run: boards per case-set hash and protocol, doctors with 10+ cases ranked',
    query: ['run', 'limit'],
  },
  {
    method: 'post',
    path: '/api/play',
    summary: 'Start a human-doctor encounter (`human:<name>`) on a case or a random case of a suite',
    write: true,
    body: { name: 'ada', caseId: 'cardio-stemi-inferior-001' },
  },
  { method: 'get', path: '/api/play/{id}', summary: 'The current view of a play session' },
  {
    method: 'post',
    path: '/api/play/{id}/step',
    summary: 'One action (ask, examine, order, diagnose); scores come back when it ends',
    write: true,
    body: { action: { type: 'ask', questions: [{ text: 'Where is the pain?' }] } },
  },
  {
    method: 'post',
    path: '/api/env/reset',
    summary: 'RL environment: start an episode on a case or a seeded pick from a suite; returns the episode id, first observation and info',
    write: true,
    body: { suite: 'quick', protocol: 'default', seed: 42 },
  },
  {
    method: 'post',
    path: '/api/env/{id}/step',
    summary: 'RL environment: one action; returns observation, reward, terminated, truncated and info (Gymnasium semantics)',
    write: true,
    body: { action: { type: 'ask', questions: [{ text: 'Where is the pain?' }] } },
  },
  { method: 'get', path: '/api/openapi.json', summary: 'This description' },
];

/** The documented paths, for the test that checks every route is described. */
export function documentedRoutes(): Array<{ method: string; path: string }> {
  return ROUTES.map((r) => ({ method: r.method.toUpperCase(), path: r.path }));
}

/** The OpenAPI 3.1 description served at /api/openapi.json. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    for (const q of r.query ?? []) params.push({ name: q, in: 'query', required: false, schema: { type: 'string' } });
    const responses: Record<string, unknown> = {
      200: { description: 'OK', content: r.stream ? { 'text/event-stream': {} } : { 'application/json': {} } },
      400: { description: 'Invalid input', content: { 'application/json': { schema: ERROR } } },
      404: { description: 'Unknown id', content: { 'application/json': { schema: ERROR } } },
    };
    if (r.write) {
      responses[401] = { description: 'Token required (server exposed beyond localhost)', content: { 'application/json': { schema: ERROR } } };
      responses[413] = { description: 'Body too large', content: { 'application/json': { schema: ERROR } } };
      responses[415] = { description: 'Body is not JSON', content: { 'application/json': { schema: ERROR } } };
    }
    paths[r.path] ??= {};
    paths[r.path][r.method] = {
      summary: r.summary,
      parameters: params,
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { example: r.body } } } } : {}),
      ...(r.write ? { security: [{ bearer: [] }, {}] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Rounds API', version, description: 'Runs, encounters, cases, leaderboards, live events and the human doctor seat.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'ROUNDS_TOKEN; required for writes and hidden data when the server listens beyond localhost.' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  };
}

import { Hono } from 'hono';
import { z } from 'zod';
import { summarizeRun } from '../report/aggregate.js';
import { listSuites } from '../run/suites.js';
import { parseDoctorSpec } from '../doctors/spec.js';
import { assertCanWrite } from './auth.js';
import type { ServerDeps } from './deps.js';
import { ApiError, parseInput } from './errors.js';
import { readJson } from './read-json.js';
import { assertPlanSize } from './plan-limit.js';
import { redactEncounter, redactRun, runHidesCase } from './seat-privacy.js';
import { namedSuiteCaseIds } from './routes-cases.js';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) });

const StartBody = z
  .object({
    suites: z.array(z.string().min(1).max(100)).min(1).max(20),
    doctors: z.array(z.string().min(1).max(200)).min(1).max(20),
    protocols: z.array(z.string().min(1).max(200)).min(1).max(10).default(['default']),
    seeds: z.array(z.string().min(1).max(100)).min(1).max(100).default(['1']),
    concurrency: z.number().int().min(1).max(16).default(2),
    /** Model-backed patient, lab and judge; like every model here, only those the operator allowed (--allow-model). */
    patient: z.string().min(1).max(300).optional(),
    lab: z.string().min(1).max(300).optional(),
    judge: z.string().min(1).max(300).optional(),
  })
  .strict();

/** Runs: list, detail (with the report's summary), start and cancel. */
export function runRoutes(deps: ServerDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const q = parseInput(ListQuery, c.req.query(), 'query');
    const runs = await deps.store.listRuns(q.limit);
    return c.json({ runs: runs.map((r) => ({ ...redactRun(r), active: deps.runs.isActive(r.id) })) });
  });

  app.get('/:id', async (c) => {
    const data = await deps.store.reportData(c.req.param('id'));
    const summary = summarizeRun(data);
    // The stored ground-truth diagnosis column is left out: it is hidden case data.
    let encounters = data.encounters.map(({ diagnosis: _hidden, scores, ...e }) => ({ ...e, top1: scores.top1?.value ?? null }));
    if (runHidesCase(data.run)) encounters = encounters.map(redactEncounter);
    return c.json({ run: { ...redactRun(data.run), active: deps.runs.isActive(data.run.id) }, summary, encounters });
  });

  app.post('/', async (c) => {
    assertCanWrite(c, deps.policy);
    const body = await readJson(c, StartBody);
    // Over HTTP, suites are names only and doctors cannot name files: no request reaches the filesystem.
    const known = listSuites().map((s) => s.name);
    const badSuite = body.suites.find((s) => !known.includes(s));
    if (badSuite) throw new ApiError(400, 'bad-request', `Unknown suite "${badSuite}"; available: ${known.join(', ')}.`);
    for (const d of body.doctors) {
      const kind = parseDoctorSpec(d).kind;
      if (kind === 'script')
        throw new ApiError(400, 'bad-request', `Doctor "${d}" reads a file, which the HTTP API does not allow; start it with \`rounds run\`.`);
      if (kind === 'human') throw new ApiError(400, 'bad-request', 'A human doctor plays from the seat at /play, not in a batch run.');
      if (kind === 'mcp' || kind === 'env')
        throw new ApiError(400, 'bad-request', `Doctor "${d}" is driven from outside (MCP or the RL API), not in a batch run.`);
      if (parseDoctorSpec(d).options.system !== undefined)
        throw new ApiError(400, 'bad-request', `Doctor "${d}" reads a system-prompt file, which the HTTP API does not allow; start it with \`rounds run\`.`);
    }
    const cases = new Set<string>();
    for (const s of body.suites) {
      // Reading a suite's case files takes tens of ms of CPU: other requests get a turn between suites.
      await new Promise((r) => setImmediate(r));
      for (const id of namedSuiteCaseIds(s)) cases.add(id);
    }
    assertPlanSize({ cases: cases.size, doctors: body.doctors.length, protocols: body.protocols.length, seeds: body.seeds.length }, deps.maxPlan);
    const runId = await deps.runs.start({ ...body, skipInvalid: false });
    return c.json({ runId }, 202);
  });

  app.post('/:id/cancel', async (c) => {
    assertCanWrite(c, deps.policy);
    const run = await deps.store.getRun(c.req.param('id'));
    await deps.runs.cancel(run.id);
    return c.json({ runId: run.id, status: (await deps.store.getRun(run.id)).status });
  });

  return app;
}

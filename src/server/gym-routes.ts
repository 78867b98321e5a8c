import { Hono } from 'hono';
import { z } from 'zod';
import { CaseSource } from '../gym/case-source.js';
import { createEnvironment, ResetInput, type Environment } from '../gym/environment.js';
import { assertCanWrite } from './auth.js';
import type { ServerDeps } from './deps.js';
import { readJson } from './read-json.js';

const StepBody = z.object({ action: z.unknown() }).strict();

/**
 * The RL environment over HTTP (Gymnasium semantics): POST /reset starts an
 * episode, POST /:id/step applies one action. Episodes live in memory and are
 * not stored: training makes many thousands of them (the TypeScript API can
 * store them when given a store). As elsewhere over HTTP, suites are names
 * (a named suite or a specialty), never paths.
 */
export function envRoutes(
  deps: ServerDeps,
  env: Environment = createEnvironment({ catalog: deps.catalog, cases: new CaseSource({ all: () => deps.cases.all(), allowPaths: false }) }),
): Hono {
  const app = new Hono();

  app.post('/reset', async (c) => {
    assertCanWrite(c, deps.policy);
    const body = await readJson(c, ResetInput);
    return c.json(await env.reset(body), 201);
  });

  app.post('/:id/step', async (c) => {
    assertCanWrite(c, deps.policy);
    const body = await readJson(c, StepBody);
    return c.json(await env.step(c.req.param('id'), body.action));
  });

  return app;
}

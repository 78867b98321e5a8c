import { Hono } from 'hono';
import { z } from 'zod';
import { resolveProtocol } from '../run/resolve-protocol.js';
import { createRng } from '../util/rng.js';
import { assertCanWrite } from './auth.js';
import { namedSuiteCaseIds } from './routes-cases.js';
import type { ServerDeps } from './deps.js';
import { ApiError } from './errors.js';
import { PlaySessions } from './play-sessions.js';
import { readJson } from './read-json.js';

/** A player's name becomes the doctor `human:<name>`; kept to characters the doctor-spec syntax reads literally. */
export const PlayerName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'a name is 1-40 letters, digits, dots, dashes or underscores, starting with a letter or digit');

const StartBody = z
  .object({
    name: PlayerName,
    caseId: z.string().min(1).max(200).optional(),
    suite: z.string().min(1).max(100).optional(),
    protocol: z.string().min(1).max(200).default('default'),
  })
  .strict()
  .refine((b) => (b.caseId === undefined) !== (b.suite === undefined), { message: 'give exactly one of caseId or suite' });

const StepBody = z.object({ action: z.unknown() }).strict();

/** The human doctor's seat: start a case, then one action per request. */
export function playRoutes(deps: ServerDeps): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    assertCanWrite(c, deps.policy);
    const body = await readJson(c, StartBody);
    const seed = PlaySessions.newSeed();
    let caseId = body.caseId;
    if (body.suite) {
      const ids = namedSuiteCaseIds(body.suite);
      if (ids.length === 0) throw new ApiError(400, 'bad-request', `Suite "${body.suite}" has no cases.`);
      // The pick draws from the session's recorded seed, so it can be reproduced.
      caseId = createRng(`pick:${seed}`).pick(ids);
    }
    const kase = deps.cases.get(caseId!);
    const protocol = resolveProtocol(body.protocol);
    const started = await deps.play.create({ name: body.name, kase, protocol, suite: body.suite, seed });
    // A randomly picked case stays anonymous until the end: its id can name the diagnosis.
    return c.json({ ...started, caseId: body.suite ? null : kase.id, doctor: `human:${body.name}` }, 201);
  });

  app.get('/:id', (c) => c.json(deps.play.view(c.req.param('id'))));

  app.post('/:id/step', async (c) => {
    assertCanWrite(c, deps.policy);
    const body = await readJson(c, StepBody);
    return c.json(await deps.play.step(c.req.param('id'), body.action));
  });

  return app;
}

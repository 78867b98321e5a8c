import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { END_REASONS } from '../encounter/events.js';
import type { ServerDeps } from './deps.js';
import { ApiError, parseInput } from './errors.js';
import { assertCanSeeEncounters, assertCanWrite } from './auth.js';
import { HUMAN_LABEL } from '../report/ratings.js';
import { assertSeatVisible, redactSeatRows } from './seat-privacy.js';

const VERDICTS = ['correct', 'partial', 'incorrect', 'no-diagnosis', 'error'] as const;

const ListQuery = z.object({
  run: z.string().min(1).max(100).optional(),
  doctor: z.string().min(1).max(200).optional(),
  case: z.string().min(1).max(200).optional(),
  verdict: z.enum(VERDICTS).optional(),
  status: z.enum(['pending', 'running', 'done']).optional(),
  endReason: z.enum(END_REASONS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const StreamQuery = z.object({ after: z.coerce.number().int().min(-1).optional(), session: z.string().max(100).optional() });

/** Encounters: filtered list, detail with events and scores, and a live event stream. */
export function encounterRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  const { store } = deps;

  /** The encounter, if this request may see its transcript: the token rule, then an anonymous seat's owner only (`?session=`). */
  const visible = async (c: Context, id: string) => {
    assertCanSeeEncounters(c, deps.policy);
    const encounter = await store.getEncounter(id);
    await assertSeatVisible(store, encounter, deps.play.owns(c.req.query('session'), encounter.id));
    return encounter;
  };

  app.get('/', async (c) => {
    assertCanSeeEncounters(c, deps.policy);
    const q = parseInput(ListQuery, c.req.query(), 'query');
    const encounters = await store.findEncounters({
      runId: q.run,
      doctor: q.doctor,
      caseId: q.case,
      verdict: q.verdict,
      status: q.status,
      endReason: q.endReason,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json({ encounters: await redactSeatRows(store, encounters), limit: q.limit, offset: q.offset });
  });

  app.get('/:id', async (c) => {
    const encounter = await visible(c, c.req.param('id'));
    const [events, scores] = await Promise.all([store.getEvents(encounter.id), store.getScores(encounter.id)]);
    return c.json({ encounter, events, scores: scores.map(({ encounterId: _e, ...s }) => s) });
  });

  const LabelBody = z.object({ correct: z.boolean(), grader: z.string().trim().min(1).max(100).default('web'), note: z.string().max(500).optional() }).strict();

  /** A person grades the doctor's diagnosis: stored as the `human_label` score, which judge agreement reads. */
  app.post('/:id/label', async (c) => {
    assertCanWrite(c, deps.policy);
    const encounter = await visible(c, c.req.param('id'));
    if (encounter.status !== 'done' || encounter.verdict === null || encounter.verdict === 'error') {
      throw new ApiError(409, 'not-gradable', 'Only a finished encounter that did not end in error can be graded.');
    }
    const body = parseInput(LabelBody, await c.req.json().catch(() => undefined), 'body');
    const score = {
      name: HUMAN_LABEL,
      value: body.correct ? 1 : 0,
      detail: `${body.correct ? 'correct' : 'incorrect'} (labelled by ${body.grader})${body.note ? `: ${body.note}` : ''}`,
    };
    await store.setScore(encounter.id, score);
    return c.json({ score });
  });

  /**
   * Replays the stored events, then polls the store for new ones until the
   * `end` event, so it also follows a run another process is writing.
   */
  app.get('/:id/events/stream', async (c) => {
    const encounter = await visible(c, c.req.param('id'));
    const q = parseInput(StreamQuery, c.req.query(), 'query');
    const resumeFrom = Number(c.req.header('last-event-id'));
    let last = Number.isInteger(resumeFrom) && c.req.header('last-event-id') ? resumeFrom : (q.after ?? -1);
    return streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      while (!closed) {
        const events = (await store.getEvents(encounter.id)).filter((e) => e.seq > last);
        let ended = false;
        for (const e of events) {
          await stream.writeSSE({ id: String(e.seq), event: 'event', data: JSON.stringify(e) });
          last = e.seq;
          if (e.type === 'end') ended = true;
        }
        if (ended) {
          const row = await store.getEncounter(encounter.id);
          await stream.writeSSE({ event: 'done', data: JSON.stringify({ verdict: row.verdict, endReason: row.endReason, cost: row.cost, turns: row.turns }) });
          break;
        }
        await stream.sleep(deps.pollMs);
      }
    });
  });

  return app;
}

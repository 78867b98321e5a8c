import { Hono } from 'hono';
import { z } from 'zod';
import { summarizeRun } from '../report/aggregate.js';
import { crossRunLeaderboard } from '../report/leaderboard.js';
import type { RunReportData } from '../store/types.js';
import type { ServerDeps } from './deps.js';
import { parseInput } from './errors.js';

const Query = z.object({
  run: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * Leaderboard JSON from the report's own aggregate (summarizeRun), so its
 * figures equal the reports'. With `?run=` one run; without, the latest runs
 * as boards by case set and protocol (only doctors with 10 cases ranked).
 */
export function leaderboardRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const q = parseInput(Query, c.req.query(), 'query');
    const json = (body: string) => c.body(body, 200, { 'content-type': 'application/json; charset=UTF-8' });
    if (q.run) {
      const { run, version } = await deps.leaderboard.shared(`run:${q.run}`, async () => {
        const run = await deps.store.getRun(q.run!);
        return { run, version: await deps.leaderboard.version([run.id]) };
      });
      return json(
        await deps.leaderboard.get(`run:${run.id}`, version, async () => {
          const summary = summarizeRun(await deps.store.reportData(run.id));
          return { scope: { run: summary.runId }, groups: summary.groups, comparisons: summary.comparisons };
        }),
      );
    }
    const { ids, version } = await deps.leaderboard.shared(`all:${q.limit}`, async () => {
      const ids = (await deps.store.db.selectFrom('runs').select('id').orderBy('created_at', 'desc').limit(q.limit).execute()).map((r) => r.id);
      return { ids, version: await deps.leaderboard.version(ids) };
    });
    return json(await deps.leaderboard.get(`all:${q.limit}`, version, () => pooledLeaderboard(deps, ids)));
  });
  return app;
}

/**
 * The latest runs as cross-run boards: grouped by case-set hash and protocol, doctors ranked only with enough
 * cases (report/leaderboard.ts). Older runs without a hash are grouped by suite names, with a note.
 */
async function pooledLeaderboard(deps: ServerDeps, runIds: string[]): Promise<unknown> {
  const runs: RunReportData[] = [];
  for (const id of runIds) runs.push(await deps.store.reportData(id));
  const board = crossRunLeaderboard(runs);
  return { scope: { runs: runIds }, minCases: board.minCases, boards: board.boards };
}

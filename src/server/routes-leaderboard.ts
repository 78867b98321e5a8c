import { Hono } from 'hono';
import { z } from 'zod';
import { summarizeRun } from '../report/aggregate.js';
import type { EncounterDetail, RunReportData } from '../store/types.js';
import type { ServerDeps } from './deps.js';
import { parseInput } from './errors.js';

const Query = z.object({
  run: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * Leaderboard JSON from the report's own aggregate (summarizeRun), so its
 * figures equal the reports'. With `?run=` one run; without, the latest runs
 * pooled and grouped by doctor and protocol.
 */
export function leaderboardRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const q = parseInput(Query, c.req.query(), 'query');
    if (q.run) {
      const summary = summarizeRun(await deps.store.reportData(q.run));
      return c.json({ scope: { run: summary.runId }, groups: summary.groups, comparisons: summary.comparisons });
    }
    const runs = await deps.store.listRuns(q.limit);
    const encounters: EncounterDetail[] = [];
    for (const r of runs) encounters.push(...(await deps.store.reportData(r.id)).encounters);
    const now = new Date().toISOString();
    const pooled: RunReportData = {
      run: { id: 'all-runs', createdAt: now, updatedAt: now, status: 'done', config: {}, versions: {}, total: encounters.length },
      // Ordinals restart in each run; re-number so the pooled order is stable.
      encounters: encounters.map((e, i) => ({ ...e, ordinal: i })),
    };
    const summary = summarizeRun(pooled);
    return c.json({ scope: { runs: runs.map((r) => r.id) }, groups: summary.groups });
  });
  return app;
}

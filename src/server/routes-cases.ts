import { Hono } from 'hono';
import { z } from 'zod';
import { listDoctors } from '../doctors/registry.js';
import { listSuites, resolveSuite } from '../run/suites.js';
import { canReveal } from './auth.js';
import { HIDDEN_CASE_FIELDS, publicCase } from './case-index.js';
import type { ServerDeps } from './deps.js';
import { ApiError, parseInput } from './errors.js';

const CasesQuery = z.object({
  specialty: z.string().min(1).max(100).optional(),
  difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
  suite: z.string().min(1).max(100).optional(),
  q: z.string().max(200).optional(),
});

/** Named suites only: a suite given over HTTP never becomes a filesystem path. */
export function namedSuiteCaseIds(suite: string): string[] {
  const known = listSuites().map((s) => s.name);
  if (!known.includes(suite)) throw new ApiError(400, 'bad-request', `Unknown suite "${suite}"; available: ${known.join(', ')}.`);
  return resolveSuite(suite).cases.map((c) => c.kase.id);
}

/** Cases (public fields unless revealed), the test catalog with prices, suites and doctor kinds. */
export function caseRoutes(deps: ServerDeps): Hono {
  const app = new Hono();

  app.get('/cases', (c) => {
    const q = parseInput(CasesQuery, c.req.query(), 'query');
    let list = deps.cases.all();
    if (q.suite) {
      const ids = new Set(namedSuiteCaseIds(q.suite));
      list = list.filter((k) => ids.has(k.id));
    }
    if (q.specialty) list = list.filter((k) => k.specialty === q.specialty);
    if (q.difficulty) list = list.filter((k) => k.difficulty === q.difficulty);
    if (q.q) {
      const needle = q.q.toLowerCase();
      list = list.filter((k) => [k.id, k.title, k.presentation, k.specialty, ...k.tags].some((s) => s.toLowerCase().includes(needle)));
    }
    const cases = list
      .sort((a, b) => a.specialty.localeCompare(b.specialty) || a.id.localeCompare(b.id))
      .map((k) => ({ id: k.id, title: k.title, specialty: k.specialty, difficulty: k.difficulty, tags: k.tags, presentation: k.presentation }));
    return c.json({ cases, invalidFiles: deps.cases.problems() });
  });

  app.get('/cases/:id', (c) => {
    const kase = deps.cases.get(c.req.param('id'));
    if (canReveal(c, deps.policy)) return c.json({ case: kase, revealed: true });
    return c.json({ case: publicCase(kase), revealed: false, hidden: HIDDEN_CASE_FIELDS });
  });

  app.get('/catalog', (c) => {
    const tests = deps.catalog.tests.map((t) => ({
      id: t.id,
      name: t.name,
      aliases: t.aliases,
      category: t.category,
      price: t.price.usd,
      priceSource: t.price.source,
    }));
    return c.json({ tests });
  });

  app.get('/suites', (c) => c.json({ suites: listSuites() }));

  app.get('/doctors', (c) => c.json({ doctors: listDoctors() }));

  return app;
}

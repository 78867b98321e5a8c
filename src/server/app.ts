import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { loadCatalog, type Catalog } from '../case/catalog.js';
import { parseDoctorOrigin } from '../llm/egress-policy.js';
import { cacheCaseFiles } from '../case/load.js';
import { deterministicActors } from '../actors/deterministic.js';
import type { Actors } from '../encounter/actors.js';
import { collectVersions } from '../session/versions.js';
import type { Store } from '../store/store.js';
import { jsonWrites, loopbackOnly, type AccessPolicy } from './auth.js';
import { CaseIndex } from './case-index.js';
import type { ServerDeps } from './deps.js';
import { ApiError, errorResponse } from './errors.js';
import { openApiDocument } from './openapi.js';
import { PlaySessions } from './play-sessions.js';
import { caseRoutes } from './routes-cases.js';
import { encounterRoutes } from './routes-encounters.js';
import { leaderboardRoutes } from './routes-leaderboard.js';
import { playRoutes } from './routes-play.js';
import { envRoutes } from './gym-routes.js';
import { runRoutes } from './routes-runs.js';
import { RunManager } from './run-manager.js';
import { DEFAULT_MAX_PLAN } from './plan-limit.js';
import { LeaderboardCache } from './leaderboard-cache.js';
import type { UiAssets } from './ui-assets.js';
import '../doctors/builtins.js';

/** Largest accepted request body; every write is a small JSON object. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface CreateAppOptions {
  store: Store;
  /** ROUNDS_TOKEN; when set, requests carrying it as a bearer token are authorised. */
  token?: string;
  /** True when listening beyond loopback: writes and hidden data then need the token. */
  requireToken?: boolean;
  /** The built UI; without it, non-API paths answer with a note on how to build it. */
  assets?: UiAssets;
  /** Event-stream polling interval (ms). */
  pollMs?: number;
  actors?: Actors;
  catalog?: Catalog;
  /** Case folder for the browser and the seat; the shipped cases by default. */
  casesFolder?: string;
  playTtlMs?: number;
  /** Model-string patterns runs posted here may use (`rounds serve --allow-model`); none by default. */
  allowModels?: string[];
  /** Origins http doctors posted here may be reached at (`rounds serve --allow-doctor-url`); none by default. */
  allowDoctorUrls?: string[];
  /** Most encounters one run posted here may plan (`rounds serve --max-plan`). */
  maxPlan?: number;
  /** How long the leaderboard reuses a check of whether its runs changed (ms); 0 checks on every request. */
  leaderboardTtlMs?: number;
}

/** The app plus a way to stop what it started (runs, sessions). */
export type RoundsApp = Hono & { shutdown(): Promise<void> };

/** Builds the Rounds HTTP app: the JSON API under /api and the web UI at every other path. */
export function createApp(options: CreateAppOptions): RoundsApp {
  const requireToken = options.requireToken ?? false;
  if (requireToken && !options.token) throw new ApiError(500, 'config', 'A token is required when the server is exposed beyond localhost.');
  const policy: AccessPolicy = { token: options.token, requireToken };
  // Runs posted here reuse parsed case files instead of parsing the suite again each time (seconds of blocked event loop).
  cacheCaseFiles(true);
  const catalog = options.catalog ?? loadCatalog();
  const deps: ServerDeps = {
    store: options.store,
    policy,
    runs: new RunManager(options.store, { models: options.allowModels ?? [], doctorOrigins: (options.allowDoctorUrls ?? []).map(parseDoctorOrigin) }, catalog),
    play: new PlaySessions({ store: options.store, actors: options.actors ?? deterministicActors(), catalog, ttlMs: options.playTtlMs }),
    cases: new CaseIndex(options.casesFolder),
    catalog,
    pollMs: options.pollMs ?? 250,
    maxPlan: options.maxPlan ?? DEFAULT_MAX_PLAN,
    leaderboard: new LeaderboardCache(options.store, options.leaderboardTtlMs),
  };

  const app = new Hono();
  app.onError(errorResponse);
  app.use(loopbackOnly(policy));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );

  const api = new Hono();
  api.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: { code: 'too-large', message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.` } }, 413),
    }),
  );
  api.use(jsonWrites());
  api.get('/health', (c) => c.json({ ok: true, version: collectVersions().rounds, tokenRequired: requireToken }));
  api.get('/openapi.json', (c) => c.json(openApiDocument(collectVersions().rounds)));
  api.route('/runs', runRoutes(deps));
  api.route('/encounters', encounterRoutes(deps));
  api.route('/leaderboard', leaderboardRoutes(deps));
  api.route('/play', playRoutes(deps));
  api.route('/env', envRoutes(deps));
  api.route('/', caseRoutes(deps));
  api.all('*', (c) => c.json({ error: { code: 'not-found', message: `No API route ${c.req.method} ${c.req.path}; see /api/openapi.json.` } }, 404));
  app.route('/api', api);

  app.get('*', (c) => {
    const assets = options.assets;
    if (!assets || assets.size === 0) {
      return c.text('The web UI is not built. Run `npm run build:web`, then restart `rounds serve`. The API is at /api.', 503);
    }
    const hit = assets.get(c.req.path);
    // Unknown paths are client-side routes: the single page handles them.
    const file = hit ?? assets.get('/index.html');
    if (!file) return c.text('Not found', 404);
    const headers: Record<string, string> = { 'content-type': file.type };
    // Hashed asset names never change content; the page itself must be revalidated.
    headers['cache-control'] = hit && c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, headers);
  });

  return Object.assign(app, { shutdown: () => deps.runs.stopAll() });
}

import type { Catalog } from '../case/catalog.js';
import type { Store } from '../store/store.js';
import type { AccessPolicy } from './auth.js';
import type { CaseIndex } from './case-index.js';
import type { PlaySessions } from './play-sessions.js';
import type { RunManager } from './run-manager.js';
import type { LeaderboardCache } from './leaderboard-cache.js';

/** What every route module is given. */
export interface ServerDeps {
  store: Store;
  policy: AccessPolicy;
  runs: RunManager;
  play: PlaySessions;
  cases: CaseIndex;
  catalog: Catalog;
  /** How often the event stream polls the store for new events. */
  pollMs: number;
  /** Most encounters one run posted over HTTP may plan. */
  maxPlan: number;
  /** Leaderboard answers, reused until their runs change. */
  leaderboard: LeaderboardCache;
}

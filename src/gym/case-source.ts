import { join } from 'node:path';
import { loadCases } from '../case/load.js';
import type { Case } from '../case/schema.js';
import { listSuites, resolveSuite } from '../run/suites.js';
import { CaseValidationError, ConfigError, NotFoundError } from '../util/errors.js';
import { createRng } from '../util/rng.js';
import { dataDir } from '../util/paths.js';

/** How an episode names its case: one id, a suite (seeded pick, or an id within it), or any case at random. */
export interface CaseChoice {
  suite?: string;
  caseId?: string;
  random?: boolean;
  seed: string;
}

/** The chosen case and whether the choice was random (then its id stays hidden until the end: it can name the diagnosis). */
export interface PickedCase {
  kase: Case;
  random: boolean;
  suite?: string;
}

/**
 * Finds cases for externally driven encounters: cases by id, suites by name
 * (as `rounds run --suite`) and, unless `allowPaths` is false (the HTTP API,
 * where no request may reach the filesystem), by path or glob. Loaded once and cached.
 */
export class CaseSource {
  private byId: Map<string, Case> | undefined;
  private readonly suites = new Map<string, Case[]>();
  private readonly loadAll: () => Case[];
  private readonly allowPaths: boolean;

  constructor(options: { folder?: string; all?: () => Case[]; allowPaths?: boolean } = {}) {
    const folder = options.folder ?? join(dataDir(), 'cases');
    this.loadAll = options.all ?? (() => loadCases(folder).cases.map((c) => c.kase));
    this.allowPaths = options.allowPaths ?? true;
  }

  private all(): Map<string, Case> {
    this.byId ??= new Map(this.loadAll().map((c) => [c.id, c]));
    return this.byId;
  }

  private suite(name: string): Case[] {
    let cases = this.suites.get(name);
    if (!cases) {
      const named = listSuites().some((s) => s.name === name && s.kind === 'named');
      if (!named && !this.allowPaths) {
        // Without paths a suite is a named suite or a specialty of the known cases.
        cases = [...this.all().values()].filter((c) => c.specialty === name).sort((a, b) => a.id.localeCompare(b.id));
        if (cases.length === 0)
          throw new ConfigError(
            `Unknown suite "${name}"; available: ${listSuites()
              .map((s) => s.name)
              .join(', ')}.`,
          );
      } else {
        const resolved = resolveSuite(name);
        // Bad case files fail the reset, as they fail `rounds run` without --skip-invalid: never a silently smaller suite.
        if (resolved.problems.length) throw new CaseValidationError(resolved.problems);
        cases = resolved.cases.map((c) => c.kase);
      }
      if (cases.length === 0) throw new ConfigError(`Suite "${name}" has no valid cases.`);
      this.suites.set(name, cases);
    }
    return cases;
  }

  /** Picks the case; a random pick draws from `pick:<seed>`, so the same seed picks the same case. */
  pick(choice: CaseChoice): PickedCase {
    if (choice.caseId) {
      const pool = choice.suite ? this.suite(choice.suite) : [...this.all().values()];
      const kase = pool.find((c) => c.id === choice.caseId);
      if (!kase) throw new NotFoundError(`No case "${choice.caseId}"${choice.suite ? ` in suite "${choice.suite}"` : ''}.`);
      return { kase, random: false, suite: choice.suite };
    }
    const pool = choice.suite ? this.suite(choice.suite) : choice.random ? [...this.all().values()].sort((a, b) => a.id.localeCompare(b.id)) : [];
    if (pool.length === 0) throw new ConfigError('Name a case: give a case id, a suite, or ask for a random case.');
    return { kase: createRng(`pick:${choice.seed}`).pick(pool), random: true, suite: choice.suite };
  }
}

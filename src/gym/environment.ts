import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { loadCatalog, type Catalog } from '../case/catalog.js';
import type { Case } from '../case/schema.js';
import { deterministicActors } from '../actors/deterministic.js';
import { Action } from '../encounter/actions.js';
import type { Actors } from '../encounter/actors.js';
import type { DoctorView, RevealedItem } from '../encounter/view.js';
import { resolveProtocol } from '../run/resolve-protocol.js';
import type { Judge } from '../scoring/judge.js';
import type { Score, Verdict } from '../scoring/types.js';
import type { Store } from '../store/store.js';
import { EncounterSession } from '../session/session.js';
import { ConfigError, NotFoundError, RoundsError } from '../util/errors.js';
import { CaseSource } from './case-source.js';
import { newRewardState, RewardConfig, RewardOverrides, shapedReward, terminalReward, type RewardBreakdown, type RewardState } from './reward.js';

/** What `reset` accepts (the HTTP body of POST /api/env/reset). */
export const ResetInput = z
  .object({
    suite: z.string().min(1).max(500).optional(),
    caseId: z.string().min(1).max(200).optional(),
    protocol: z.string().min(1).max(200).default('default'),
    seed: z.union([z.string().min(1).max(200), z.number().int()]).optional(),
    reward: RewardOverrides.optional(),
    /** Name under which a stored episode appears (doctor `env:<name>`). */
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/)
      .optional(),
  })
  .strict()
  .refine((b) => b.suite !== undefined || b.caseId !== undefined, { message: 'give a suite or a caseId' });
export type ResetInput = z.input<typeof ResetInput>;

/** What the agent observes: the whole doctor view, plus what the last action revealed. */
export interface EnvObservation {
  view: DoctorView;
  items: RevealedItem[];
  /** After a `fhir` action: the FHIR server's status and response (a resource, a Bundle or an OperationOutcome). */
  fhir?: { status: number; body: unknown };
}

export interface EnvInfo {
  seed: string;
  turn: number;
  cost: number;
  /** The case id; null while a randomly picked case is running (its id can name the diagnosis). */
  caseId: string | null;
  reward?: RewardBreakdown;
  endReason?: string;
  verdict?: Verdict;
  scores?: Score[];
  diagnosis?: string;
  runId?: string;
  encounterId?: string;
  error?: string;
}

export interface ResetResult {
  episodeId: string;
  observation: EnvObservation;
  info: EnvInfo;
}

/** Gymnasium's step tuple as an object. */
export interface StepResult {
  observation: EnvObservation;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: EnvInfo;
}

export interface EnvironmentOptions {
  /** When given, every episode is stored as a one-encounter run (doctor `env:<name>`) and scored like any other. */
  store?: Store;
  catalog?: Catalog;
  actors?: Actors;
  /** Where cases and suites come from; the shipped cases, suites and paths by default. */
  cases?: CaseSource;
  /** Default reward weights (a reset may override them). */
  reward?: Partial<RewardConfig>;
  /** Grades the diagnosis instead of the deterministic match: terminal correctness = (judge - 1) / 4. */
  judge?: Judge;
  /** Idle episodes older than this are dropped (stored ones are recorded as abandoned). Default 30 minutes. */
  ttlMs?: number;
  /** Most episodes alive at once. Default 10,000. */
  maxEpisodes?: number;
  now?: () => number;
}

interface Episode {
  id: string;
  seed: string;
  random: boolean;
  kase: Case;
  rec: EncounterSession;
  reward: RewardConfig;
  state: RewardState;
  lastSeen: number;
  queue: Promise<unknown>;
}

export const EPISODE_TTL_MS = 30 * 60 * 1000;

/** The reset/step environment; see createEnvironment. */
export class Environment {
  private readonly episodes = new Map<string, Episode>();
  private readonly catalog: Catalog;
  private readonly actors: Actors;
  private readonly cases: CaseSource;
  private readonly defaults: RewardConfig;

  constructor(private readonly options: EnvironmentOptions = {}) {
    this.catalog = options.catalog ?? loadCatalog();
    this.actors = options.actors ?? deterministicActors();
    this.cases = options.cases ?? new CaseSource();
    this.defaults = RewardConfig.parse(options.reward ?? {});
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Episodes alive now. */
  get size(): number {
    return this.episodes.size;
  }

  /** Starts an episode: picks the case (from the seed when random), starts the engine, returns the first observation. */
  async reset(raw: ResetInput): Promise<ResetResult> {
    await this.expire();
    const parsed = ResetInput.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new ConfigError(`Invalid reset: ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}.`);
    }
    const input = parsed.data;
    if (this.episodes.size >= (this.options.maxEpisodes ?? 10_000)) {
      throw new RoundsError(`Too many episodes are open (${this.episodes.size}); finish some or wait for idle ones to expire.`);
    }
    const seed = input.seed === undefined ? randomBytes(4).toString('hex') : String(input.seed);
    const picked = this.cases.pick({ suite: input.suite, caseId: input.caseId, seed });
    const protocol = resolveProtocol(input.protocol);
    const rec = await EncounterSession.open({
      store: this.options.store,
      kase: picked.kase,
      protocol,
      catalog: this.catalog,
      actors: this.actors,
      seed,
      doctor: `env:${input.name ?? 'agent'}`,
      suite: input.suite,
      seat: 'env',
    });
    const id = randomBytes(16).toString('hex');
    const reward = RewardConfig.parse({ ...this.defaults, ...input.reward });
    this.episodes.set(id, {
      id,
      seed,
      random: picked.random,
      kase: picked.kase,
      rec,
      reward,
      state: newRewardState(),
      lastSeen: this.now(),
      queue: Promise.resolve(),
    });
    return { episodeId: id, observation: { view: rec.encounter.view(), items: [] }, info: this.info(this.episodes.get(id)!) };
  }

  /** Applies one action. An action that is not a valid Action is refused (ConfigError) without using a turn. */
  async step(episodeId: string, rawAction: unknown): Promise<StepResult> {
    await this.expire();
    const ep = this.episodes.get(episodeId);
    if (!ep) throw new NotFoundError(`No episode "${episodeId}"; it has ended or expired. Call reset for a new one.`);
    ep.lastSeen = this.now();
    const parsed = Action.safeParse(rawAction);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new ConfigError(`Invalid action: ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}.`);
    }
    const run = ep.queue.then(() => this.apply(ep, parsed.data));
    ep.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(ep: Episode, action: Action): Promise<StepResult> {
    if (!this.episodes.has(ep.id)) throw new NotFoundError(`Episode "${ep.id}" has already ended.`);
    const enc = ep.rec.encounter;
    const from = enc.events.length;
    let items: RevealedItem[] = [];
    let error: string | undefined;
    try {
      items = (await ep.rec.step(action)).items;
    } catch (e) {
      // A model-backed actor failing after its retries ends the episode as an error, counted apart.
      error = `The hospital side failed: ${(e as Error).message}`;
      await ep.rec.fail('actor-error', error);
    }
    const shaped = shapedReward({ kase: ep.kase, events: enc.events.slice(from), state: ep.state, config: ep.reward });
    let terminal = 0;
    const info = this.info(ep);
    if (enc.ended) {
      this.episodes.delete(ep.id);
      const outcome = ep.rec.result!;
      let judgeScore: number | null | undefined;
      if (this.options.judge && outcome.verdict !== 'error') {
        const scores = await this.options.judge.score({ kase: ep.kase, events: enc.events });
        const j = scores.find((s) => s.name === 'judge');
        judgeScore = j?.value === null || j?.value === undefined ? null : (j.value - 1) / 4;
        if (judgeScore === null) info.error = `The judge gave no score (${j?.detail ?? 'no judge score'}); correctness falls back to the diagnosis match.`;
      }
      terminal = outcome.verdict === 'error' ? 0 : terminalReward({ verdict: outcome.verdict, cost: enc.cost, config: ep.reward, judgeScore });
      Object.assign(info, {
        endReason: enc.endReason,
        verdict: outcome.verdict,
        scores: outcome.scores,
        diagnosis: ep.kase.diagnosis.name,
        caseId: ep.kase.id,
      });
    }
    if (error) info.error = error;
    const total = shaped.mustAsk + shaped.mustOrder + shaped.repeat + terminal;
    info.reward = { ...shaped, terminal, total };
    const reason = enc.endReason;
    const fhir = items.find((i): i is Extract<RevealedItem, { kind: 'fhir' }> => i.kind === 'fhir');
    return {
      observation: { view: enc.view(), items, ...(fhir ? { fhir: { status: fhir.status, body: fhir.body } } : {}) },
      reward: total,
      // An EHR task ends with the doctor's finish, as a clinical case ends with a diagnosis.
      terminated: reason === 'diagnosed' || reason === 'finished' || reason === 'error',
      truncated: reason === 'turn-limit' || reason === 'budget',
      info,
    };
  }

  private info(ep: Episode): EnvInfo {
    const enc = ep.rec.encounter;
    return {
      seed: ep.seed,
      turn: enc.turn,
      cost: Math.round(enc.cost * 100) / 100,
      caseId: ep.random && !enc.ended ? null : ep.kase.id,
      ...(ep.rec.runId ? { runId: ep.rec.runId, encounterId: ep.rec.encounterId } : {}),
    };
  }

  /** Drops episodes idle longer than the TTL; stored ones end as errors (abandoned), counted apart. */
  async expire(): Promise<number> {
    const ttl = this.options.ttlMs ?? EPISODE_TTL_MS;
    const now = this.now();
    let n = 0;
    for (const ep of [...this.episodes.values()]) {
      if (now - ep.lastSeen <= ttl) continue;
      this.episodes.delete(ep.id);
      await ep.rec.fail('abandoned', 'The agent left the episode idle and it expired.');
      n++;
    }
    return n;
  }

  /** Ends every open episode as abandoned (shutdown). */
  async close(): Promise<void> {
    for (const ep of [...this.episodes.values()]) {
      this.episodes.delete(ep.id);
      await ep.rec.fail('abandoned', 'The environment shut down with the episode open.');
    }
  }
}

/** The RL environment as a TypeScript API: `reset` then `step` until terminated or truncated. */
export function createEnvironment(options: EnvironmentOptions = {}): Environment {
  return new Environment(options);
}

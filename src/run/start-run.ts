import { loadCatalog, type Catalog } from '../case/catalog.js';
import { crossCheck } from '../case/validate.js';
import type { LoadedCase } from '../case/load.js';
import { resolveDoctor } from '../doctors/registry.js';
import type { Store } from '../store/store.js';
import type { RunRecord } from '../store/types.js';
import { CaseValidationError, ConfigError, type CaseProblem } from '../util/errors.js';
import { planById, planEncounters, planRun, planSize, type PlannedEncounter } from './plan.js';
import { resolveSuite } from './suites.js';
import { resolveProtocol } from './resolve-protocol.js';
import { runLocal, type RunProgress } from './local-runner.js';
import { collectVersions } from '../session/versions.js';
import { caseSetHash } from '../case/case-set-hash.js';
import { gitCommit } from '../util/git-commit.js';
import { isLegacyEncounterId, newRunId } from '../session/ids.js';
import type { EncounterResult } from './run-encounter.js';
import { buildActors } from '../actors/llm-actors.js';
import { applyBiases } from './apply-biases.js';
import { resolveScorers } from '../scoring/scorers.js';
import type { Scorer } from '../scoring/scorer.js';
import type { Actors } from '../encounter/actors.js';
import { storeCache } from '../store/call-cache.js';
import { loadPrices } from '../llm/prices.js';
import { runRuntime, type RunLlmConfig } from '../llm/run-runtime.js';

/** What a run is made of; stored with the run so it can be resumed. */
export interface RunConfig {
  suites: string[];
  doctors: string[];
  protocols: string[];
  seeds: string[];
  concurrency: number;
  skipInvalid: boolean;
  /** Patient and lab: `deterministic` (default) or a model (`llm:<model>,...`). */
  patient?: string;
  lab?: string;
  /** An external FHIR R4 base URL for EHR tasks; a fresh embedded store per encounter by default. */
  fhir?: string;
  /** The llm judge's model, run beside the deterministic matcher. */
  judge?: string;
  /** The model asked AgentClinic's "same disease?" question (`moderator` score), beside the match and the judge. */
  moderator?: string;
  /** Scorers added with `--scorer name[:options]`, after the built-in ones, the judge and the moderator. */
  scorers?: string[];
  /** Names of every scorer that ran, in the order their scores are stored; written with the run, not read back. */
  scoredBy?: string[];
  /** The content hash of the cases the run played (case/case-set-hash.ts); cross-run leaderboards group by it. Written, not read back. */
  caseSetHash?: string;
  /** How many cases that is. */
  caseCount?: number;
  /** The git commit checked out where the run started, or null outside a git checkout. Written, not read back. */
  gitCommit?: string | null;
  /** Bias prompts (`patient:recency`, `doctor:confirmation`) for the llm patient and doctors; see src/llm/biases.ts. */
  biases?: string[];
  cache?: RunLlmConfig['cache'];
  offline?: boolean;
  maxUsd?: number;
  /** A price file overriding the default table. */
  prices?: string;
  rateLimits?: RunLlmConfig['rateLimits'];
  retry?: RunLlmConfig['retry'];
}

export interface PreparedRun {
  config: RunConfig;
  /** How many encounters the plan holds (known before any is built). */
  size: number;
  /** The plan, generated lazily in order: a new run streams it into the store in chunks. */
  plan: () => Generator<PlannedEncounter>;
  /** The whole plan as an array, built on first use (resume and the queue worker look encounters up by id). */
  readonly items: PlannedEncounter[];
  catalog: Catalog;
  /** Invalid case files skipped under skipInvalid. */
  skipped: CaseProblem[];
  actors: Actors;
  /** Every scorer of the run, in order: the built-in ones, the judge, the moderator, then --scorer. */
  scorers: Scorer[];
}

/** The most encounters one run may plan (ROUNDS_MAX_ENCOUNTERS overrides the default 250,000). */
export function maxEncounters(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ROUNDS_MAX_ENCOUNTERS);
  return Number.isSafeInteger(n) && n > 0 ? n : 250_000;
}

/** Loads suites, doctors and protocols and expands the plan; fails before anything is stored. A long-lived server passes the catalog it loaded once. */
export function prepareRun(runId: string, config: RunConfig, catalog: Catalog = loadCatalog()): PreparedRun {
  const steps = preparing(runId, config, catalog);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * prepareRun with a turn of the event loop between its heavier steps (each suite read, the cross-check): a server
 * preparing a large run keeps answering meanwhile. The same steps, so the same run.
 */
export async function prepareRunYielding(runId: string, config: RunConfig, catalog: Catalog = loadCatalog()): Promise<PreparedRun> {
  const steps = preparing(runId, config, catalog);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise((r) => setImmediate(r));
  }
}

function* preparing(runId: string, config: RunConfig, catalog: Catalog): Generator<void, PreparedRun> {
  if (config.suites.length === 0) throw new ConfigError('No suite given; try --suite core.');
  const biased = applyBiases({ biases: config.biases, doctors: config.doctors, patient: config.patient });
  const doctors = biased.doctors.map((d) => resolveDoctor(d));
  const names = doctors.map((d) => d.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new ConfigError(`Doctor "${dup}" is given twice; each doctor must be distinct.`);
  const protocols = config.protocols.map((p) => resolveProtocol(p));
  // Models, keys and the price file are checked now, before anything is stored.
  const actors = buildActors({ patient: biased.patient, lab: config.lab, fhir: config.fhir });
  // The judge and the moderator are scorers too, graded after the deterministic match; their models are checked now.
  const scorers = resolveScorers({ judge: config.judge, moderator: config.moderator, scorers: config.scorers });
  if (config.prices) loadPrices(config.prices);
  const problems: CaseProblem[] = [];
  const cases: LoadedCase[] = [];
  for (const s of config.suites) {
    yield;
    const suite = resolveSuite(s);
    problems.push(...suite.problems);
    for (const c of suite.cases) if (!cases.some((x) => x.kase.id === c.kase.id && x.file === c.file)) cases.push(c);
  }
  yield;
  const cross = crossCheck(cases, catalog);
  problems.push(...cross);
  const badFiles = new Set(cross.map((p) => `${p.file}:${p.line ?? ''}`));
  const valid = cases.filter((c) => !badFiles.has(`${c.file}:${c.line ?? ''}`));
  if (problems.length && !config.skipInvalid) throw new CaseValidationError(problems);
  if (valid.length === 0)
    throw new ConfigError(
      `The suite${config.suites.length > 1 ? 's' : ''} ${config.suites.join(', ')} hold${config.suites.length > 1 ? '' : 's'} no valid cases.`,
    );
  // A conversation case has no diagnosis: only the rubric grader says how good the reply was.
  const conversation = valid.find((c) => c.kase.conversation);
  if (conversation && !scorers.some((s) => s.name === 'rubric'))
    throw new ConfigError(
      `Case ${conversation.kase.id} is a conversation, graded only by its rubric; add --scorer rubric:model=<model> (or --scorer rubric with --judge <model>).`,
    );
  // Sized before it is built: a mistyped --seeds must fail in a sentence, not run out of memory.
  const input = { runId, cases: valid.map((c) => c.kase), doctors, protocols, seeds: config.seeds };
  const size = planSize(input);
  const max = maxEncounters();
  if (size > max) {
    throw new ConfigError(
      `The run would have ${size.toLocaleString('en-US')} encounters (${valid.length} cases x ${doctors.length} doctors x ${protocols.length} protocols x ${config.seeds.length} seeds), more than the ${max.toLocaleString('en-US')} one run may hold; use fewer seeds or split the run (ROUNDS_MAX_ENCOUNTERS raises the limit).`,
    );
  }
  let items: PlannedEncounter[] | undefined;
  const provenance = { caseSetHash: caseSetHash(valid.map((c) => c.kase)), caseCount: valid.length, gitCommit: gitCommit() };
  return {
    config: { ...config, scoredBy: scorers.map((s) => s.name), ...provenance },
    size,
    plan: () => planEncounters(input),
    get items() {
      return (items ??= planRun(input));
    },
    catalog,
    skipped: problems,
    actors,
    scorers,
  };
}

export interface RunHandlers {
  signal?: AbortSignal;
  onStart?: (info: { runId: string; total: number; remaining: number; skipped: CaseProblem[] }) => void;
  onProgress?: (p: RunProgress, last: EncounterResult) => void;
  /** Executes the encounters somewhere else (the queue runner); the default runs them in this process. */
  runner?: EncounterRunner;
}

/** Runs a run's unfinished encounters and reports progress; runLocal is the default. */
export type EncounterRunner = (input: {
  store: Store;
  runId: string;
  items: PlannedEncounter[];
  alreadyDone: RunProgress;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress, last: EncounterResult) => void;
}) => Promise<{ progress: RunProgress; completed: boolean }>;

/** How a run call ended; `stoppedBy` says why an incomplete run stopped when it was not the caller's signal. */
export interface RunOutcome {
  runId: string;
  completed: boolean;
  progress: RunProgress;
  stoppedBy?: 'max-usd';
}

/** Creates a run in the store and executes it locally; `prepared` spares a caller that already validated the run a second preparation. */
export async function startRun(
  store: Store,
  config: RunConfig,
  handlers: RunHandlers = {},
  runId = newRunId(),
  prepared = prepareRun(runId, config),
): Promise<RunOutcome> {
  const now = new Date().toISOString();
  const run: RunRecord = {
    id: runId,
    createdAt: now,
    updatedAt: now,
    status: 'running',
    // What the run was given, plus which scorers ran (scoredBy), the case set's hash and the git commit.
    config: { ...prepared.config },
    versions: collectVersions(),
    total: prepared.size,
  };
  // The plan streams into the store in chunks (a loop turn between them) and is generated again, lazily, to run it:
  // neither step holds it whole, however large it is.
  await store.createRun(run, prepared.plan());
  handlers.onStart?.({ runId, total: prepared.size, remaining: prepared.size, skipped: prepared.skipped });
  return execute(store, runId, prepared, { items: prepared.plan(), total: prepared.size }, undefined, handlers);
}

/**
 * Finishes an interrupted run: reruns only the encounters that are not done, replacing their partial events.
 * With `retryErrors`, encounters that ended in error (a provider outage, a bad key) are reopened and rerun too.
 */
export async function resumeRun(store: Store, runId: string, handlers: RunHandlers = {}, opts: { retryErrors?: boolean } = {}): Promise<RunOutcome> {
  const run = await store.getRun(runId);
  const config = run.config as unknown as RunConfig;
  const prepared = prepareRun(run.id, config);
  const encounters = await store.listEncounters(run.id);
  // A run stored by an earlier release keeps its hash-only ids: the plan is keyed by those.
  const byId = planById(run.id, prepared.items, encounters.length > 0 && isLegacyEncounterId(encounters[0].id));
  const missing = encounters.filter((e) => !byId.has(e.id));
  if (missing.length) {
    throw new ConfigError(
      `Run ${run.id} cannot be resumed: ${missing.length} of its encounters (e.g. case ${missing[0].caseId}) no longer match the cases on disk.`,
    );
  }
  const errored = opts.retryErrors ? encounters.filter((e) => e.status === 'done' && e.verdict === 'error') : [];
  if (errored.length) {
    // Back to pending, with the attempt token cleared: the rerun begins a fresh, fenced attempt (its old events are
    // replaced then), and a worker will not skip it as done.
    await store.reopenEncounters(
      run.id,
      errored.map((e) => e.id),
    );
    for (const e of errored) e.status = 'pending';
  }
  const done = encounters.filter((e) => e.status === 'done');
  const todo = encounters.filter((e) => e.status !== 'done').map((e) => byId.get(e.id)!);
  const scored = done.filter((e) => e.verdict !== 'error');
  const already: RunProgress = {
    done: done.length,
    total: encounters.length,
    correct: scored.filter((e) => e.verdict === 'correct').length,
    scored: scored.length,
    errors: done.length - scored.length,
  };
  await store.setRunStatus(run.id, 'running');
  handlers.onStart?.({ runId: run.id, total: encounters.length, remaining: todo.length, skipped: prepared.skipped });
  return execute(store, run.id, prepared, { items: todo, total: todo.length }, already, handlers);
}

async function execute(
  store: Store,
  runId: string,
  prepared: PreparedRun,
  work: { items: Iterable<PlannedEncounter>; total: number },
  already: RunProgress | undefined,
  handlers: RunHandlers,
) {
  const alreadyDone = already ?? { done: 0, total: work.total, correct: 0, scored: 0, errors: 0 };
  if (handlers.runner) {
    // The queue runner enqueues every id at once, so it takes the plan as an array.
    const items = Array.isArray(work.items) ? (work.items as PlannedEncounter[]) : [...work.items];
    const r = await handlers.runner({ store, runId, items, alreadyDone, signal: handlers.signal, onProgress: handlers.onProgress });
    // Workers also mark the run done when they finish its last encounter, so a follower that stops early loses nothing.
    await store.setRunStatus(runId, r.completed ? 'done' : 'interrupted');
    return { runId, completed: r.completed, progress: r.progress };
  }
  // --max-usd stops the run like Ctrl-C: encounters in flight are left for --resume.
  const budget = new AbortController();
  const signal = handlers.signal ? AbortSignal.any([handlers.signal, budget.signal]) : budget.signal;
  const llm = runRuntime({ config: prepared.config, cache: storeCache(store.db), onBudget: () => budget.abort() });
  const { progress, completed } = await runLocal({
    items: work.items,
    total: work.total,
    store,
    actors: prepared.actors,
    catalog: prepared.catalog,
    concurrency: prepared.config.concurrency,
    alreadyDone,
    signal,
    onProgress: handlers.onProgress,
    llm,
    scorers: prepared.scorers,
  });
  await llm.limiter.close();
  await store.setRunStatus(runId, completed ? 'done' : 'interrupted');
  return { runId, completed, progress, ...(budget.signal.aborted && !completed ? { stoppedBy: 'max-usd' as const } : {}) };
}

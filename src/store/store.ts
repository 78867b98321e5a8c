import { accessSync, constants as fsConstants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider, readableMigrationCount } from './migrations.js';
import { withStatementCache } from './statement-cache.js';
import type { EncounterDetail, EncounterRecord, EncounterStatus, RunRecord, RunReportData, RunStatus, ScoreRecord } from './types.js';
import type { EncounterEvent, EndReason } from '../encounter/events.js';
import type { Score, Verdict } from '../scoring/types.js';
import { ConfigError, NotFoundError } from '../util/errors.js';
import { randomUUID } from 'node:crypto';
import { checkStoreLocation, connectionUrl, isPostgresUrl, maskStoreUrl } from './store-url.js';
import { explainDamage, noteOpenedStore } from './store-damage.js';
import { urlSecrets } from '../util/url-credentials.js';
import { registerSecret } from '../util/redact.js';
import { AttemptSupersededError } from './attempt-superseded-error.js';
import { appendFencedPostgres } from './append-fenced-postgres.js';
import { SqliteHotPath } from './sqlite-hot-path.js';
import { eventBody } from './event-body.js';
import { migrateOnce } from './sqlite-migration-lock.js';
import { fromRow, SqliteEvents } from './sqlite-events.js';

export const DEFAULT_STORE = '.rounds/rounds.db';

/** One encounter the plan holds, before it runs. */
export interface PlannedEncounterRow {
  id: string;
  ordinal: number;
  caseId: string;
  specialty: string;
  difficulty: string;
  diagnosis: string;
  doctor: string;
  protocol: string;
  seed: string;
}

export interface EncounterFilter {
  runId?: string;
  doctor?: string;
  caseId?: string;
  verdict?: string;
  status?: string;
  endReason?: string;
  limit: number;
  offset: number;
}

export interface EncounterOutcome {
  endReason: EndReason | null;
  verdict: Verdict;
  cost: number;
  turns: number;
  finishedAt: string;
  scores: Score[];
}

/** Runs, encounters, events and scores over Kysely (SQLite by default). */
export class Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly location: string,
    /** Prepared-statement writes for SQLite's per-step hot path; absent on PostgreSQL. */
    private readonly hot?: SqliteHotPath,
    /** Reads of a writable SQLite store's events from its two tables; absent on PostgreSQL (and read-only), which read `events`. */
    private readonly sqliteEvents?: SqliteEvents,
  ) {}

  /** Applies pending migrations; safe to call on every open. */
  async migrate(): Promise<void> {
    // On PostgreSQL Kysely holds an advisory lock around this; on SQLite the caller holds the file's write lock.
    const { error, results } = await new Migrator({ db: this.db, provider: migrationProvider }).migrateToLatest();
    if (error) {
      const damage = explainDamage(error, this.location);
      if (damage) throw damage;
      const failed = results?.find((r) => r.status === 'Error');
      throw new ConfigError(
        `The store at ${this.location} could not be migrated${failed ? ` (${failed.migrationName})` : ''}: ${(error as Error).message || (error as { code?: string }).code || String(error)}`,
      );
    }
  }

  async close(): Promise<void> {
    this.settle();
    await this.db.destroy();
  }

  /** Commits a waiting group of replayable encounters now (every other store call does this first). */
  async flush(): Promise<void> {
    this.settle();
  }

  /** Reads and writes see every finished encounter: a waiting group commit goes first. */
  private settle(): void {
    if (!this.hot) return;
    this.hot.forgetAttempts();
    if (this.hot.pending && this.hot.available) this.hot.flush();
  }

  /**
   * Creates a run and all its planned encounters in one transaction. The plan may be a lazy generator: it is read
   * 500 rows at a time, so a large plan is never held whole.
   */
  async createRun(run: RunRecord, plan: Iterable<PlannedEncounterRow>): Promise<void> {
    this.settle();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('runs')
        .values({
          id: run.id,
          created_at: run.createdAt,
          updated_at: run.updatedAt,
          status: run.status,
          config: JSON.stringify(run.config),
          versions: JSON.stringify(run.versions),
          total: run.total,
        })
        .execute();
      // Chunked so a large plan stays under SQLite's bound-parameter limit; between
      // chunks the event loop gets a turn, so a server stays responsive while a big run is created.
      let chunk: PlannedEncounterRow[] = [];
      let first = true;
      const insert = async () => {
        if (!first) await new Promise((r) => setImmediate(r));
        first = false;
        await trx
          .insertInto('encounters')
          .values(
            chunk.map((p) => ({
              id: p.id,
              run_id: run.id,
              ordinal: p.ordinal,
              case_id: p.caseId,
              specialty: p.specialty,
              difficulty: p.difficulty,
              diagnosis: p.diagnosis,
              doctor: p.doctor,
              protocol: p.protocol,
              seed: p.seed,
              status: 'pending',
              end_reason: null,
              verdict: null,
              cost: null,
              turns: null,
              started_at: null,
              finished_at: null,
            })),
          )
          .execute();
        chunk = [];
      };
      for (const p of plan) {
        chunk.push(p);
        if (chunk.length === 500) await insert();
      }
      if (chunk.length) await insert();
    });
  }

  async setRunStatus(id: string, status: RunStatus): Promise<void> {
    this.settle();
    await this.db.updateTable('runs').set({ status, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  }

  /** A run by id, a unique id prefix, or `latest` (the most recently created run). */
  async getRun(id: string): Promise<RunRecord> {
    this.settle();
    if (id === 'latest') {
      const newest = await this.db.selectFrom('runs').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      if (!newest) throw new NotFoundError(`There are no runs in ${this.location} yet; \`rounds run\` starts one.`);
      id = newest.id;
    }
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) {
      const like = await this.db.selectFrom('runs').select('id').where('id', 'like', `${id}%`).execute();
      if (like.length === 1) return this.getRun(like[0].id);
      throw new NotFoundError(`No run "${id}" in ${this.location}; \`rounds runs list\` shows the runs there.`);
    }
    return toRun(row);
  }

  async listRuns(limit = 50): Promise<Array<RunRecord & { done: number }>> {
    this.settle();
    const rows = await this.db.selectFrom('runs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
    const counts = await this.db
      .selectFrom('encounters')
      .select(['run_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'done')
      .where('run_id', 'in', rows.length ? rows.map((r) => r.id) : [''])
      .groupBy('run_id')
      .execute();
    const done = new Map(counts.map((c) => [c.run_id, Number(c.n)]));
    return rows.map((r) => ({ ...toRun(r), done: done.get(r.id) ?? 0 }));
  }

  /** Encounters of a run, in plan order; optionally only those not yet done. */
  async listEncounters(runId: string, opts: { unfinished?: boolean } = {}): Promise<EncounterRecord[]> {
    this.settle();
    let q = this.db.selectFrom('encounters').selectAll().where('run_id', '=', runId);
    if (opts.unfinished) q = q.where('status', '!=', 'done');
    return (await q.orderBy('ordinal').execute()).map(toEncounter);
  }

  /** Encounters across runs matching every given filter, newest run first, in plan order within a run. */
  async findEncounters(filter: EncounterFilter): Promise<EncounterRecord[]> {
    this.settle();
    let q = this.db.selectFrom('encounters').selectAll();
    if (filter.runId) q = q.where('run_id', '=', filter.runId);
    if (filter.doctor) q = q.where('doctor', '=', filter.doctor);
    if (filter.caseId) q = q.where('case_id', '=', filter.caseId);
    if (filter.verdict) q = q.where('verdict', '=', filter.verdict);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.endReason) q = q.where('end_reason', '=', filter.endReason);
    const rows = await q.orderBy('run_id', 'desc').orderBy('ordinal').limit(filter.limit).offset(filter.offset).execute();
    return rows.map(toEncounter);
  }

  /**
   * Marks an encounter as running and clears anything a previous, interrupted
   * attempt left, so a rerun replaces its events instead of adding to them.
   * Returns a fresh attempt token (a fencing token): writes carrying an older
   * token are refused, so a stalled worker cannot mix into the new attempt.
   */
  async beginEncounter(id: string, startedAt: string, opts: { deferred?: boolean } = {}): Promise<string> {
    const attempt = randomUUID();
    // A replayable encounter of a local run waits for a group commit (see SqliteHotPath.beginDeferred); SQLite only.
    if (opts.deferred && this.hot?.available) {
      this.hot.beginDeferred(id, attempt, startedAt);
      return attempt;
    }
    this.settle();
    if (this.hot?.available) {
      this.hot.beginEncounter(id, attempt, startedAt);
      return attempt;
    }
    await this.db.transaction().execute(async (trx) => {
      // The update comes first: on PostgreSQL it locks the row, so the deletes
      // below see every event a concurrent (now superseded) attempt committed.
      await trx
        .updateTable('encounters')
        .set({ status: 'running', attempt, started_at: startedAt, finished_at: null, end_reason: null, verdict: null, cost: null, turns: null })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('events').where('encounter_id', '=', id).execute();
      await trx.deleteFrom('scores').where('encounter_id', '=', id).execute();
    });
    return attempt;
  }

  /**
   * Puts finished encounters of a run back to pending (for `--resume --retry-errors`); only those that are
   * still done and errored, so a second resume racing this one cannot reopen an encounter twice.
   * Clearing the attempt fences out any writer still holding the old token.
   */
  async reopenEncounters(runId: string, ids: readonly string[]): Promise<number> {
    this.settle();
    let n = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const r = await this.db
        .updateTable('encounters')
        .set({ status: 'pending', attempt: null, end_reason: null, verdict: null, cost: null, turns: null, finished_at: null })
        .where('run_id', '=', runId)
        .where('id', 'in', ids.slice(i, i + 500))
        .where('status', '=', 'done')
        .where('verdict', '=', 'error')
        .executeTakeFirst();
      n += Number(r.numUpdatedRows);
    }
    return n;
  }

  /** Appends events; with an attempt token, only while that attempt still owns the encounter. */
  appendEvents(encounterId: string, events: readonly EncounterEvent[], attempt?: string): Promise<void> {
    if (events.length === 0) return DONE;
    // A deferred encounter's events only wait in memory: no async function (a promise and a turn) for that, at every step.
    if (this.hot?.isDeferred(attempt)) return settled(() => this.hot!.appendDeferred(attempt!, events));
    return this.appendEventsNow(encounterId, events, attempt);
  }

  private async appendEventsNow(encounterId: string, events: readonly EncounterEvent[], attempt?: string): Promise<void> {
    this.settle();
    if (this.hot?.available) return this.hot.appendEvents(encounterId, events, attempt);
    if (attempt === undefined) return this.insertEvents(this.db, encounterId, events);
    if (isPostgresUrl(this.location)) return appendFencedPostgres(this.db, encounterId, events, attempt);
    await this.db.transaction().execute(async (trx) => {
      await this.holdAttempt(trx, encounterId, attempt);
      await this.insertEvents(trx, encounterId, events);
    });
  }

  /** Locks the encounter row for this transaction if `attempt` still owns it; throws otherwise. */
  private async holdAttempt(trx: Transaction<Database>, id: string, attempt: string): Promise<void> {
    const r = await trx
      .updateTable('encounters')
      .set({ attempt })
      .where('id', '=', id)
      .where('attempt', '=', attempt)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new AttemptSupersededError(id);
  }

  private async insertEvents(db: Kysely<Database> | Transaction<Database>, encounterId: string, events: readonly EncounterEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 150) {
      await db
        .insertInto('events')
        .values(
          events.slice(i, i + 150).map((e) => {
            return { encounter_id: encounterId, seq: e.seq, type: e.type, at: e.at, body: eventBody(e) };
          }),
        )
        .execute();
    }
  }

  /**
   * Stores the last events, the outcome and the scores of an encounter atomically.
   * With an attempt token: a no-op if the encounter is already done, and an
   * AttemptSupersededError if another attempt owns it.
   */
  finishEncounter(id: string, lastEvents: readonly EncounterEvent[], outcome: EncounterOutcome, attempt?: string): Promise<void> {
    // A deferred encounter joins its group synchronously (committing the group when it is full).
    if (this.hot?.isDeferred(attempt)) return settled(() => this.hot!.finishEncounter(id, lastEvents, outcome, attempt));
    return this.finishEncounterNow(id, lastEvents, outcome, attempt);
  }

  private async finishEncounterNow(id: string, lastEvents: readonly EncounterEvent[], outcome: EncounterOutcome, attempt?: string): Promise<void> {
    this.settle();
    if (this.hot?.available) return this.hot.finishEncounter(id, lastEvents, outcome, attempt);
    await this.db.transaction().execute(async (trx) => {
      if (attempt !== undefined) {
        try {
          await this.holdAttempt(trx, id, attempt);
        } catch (e) {
          const row = await trx.selectFrom('encounters').select('status').where('id', '=', id).executeTakeFirst();
          if (row?.status === 'done') return;
          throw e;
        }
      }
      if (lastEvents.length) await this.insertEvents(trx, id, lastEvents);
      await trx.deleteFrom('scores').where('encounter_id', '=', id).execute();
      if (outcome.scores.length) {
        await trx
          .insertInto('scores')
          .values(outcome.scores.map((s) => ({ encounter_id: id, name: s.name, value: s.value, detail: s.detail })))
          .execute();
      }
      await trx
        .updateTable('encounters')
        .set({
          status: 'done' satisfies EncounterStatus,
          end_reason: outcome.endReason,
          verdict: outcome.verdict,
          cost: outcome.cost,
          turns: outcome.turns,
          finished_at: outcome.finishedAt,
        })
        .where('id', '=', id)
        .execute();
    });
  }

  /**
   * Adds or replaces one score of a finished encounter (a person's label of its diagnosis), leaving the others.
   * Fails when the encounter does not exist.
   */
  async setScore(encounterId: string, score: { name: string; value: number | null; detail: string }): Promise<void> {
    await this.getEncounter(encounterId);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('scores').where('encounter_id', '=', encounterId).where('name', '=', score.name).execute();
      await trx.insertInto('scores').values({ encounter_id: encounterId, name: score.name, value: score.value, detail: score.detail }).execute();
    });
  }

  async getEvents(encounterId: string): Promise<EncounterEvent[]> {
    this.settle();
    if (this.sqliteEvents) return this.sqliteEvents.ofEncounter(encounterId);
    const rows = await this.db.selectFrom('events').selectAll().where('encounter_id', '=', encounterId).orderBy('seq').execute();
    return rows.map(fromRow);
  }

  async getScores(encounterId: string): Promise<ScoreRecord[]> {
    this.settle();
    const rows = await this.db.selectFrom('scores').selectAll().where('encounter_id', '=', encounterId).orderBy('name').execute();
    return rows.map((r) => ({ encounterId: r.encounter_id, name: r.name, value: r.value === null ? null : Number(r.value), detail: r.detail }));
  }

  async getEncounter(id: string): Promise<EncounterRecord> {
    this.settle();
    const row = await this.db.selectFrom('encounters').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`No encounter "${id}" in ${this.location}.`);
    return toEncounter(row);
  }

  /** Everything the report renderers need, optionally with each encounter's events. */
  async reportData(runId: string, opts: { events?: boolean } = {}): Promise<RunReportData> {
    this.settle();
    const run = await this.getRun(runId);
    const rows = await this.db.selectFrom('encounters').selectAll().where('run_id', '=', run.id).orderBy('ordinal').execute();
    const scoreRows = await this.db
      .selectFrom('scores')
      .innerJoin('encounters', 'encounters.id', 'scores.encounter_id')
      .select(['scores.encounter_id', 'scores.name', 'scores.value', 'scores.detail'])
      .where('encounters.run_id', '=', run.id)
      .execute();
    const scores = new Map<string, EncounterDetail['scores']>();
    for (const s of scoreRows) {
      const m = scores.get(s.encounter_id) ?? {};
      m[s.name] = { value: s.value === null ? null : Number(s.value), detail: s.detail };
      scores.set(s.encounter_id, m);
    }
    let events = new Map<string, EncounterEvent[]>();
    if (opts.events && this.sqliteEvents) events = this.sqliteEvents.ofRun(run.id);
    else if (opts.events) {
      // `in` rather than a join: on a SQLite `events` view (a read-only store) the filter reaches both tables' indexes.
      const evRows = await this.db
        .selectFrom('events')
        .select(['encounter_id', 'seq', 'type', 'at', 'body'])
        .where('encounter_id', 'in', (q) => q.selectFrom('encounters').select('id').where('run_id', '=', run.id))
        .orderBy('encounter_id')
        .orderBy('seq')
        .execute();
      for (const r of evRows) {
        const list = events.get(r.encounter_id) ?? [];
        list.push(fromRow(r));
        events.set(r.encounter_id, list);
      }
    }
    return {
      run,
      encounters: rows.map((r) => ({
        ...toEncounter(r),
        diagnosis: r.diagnosis,
        scores: scores.get(r.id) ?? {},
        ...(opts.events ? { events: events.get(r.id) ?? [] } : {}),
      })),
    };
  }
}

/** One resolved promise for every write that finished synchronously. */
const DONE: Promise<void> = Promise.resolve();

/** Runs synchronous work as an async method would: a throw becomes a rejected promise, never a synchronous throw. */
function settled(work: () => void): Promise<void> {
  try {
    work();
    return DONE;
  } catch (e) {
    return Promise.reject(e);
  }
}

function toRun(r: Database['runs']): RunRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    status: r.status as RunStatus,
    config: JSON.parse(r.config),
    versions: JSON.parse(r.versions),
    total: Number(r.total),
  };
}

function toEncounter(r: Database['encounters']): EncounterRecord {
  return {
    id: r.id,
    runId: r.run_id,
    ordinal: Number(r.ordinal),
    caseId: r.case_id,
    specialty: r.specialty,
    difficulty: r.difficulty,
    doctor: r.doctor,
    protocol: r.protocol,
    seed: r.seed,
    status: r.status as EncounterStatus,
    endReason: r.end_reason as EndReason | null,
    verdict: r.verdict as Verdict | null,
    cost: r.cost === null ? null : Number(r.cost),
    turns: r.turns === null ? null : Number(r.turns),
    startedAt: r.started_at ?? '',
    finishedAt: r.finished_at,
  };
}

/** Opens (and migrates) the store a `--store` value names: a SQLite file path by default. */
export async function openStore(location: string = DEFAULT_STORE, opts: { poolSize?: number; mustExist?: boolean; readOnly?: boolean } = {}): Promise<Store> {
  checkStoreLocation(location);
  if (isPostgresUrl(location)) {
    for (const secret of urlSecrets(location)) registerSecret(secret);
    // The same Kysely code and migrations; the URL is masked wherever it is shown.
    // pg loads only for a PostgreSQL store: every SQLite command would otherwise pay for it at start.
    const { postgresKysely } = await import('./postgres.js');
    const store = new Store(postgresKysely({ url: connectionUrl(location), poolSize: opts.poolSize }), maskStoreUrl(location));
    try {
      await store.migrate();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }
  const path = location === ':memory:' ? location : resolve(location);
  // Read-only commands should not leave an empty database behind a mistyped path.
  if (opts.mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new NotFoundError(`No store at ${location}; start a run with \`npx rounds run\` or pass --store <path>.`);
  }
  noteOpenedStore(location);
  // A read-only command on a file it may not write (a shared archive, a chmod 444 copy) opens it read-only, unmigrated.
  if (opts.readOnly && path !== ':memory:' && !writable(path)) return openReadOnly(location, path);
  if (path !== ':memory:') {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch {
      throw new ConfigError(`Cannot create the folder for the store at ${location}; choose another path with --store.`);
    }
  }
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path);
    // First, so that the pragmas below wait for another process opening the same file rather than fail at once.
    database.pragma('busy_timeout = 5000');
    // A new store gets 8 KiB pages (an existing one keeps its own: this is a no-op once the file has a page): a run
    // appends a few KiB of events per encounter, and each page written costs the WAL two writes and the checkpoint a
    // read and a write, so fewer, larger pages mean fewer system calls per encounter (~5-8 % more encounters/s in
    // `npm run bench:memory` than 4 KiB; 16 KiB was slower again, each commit rewriting larger partial pages).
    database.pragma('page_size = 8192');
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // Every step commits and rewrites the same few hot pages (the encounter row, the events tail); a
    // checkpoint every 64 MB of WAL (16k pages of 4 KiB, 8k of 8 KiB) instead of SQLite's 1k pages copies each
    // page once, not dozens of times, and fsyncs far less often. Commits stay as durable: this only moves checkpoints.
    database.pragma(`wal_autocheckpoint = ${(64 * 1024 * 1024) / (database.pragma('page_size', { simple: true }) as number)}`);
    database.pragma('foreign_keys = ON');
  } catch (e) {
    throw explainDamage(e, location) ?? new ConfigError(`Cannot open the store at ${location}: ${(e as Error).message}.`);
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  // Migrate first: the hot path prepares statements against the final schema.
  const migrating = new Store(kysely, location);
  try {
    await migrateOnce(database, location, () => migrating.migrate());
  } catch (e) {
    database.close();
    if (e instanceof ConfigError) throw e;
    throw explainDamage(e, location) ?? new ConfigError(`Cannot open the store at ${location}: ${(e as Error).message}.`);
  }
  return new Store(kysely, location, new SqliteHotPath(database), new SqliteEvents(database));
}

/** True when this process may write the file and the folder beside it (SQLite's WAL needs both). */
function writable(path: string): boolean {
  try {
    accessSync(path, fsConstants.W_OK);
    accessSync(dirname(path), fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function openReadOnly(location: string, path: string): Store {
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    database.pragma('busy_timeout = 5000');
    try {
      database.prepare('select count(*) from sqlite_master').get();
    } catch (e) {
      // A WAL-mode file in a folder this process cannot write has no shared-memory file to read through
      // (and this SQLite build takes no `immutable=1` URI), so read a private snapshot copy instead.
      if (!/^SQLITE_(READONLY|CANTOPEN)/.test(String((e as { code?: string }).code))) throw e;
      database.close();
      database = new BetterSqlite3(snapshotCopy(path), { readonly: true, fileMustExist: true });
    }
    const applied = (database.prepare("select count(*) as n from sqlite_master where name = 'kysely_migration'").get() as { n: number }).n
      ? (database.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n
      : 0;
    if (applied < readableMigrationCount()) {
      database.close();
      throw new ConfigError(
        `The store at ${location} is read-only and was written by an older Rounds; copy it somewhere writable and pass that path with --store.`,
      );
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw explainDamage(e, location) ?? new ConfigError(`Cannot open the store at ${location} read-only: ${(e as Error).message}.`);
  }
  return new Store(new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }), location);
}

/** Copies a SQLite file (and its WAL, if any) to a private temporary folder removed when the process exits. */
function snapshotCopy(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-ro-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  return copy;
}

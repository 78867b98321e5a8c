// bench/run.ts
import { mkdtempSync as mkdtempSync2, rmSync as rmSync2 } from "node:fs";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join13 } from "node:path";

// src/store/store.ts
import { accessSync, constants as fsConstants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely as Kysely2, Migrator, SqliteDialect } from "kysely";

// src/store/migrations.ts
import { sql } from "kysely";
var migrations = {
  "0001-initial": {
    async up(db) {
      await db.schema.createTable("runs").addColumn("id", "text", (c) => c.primaryKey()).addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull()).addColumn("status", "text", (c) => c.notNull()).addColumn("config", "text", (c) => c.notNull()).addColumn("versions", "text", (c) => c.notNull()).addColumn("total", "integer", (c) => c.notNull()).execute();
      await db.schema.createTable("encounters").addColumn("id", "text", (c) => c.primaryKey()).addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade")).addColumn("ordinal", "integer", (c) => c.notNull()).addColumn("case_id", "text", (c) => c.notNull()).addColumn("specialty", "text", (c) => c.notNull()).addColumn("difficulty", "text", (c) => c.notNull()).addColumn("diagnosis", "text", (c) => c.notNull()).addColumn("doctor", "text", (c) => c.notNull()).addColumn("protocol", "text", (c) => c.notNull()).addColumn("seed", "text", (c) => c.notNull()).addColumn("status", "text", (c) => c.notNull()).addColumn("end_reason", "text").addColumn("verdict", "text").addColumn("cost", "double precision").addColumn("turns", "integer").addColumn("started_at", "text").addColumn("finished_at", "text").execute();
      await db.schema.createIndex("encounters_run").on("encounters").columns(["run_id", "ordinal"]).execute();
      await db.schema.createTable("events").addColumn("encounter_id", "text", (c) => c.notNull()).addColumn("seq", "integer", (c) => c.notNull()).addColumn("type", "text", (c) => c.notNull()).addColumn("at", "text", (c) => c.notNull()).addColumn("body", "text", (c) => c.notNull()).addPrimaryKeyConstraint("events_pk", ["encounter_id", "seq"]).execute();
      await db.schema.createTable("scores").addColumn("encounter_id", "text", (c) => c.notNull()).addColumn("name", "text", (c) => c.notNull()).addColumn("value", "double precision").addColumn("detail", "text", (c) => c.notNull()).addPrimaryKeyConstraint("scores_pk", ["encounter_id", "name"]).execute();
      await db.schema.createTable("cache").addColumn("key", "text", (c) => c.primaryKey()).addColumn("value", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).addColumn("hits", "integer", (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db) {
      for (const t of ["cache", "scores", "events", "encounters", "runs"]) await db.schema.dropTable(t).ifExists().execute();
      void sql;
    }
  },
  // The fencing token: a retried or stalled encounter gets a new attempt and
  // writes from an older attempt are refused (exactly-once under retries).
  "0002-encounter-attempt": {
    async up(db) {
      await db.schema.alterTable("encounters").addColumn("attempt", "text").execute();
    },
    async down(db) {
      await db.schema.alterTable("encounters").dropColumn("attempt").execute();
    }
  }
};
var migrationProvider = {
  async getMigrations() {
    return migrations;
  }
};
function migrationCount() {
  return Object.keys(migrations).length;
}

// src/store/statement-cache.ts
function withStatementCache(db, max = 500) {
  const cache3 = /* @__PURE__ */ new Map();
  return {
    close: () => db.close(),
    prepare(sql3) {
      let stmt = cache3.get(sql3);
      if (!stmt) {
        stmt = db.prepare(sql3);
        if (cache3.size >= max) cache3.delete(cache3.keys().next().value);
        cache3.set(sql3, stmt);
      }
      return stmt;
    }
  };
}

// src/util/errors.ts
var RoundsError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "RoundsError";
  }
};
var CaseValidationError = class extends RoundsError {
  problems;
  constructor(problems) {
    super(
      problems.length === 1 ? formatProblem(problems[0]) : `${problems.length} problems in case files:
${problems.map((p) => "  " + formatProblem(p)).join("\n")}`
    );
    this.name = "CaseValidationError";
    this.problems = problems;
  }
};
function formatProblem(p) {
  const where = p.line !== void 0 ? `${p.file}:${p.line}` : p.file;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}
var ConfigError = class extends RoundsError {
  constructor(message) {
    super(message);
    this.name = "ConfigError";
  }
};
var NotFoundError = class extends RoundsError {
  constructor(message) {
    super(message);
    this.name = "NotFoundError";
  }
};
var DoctorError = class extends RoundsError {
  constructor(message, options) {
    super(message, options);
    this.name = "DoctorError";
  }
};

// src/store/store.ts
import { randomUUID } from "node:crypto";

// src/util/redact.ts
var SECRET_ENV_VARS = [
  "OPENAI_API_KEY",
  "ANTHROPIC_API_KEY",
  "GOOGLE_GENERATIVE_AI_API_KEY",
  "OPENAI_COMPATIBLE_API_KEY",
  "ROUNDS_TOKEN",
  "ROUNDS_DOCTOR_TOKEN",
  "PGPASSWORD",
  "REDIS_PASSWORD"
];
var MASK = "***";
var MIN_SECRET_LENGTH = 6;
var registered = /* @__PURE__ */ new Set();
function registerSecret(value) {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  registered.add(value);
  try {
    const decoded = decodeURIComponent(value);
    if (decoded.length >= MIN_SECRET_LENGTH) registered.add(decoded);
  } catch {
  }
  registered.add(encodeURIComponent(value));
}
function configuredSecrets(env = process.env) {
  const out = new Set(registered);
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    if (SECRET_ENV_VARS.includes(name) || /(_API_KEY|_TOKEN|_SECRET|PASSWORD)$/i.test(name)) out.add(value);
  }
  return [...out].sort((a, b) => b.length - a.length);
}
var SHAPES = [
  // Anthropic, OpenAI and OpenAI-style keys.
  [/\bsk-ant-[A-Za-z0-9_-]{6,}/g, `sk-ant-${MASK}`],
  [/\bsk-[A-Za-z0-9_-]{6,}/g, `sk-${MASK}`],
  // Google API keys.
  [/\bAIza[0-9A-Za-z_-]{10,}/g, `AIza${MASK}`],
  // Authorization header values, wherever they were echoed.
  // (Only Bearer: "Basic" and "Token" are ordinary words in clinical text.)
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${MASK}`],
  [
    /(["']?\b(?:x-api-key|api[_-]?key|apikey|x-goog-api-key|access[_-]?token|client[_-]?secret|password)["']?\s*[:=]\s*["']?)(?!Bearer\b)[^"'\s,}&]{4,}/gi,
    `$1${MASK}`
  ],
  // Query parameters and key=value pairs that carry credentials.
  [/\b((?:api[_-]?key|key|access[_-]?token|token|password|passwd|pwd|secret)=)[^&\s"'#,;]+/gi, `$1${MASK}`],
  // scheme://user:password@host — up to the LAST @ before the host, so an unencoded @ in the password leaks nothing.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s?#]*@/gi, `$1:${MASK}@`]
];
function redactSecrets(text, env = process.env) {
  let out = text;
  for (const secret of configuredSecrets(env)) if (out.includes(secret)) out = out.split(secret).join(MASK);
  for (const [re, by] of SHAPES) out = out.replace(re, by);
  return out;
}

// src/util/url-credentials.ts
var SECRET_PARAMS = /^(password|passwd|pwd|sslpassword|secret|token|access[_-]?token|api[_-]?key|key)$/i;
function splitUrl(location) {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(location);
  if (!m) return void 0;
  const [, scheme, after] = m;
  const queryAt = after.search(/[?]/);
  const head = queryAt < 0 ? after : after.slice(0, queryAt);
  const at = head.lastIndexOf("@");
  if (at < 0) return { scheme, user: "", rest: after };
  const userinfo = after.slice(0, at);
  const colon = userinfo.indexOf(":");
  return colon < 0 ? { scheme, user: userinfo, rest: after.slice(at + 1) } : { scheme, user: userinfo.slice(0, colon), password: userinfo.slice(colon + 1), rest: after.slice(at + 1) };
}
function rewriteQuery(rest, by, onSecret) {
  const q = rest.indexOf("?");
  if (q < 0) return rest;
  const hash = rest.indexOf("#", q);
  const query = rest.slice(q + 1, hash < 0 ? void 0 : hash);
  const tail = hash < 0 ? "" : rest.slice(hash);
  const kept = [];
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
    }
    if (SECRET_PARAMS.test(decoded)) {
      if (eq >= 0) onSecret(pair.slice(eq + 1));
      if (by !== void 0) kept.push(`${name}=${by}`);
    } else kept.push(pair);
  }
  return `${rest.slice(0, q)}${kept.length ? `?${kept.join("&")}` : ""}${tail}`;
}
function maskUrlCredentials(location) {
  const p = splitUrl(location);
  if (!p) return location;
  registerSecret(p.password);
  const rest = rewriteQuery(p.rest, "***", registerSecret);
  const userinfo = p.password !== void 0 ? `${p.user}:***@` : p.user ? `${p.user}@` : "";
  return `${p.scheme}${userinfo}${rest}`;
}
function urlSecrets(location) {
  const out = [];
  const p = splitUrl(location);
  if (!p) return out;
  if (p.password) out.push(p.password);
  rewriteQuery(p.rest, void 0, (v) => out.push(v));
  return out;
}
var safeDecode = (s) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
function encodeUrlCredentials(location) {
  const p = splitUrl(location);
  if (!p || p.password === void 0 && !p.user) return location;
  const user = encodeURIComponent(safeDecode(p.user));
  return `${p.scheme}${user}${p.password !== void 0 ? `:${encodeURIComponent(safeDecode(p.password))}` : ""}@${p.rest}`;
}

// src/store/store-url.ts
function isPostgresUrl(location) {
  return /^postgres(ql)?:\/\//i.test(location);
}
function checkStoreLocation(location) {
  if (!location.trim()) throw new ConfigError("The --store value is empty; give a SQLite file path or a postgres:// URL.");
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1];
  if (scheme && !isPostgresUrl(location) && scheme.toLowerCase() !== "file") {
    throw new ConfigError(
      `The store "${maskStoreUrl(location)}" uses the unsupported scheme ${scheme}://; Rounds stores runs in a SQLite file (a path) or PostgreSQL (postgres:// or postgresql://).`
    );
  }
}
function maskStoreUrl(location) {
  return maskUrlCredentials(location);
}
function connectionUrl(location) {
  return encodeUrlCredentials(location);
}

// src/store/store-damage.ts
var DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;
var StoreDamagedError = class extends RoundsError {
  constructor(location, detail) {
    super(
      `The store file ${location} is damaged (${detail.replace(/\.$/, "")}); run \`rounds store check --store ${location}\` to see the damage, and pass --store <a new file> to keep working (sqlite3's \`.recover\` can often save the runs in the damaged one).`
    );
    this.location = location;
    this.name = "StoreDamagedError";
  }
  location;
};
function isDamage(e) {
  return DAMAGE_CODES.test(String(e?.code ?? ""));
}
var opened = /* @__PURE__ */ new Set();
function noteOpenedStore(location) {
  if (location !== ":memory:") opened.add(location);
}
function explainDamage(e, location) {
  if (e instanceof StoreDamagedError) return e;
  if (!isDamage(e)) return void 0;
  const where = location ?? ([...opened].join(" or ") || "of this command");
  return new StoreDamagedError(where, e.message || "database disk image is malformed");
}

// src/store/postgres.ts
import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
function postgresKysely(input) {
  const pool = new pg.Pool({ connectionString: input.url, max: input.poolSize ?? 10 });
  pool.on("error", () => {
  });
  return new Kysely({ dialect: new PostgresDialect({ pool }) });
}

// src/store/attempt-superseded-error.ts
var AttemptSupersededError = class extends RoundsError {
  constructor(encounterId2) {
    super(`Encounter ${encounterId2} was restarted by another worker; this attempt stopped without writing.`);
    this.encounterId = encounterId2;
    this.name = "AttemptSupersededError";
  }
  encounterId;
};

// src/store/append-fenced-postgres.ts
import { sql as sql2 } from "kysely";
async function appendFencedPostgres(db, encounterId2, events, attempt) {
  for (let i = 0; i < events.length; i += 150) {
    const rows = events.slice(i, i + 150).map((e) => {
      const { seq, at, type, ...rest } = e;
      return sql2`(${encounterId2}, cast(${seq} as integer), ${type}, ${at}, ${JSON.stringify(rest)})`;
    });
    const r = await sql2`
      insert into events (encounter_id, seq, type, at, body)
      select v.encounter_id, v.seq, v.type, v.at, v.body
      from (values ${sql2.join(rows)}) as v(encounter_id, seq, type, at, body)
      where exists (select 1 from encounters where id = ${encounterId2} and attempt = ${attempt} and status = 'running' for share)
    `.execute(db);
    if (!r.numAffectedRows) throw new AttemptSupersededError(encounterId2);
  }
}

// src/store/sqlite-hot-path.ts
var MAX_ROWS_PER_INSERT = 50;
var SqliteHotPath = class {
  constructor(db) {
    this.db = db;
    const markRunning = db.prepare(
      "update encounters set status = 'running', attempt = ?, started_at = ?, finished_at = null, end_reason = null, verdict = null, cost = null, turns = null where id = ?"
    );
    const deleteEvents = db.prepare("delete from events where encounter_id = ?");
    const deleteScores = db.prepare("delete from scores where encounter_id = ?");
    const hold = db.prepare("update encounters set attempt = attempt where id = ? and attempt = ? and status = 'running'");
    const statusOf = db.prepare("select status from encounters where id = ?");
    const insertEvent = db.prepare("insert into events (encounter_id, seq, type, at, body) values (?, ?, ?, ?, ?)");
    const insertScore = db.prepare("insert into scores (encounter_id, name, value, detail) values (?, ?, ?, ?)");
    const markDone = db.prepare("update encounters set status = 'done', end_reason = ?, verdict = ?, cost = ?, turns = ?, finished_at = ? where id = ?");
    const insertMany = [];
    const insertRows = (rows) => insertMany[rows] ??= db.prepare(`insert into events (encounter_id, seq, type, at, body) values ${Array(rows).fill("(?, ?, ?, ?, ?)").join(", ")}`);
    const insertEvents = (id, events) => {
      for (let start = 0; start < events.length; start += MAX_ROWS_PER_INSERT) {
        const batch = events.slice(start, start + MAX_ROWS_PER_INSERT);
        if (batch.length === 1) {
          const { seq, at, type, ...rest } = batch[0];
          insertEvent.run(id, seq, type, at, JSON.stringify(rest));
          continue;
        }
        const params = [];
        for (const e of batch) {
          const { seq, at, type, ...rest } = e;
          params.push(id, seq, type, at, JSON.stringify(rest));
        }
        insertRows(batch.length).run(params);
      }
    };
    this.begin = db.transaction((id, attempt, startedAt) => {
      markRunning.run(attempt, startedAt, id);
      deleteEvents.run(id);
      deleteScores.run(id);
    });
    this.append = db.transaction((id, events, attempt) => {
      if (attempt !== void 0 && hold.run(id, attempt).changes === 0) throw new AttemptSupersededError(id);
      insertEvents(id, events);
    });
    this.finish = db.transaction((id, events, outcome, attempt) => {
      if (attempt !== void 0 && hold.run(id, attempt).changes === 0) {
        if (statusOf.get(id)?.status === "done") return;
        throw new AttemptSupersededError(id);
      }
      insertEvents(id, events);
      deleteScores.run(id);
      for (const s of outcome.scores) insertScore.run(id, s.name, s.value, s.detail);
      markDone.run(outcome.endReason, outcome.verdict, outcome.cost, outcome.turns, outcome.finishedAt, id);
    });
  }
  db;
  begin;
  append;
  finish;
  /** False while a Kysely transaction holds the connection; the caller then takes the Kysely path, which waits its turn. */
  get available() {
    return !this.db.inTransaction;
  }
  beginEncounter(id, attempt, startedAt) {
    this.begin(id, attempt, startedAt);
  }
  appendEvents(id, events, attempt) {
    this.append(id, events, attempt);
  }
  finishEncounter(id, events, outcome, attempt) {
    this.finish(id, events, outcome, attempt);
  }
};

// src/store/store.ts
var DEFAULT_STORE = ".rounds/rounds.db";
var Store = class {
  constructor(db, location, hot) {
    this.db = db;
    this.location = location;
    this.hot = hot;
  }
  db;
  location;
  hot;
  /** Applies pending migrations; safe to call on every open. */
  async migrate() {
    let { error, results } = await new Migrator({ db: this.db, provider: migrationProvider }).migrateToLatest();
    for (let retry = 0; retry < 3 && error && /already exists/i.test(error.message ?? ""); retry++) {
      await new Promise((r) => setTimeout(r, 50 * (retry + 1)));
      ({ error, results } = await new Migrator({ db: this.db, provider: migrationProvider }).migrateToLatest());
    }
    if (error) {
      const damage = explainDamage(error, this.location);
      if (damage) throw damage;
      const failed = results?.find((r) => r.status === "Error");
      throw new ConfigError(
        `The store at ${this.location} could not be migrated${failed ? ` (${failed.migrationName})` : ""}: ${error.message || error.code || String(error)}`
      );
    }
  }
  async close() {
    await this.db.destroy();
  }
  /** Creates a run and all its planned encounters in one transaction. */
  async createRun(run, plan) {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("runs").values({
        id: run.id,
        created_at: run.createdAt,
        updated_at: run.updatedAt,
        status: run.status,
        config: JSON.stringify(run.config),
        versions: JSON.stringify(run.versions),
        total: run.total
      }).execute();
      for (let i = 0; i < plan.length; i += 500) {
        if (i > 0) await new Promise((r) => setImmediate(r));
        await trx.insertInto("encounters").values(
          plan.slice(i, i + 500).map((p) => ({
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
            status: "pending",
            end_reason: null,
            verdict: null,
            cost: null,
            turns: null,
            started_at: null,
            finished_at: null
          }))
        ).execute();
      }
    });
  }
  async setRunStatus(id, status2) {
    await this.db.updateTable("runs").set({ status: status2, updated_at: (/* @__PURE__ */ new Date()).toISOString() }).where("id", "=", id).execute();
  }
  /** A run by id, a unique id prefix, or `latest` (the most recently created run). */
  async getRun(id) {
    if (id === "latest") {
      const newest = await this.db.selectFrom("runs").select("id").orderBy("created_at", "desc").limit(1).executeTakeFirst();
      if (!newest) throw new NotFoundError(`There are no runs in ${this.location} yet; \`rounds run\` starts one.`);
      id = newest.id;
    }
    const row = await this.db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) {
      const like = await this.db.selectFrom("runs").select("id").where("id", "like", `${id}%`).execute();
      if (like.length === 1) return this.getRun(like[0].id);
      throw new NotFoundError(`No run "${id}" in ${this.location}; \`rounds runs list\` shows the runs there.`);
    }
    return toRun(row);
  }
  async listRuns(limit = 50) {
    const rows = await this.db.selectFrom("runs").selectAll().orderBy("created_at", "desc").limit(limit).execute();
    const counts = await this.db.selectFrom("encounters").select(["run_id", (eb) => eb.fn.countAll().as("n")]).where("status", "=", "done").where("run_id", "in", rows.length ? rows.map((r) => r.id) : [""]).groupBy("run_id").execute();
    const done = new Map(counts.map((c) => [c.run_id, Number(c.n)]));
    return rows.map((r) => ({ ...toRun(r), done: done.get(r.id) ?? 0 }));
  }
  /** Encounters of a run, in plan order; optionally only those not yet done. */
  async listEncounters(runId, opts = {}) {
    let q = this.db.selectFrom("encounters").selectAll().where("run_id", "=", runId);
    if (opts.unfinished) q = q.where("status", "!=", "done");
    return (await q.orderBy("ordinal").execute()).map(toEncounter);
  }
  /** Encounters across runs matching every given filter, newest run first, in plan order within a run. */
  async findEncounters(filter) {
    let q = this.db.selectFrom("encounters").selectAll();
    if (filter.runId) q = q.where("run_id", "=", filter.runId);
    if (filter.doctor) q = q.where("doctor", "=", filter.doctor);
    if (filter.caseId) q = q.where("case_id", "=", filter.caseId);
    if (filter.verdict) q = q.where("verdict", "=", filter.verdict);
    if (filter.status) q = q.where("status", "=", filter.status);
    if (filter.endReason) q = q.where("end_reason", "=", filter.endReason);
    const rows = await q.orderBy("run_id", "desc").orderBy("ordinal").limit(filter.limit).offset(filter.offset).execute();
    return rows.map(toEncounter);
  }
  /**
   * Marks an encounter as running and clears anything a previous, interrupted
   * attempt left, so a rerun replaces its events instead of adding to them.
   * Returns a fresh attempt token (a fencing token): writes carrying an older
   * token are refused, so a stalled worker cannot mix into the new attempt.
   */
  async beginEncounter(id, startedAt) {
    const attempt = randomUUID();
    if (this.hot?.available) {
      this.hot.beginEncounter(id, attempt, startedAt);
      return attempt;
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable("encounters").set({ status: "running", attempt, started_at: startedAt, finished_at: null, end_reason: null, verdict: null, cost: null, turns: null }).where("id", "=", id).execute();
      await trx.deleteFrom("events").where("encounter_id", "=", id).execute();
      await trx.deleteFrom("scores").where("encounter_id", "=", id).execute();
    });
    return attempt;
  }
  /**
   * Puts finished encounters of a run back to pending (for `--resume --retry-errors`); only those that are
   * still done and errored, so a second resume racing this one cannot reopen an encounter twice.
   * Clearing the attempt fences out any writer still holding the old token.
   */
  async reopenEncounters(runId, ids) {
    let n = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const r = await this.db.updateTable("encounters").set({ status: "pending", attempt: null, end_reason: null, verdict: null, cost: null, turns: null, finished_at: null }).where("run_id", "=", runId).where("id", "in", ids.slice(i, i + 500)).where("status", "=", "done").where("verdict", "=", "error").executeTakeFirst();
      n += Number(r.numUpdatedRows);
    }
    return n;
  }
  /** Appends events; with an attempt token, only while that attempt still owns the encounter. */
  async appendEvents(encounterId2, events, attempt) {
    if (events.length === 0) return;
    if (this.hot?.available) return this.hot.appendEvents(encounterId2, events, attempt);
    if (attempt === void 0) return this.insertEvents(this.db, encounterId2, events);
    if (isPostgresUrl(this.location)) return appendFencedPostgres(this.db, encounterId2, events, attempt);
    await this.db.transaction().execute(async (trx) => {
      await this.holdAttempt(trx, encounterId2, attempt);
      await this.insertEvents(trx, encounterId2, events);
    });
  }
  /** Locks the encounter row for this transaction if `attempt` still owns it; throws otherwise. */
  async holdAttempt(trx, id, attempt) {
    const r = await trx.updateTable("encounters").set({ attempt }).where("id", "=", id).where("attempt", "=", attempt).where("status", "=", "running").executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new AttemptSupersededError(id);
  }
  async insertEvents(db, encounterId2, events) {
    for (let i = 0; i < events.length; i += 150) {
      await db.insertInto("events").values(
        events.slice(i, i + 150).map((e) => {
          const { seq, at, type, ...rest } = e;
          return { encounter_id: encounterId2, seq, type, at, body: JSON.stringify(rest) };
        })
      ).execute();
    }
  }
  /**
   * Stores the last events, the outcome and the scores of an encounter atomically.
   * With an attempt token: a no-op if the encounter is already done, and an
   * AttemptSupersededError if another attempt owns it.
   */
  async finishEncounter(id, lastEvents, outcome, attempt) {
    if (this.hot?.available) return this.hot.finishEncounter(id, lastEvents, outcome, attempt);
    await this.db.transaction().execute(async (trx) => {
      if (attempt !== void 0) {
        try {
          await this.holdAttempt(trx, id, attempt);
        } catch (e) {
          const row = await trx.selectFrom("encounters").select("status").where("id", "=", id).executeTakeFirst();
          if (row?.status === "done") return;
          throw e;
        }
      }
      if (lastEvents.length) await this.insertEvents(trx, id, lastEvents);
      await trx.deleteFrom("scores").where("encounter_id", "=", id).execute();
      if (outcome.scores.length) {
        await trx.insertInto("scores").values(outcome.scores.map((s) => ({ encounter_id: id, name: s.name, value: s.value, detail: s.detail }))).execute();
      }
      await trx.updateTable("encounters").set({
        status: "done",
        end_reason: outcome.endReason,
        verdict: outcome.verdict,
        cost: outcome.cost,
        turns: outcome.turns,
        finished_at: outcome.finishedAt
      }).where("id", "=", id).execute();
    });
  }
  async getEvents(encounterId2) {
    const rows = await this.db.selectFrom("events").selectAll().where("encounter_id", "=", encounterId2).orderBy("seq").execute();
    return rows.map(toEvent);
  }
  async getScores(encounterId2) {
    const rows = await this.db.selectFrom("scores").selectAll().where("encounter_id", "=", encounterId2).orderBy("name").execute();
    return rows.map((r) => ({ encounterId: r.encounter_id, name: r.name, value: r.value === null ? null : Number(r.value), detail: r.detail }));
  }
  async getEncounter(id) {
    const row = await this.db.selectFrom("encounters").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new NotFoundError(`No encounter "${id}" in ${this.location}.`);
    return toEncounter(row);
  }
  /** Everything the report renderers need, optionally with each encounter's events. */
  async reportData(runId, opts = {}) {
    const run = await this.getRun(runId);
    const rows = await this.db.selectFrom("encounters").selectAll().where("run_id", "=", run.id).orderBy("ordinal").execute();
    const scoreRows = await this.db.selectFrom("scores").innerJoin("encounters", "encounters.id", "scores.encounter_id").select(["scores.encounter_id", "scores.name", "scores.value", "scores.detail"]).where("encounters.run_id", "=", run.id).execute();
    const scores = /* @__PURE__ */ new Map();
    for (const s of scoreRows) {
      const m = scores.get(s.encounter_id) ?? {};
      m[s.name] = { value: s.value === null ? null : Number(s.value), detail: s.detail };
      scores.set(s.encounter_id, m);
    }
    const events = /* @__PURE__ */ new Map();
    if (opts.events) {
      const evRows = await this.db.selectFrom("events").innerJoin("encounters", "encounters.id", "events.encounter_id").select(["events.encounter_id", "events.seq", "events.type", "events.at", "events.body"]).where("encounters.run_id", "=", run.id).orderBy("events.encounter_id").orderBy("events.seq").execute();
      for (const r of evRows) {
        const list2 = events.get(r.encounter_id) ?? [];
        list2.push(toEvent(r));
        events.set(r.encounter_id, list2);
      }
    }
    return {
      run,
      encounters: rows.map((r) => ({
        ...toEncounter(r),
        diagnosis: r.diagnosis,
        scores: scores.get(r.id) ?? {},
        ...opts.events ? { events: events.get(r.id) ?? [] } : {}
      }))
    };
  }
};
function toRun(r) {
  return {
    id: r.id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    status: r.status,
    config: JSON.parse(r.config),
    versions: JSON.parse(r.versions),
    total: Number(r.total)
  };
}
function toEncounter(r) {
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
    status: r.status,
    endReason: r.end_reason,
    verdict: r.verdict,
    cost: r.cost === null ? null : Number(r.cost),
    turns: r.turns === null ? null : Number(r.turns),
    startedAt: r.started_at ?? "",
    finishedAt: r.finished_at
  };
}
function toEvent(r) {
  return { ...JSON.parse(r.body), type: r.type, seq: Number(r.seq), at: r.at };
}
async function openStore(location = DEFAULT_STORE, opts = {}) {
  checkStoreLocation(location);
  if (isPostgresUrl(location)) {
    for (const secret of urlSecrets(location)) registerSecret(secret);
    const store = new Store(postgresKysely({ url: connectionUrl(location), poolSize: opts.poolSize }), maskStoreUrl(location));
    try {
      await store.migrate();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }
  const path = location === ":memory:" ? location : resolve(location);
  if (opts.mustExist && path !== ":memory:" && !existsSync(path)) {
    throw new NotFoundError(`No store at ${location}; start a run with \`npx rounds run\` or pass --store <path>.`);
  }
  noteOpenedStore(location);
  if (opts.readOnly && path !== ":memory:" && !writable(path)) return openReadOnly(location, path);
  if (path !== ":memory:") {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch {
      throw new ConfigError(`Cannot create the folder for the store at ${location}; choose another path with --store.`);
    }
  }
  let database;
  try {
    database = new BetterSqlite3(path);
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("wal_autocheckpoint = 16384");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
  } catch (e) {
    throw explainDamage(e, location) ?? new ConfigError(`Cannot open the store at ${location}: ${e.message}.`);
  }
  const kysely = new Kysely2({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  await new Store(kysely, location).migrate();
  return new Store(kysely, location, new SqliteHotPath(database));
}
function writable(path) {
  try {
    accessSync(path, fsConstants.W_OK);
    accessSync(dirname(path), fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}
function openReadOnly(location, path) {
  let database;
  try {
    database = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    database.pragma("busy_timeout = 5000");
    try {
      database.prepare("select count(*) from sqlite_master").get();
    } catch (e) {
      if (!/^SQLITE_(READONLY|CANTOPEN)/.test(String(e.code))) throw e;
      database.close();
      database = new BetterSqlite3(snapshotCopy(path), { readonly: true, fileMustExist: true });
    }
    const applied = database.prepare("select count(*) as n from sqlite_master where name = 'kysely_migration'").get().n ? database.prepare("select count(*) as n from kysely_migration").get().n : 0;
    if (applied < migrationCount()) {
      database.close();
      throw new ConfigError(
        `The store at ${location} is read-only and was written by an older Rounds; copy it somewhere writable and pass that path with --store.`
      );
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw explainDamage(e, location) ?? new ConfigError(`Cannot open the store at ${location} read-only: ${e.message}.`);
  }
  return new Store(new Kysely2({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }), location);
}
function snapshotCopy(path) {
  const dir = mkdtempSync(join(tmpdir(), "rounds-ro-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  return copy;
}

// src/run/start-run.ts
import { randomBytes } from "node:crypto";

// src/case/catalog.ts
import { readFileSync as readFileSync2, readdirSync, statSync } from "node:fs";
import { join as join4, extname } from "node:path";

// src/case/catalog-schema.ts
import { z as z2 } from "zod";

// src/case/schema.ts
import { z } from "zod";
var Slug = z.string().regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'must be a lower-case slug such as "chest-pain" (letters, digits, - _ .)');
var FACT_CATEGORIES = ["history", "symptom", "ros", "pmh", "medication", "allergy", "social", "family", "exam", "other"];
var FactCategory = z.enum(FACT_CATEGORIES);
var EXAM_TARGETS = [
  "general",
  "vitals",
  "heent",
  "eyes",
  "ears",
  "throat",
  "neck",
  "lymph",
  "cardiovascular",
  "respiratory",
  "breast",
  "abdomen",
  "rectal",
  "genitourinary",
  "pelvic",
  "neuro",
  "mental-status",
  "skin",
  "msk",
  "extremities"
];
var ExamTarget = z.enum(EXAM_TARGETS);
var Fact = z.object({
  id: Slug,
  category: FactCategory,
  topic: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  answer: z.string().min(1)
}).strict();
var ResultFlag = z.enum(["normal", "low", "high", "critical-low", "critical-high", "abnormal", "positive", "negative"]);
var ResultComponent = z.object({
  value: z.union([z.number(), z.string()]),
  unit: z.string().optional(),
  flag: ResultFlag.optional(),
  range: z.string().optional()
}).strict();
var Result = z.object({
  text: z.string().min(1).optional(),
  value: z.union([z.number(), z.string()]).optional(),
  unit: z.string().optional(),
  flag: ResultFlag.optional(),
  range: z.string().optional(),
  components: z.record(z.string(), ResultComponent).optional()
}).strict().refine((r) => r.text !== void 0 || r.value !== void 0 || r.components !== void 0, {
  message: "a result needs a text, a value or components"
});
var Source = z.object({
  kind: z.enum(["synthetic", "adapted", "imported"]),
  author: z.string().min(1),
  license: z.string().default("CC-BY-4.0"),
  url: z.string().optional(),
  dataset: z.string().optional(),
  note: z.string().optional()
}).strict();
var Persona = z.object({
  style: z.string().optional(),
  mood: z.string().optional(),
  literacy: z.enum(["low", "medium", "high"]).optional(),
  language: z.string().optional()
}).strict();
var Patient = z.object({
  age: z.number().min(0).max(120),
  /** Age unit for infants; years by default. */
  age_unit: z.enum(["years", "months", "weeks", "days"]).default("years"),
  sex: z.enum(["male", "female", "other"]),
  /** Who answers: the patient, or a caregiver for infants and young children. */
  speaker: z.enum(["self", "mother", "father", "parent", "caregiver", "partner", "relative"]).default("self"),
  persona: Persona.default({})
}).strict();
var Diagnosis = z.object({
  name: z.string().min(1),
  icd10: z.string().regex(/^[A-TV-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$/, "must be an ICD-10-CM code such as I21.19"),
  accept: z.array(z.string().min(1)).default([]),
  partial: z.array(z.string().min(1)).default([]),
  /** What a patient would call it ("heart attack", "my appendix"): the LLM patient's leak guard catches these too. */
  lay: z.array(z.string().min(1)).optional(),
  /** `inferred`: the code was assigned from the ICD-10-CM index by an importer, not written by the case's author. */
  icd10_source: z.enum(["inferred"]).optional(),
  /** The index path or code title the inferred code came from. */
  icd10_term: z.string().optional()
}).strict();
var RubricItem = z.object({
  criterion: z.string().min(1),
  points: z.number(),
  tags: z.array(z.string()).optional()
}).strict();
var Expected = z.object({
  must_ask: z.array(Slug).default([]),
  must_order: z.array(Slug).default([]),
  must_not: z.array(Slug).default([]),
  rubric: z.array(RubricItem).default([]),
  /** Catalog tests that establish this diagnosis: committing before any of them is resulted is "committed without confirmation". */
  confirm_with: z.array(Slug).optional(),
  /** Diagnoses that must appear in the final differential because missing them kills (e.g. aortic dissection beside a suspected MI). */
  cant_miss: z.array(z.string().min(1)).optional()
}).strict();
var Pathway = z.object({
  setting: z.string().optional(),
  disposition: z.string().optional(),
  time_critical: z.array(z.object({ action: z.string(), within_minutes: z.number().positive() }).strict()).default([]),
  treatments: z.array(z.string()).default([])
}).strict();
var MediaItem = z.object({
  id: Slug,
  url: z.string().regex(/^(https?:\/\/|data:image\/)/i, "must be an http(s) URL or a data:image URL").optional(),
  path: z.string().min(1).optional(),
  caption: z.string().default(""),
  /** Shown with the presentation, or only when the doctor asks for images. */
  revealed: z.enum(["start", "on-request"]).default("on-request")
}).strict().refine((m) => m.url === void 0 !== (m.path === void 0), { message: "a media item needs exactly one of url or path" });
var Case = z.object({
  id: Slug,
  title: z.string().min(1),
  specialty: z.string().min(1),
  tags: z.array(z.string()).default([]),
  difficulty: z.enum(["easy", "medium", "hard"]).default("medium"),
  source: Source,
  patient: Patient,
  presentation: z.string().min(1),
  facts: z.array(Fact).default([]),
  results: z.record(z.string(), Result).default({}),
  diagnosis: Diagnosis,
  differential: z.array(z.string()).default([]),
  expected: Expected.default({ must_ask: [], must_order: [], must_not: [], rubric: [] }),
  pathway: Pathway.optional(),
  /** Images of the case, sent to vision-capable doctors at the start or on request. */
  media: z.array(MediaItem).optional(),
  /** Free-form extra data kept from imports (e.g. an image URL). */
  extra: z.record(z.string(), z.unknown()).optional()
}).strict();

// src/case/catalog-schema.ts
var TEST_CATEGORIES = ["lab", "imaging", "ecg", "procedure", "bedside"];
var PRICE_BASES = ["clfs", "pfs-global", "pfs-professional+technical", "bundled"];
var FEE_CODE = /^([0-9A-Z]{5})(?:-([0-9A-Z]{2}))?(?:\s*x\s*([1-9]))?$/;
var PriceSpec = z2.object({
  basis: z2.enum(PRICE_BASES, { error: `a price needs a basis: one of ${PRICE_BASES.join(", ")}` }),
  codes: z2.array(z2.string().regex(FEE_CODE, 'a code looks like "85025", "88305-26" or "87040 x2"')),
  /** Why these codes, or why there is no code. */
  note: z2.string().min(1).optional()
}).strict();
var NormalComponent = z2.object({
  value: z2.union([z2.number(), z2.string()]),
  unit: z2.string().optional(),
  range: z2.string().optional()
}).strict();
var NormalTemplate = z2.object({
  text: z2.string().optional(),
  value: z2.union([z2.number(), z2.string()]).optional(),
  unit: z2.string().optional(),
  range: z2.string().optional(),
  flag: ResultFlag.optional(),
  components: z2.record(z2.string(), NormalComponent).optional()
}).strict().refine((n) => n.text !== void 0 || n.value !== void 0 || n.components !== void 0, {
  message: "a normal template needs a text, a value or components"
});
var CatalogTestSpec = z2.object({
  id: Slug,
  name: z2.string().min(1),
  aliases: z2.array(z2.string().min(1)).default([]),
  category: z2.enum(TEST_CATEGORIES),
  price: PriceSpec,
  normal: NormalTemplate,
  /** Imaging reads and similar are only released when this exact study is ordered. */
  specific: z2.boolean().optional()
}).strict();
var CatalogFile = z2.object({
  schedule: z2.string().optional(),
  tests: z2.array(CatalogTestSpec)
}).strict();

// src/case/fees.ts
import { existsSync as existsSync2, readFileSync } from "node:fs";
import { join as join3 } from "node:path";

// src/util/paths.ts
import { fileURLToPath } from "node:url";
import { dirname as dirname2, join as join2 } from "node:path";
var root = join2(dirname2(fileURLToPath(import.meta.url)), "..", "..");
function packageRoot() {
  return root;
}
function dataDir() {
  return process.env.ROUNDS_DATA_DIR ?? join2(root, "data");
}

// src/case/fees.ts
var CLFS_FILE = "cms-clfs-2025.csv";
var PFS_FILE = "cms-pfs-2025.csv";
var key = (code, modifier) => modifier ? `${code}-${modifier}` : code;
function parseClfs(text) {
  const out = /* @__PURE__ */ new Map();
  for (const line of text.split("\n").slice(1)) {
    if (!line.trim()) continue;
    const [code, modifier, usd] = line.trim().split(",");
    out.set(key(code, modifier), Number(usd));
  }
  return out;
}
function parsePfs(text) {
  const out = /* @__PURE__ */ new Map();
  for (const line of text.split("\n").slice(1)) {
    if (!line.trim()) continue;
    const [code, modifier, status2, pctc, nonFacility, facility] = line.trim().split(",");
    out.set(key(code, modifier), { status: status2, pctc, nonFacility: Number(nonFacility), facility: Number(facility) });
  }
  return out;
}
function readFeeSchedules(dir) {
  return {
    clfs: parseClfs(readFileSync(join3(dir, CLFS_FILE), "utf8")),
    pfs: parsePfs(readFileSync(join3(dir, PFS_FILE), "utf8"))
  };
}
var shipped;
function loadFeeSchedules() {
  const own = join3(dataDir(), "fees");
  shipped ??= readFeeSchedules(existsSync2(join3(own, CLFS_FILE)) ? own : join3(packageRoot(), "data", "fees"));
  return shipped;
}

// src/case/price.ts
var cents = (x) => Math.round(x * 100) / 100;
var money = (x) => x.toFixed(2);
function parseCode(text) {
  const m = FEE_CODE.exec(text.trim());
  if (!m) return void 0;
  return { text: text.trim(), code: m[1], modifier: m[2], units: m[3] ? Number(m[3]) : 1 };
}
var SOURCE = {
  CLFS: "CMS CLFS 2025 national limit",
  "PFS global": "CMS PFS 2025 national non-facility global",
  "PFS 26+TC": "CMS PFS 2025 national non-facility professional (-26) + technical (-TC)"
};
var STATUS = {
  B: "bundled into other services",
  N: "not covered by Medicare",
  T: "paid only when no other service is billed that day",
  P: "bundled or excluded",
  E: "excluded by regulation",
  X: "statutory exclusion",
  I: "not valid for Medicare",
  M: "measurement code",
  C: "carrier priced"
};
function known(c, fees) {
  return fees.clfs.has(c.code) || fees.pfs.has(c.code) || fees.pfs.has(`${c.code}-26`);
}
function clfs(c, fees) {
  return fees.clfs.get(c.modifier ? `${c.code}-${c.modifier}` : c.code);
}
function pfsGlobal(c, fees) {
  const row = fees.pfs.get(c.modifier ? `${c.code}-${c.modifier}` : c.code);
  return row && row.nonFacility > 0 ? row.nonFacility : void 0;
}
function pfsSplit(c, fees) {
  const pro = fees.pfs.get(`${c.code}-26`);
  const tech = fees.pfs.get(`${c.code}-TC`);
  return pro && tech && pro.nonFacility + tech.nonFacility > 0 ? pro.nonFacility + tech.nonFacility : void 0;
}
function computePrice(spec, fees) {
  const problems = [];
  const parsed2 = [];
  for (const text of spec.codes) {
    const c = parseCode(text);
    if (!c) problems.push(`"${text}" is not a code (write "85025", "88305-26" or "87040 x2")`);
    else if (!known(c, fees)) problems.push(`code ${c.code} is not on the CMS 2025 CLFS or PFS (deleted or mistyped)`);
    else parsed2.push(c);
  }
  if (problems.length) return { problems };
  const parts = [];
  const add = (c, schedule, unit, why) => {
    if (unit === void 0) problems.push(`code ${c.text} ${why}`);
    else parts.push({ code: c.text, schedule, usd: cents(unit * c.units) });
  };
  if (spec.basis === "bundled") {
    if (parsed2.length === 1) problems.push("a bundled price needs two or more codes (use the basis of the single code instead)");
    if (parsed2.length === 0 && !spec.note) problems.push("a test with no codes must say in note why it has no separate payment");
    else if (!spec.note) problems.push("a bundled price must say in note what each code pays for");
    for (const c of parsed2) {
      const lab = clfs(c, fees);
      if (lab !== void 0) add(c, "CLFS", lab, "");
      else if (pfsGlobal(c, fees) !== void 0) add(c, "PFS global", pfsGlobal(c, fees), "");
      else add(c, "PFS 26+TC", pfsSplit(c, fees), "has no national amount on the CLFS or the PFS");
    }
  } else {
    if (parsed2.length !== 1) problems.push(`basis ${spec.basis} prices exactly one code (use bundled for several)`);
    const c = parsed2[0];
    if (c && spec.basis === "clfs") add(c, "CLFS", clfs(c, fees), "is not on the CLFS (use a PFS basis for a physician service)");
    if (c && spec.basis === "pfs-global") add(c, "PFS global", pfsGlobal(c, fees), "has no PFS global non-facility amount");
    if (c && spec.basis === "pfs-professional+technical") {
      if (!c.modifier && pfsGlobal(c, fees) !== void 0) problems.push(`code ${c.text} has a PFS global amount; use basis pfs-global`);
      else add(c, "PFS 26+TC", pfsSplit(c, fees), "has no PFS -26 and -TC amounts");
    }
  }
  for (const c of parsed2) {
    const row = fees.clfs.has(c.code) ? void 0 : fees.pfs.get(c.modifier ? `${c.code}-${c.modifier}` : c.code) ?? fees.pfs.get(`${c.code}-26`);
    if (row && !["A", "R"].includes(row.status) && !spec.note) {
      problems.push(`code ${c.code} has PFS status ${row.status} (${STATUS[row.status] ?? "not an ordinary payment"}); say so in note`);
    }
  }
  if (problems.length) return { problems };
  const usd = cents(parts.reduce((s, p) => s + p.usd, 0));
  const source = parts.length === 0 ? `No separate CMS payment: ${spec.note}` : parts.length === 1 ? `${SOURCE[parts[0].schedule]} (${parts[0].code})` : `Sum of ${parts.map((p) => `${p.code} ${p.schedule} ${money(p.usd)}`).join(" + ")} (CMS 2025 national amounts)`;
  return { price: { usd, source, basis: spec.basis, codes: spec.codes, ...spec.note ? { note: spec.note } : {}, parts }, problems: [] };
}

// src/case/source-file.ts
import { LineCounter, parseDocument, isNode } from "yaml";
function parseSource(text, file) {
  if (text.includes("\0")) {
    return { problems: [{ file, path: "", message: "is a binary file, not YAML or JSON text" }] };
  }
  if (text.trim() === "") return { problems: [{ file, path: "", message: "is empty" }] };
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { problems: [{ file, path: "", message: tooDeep(e) ? TOO_DEEP : `cannot be read: ${e.message}` }] };
  }
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0]?.line ?? (e.pos ? lineCounter.linePos(e.pos[0]).line : void 0),
        path: "",
        message: tooDeep(e) ? TOO_DEEP : `YAML syntax error: ${e.message.split("\n")[0]}`
      }))
    };
  }
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { problems: [{ file, path: "", message: tooDeep(e) ? TOO_DEEP : `cannot be read: ${e.message}` }] };
  }
  if (depthOf(data) > MAX_DEPTH) return { problems: [{ file, path: "", message: TOO_DEEP }] };
  return {
    problems: [],
    doc: {
      data,
      lineOf(path) {
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true);
          if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
        }
        return void 0;
      }
    }
  };
}
function formatPath(path) {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
function validateWith(schema, data, file, lineOf, basePath = []) {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return { value: r.data, problems: [] };
  return {
    problems: r.error.issues.map((i) => {
      const path = [...basePath, ...i.path];
      return { file, line: lineOf(path), path: formatPath(path), message: describeIssue(i) };
    })
  };
}
function describeIssue(i) {
  if (i.code === "invalid_type") {
    const got = i.input;
    if (got === void 0) return `is required (expected ${i.expected})`;
    return `expected ${i.expected}, got ${Array.isArray(got) ? "array" : got === null ? "null" : typeof got}`;
  }
  if (i.code === "unrecognized_keys") return `unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}`;
  return i.message;
}
var MAX_DEPTH = 64;
var TOO_DEEP = `nesting is too deep (more than ${MAX_DEPTH} levels of lists or maps inside each other); a case needs only a few`;
function tooDeep(e) {
  return e instanceof RangeError || /Maximum call stack size exceeded/.test(String(e?.message));
}
function depthOf(data) {
  let max = 0;
  const stack = [[data, 0]];
  while (stack.length) {
    const [v, d] = stack.pop();
    if (v === null || typeof v !== "object") continue;
    if (d + 1 > max) max = d + 1;
    if (max > MAX_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

// src/util/text.ts
var NORMALIZE_CACHE_LIMIT = 2e4;
var normalized = /* @__PURE__ */ new Map();
function normalize(text) {
  let hit = normalized.get(text);
  if (hit === void 0) {
    if (normalized.size >= NORMALIZE_CACHE_LIMIT) normalized.clear();
    normalized.set(text, hit = normalizeUncached(text));
  }
  return hit;
}
function normalizeUncached(text) {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['’`]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
}
function containsPhrase(text, phrase) {
  const t = ` ${normalize(text)} `;
  const p = normalize(phrase);
  return p.length > 0 && t.includes(` ${p} `);
}
var NEGATORS = /* @__PURE__ */ new Set(["no", "not", "without", "denies", "denied", "negative", "never", "nor", "absent", "free", "neither", "none"]);
function mentionsAffirmed(text, phrase) {
  const p = normalize(phrase);
  if (!p) return false;
  for (const clause of text.split(/[.;:\n]|,\s*(?:but|and)\b/i)) {
    const words2 = normalize(clause).split(" ");
    const target2 = p.split(" ");
    for (let i = 0; i + target2.length <= words2.length; i++) {
      let hit = true;
      for (let j = 0; j < target2.length; j++)
        if (words2[i + j] !== target2[j]) {
          hit = false;
          break;
        }
      if (!hit) continue;
      const before = words2.slice(Math.max(0, i - 4), i);
      if (!before.some((w) => NEGATORS.has(w)) && !/\bno\b.*\bor\b/.test(before.join(" "))) return true;
    }
  }
  return false;
}
function isNegativeAnswer(answer) {
  const a = normalize(answer);
  return /^(no|nope|not|never|none|nothing|i (havent|have not|dont|do not|didnt|did not|am not|cant say i have|wouldnt say)|i m not|im not|hes not|shes not|he (hasnt|doesnt|didnt|has not|does not)|she (hasnt|doesnt|didnt|has not|does not)|they (havent|dont|didnt)|not really|no i|denies)\b/.test(
    a
  );
}
function isUnclearAnswer(answer) {
  return /^(sorry, (what do you mean|i didn'?t (follow|understand|catch))|i don'?t know what it is, doctor)/i.test(answer.trim());
}

// src/case/catalog.ts
var FILLER = /* @__PURE__ */ new Set([
  "and",
  "plus",
  "also",
  "a",
  "an",
  "the",
  "please",
  "order",
  "get",
  "send",
  "check",
  "with",
  "then",
  "i",
  "d",
  "like",
  "want",
  "we",
  "need",
  "to",
  "of",
  "for",
  "stat",
  "urgent",
  "repeat",
  "obtain",
  "perform",
  "do",
  "run",
  "lets"
]);
function canonicalWords(text) {
  return normalize(text).replace(/\bx rays?\b/g, "xray").replace(/\bxrays\b/g, "xray").split(" ").filter(Boolean);
}
var Catalog = class {
  tests;
  byId = /* @__PURE__ */ new Map();
  phrases = /* @__PURE__ */ new Map();
  maxPhraseWords;
  constructor(tests) {
    this.tests = tests;
    let max = 1;
    for (const t of tests) {
      if (this.byId.has(t.id)) throw new Error(`duplicate catalog id ${t.id}`);
      this.byId.set(t.id, t);
    }
    for (const t of tests) for (const p of [t.id, t.name]) max = Math.max(max, this.index(p, t.id, true));
    for (const t of tests) for (const p of t.aliases) max = Math.max(max, this.index(p, t.id, false));
    this.maxPhraseWords = max;
  }
  index(phrase, id, strong) {
    const words2 = canonicalWords(phrase);
    if (words2.length === 0) return 0;
    for (const key3 of [words2.join(" "), [...words2.slice(0, -1), words2[words2.length - 1] + "s"].join(" ")]) {
      if (strong || !this.phrases.has(key3)) this.phrases.set(key3, id);
    }
    return words2.length;
  }
  get(id) {
    return this.byId.get(id);
  }
  has(id) {
    return this.byId.has(id);
  }
  /** Price of a test under a protocol's overrides. */
  price(id, overrides = {}) {
    return overrides[id] ?? this.byId.get(id)?.price.usd ?? 0;
  }
  /**
   * Resolves one order string, possibly a batch ("CBC and BMP, plus a chest
   * x-ray"), to catalog ids by the longest alias at each position.
   */
  resolve(request2) {
    const out = { tests: [], unrecognised: [] };
    if (this.byId.has(request2.trim())) {
      out.tests.push({ id: request2.trim(), request: request2 });
      return out;
    }
    for (const segment of request2.split(/[,;\n&+/]|\band then\b/)) {
      const words2 = canonicalWords(segment);
      let pending = [];
      const flush = () => {
        if (pending.some((w) => !FILLER.has(w))) out.unrecognised.push(pending.join(" "));
        pending = [];
      };
      for (let i = 0; i < words2.length; ) {
        let hit;
        for (let len = Math.min(this.maxPhraseWords, words2.length - i); len >= 1; len--) {
          const id = this.phrases.get(words2.slice(i, i + len).join(" "));
          if (id) {
            hit = { id, len };
            break;
          }
        }
        if (hit) {
          flush();
          if (!out.tests.some((t) => t.id === hit.id)) out.tests.push({ id: hit.id, request: words2.slice(i, i + hit.len).join(" ") });
          i += hit.len;
        } else {
          if (FILLER.has(words2[i]) && pending.length === 0) {
            i++;
            continue;
          }
          pending.push(words2[i]);
          i++;
        }
      }
      flush();
    }
    return out;
  }
};
function loadCatalog(path = join4(dataDir(), "catalog"), fees = loadFeeSchedules()) {
  const files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => [".yaml", ".yml", ".json"].includes(extname(f))).sort().map((f) => join4(path, f)) : [path];
  const problems = [];
  const tests = [];
  const seen = /* @__PURE__ */ new Map();
  for (const file of files) {
    const { doc, problems: parse6 } = parseSource(readFileSync2(file, "utf8"), file);
    problems.push(...parse6);
    if (!doc) continue;
    const { value, problems: invalid } = validateWith(CatalogFile, doc.data, file, doc.lineOf);
    problems.push(...invalid);
    value?.tests.forEach((t, i) => {
      if (seen.has(t.id)) {
        problems.push({
          file,
          line: doc.lineOf(["tests", i, "id"]),
          path: `tests[${i}].id`,
          message: `duplicate test id "${t.id}" (also in ${seen.get(t.id)})`
        });
        return;
      }
      seen.set(t.id, file);
      const { price, problems: unpriced } = computePrice(t.price, fees);
      for (const message of unpriced)
        problems.push({ file, line: doc.lineOf(["tests", i, "price"]), path: `tests[${i}].price`, message: `${t.id}: ${message}` });
      if (price) tests.push({ ...t, price });
    });
  }
  if (problems.length) throw new CaseValidationError(problems);
  return new Catalog(tests);
}

// src/case/import/local-tests.ts
var LOCAL_PREFIX = "local:";
function isLocalTestKey(key3) {
  return key3.startsWith(LOCAL_PREFIX);
}
function localTestName(key3) {
  return key3.slice(LOCAL_PREFIX.length).replace(/[-_.]+/g, " ");
}
var PADDING = /* @__PURE__ */ new Set([
  "a",
  "an",
  "the",
  "please",
  "order",
  "get",
  "send",
  "check",
  "level",
  "levels",
  "test",
  "tests",
  "testing",
  "assay",
  "measurement",
  "serum",
  "plasma",
  "value",
  "result",
  "results",
  "study",
  "studies",
  "concentration",
  "analysis"
]);
function key2(text) {
  return normalize(text).split(" ").filter((w) => w && !PADDING.has(w)).map((w) => w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w).join(" ");
}
function findLocalTest(kase, request2) {
  const want = key2(request2);
  if (!want) return void 0;
  for (const id of Object.keys(kase.results)) {
    if (isLocalTestKey(id) && key2(localTestName(id)) === want) return id;
  }
  return void 0;
}

// src/case/codes/code-table.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { join as join5 } from "node:path";
import { gunzipSync } from "node:zlib";
var table;
var index;
function readText(file) {
  return gunzipSync(readFileSync3(file)).toString("utf8");
}
function codeTable(dir = join5(dataDir(), "icd10cm")) {
  if (table) return table;
  const titles = /* @__PURE__ */ new Map();
  const codes = [];
  const text = readText(join5(dir, "icd10cm-2025-codes.tsv.gz"));
  let at = text.indexOf("\n") + 1;
  while (at < text.length) {
    const end = text.indexOf("\n", at);
    const stop = end === -1 ? text.length : end;
    const tab = text.indexOf("	", at);
    if (tab > at && tab < stop) {
      const code = text.slice(at, tab);
      titles.set(code, text.slice(tab + 1, stop));
      codes.push(code);
    }
    at = stop + 1;
  }
  table = {
    titles,
    codes,
    get index() {
      if (!index) {
        const rows = readText(join5(dir, "icd10cm-2025-index.tsv.gz")).split("\n");
        index = [];
        for (let i = 1; i < rows.length; i++) {
          if (!rows[i]) continue;
          const [code, path, modifiers] = rows[i].split("	");
          index.push({ code, path: path.split(" > "), modifiers: modifiers ?? "" });
        }
      }
      return index;
    }
  };
  return table;
}

// src/case/codes/lookup.ts
function canonicalCode(code) {
  const c = code.trim().toUpperCase().replace(/[\s-]+$/g, "").replace(/\.$/, "");
  if (/^[A-Z][0-9][0-9A-Z][0-9A-Z]/.test(c) && !c.includes(".")) return `${c.slice(0, 3)}.${c.slice(3)}`;
  return c;
}
function categoryOf(code) {
  return canonicalCode(code).slice(0, 3);
}
function billableUnder(prefix) {
  const { codes } = codeTable();
  const p = canonicalCode(prefix);
  let lo = 0;
  let hi = codes.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (codes[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  const out = [];
  for (let i = lo; i < codes.length && codes[i].startsWith(p); i++) out.push(codes[i]);
  return out;
}
function isBillable(code) {
  return codeTable().titles.has(canonicalCode(code));
}
var headingCache = /* @__PURE__ */ new Map();
function derivedTitle(prefix, children) {
  if (headingCache.has(prefix)) return headingCache.get(prefix);
  const { titles } = codeTable();
  const ranked = [...children].sort((a, b) => rank(a, prefix) - rank(b, prefix));
  let title;
  let best = Infinity;
  for (const c of ranked) {
    const t = titles.get(c);
    const m = /^(.*?),? unspecified\b/i.exec(t) ?? /^unspecified (.*)$/i.exec(t);
    const score = rank(c, prefix) * 1e3 + (m?.[1].length ?? 0);
    if (m && m[1].length > 3 && score < best) {
      title = tidy(m[1]);
      best = score;
    }
  }
  if (!title && children.length) {
    const words2 = children.map(
      (c) => titles.get(c).split(" ").map((w) => w.replace(/[,;:]+$/, ""))
    );
    const common = [];
    for (let i = 0; words2.every((w) => i < w.length && w[i] === words2[0][i]); i++) common.push(words2[0][i]);
    const joined = tidy(common.join(" "));
    if (joined.split(" ").length >= 2 || children.length === 1) title = joined;
  }
  headingCache.set(prefix, title);
  return title;
}
function rank(code, prefix) {
  const rest = code.slice(prefix.length).replace(".", "");
  return /^9+$/.test(rest) ? 0 : /^9/.test(rest) ? 1 : 2;
}
function tidy(title) {
  const t = title.replace(/[,;:(]+$/, "").trim().replace(/\s+(of|by|due to|with|in|and|or|to)$/i, "").trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}
function describeCode(code) {
  const c = canonicalCode(code);
  const title = codeTable().titles.get(c);
  const children = billableUnder(c);
  if (title) return { code: c, title, billable: true, derivedTitle: false, billableChildren: children };
  if (!children.length) return void 0;
  const derived = derivedTitle(c, children);
  return { code: c, title: derived ?? `category ${c}`, billable: false, derivedTitle: true, billableChildren: children };
}

// src/case/validate-codes.ts
function icd10Problems(kase, file, line) {
  const code = kase.diagnosis.icd10;
  if (isBillable(code)) return [];
  const at = (message) => [{ file, line, path: "diagnosis.icd10", message }];
  const info = describeCode(code);
  if (info) {
    const shown2 = info.billableChildren.slice(0, 8).join(", ");
    const more2 = info.billableChildren.length > 8 ? ` and ${info.billableChildren.length - 8} more` : "";
    return at(
      `"${code}" (${info.title}) is a heading, not a billable FY2025 ICD-10-CM code; use one of ${shown2}${more2} (see \`rounds codes show ${info.code}\`)`
    );
  }
  for (let n = code.length - 1; n >= 3; n--) {
    const parent = describeCode(code.slice(0, n));
    if (parent)
      return at(
        `"${code}" is not an FY2025 ICD-10-CM code; under ${parent.code} (${parent.title}) the billable codes are ${parent.billableChildren.slice(0, 8).join(", ")}${parent.billableChildren.length > 8 ? ", ..." : ""}`
      );
  }
  return at(`"${code}" is not an FY2025 ICD-10-CM code; find one with \`rounds codes search <words>\``);
}

// src/case/validate.ts
function crossCheck(cases, catalog) {
  const problems = [];
  const seen = /* @__PURE__ */ new Map();
  for (const { kase, file, line } of cases) {
    const at = (path, message) => problems.push({ file, line, path, message });
    const prior = seen.get(kase.id);
    if (prior) at("id", `duplicate case id "${kase.id}" (also in ${prior})`);
    else seen.set(kase.id, line ? `${file}:${line}` : file);
    for (const key3 of Object.keys(kase.results)) {
      if (isLocalTestKey(key3) && kase.source.kind === "imported") {
        if (!Slug.safeParse(key3.slice(LOCAL_PREFIX.length)).success) at(`results.${key3}`, `"${key3}" must be "local:" followed by a lower-case slug`);
      } else if (isLocalTestKey(key3)) at(`results.${key3}`, `"${key3}" is a case-local test, allowed only in imported cases (source.kind: imported)`);
      else if (!catalog.has(key3)) at(`results.${key3}`, `"${key3}" is not a test id in the catalog`);
    }
    for (const field of ["must_order", "must_not", "confirm_with"]) {
      (kase.expected[field] ?? []).forEach((id, i) => {
        if (!catalog.has(id)) at(`expected.${field}[${i}]`, `"${id}" is not a test id in the catalog`);
      });
    }
    const factIds = /* @__PURE__ */ new Set();
    kase.facts.forEach((f, i) => {
      if (factIds.has(f.id)) at(`facts[${i}].id`, `duplicate fact id "${f.id}"`);
      factIds.add(f.id);
      if (f.category === "exam" && !EXAM_TARGETS.includes(f.topic)) {
        at(`facts[${i}].topic`, `exam facts need an exam target as topic (one of ${EXAM_TARGETS.join(", ")}), got "${f.topic}"`);
      }
    });
    kase.expected.must_ask.forEach((id, i) => {
      if (!factIds.has(id)) at(`expected.must_ask[${i}]`, `"${id}" is not a fact id of this case`);
    });
    problems.push(...icd10Problems(kase, file, line));
  }
  return problems;
}

// src/util/spec.ts
function parseSpec(raw, what = "Doctor") {
  const text = raw.trim();
  if (!text) throw new ConfigError(what === "Doctor" ? "The doctor name is empty; try --doctor baseline." : `The ${what.toLowerCase()} name is empty.`);
  const colon = text.indexOf(":");
  const kind = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? "" : text.slice(colon + 1);
  const spec = { kind, options: {}, raw: text, ...what !== "Doctor" ? { what } : {} };
  if (!rest) return spec;
  const parts = rest.split(",");
  if (!parts[0].includes("=")) spec.argument = parts.shift();
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new ConfigError(`${what} option "${part}" in "${raw}" must look like key=value.`);
    const key3 = part.slice(0, eq).trim();
    if (Object.hasOwn(spec.options, key3)) throw new ConfigError(`${what} option ${key3} is given twice in "${raw}"; give it once.`);
    spec.options[key3] = part.slice(eq + 1).trim();
  }
  return spec;
}
function numberOption(spec, key3, fallback2, min = -Infinity, max = Infinity) {
  const raw = spec.options[key3];
  if (raw === void 0) return fallback2;
  const n = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(`${spec.what ?? "Doctor"} option ${key3}=${raw} in "${spec.raw}" must be a number between ${min} and ${max}.`);
  }
  return n;
}
function checkOptions(spec, known2) {
  for (const key3 of Object.keys(spec.options)) {
    if (!known2.includes(key3)) {
      const near = nearest(key3, known2);
      throw new ConfigError(
        `${spec.what ?? "Doctor"} "${spec.kind}" has no option "${key3}"${near ? ` (did you mean ${near}?)` : ""}; it takes ${known2.length ? known2.join(", ") : "no options"}.`
      );
    }
  }
}
function nearest(name, known2) {
  const n = name.toLowerCase();
  let best;
  let bestDistance = Infinity;
  for (const k of known2) {
    const d = k.toLowerCase().startsWith(n) && n.length >= 3 ? 1 : editDistance(n, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const allowed2 = Math.min(3, Math.max(1, Math.floor(n.length / 3)));
  return bestDistance <= allowed2 ? best : void 0;
}
function editDistance(a, b) {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_2, j) => i === 0 ? j : j === 0 ? i : 0));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

// src/doctors/script.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { parse } from "yaml";
import { z as z4 } from "zod";

// src/encounter/actions.ts
import { z as z3 } from "zod";
var Question = z3.object({
  text: z3.string().min(1),
  topic: z3.string().min(1).optional()
}).strict();
var DifferentialEntry = z3.object({
  name: z3.string().min(1),
  probability: z3.number().min(0).max(1).optional(),
  icd10: z3.string().optional()
}).strict();
var Action = z3.discriminatedUnion("type", [
  z3.object({ type: z3.literal("ask"), questions: z3.array(Question).min(1) }).strict(),
  z3.object({ type: z3.literal("examine"), targets: z3.array(z3.string().min(1)).min(1) }).strict(),
  /** Tests by catalog id or free text ("CBC and BMP, plus a chest x-ray"). */
  z3.object({ type: z3.literal("order"), tests: z3.array(z3.string().min(1)).min(1) }).strict(),
  /** Ask to see the case's images (all not yet shown, or those with these ids); free, and does not end a visit. */
  z3.object({ type: z3.literal("image"), ids: z3.array(z3.string().min(1)).optional() }).strict(),
  z3.object({
    type: z3.literal("diagnose"),
    differential: z3.array(DifferentialEntry).min(1),
    rationale: z3.string().optional()
  }).strict()
]);

// src/doctors/script.ts
var Script = z4.union([z4.array(Action).min(1), z4.object({ name: z4.string().optional(), actions: z4.array(Action).min(1) }).strict()]);
function scriptDoctor(spec) {
  checkOptions(spec, []);
  const file = spec.argument;
  if (!file) throw new ConfigError("The script doctor needs a file: --doctor script:path/to/actions.yaml");
  let text;
  try {
    text = readFileSync4(file, "utf8");
  } catch {
    throw new ConfigError(`Script file ${file} cannot be read; check the path after "script:".`);
  }
  const r = Script.safeParse(parse(text));
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ConfigError(`Script file ${file} is not a list of actions: ${i.path.join(".") || "top level"}: ${i.message}.`);
  }
  const actions = Array.isArray(r.data) ? r.data : r.data.actions;
  const name = Array.isArray(r.data) ? `script:${file}` : r.data.name ?? `script:${file}`;
  return {
    name,
    replayable: true,
    create() {
      let i = 0;
      return {
        act: () => actions[i++] ?? { type: "diagnose", differential: [{ name: "undetermined" }] }
      };
    }
  };
}

// src/kb/load.ts
import { readFileSync as readFileSync6, readdirSync as readdirSync2, statSync as statSync2 } from "node:fs";
import { extname as extname2, join as join7, resolve as resolve2 } from "node:path";
import { z as z7 } from "zod";

// src/kb/schema.ts
import { z as z5 } from "zod";
var Discovery = z5.union([
  /** Present when the answer on this topic is affirmative (and, if given, mentions one of the keywords). */
  z5.object({ ask: z5.string().min(1), match: z5.array(z5.string().min(1)).optional() }).strict(),
  z5.object({ examine: ExamTarget, match: z5.array(z5.string().min(1)).min(1) }).strict(),
  z5.object({
    order: Slug,
    /** Component name inside a panel (e.g. "WBC" in a CBC); absent means the whole test. */
    component: z5.string().optional(),
    flag: z5.array(z5.enum(["low", "high", "abnormal", "positive"])).optional(),
    match: z5.array(z5.string().min(1)).optional()
  }).strict().refine((o) => o.flag && o.flag.length > 0 || o.match && o.match.length > 0, {
    message: "a test finding needs a flag list or match keywords"
  })
]);
var Finding = z5.object({
  id: Slug,
  label: z5.string().min(1),
  how: Discovery,
  /** P(finding | none of the diseases that list it). */
  background: z5.number().gt(0).lt(1)
}).strict();
var AgeBand = z5.object({
  min: z5.number().min(0).optional(),
  max: z5.number().positive().optional(),
  /** Prior multiplier outside the band: 0 excludes the disease, a small number down-weights it. */
  outside: z5.number().min(0).lt(1)
}).strict().refine((b) => b.min !== void 0 || b.max !== void 0, { message: "an age band needs min or max" });
var Disease = z5.object({
  id: Slug,
  name: z5.string().min(1),
  icd10: z5.string().regex(/^[A-TV-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$/, "must be an ICD-10-CM code"),
  specialty: z5.string().min(1),
  synonyms: z5.array(z5.string()).default([]),
  /** Relative prevalence among patients presenting to a general hospital; normalised at load. */
  prior: z5.number().positive(),
  /** P(finding | disease) keyed by finding id. */
  findings: z5.record(Slug, z5.number().gt(0).lt(1)),
  /** Catalog tests that establish the diagnosis; a careful doctor has their results before committing. */
  confirm_with: z5.array(Slug).default([]),
  /** The only sex the disease can occur in (anatomy or pregnancy); absent means either. */
  sex: z5.enum(["female", "male"]).optional(),
  /** Ages (in years) where the disease is seen; outside them the prior is multiplied by `outside` (0 = impossible). */
  age: AgeBand.optional()
}).strict();
var KbFile = z5.object({
  findings: z5.array(Finding).default([]),
  diseases: z5.array(Disease).default([])
}).strict();

// src/kb/keyword-match.ts
var NEGATORS2 = /* @__PURE__ */ new Set(["no", "not", "without", "denies", "denied", "negative", "never", "nor", "absent", "free", "neither", "none"]);
var CLAUSE = /[.;:\n]|,\s*(?:but|and)\b/i;
var PREPARED_CACHE_LIMIT = 1e4;
var prepared = /* @__PURE__ */ new Map();
function prepareText(text) {
  let hit = prepared.get(text);
  if (hit === void 0) {
    if (prepared.size >= PREPARED_CACHE_LIMIT) prepared.clear();
    prepared.set(text, hit = prepareUncached(text));
  }
  return hit;
}
function prepareUncached(text) {
  const clauses2 = text.split(CLAUSE).map((clause) => normalize(clause).split(" ").filter(Boolean));
  return { clauses: clauses2, joined: ` ${clauses2.map((c) => c.join(" ")).join(" ")} ` };
}
function joinPrepared(parts) {
  return { clauses: parts.flatMap((p) => p.clauses), joined: parts.map((p) => p.joined).join(" ") };
}
function prepareKeyword(keyword) {
  const words2 = normalize(keyword).split(" ").filter(Boolean);
  return { words: words2, needle: ` ${words2.join(" ")}` };
}
function affirmedIn(text, kw) {
  const keyword = kw.words;
  const n = keyword.length;
  if (n === 0 || !text.joined.includes(kw.needle)) return false;
  const last = keyword[n - 1];
  for (const words2 of text.clauses) {
    outer: for (let i = 0; i + n <= words2.length; i++) {
      for (let j = 0; j < n - 1; j++) if (words2[i + j] !== keyword[j]) continue outer;
      const w = words2[i + n - 1];
      if (w !== last && !(w.startsWith(last) && !w.includes("less", last.length))) continue;
      let negated = false;
      for (let b = Math.max(0, i - 4); b < i; b++) if (NEGATORS2.has(words2[b])) negated = true;
      if (!negated) return true;
    }
  }
  return false;
}

// src/kb/knowledge-base.ts
var FLAG_FAMILY = {
  high: ["high", "critical-high"],
  low: ["low", "critical-low"],
  abnormal: ["low", "high", "critical-low", "critical-high", "abnormal", "positive"],
  positive: ["positive"]
};
function probeOf(how, vocabulary2) {
  if ("ask" in how) {
    const topic = vocabulary2.lookup(how.ask)?.topic ?? how.ask;
    return { kind: "ask", topic, match: keywords(how.match) };
  }
  if ("examine" in how) return { kind: "examine", target: how.examine, match: keywords(how.match) };
  const flags = /* @__PURE__ */ new Set();
  for (const f of how.flag ?? []) for (const r of FLAG_FAMILY[f]) flags.add(r);
  return {
    kind: "order",
    test: how.order,
    component: how.component === void 0 ? void 0 : how.component.trim().toLowerCase(),
    flags,
    match: keywords(how.match)
  };
}
function keywords(match) {
  return (match ?? []).map(prepareKeyword).filter((k) => k.words.length > 0);
}
function binaryEntropyBits(x) {
  return x <= 0 || x >= 1 ? 0 : -(x * Math.log(x) + (1 - x) * Math.log1p(-x)) / Math.LN2;
}
function push(map, key3, i) {
  const list2 = map.get(key3);
  if (list2) list2.push(i);
  else map.set(key3, [i]);
}
function buildKnowledgeBase(input, vocabulary2) {
  const byId = (a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const findingsIn = [...input.findings].sort(byId);
  const diseasesIn = [...input.diseases].sort(byId);
  const D = diseasesIn.length;
  const F = findingsIn.length;
  const findings = findingsIn.map((f) => ({ id: f.id, label: f.label, background: f.background, probe: probeOf(f.how, vocabulary2) }));
  const diseases = diseasesIn.map((d) => ({
    id: d.id,
    name: d.name,
    icd10: d.icd10,
    specialty: d.specialty,
    synonyms: d.synonyms ?? [],
    sex: d.sex,
    age: d.age,
    confirmWith: d.confirm_with ?? []
  }));
  const findingIndex = new Map(findings.map((f, i) => [f.id, i]));
  const diseaseIndex = new Map(diseases.map((d, j) => [d.id, j]));
  const prior = new Float64Array(D);
  let total = 0;
  for (const d of diseasesIn) total += d.prior;
  diseasesIn.forEach((d, j) => prior[j] = d.prior / total);
  const logPrior = prior.map(Math.log);
  const lik = new Float64Array(F * D);
  const likelihood = [];
  for (let i = 0; i < F; i++) likelihood.push(lik.subarray(i * D, (i + 1) * D).fill(findings[i].background));
  const listers = findings.map(() => []);
  diseasesIn.forEach((d, j) => {
    for (const [fid, p] of Object.entries(d.findings)) {
      const i = findingIndex.get(fid);
      if (i === void 0) continue;
      likelihood[i][j] = p;
      listers[i].push(j);
    }
  });
  const backgroundH = new Float64Array(F);
  const listedBy = [];
  const deltaP = [];
  const deltaH = [];
  const deltaLogPresent = [];
  const deltaLogAbsent = [];
  findings.forEach((f, i) => {
    const bg = f.background;
    backgroundH[i] = binaryEntropyBits(bg);
    const js = listers[i].sort((a, b) => a - b);
    listedBy.push(Int32Array.from(js));
    deltaP.push(Float64Array.from(js, (j) => likelihood[i][j] - bg));
    deltaH.push(Float64Array.from(js, (j) => binaryEntropyBits(likelihood[i][j]) - backgroundH[i]));
    deltaLogPresent.push(Float64Array.from(js, (j) => Math.log(likelihood[i][j]) - Math.log(bg)));
    deltaLogAbsent.push(Float64Array.from(js, (j) => Math.log1p(-likelihood[i][j]) - Math.log1p(-bg)));
  });
  const byTopic = /* @__PURE__ */ new Map();
  const byTarget = /* @__PURE__ */ new Map();
  const byTest = /* @__PURE__ */ new Map();
  findings.forEach((f, i) => {
    if (f.probe.kind === "ask") push(byTopic, f.probe.topic, i);
    else if (f.probe.kind === "examine") push(byTarget, f.probe.target, i);
    else push(byTest, f.probe.test, i);
  });
  return {
    findings,
    diseases,
    findingIndex,
    diseaseIndex,
    prior,
    logPrior,
    likelihood,
    listedBy,
    deltaP,
    deltaH,
    deltaLogPresent,
    deltaLogAbsent,
    backgroundH,
    byTopic,
    byTarget,
    byTest,
    vocabulary: vocabulary2
  };
}

// src/case/vocabulary.ts
import { readFileSync as readFileSync5 } from "node:fs";
import { join as join6 } from "node:path";
import { parse as parse2 } from "yaml";
import { z as z6 } from "zod";
var TopicEntry = z6.object({
  topic: z6.string(),
  category: z6.string(),
  question: z6.string(),
  negative: z6.string().optional(),
  synonyms: z6.array(z6.string()).default([])
}).strict();
var Vocabulary = class {
  topics;
  canonical = /* @__PURE__ */ new Map();
  constructor(topics) {
    this.topics = topics;
    for (const t of topics)
      for (const p of [t.topic, ...t.synonyms]) {
        const key3 = normalize(p);
        if (key3 && !this.canonical.has(key3)) this.canonical.set(key3, t);
      }
  }
  /** The canonical topic a phrase names exactly, if any. */
  lookup(phrase) {
    return this.canonical.get(normalize(phrase));
  }
  /** Every (phrase, topic) pair, for scanning free text. */
  phrases() {
    return [...this.canonical.entries()];
  }
};
var cached;
function loadVocabulary(path = join6(dataDir(), "vocabulary", "topics.yaml")) {
  if (cached && path === join6(dataDir(), "vocabulary", "topics.yaml")) return cached;
  const raw = parse2(readFileSync5(path, "utf8"));
  const v = new Vocabulary(z6.array(TopicEntry).parse(raw.topics));
  cached = v;
  return v;
}

// src/kb/load.ts
var cache = /* @__PURE__ */ new Map();
var checked = /* @__PURE__ */ new WeakMap();
var orderSites = /* @__PURE__ */ new WeakMap();
function loadKnowledgeBase(dir = join7(dataDir(), "kb"), options = {}) {
  const vocabulary2 = options.vocabulary ?? loadVocabulary();
  const key3 = resolve2(dir);
  let byDir = cache.get(vocabulary2);
  let kb = byDir?.get(key3);
  if (!kb) {
    const read = readKnowledgeBase(key3, vocabulary2);
    kb = read.kb;
    orderSites.set(kb, read.orderSites);
    if (!byDir) cache.set(vocabulary2, byDir = /* @__PURE__ */ new Map());
    byDir.set(key3, kb);
  }
  if (options.catalog) checkCatalog(kb, options.catalog);
  return kb;
}
function checkCatalog(kb, catalog) {
  let seen = checked.get(kb);
  if (seen?.has(catalog)) return;
  const problems = [];
  for (const site of orderSites.get(kb) ?? []) {
    if (!catalog.has(site.test)) problems.push({ ...site.problem, message: `test "${site.test}" is not in the catalog` });
  }
  if (problems.length) throw new CaseValidationError(problems);
  if (!seen) checked.set(kb, seen = /* @__PURE__ */ new WeakSet());
  seen.add(catalog);
}
var FileShape = z7.object({ findings: z7.array(z7.unknown()).default([]), diseases: z7.array(z7.unknown()).default([]) }).strict();
function listFiles(path) {
  if (!statSync2(path, { throwIfNoEntry: false })) return [];
  return statSync2(path).isDirectory() ? readdirSync2(path).filter((f) => [".yaml", ".yml", ".json"].includes(extname2(f))).sort().map((f) => join7(path, f)) : [path];
}
function readKnowledgeBase(dir, vocabulary2) {
  const problems = [];
  const files = listFiles(dir);
  if (files.length === 0) throw new CaseValidationError([{ file: dir, path: "", message: "has no knowledge-base files (*.yaml, *.yml, *.json)" }]);
  const findings = /* @__PURE__ */ new Map();
  const diseases = /* @__PURE__ */ new Map();
  for (const file of files) {
    const { doc, problems: parse6 } = parseSource(readFileSync6(file, "utf8"), file);
    problems.push(...parse6);
    if (!doc) continue;
    const { value, problems: invalid } = validateWith(FileShape, doc.data, file, doc.lineOf);
    problems.push(...invalid);
    if (!value) continue;
    value.findings.forEach((raw, at) => {
      const { value: finding, problems: bad } = validateWith(Finding, raw, file, doc.lineOf, ["findings", at]);
      problems.push(...bad);
      if (!finding) return;
      const prev = findings.get(finding.id);
      if (prev)
        problems.push({
          file,
          line: doc.lineOf(["findings", at, "id"]),
          path: `findings[${at}].id`,
          message: `duplicate finding id "${finding.id}" (also in ${prev.file})`
        });
      else findings.set(finding.id, { finding, file, doc, at });
    });
    value.diseases.forEach((raw, at) => {
      const { value: disease, problems: bad } = validateWith(Disease, raw, file, doc.lineOf, ["diseases", at]);
      problems.push(...bad);
      if (!disease) return;
      const prev = diseases.get(disease.id);
      if (prev)
        problems.push({
          file,
          line: doc.lineOf(["diseases", at, "id"]),
          path: `diseases[${at}].id`,
          message: `duplicate disease id "${disease.id}" (also in ${prev.file})`
        });
      else diseases.set(disease.id, { disease, file, doc, at });
    });
  }
  const sites = [];
  for (const { finding, file, doc, at } of findings.values()) {
    const how = finding.how;
    if ("ask" in how && !vocabulary2.lookup(how.ask)) {
      problems.push({
        file,
        line: doc.lineOf(["findings", at, "how", "ask"]),
        path: `findings[${at}].how.ask`,
        message: `ask topic "${how.ask}" is not in the vocabulary (data/vocabulary/topics.yaml)`
      });
    }
    if ("order" in how)
      sites.push({ test: how.order, problem: { file, line: doc.lineOf(["findings", at, "how", "order"]), path: `findings[${at}].how.order` } });
  }
  for (const { disease, file, doc, at } of diseases.values()) {
    disease.confirm_with.forEach(
      (test, k) => sites.push({ test, problem: { file, line: doc.lineOf(["diseases", at, "confirm_with", k]), path: `diseases[${at}].confirm_with[${k}]` } })
    );
    for (const fid of Object.keys(disease.findings)) {
      if (!findings.has(fid)) {
        problems.push({
          file,
          line: doc.lineOf(["diseases", at, "findings", fid]),
          path: `diseases[${at}].findings.${fid}`,
          message: `unknown finding "${fid}"`
        });
      }
    }
  }
  if (problems.length === 0 && diseases.size === 0) problems.push({ file: dir, path: "", message: "defines no diseases" });
  if (problems.length) throw new CaseValidationError(problems);
  const kb = buildKnowledgeBase({ findings: [...findings.values()].map((f) => f.finding), diseases: [...diseases.values()].map((d) => d.disease) }, vocabulary2);
  return { kb, orderSites: sites };
}

// src/doctors/baseline/options.ts
var BASELINE_DEFAULTS = {
  threshold: 0.85,
  visitThreshold: 0.5,
  costWeight: 1,
  maxTurns: Infinity,
  minGain: 0.01,
  batchRatio: 0.5,
  presentation: true,
  confirm: true,
  history: 0.2
};
var KNOWN = ["threshold", "visit-threshold", "cost-weight", "max-turns", "min-gain", "batch-ratio", "presentation", "confirm", "history"];
function parseBaselineOptions(spec) {
  checkOptions(spec, KNOWN);
  if (spec.argument !== void 0) {
    throw new ConfigError(`Doctor "${spec.kind}" takes only key=value options, not "${spec.argument}"; e.g. --doctor baseline:threshold=0.9,cost-weight=0.5.`);
  }
  const d = BASELINE_DEFAULTS;
  const maxTurns = numberOption(spec, "max-turns", d.maxTurns, 1);
  if (Number.isFinite(maxTurns) && !Number.isInteger(maxTurns)) {
    throw new ConfigError(`Doctor option max-turns=${spec.options["max-turns"]} in "${spec.raw}" must be a whole number.`);
  }
  const flag = (key3, fallback2) => {
    const v = numberOption(spec, key3, fallback2 ? 1 : 0, 0, 1);
    if (v !== 0 && v !== 1) throw new ConfigError(`Doctor option ${key3}=${spec.options[key3]} in "${spec.raw}" must be 0 or 1.`);
    return v === 1;
  };
  return {
    threshold: numberOption(spec, "threshold", d.threshold, 0, 1),
    visitThreshold: numberOption(spec, "visit-threshold", d.visitThreshold, 0, 1),
    costWeight: numberOption(spec, "cost-weight", d.costWeight, 0, 4),
    maxTurns,
    minGain: numberOption(spec, "min-gain", d.minGain, 0, 100),
    batchRatio: numberOption(spec, "batch-ratio", d.batchRatio, 0, 1),
    presentation: flag("presentation", d.presentation),
    confirm: flag("confirm", d.confirm),
    history: numberOption(spec, "history", d.history, 0, 1)
  };
}

// src/doctors/baseline/candidates.ts
var cache2 = /* @__PURE__ */ new WeakMap();
function candidatesFor(kb, catalog) {
  let byCatalog = cache2.get(kb);
  const hit = byCatalog?.get(catalog);
  if (hit) return hit;
  const out = [];
  const sorted = (m) => [...m.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  for (const [topic, findings] of sorted(kb.byTopic)) {
    const entry2 = kb.vocabulary.lookup(topic);
    out.push({ kind: "ask", key: topic, findings, question: { text: entry2?.question ?? `Tell me about your ${topic}.`, topic } });
  }
  for (const [target2, findings] of sorted(kb.byTarget)) out.push({ kind: "examine", key: target2, findings });
  for (const [test, findings] of sorted(kb.byTest)) if (catalog.has(test)) out.push({ kind: "order", key: test, findings });
  if (!byCatalog) cache2.set(kb, byCatalog = /* @__PURE__ */ new WeakMap());
  byCatalog.set(catalog, out);
  return out;
}

// src/kb/posterior.ts
var JOINT_LIMIT = 5;
var LN2 = Math.LN2;
function applyObservation(kb, logp, o, weight = 1) {
  const js = kb.listedBy[o.finding];
  const delta = o.present ? kb.deltaLogPresent[o.finding] : kb.deltaLogAbsent[o.finding];
  for (let k = 0; k < js.length; k++) logp[js[k]] += weight * delta[k];
}
function normalizeLog(logp, p = new Float64Array(logp.length)) {
  let max = -Infinity;
  for (let j = 0; j < logp.length; j++) if (logp[j] > max) max = logp[j];
  let sum = 0;
  for (let j = 0; j < logp.length; j++) sum += p[j] = Math.exp(logp[j] - max);
  const logZ = max + Math.log(sum);
  for (let j = 0; j < logp.length; j++) {
    logp[j] -= logZ;
    p[j] /= sum;
  }
  return p;
}
function beliefFromLog(unnormalised) {
  const logp = Float64Array.from(unnormalised);
  const p = normalizeLog(logp);
  let h = 0;
  for (let j = 0; j < p.length; j++) if (p[j] > 0) h -= p[j] * logp[j];
  return { p, logp, entropy: h / LN2 };
}
function conditionalEntropy(kb, b, finding) {
  const js = kb.listedBy[finding];
  const dh = kb.deltaH[finding];
  let e = kb.backgroundH[finding];
  for (let k = 0; k < js.length; k++) e += b.p[js[k]] * dh[k];
  return e;
}
function findingGain(kb, b, finding) {
  const js = kb.listedBy[finding];
  const dp = kb.deltaP[finding];
  const dh = kb.deltaH[finding];
  let p1 = kb.findings[finding].background;
  let e = kb.backgroundH[finding];
  let mass = 0;
  for (let k = 0; k < js.length; k++) {
    const pj = b.p[js[k]];
    mass += pj;
    p1 += pj * dp[k];
    e += pj * dh[k];
  }
  if (mass < 1e-9) return 0;
  const gain = binaryEntropyBits(p1) - e;
  return gain > 0 ? gain : 0;
}
var SIZE = 1 << JOINT_LIMIT;
var scratchA = new Float64Array(SIZE);
var scratchP = new Float64Array(SIZE);
var stamp = new Uint32Array(0);
var stampNow = 0;
function addOutcomes(kb, findings, j, w) {
  scratchA[0] = w;
  let size = 1;
  for (let f = 0; f < findings.length; f++) {
    const q = j < 0 ? kb.findings[findings[f]].background : kb.likelihood[findings[f]][j];
    for (let o = 0; o < size; o++) {
      scratchA[o + size] = scratchA[o] * q;
      scratchA[o] -= scratchA[o + size];
    }
    size *= 2;
  }
  for (let o = 0; o < size; o++) scratchP[o] += scratchA[o];
}
function informationGain(kb, b, findings) {
  const k = findings.length;
  if (k === 0) return 0;
  if (k === 1) return findingGain(kb, b, findings[0]);
  if (k > JOINT_LIMIT) {
    let sum = 0;
    for (const f of findings) sum += findingGain(kb, b, f);
    return Math.min(sum, b.entropy);
  }
  const D = b.p.length;
  if (stamp.length < D) stamp = new Uint32Array(D);
  if (++stampNow === 4294967295) {
    stamp.fill(0);
    stampNow = 1;
  }
  scratchP.fill(0, 0, 1 << k);
  let listedMass = 0;
  for (const f of findings) {
    const js = kb.listedBy[f];
    for (let t = 0; t < js.length; t++) {
      const j = js[t];
      if (stamp[j] === stampNow) continue;
      stamp[j] = stampNow;
      listedMass += b.p[j];
      addOutcomes(kb, findings, j, b.p[j]);
    }
  }
  const rest = 1 - listedMass;
  if (rest > 0) addOutcomes(kb, findings, -1, rest);
  let gain = 0;
  for (let o = 0; o < 1 << k; o++) if (scratchP[o] > 0) gain -= scratchP[o] * Math.log(scratchP[o]);
  gain /= LN2;
  for (const f of findings) gain -= conditionalEntropy(kb, b, f);
  return gain > 0 ? gain : 0;
}
function topDiseases(p, k) {
  const out = [];
  for (let j = 0; j < p.length; j++) {
    if (out.length === k && p[j] <= p[out[k - 1]]) continue;
    let at = out.length < k ? out.length : k - 1;
    out[at] = j;
    while (at > 0 && p[out[at - 1]] < p[j]) {
      out[at] = out[at - 1];
      out[--at] = j;
    }
  }
  return out;
}

// src/doctors/baseline/choose.ts
var byScore = (a, b) => b.score - a.score || a.order - b.order;
var TURN_COST = 1;
function moveCost(c, view, catalog) {
  const p = view.protocol;
  if (c.kind === "order") return catalog.price(c.key, p.prices);
  if (view.inVisit) return 0;
  return p.visitFee / (c.kind === "ask" ? p.maxQuestionsPerTurn : p.maxExamsPerTurn);
}
var priceTables = /* @__PURE__ */ new WeakMap();
function testPrices(candidates, catalog, overrides) {
  const hit = priceTables.get(candidates);
  if (hit && hit.catalog === catalog && hit.overrides === overrides) return hit.prices;
  const prices = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) if (candidates[i].kind === "order") prices[i] = catalog.price(candidates[i].key, overrides);
  priceTables.set(candidates, { catalog, overrides, prices });
  return prices;
}
function needsExact(open) {
  return open.length > 1 && open.length <= JOINT_LIMIT;
}
var singleScratch = new Float64Array(0);
var EXACT_SHARE = 0.2;
function scoreMoves(input) {
  const { kb, belief, evidence, candidates, taken, view, catalog, options } = input;
  if (singleScratch.length < kb.findings.length) singleScratch = new Float64Array(kb.findings.length);
  const single = singleScratch.fill(-1, 0, kb.findings.length);
  const pending = [];
  const opens = [];
  const factors = [];
  const budget = view.budgetLeft;
  const prices = testPrices(candidates, catalog, view.protocol.prices);
  for (let order = 0; order < candidates.length; order++) {
    const c = candidates[order];
    if (taken(c, order)) continue;
    const cost = c.kind === "order" ? prices[order] : moveCost(c, view, catalog);
    const upfront = c.kind === "order" ? cost : view.inVisit ? 0 : view.protocol.visitFee;
    if (budget !== null && upfront > budget + 1e-9) continue;
    let bound = 0;
    let openCount = 0;
    for (const i of c.findings) {
      if (evidence[i] !== 0) continue;
      openCount++;
      if (single[i] < 0) single[i] = findingGain(kb, belief, i);
      bound += single[i];
    }
    bound = Math.min(bound, belief.entropy);
    if (openCount === 0 || bound < options.minGain) continue;
    const factor = Math.pow(cost + TURN_COST, options.costWeight);
    pending.push({ candidate: c, gain: bound, cost, score: bound / factor, order });
    opens.push(openCount === c.findings.length ? c.findings : c.findings.filter((i) => evidence[i] === 0));
    factors.push(factor);
  }
  const out = [];
  if (pending.length === 0) return out;
  let top = 0;
  for (let k = 0; k < pending.length; k++) if (pending[k].score > pending[top].score) top = k;
  const floor = (needsExact(opens[top]) ? informationGain(kb, belief, opens[top]) : pending[top].gain) / factors[top];
  const hot = [];
  for (let k = 0; k < pending.length; k++) {
    if (pending[k].score >= floor * EXACT_SHARE) hot.push(k);
    else out.push(pending[k]);
  }
  hot.sort((a, b) => pending[b].score - pending[a].score || pending[a].order - pending[b].order);
  let best = 0;
  for (const k of hot) {
    const m = pending[k];
    if (needsExact(opens[k]) && m.score >= best * EXACT_SHARE) {
      const gain = informationGain(kb, belief, opens[k]);
      if (gain < options.minGain) continue;
      m.gain = gain;
      m.score = gain / factors[k];
    }
    if (m.score > best) best = m.score;
    out.push(m);
  }
  return out;
}
function chooseMove(input) {
  const scored = scoreMoves(input);
  if (scored.length === 0) return void 0;
  let best = scored[0];
  for (const s of scored) if (byScore(s, best) < 0) best = s;
  const kind = best.candidate.kind;
  const p = input.view.protocol;
  const same = scored.filter((s) => s.candidate.kind === kind).sort(byScore);
  if (kind === "ask") {
    const moves2 = same.slice(0, p.maxQuestionsPerTurn);
    return { action: { type: "ask", questions: moves2.map((m) => m.candidate.question) }, moves: moves2 };
  }
  if (kind === "examine") {
    const moves2 = same.slice(0, p.maxExamsPerTurn);
    return { action: { type: "examine", targets: moves2.map((m) => m.candidate.key) }, moves: moves2 };
  }
  const moves = [];
  let spend = 0;
  const budget = input.view.budgetLeft;
  for (const m of same) {
    if (moves.length >= p.maxTestsPerTurn) break;
    if (moves.length > 0 && m.score < best.score * input.options.batchRatio) break;
    if (budget !== null && spend + m.cost > budget + 1e-9) continue;
    moves.push(m);
    spend += m.cost;
  }
  return { action: { type: "order", tests: moves.map((m) => m.candidate.key) }, moves };
}

// src/case/exam-targets.ts
var NORMAL_EXAM = {
  general: "Alert, comfortable at rest, well perfused. Not in distress.",
  vitals: "HR 76, BP 122/78, RR 14, SpO2 98% on room air, temperature 36.8 C.",
  heent: "Normocephalic, atraumatic. Pupils equal and reactive. Moist mucous membranes. Oropharynx clear.",
  eyes: "Visual acuity grossly normal. Pupils equal, round and reactive. Conjunctivae clear. Fundi unremarkable.",
  ears: "External canals clear. Tympanic membranes intact and pearly grey bilaterally.",
  throat: "Oropharynx clear. Tonsils not enlarged, no exudate. Uvula midline.",
  neck: "Supple, no lymphadenopathy, no thyromegaly. Trachea midline. JVP not raised.",
  lymph: "No cervical, axillary or inguinal lymphadenopathy.",
  cardiovascular: "Regular rate and rhythm. Normal S1 and S2. No murmur, rub or gallop. Peripheral pulses intact.",
  respiratory: "Normal work of breathing. Clear to auscultation bilaterally. No wheeze or crackles.",
  breast: "No masses, skin changes or nipple discharge.",
  abdomen: "Soft, non-tender, non-distended. Normal bowel sounds. No organomegaly or masses.",
  rectal: "Normal sphincter tone. No masses. Brown stool, no blood.",
  genitourinary: "Normal external genitalia. No tenderness or masses.",
  pelvic: "Normal external genitalia. No cervical motion tenderness. No adnexal masses or tenderness.",
  neuro: "Alert and oriented. Cranial nerves intact. Power 5/5 throughout, normal tone and reflexes. Sensation intact. Normal gait and coordination.",
  "mental-status": "Calm, cooperative, good eye contact. Speech normal. Mood euthymic, affect congruent. Thought process linear. No perceptual disturbance. Insight intact.",
  skin: "Warm and dry. No rash, lesions or jaundice.",
  msk: "Full range of movement in all joints. No swelling, tenderness or deformity.",
  extremities: "Warm, well perfused. No edema, no calf tenderness. Capillary refill under 2 seconds."
};
var EXAM_ALIASES = {
  general: ["general appearance", "appearance", "general inspection", "general exam"],
  vitals: ["vital signs", "vital", "observations", "obs", "blood pressure", "heart rate", "pulse", "temperature", "oxygen saturation"],
  heent: ["head", "head and neck", "face", "mouth", "oral", "nose"],
  eyes: ["eye", "ophthalmic", "pupils", "fundi", "fundoscopy exam", "visual fields"],
  ears: ["ear", "otoscopy", "tympanic membranes"],
  throat: ["pharynx", "oropharynx", "tonsils"],
  neck: ["thyroid", "jvp", "jugular venous pressure"],
  lymph: ["lymph nodes", "lymphatic", "nodes", "glands"],
  cardiovascular: ["heart", "cardiac", "cvs", "cardio", "precordium", "circulation", "pulses"],
  respiratory: ["lungs", "chest", "lung", "pulmonary", "breathing", "resp", "chest auscultation"],
  breast: ["breasts"],
  abdomen: ["abdominal", "belly", "stomach", "tummy", "abdo", "gi", "liver", "spleen"],
  rectal: ["digital rectal exam", "dre", "pr", "rectum", "prostate"],
  genitourinary: ["genital", "genitals", "gu", "testes", "testicles", "scrotum", "penis", "external genitalia"],
  pelvic: ["gynecological", "gynaecological", "vaginal", "speculum", "bimanual", "pelvis"],
  neuro: ["neurological", "neurologic", "cranial nerves", "reflexes", "power", "sensation", "gait", "coordination", "nervous system"],
  "mental-status": ["mental state", "mental status exam", "mse", "psychiatric", "mood and affect", "cognition"],
  skin: ["dermatological", "dermatologic", "rash", "integument", "skin exam"],
  msk: ["musculoskeletal", "joints", "joint", "spine", "back", "muscles", "limbs"],
  extremities: ["legs", "arms", "calves", "feet", "hands", "peripheral", "peripheries"]
};
var EXAM_SYNONYMS = {
  general: ["overall appearance", "inspection", "general examination", "constitutional", "general condition", "general look", "habitus"],
  vitals: [
    "vitals",
    "obs",
    "bp",
    "hr",
    "pulse rate",
    "respiratory rate",
    "resp rate",
    "rr",
    "temp",
    "sats",
    "spo2",
    "o2 sats",
    "weight",
    "height",
    "bmi",
    "observation chart"
  ],
  heent: [
    "scalp",
    "oral cavity",
    "nasal",
    "sinuses",
    "teeth",
    "dentition",
    "gums",
    "tongue",
    "ent",
    "ear nose and throat",
    "ears nose and throat",
    "head eyes ears nose throat",
    "head and face"
  ],
  eyes: [
    "ocular",
    "fundus",
    "fundoscopy",
    "ophthalmoscopy",
    "visual acuity",
    "eye movements",
    "conjunctiva",
    "conjunctivae",
    "sclera",
    "sclerae",
    "eyelids",
    "lids",
    "slit lamp",
    "vision"
  ],
  ears: ["otoscopic", "eardrums", "ear drums", "ear canals", "hearing", "tympanic membrane", "otological", "otologic"],
  throat: ["uvula", "larynx", "back of the throat", "tonsillar"],
  neck: ["trachea", "goitre", "goiter", "thyroid gland", "neck veins"],
  lymph: ["lymphadenopathy", "lymph node", "node", "lymph glands", "axillae", "axillary nodes", "cervical nodes", "inguinal nodes"],
  cardiovascular: ["heart sounds", "peripheral pulses", "cardiovascular system", "cv", "cardiac exam", "auscultate the heart", "vascular"],
  respiratory: ["breath sounds", "respiratory system", "thorax", "thoracic", "chest wall", "lung fields", "pulmonary exam"],
  breast: ["breast exam", "breast examination", "breasts and axillae"],
  abdomen: ["gastrointestinal", "tum", "guts", "hernial orifices", "abdominal wall", "liver and spleen", "gi system"],
  rectal: ["anus", "anal", "perianal", "digital rectal", "back passage", "bottom"],
  genitourinary: ["urogenital", "genitourinary system", "privates", "groin", "testicular", "scrotal", "penile", "urological", "urologic"],
  pelvic: [
    "obstetric",
    "obstetrical",
    "gyn",
    "gynae",
    "cervix",
    "uterus",
    "adnexa",
    "fundal height",
    "internal",
    "pelvic exam",
    "obstetric exam",
    "gravid uterus"
  ],
  neuro: ["tone", "strength", "cns", "cerebellar", "motor", "sensory", "neurology", "neurological system", "plantars", "romberg"],
  "mental-status": ["mental status", "mood", "affect", "cognitive", "orientation", "psych", "psychiatric exam", "mini mental", "behaviour", "behavior"],
  skin: ["integumentary", "dermatology", "lesions", "nails", "hair", "skin and nails", "complexion", "colour", "color"],
  msk: [
    "knee",
    "knees",
    "hip",
    "hips",
    "shoulder",
    "shoulders",
    "elbow",
    "elbows",
    "wrist",
    "wrists",
    "ankle",
    "ankles",
    "lumbar spine",
    "cervical spine",
    "orthopaedic",
    "orthopedic",
    "bones",
    "musculoskeletal system",
    "back and spine"
  ],
  extremities: [
    "leg",
    "arm",
    "lower limbs",
    "upper limbs",
    "lower extremities",
    "upper extremities",
    "foot",
    "hand",
    "calf",
    "toes",
    "fingers",
    "extremity",
    "edema",
    "oedema",
    "ankles and feet"
  ]
};
var WHOLE_EXAM = "all";
var WHOLE_EXAM_WORDS = new Set(
  [
    "all",
    "everything",
    "physical",
    "physical examination",
    "physical exam",
    "full examination",
    "full exam",
    "complete examination",
    "complete exam",
    "full physical",
    "full physical examination",
    "complete physical examination",
    "head to toe",
    "head to toe examination",
    "examination",
    "exam",
    "the patient",
    "patient",
    "him",
    "her",
    "them",
    "general physical examination",
    "systems examination",
    "physical examination findings",
    "physical exam findings",
    "examination findings",
    "whole body",
    "all systems"
  ].map(normalize)
);
var TARGET_BY_WORD = /* @__PURE__ */ new Map();
for (const table2 of [EXAM_SYNONYMS, EXAM_ALIASES]) {
  for (const [target2, aliases] of Object.entries(table2)) {
    for (const a of [target2, ...aliases]) TARGET_BY_WORD.set(normalize(a), target2);
  }
}
var MAX_WORDS = Math.max(...[...TARGET_BY_WORD.keys()].map((k) => k.split(" ").length));
var REQUEST_FILLER = /* @__PURE__ */ new Set([
  "request",
  "test",
  "examine",
  "examination",
  "exam",
  "examining",
  "check",
  "checking",
  "look",
  "looking",
  "at",
  "in",
  "into",
  "inside",
  "listen",
  "listening",
  "to",
  "auscultate",
  "auscultation",
  "of",
  "palpate",
  "palpation",
  "feel",
  "inspect",
  "inspection",
  "percuss",
  "percussion",
  "assess",
  "assessment",
  "evaluate",
  "the",
  "his",
  "her",
  "their",
  "patients",
  "patient",
  "s",
  "my",
  "your",
  "a",
  "an",
  "please",
  "i",
  "will",
  "would",
  "like",
  "want",
  "to",
  "let",
  "me",
  "lets",
  "do",
  "perform",
  "can",
  "you",
  "could",
  "findings",
  "and",
  "quick",
  "brief",
  "focused",
  "full",
  "thorough",
  "now",
  "next",
  "also",
  "then",
  "over",
  "on",
  "for",
  "signs"
]);
function canonicalTarget(word) {
  const first = canonicalTargets(word)[0];
  return first === WHOLE_EXAM ? void 0 : first;
}
function canonicalTargets(request2) {
  const whole = normalize(request2.replace(/_/g, " "));
  const key3 = whole.replace(/^(request test|examine|exam of|examination of|check|the)\s+/, "").replace(/\s+(exam|examination)$/, "");
  const direct = TARGET_BY_WORD.get(key3) ?? TARGET_BY_WORD.get(whole);
  if (direct) return [direct];
  if (WHOLE_EXAM_WORDS.has(whole) || WHOLE_EXAM_WORDS.has(key3)) return [WHOLE_EXAM];
  const words2 = whole.split(" ").filter(Boolean);
  const out = [];
  let leftover = false;
  for (let i = 0; i < words2.length; ) {
    let hit;
    for (let len = Math.min(MAX_WORDS, words2.length - i); len >= 1; len--) {
      const target2 = TARGET_BY_WORD.get(words2.slice(i, i + len).join(" "));
      if (target2) {
        hit = { target: target2, len };
        break;
      }
    }
    if (hit) {
      if (!out.includes(hit.target)) out.push(hit.target);
      i += hit.len;
    } else {
      if (!REQUEST_FILLER.has(words2[i])) leftover = true;
      i++;
    }
  }
  if (out.length > 0) return out;
  if (!leftover && words2.some((w) => ["examine", "examination", "exam", "physical"].includes(w))) return [WHOLE_EXAM];
  if (words2.includes("physical") && words2.some((w) => w === "examination" || w === "exam")) return [WHOLE_EXAM];
  return [];
}

// src/kb/question-topic.ts
var phraseLists = /* @__PURE__ */ new WeakMap();
function phraseList(vocabulary2) {
  let list2 = phraseLists.get(vocabulary2);
  if (!list2) {
    list2 = vocabulary2.phrases().map(([phrase, entry2]) => ({ phrase, words: phrase.split(" "), topic: entry2.topic, category: entry2.category })).sort((a, b) => b.words.length - a.words.length || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    phraseLists.set(vocabulary2, list2);
  }
  return list2;
}
function occursAt(words2, phrase) {
  outer: for (let i = 0; i + phrase.length <= words2.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const w = words2[i + j];
      if (w !== phrase[j] && w !== phrase[j] + "s") continue outer;
    }
    return i;
  }
  return -1;
}
function topicOfQuestion(vocabulary2, question) {
  if (question.topic) {
    const hit = vocabulary2.lookup(question.topic);
    if (hit) return hit.topic;
  }
  const exact = vocabulary2.lookup(question.text);
  if (exact) return exact.topic;
  const words2 = normalize(question.text).split(" ");
  for (const p of phraseList(vocabulary2)) if (occursAt(words2, p.words) >= 0) return p.topic;
  return void 0;
}
var symptomLists = /* @__PURE__ */ new WeakMap();
function symptomPhrases(vocabulary2) {
  let list2 = symptomLists.get(vocabulary2);
  if (!list2) symptomLists.set(vocabulary2, list2 = phraseList(vocabulary2).filter((p) => p.category === "symptom"));
  return list2;
}
var topicWords = /* @__PURE__ */ new WeakMap();
function namesTopic(vocabulary2, topic, normalizedText) {
  let byTopic = topicWords.get(vocabulary2);
  if (!byTopic) {
    byTopic = /* @__PURE__ */ new Map();
    for (const p of phraseList(vocabulary2)) byTopic.set(p.topic, [...byTopic.get(p.topic) ?? [], p.phrase]);
    topicWords.set(vocabulary2, byTopic);
  }
  const padded = ` ${normalizedText} `;
  return (byTopic.get(topic) ?? [normalize(topic)]).some((w) => padded.includes(` ${w} `) || padded.includes(` ${w}s `));
}

// src/kb/evidence.ts
var EMPTY = { clauses: [], joined: "" };
function createEvidence(kb) {
  return new Int8Array(kb.findings.length);
}
function mark(state, finding, present) {
  if (present) state[finding] = 1;
  else if (state[finding] === 0) state[finding] = -1;
}
var READING_CACHE_LIMIT = 2e4;
var readings = /* @__PURE__ */ new WeakMap();
function cachedMarks(kb, key3, read) {
  let byKey = readings.get(kb);
  if (!byKey) readings.set(kb, byKey = /* @__PURE__ */ new Map());
  let hit = byKey.get(key3);
  if (hit === void 0) {
    if (byKey.size >= READING_CACHE_LIMIT) byKey.clear();
    byKey.set(key3, hit = read());
  }
  return hit;
}
function applyMarks(state, marks) {
  for (let k = 0; k < marks.length; k++) mark(state, marks[k] >> 1, (marks[k] & 1) === 1);
}
function observeAnswer(kb, question, text, state) {
  if (isUnclearAnswer(text)) return;
  const topic = topicOfQuestion(kb.vocabulary, question);
  const findings = topic === void 0 ? void 0 : kb.byTopic.get(topic);
  if (!findings) return;
  applyMarks(
    state,
    cachedMarks(kb, `a\0${topic}\0${text}`, () => {
      const denied = isNegativeAnswer(text);
      const prepared2 = prepareText(text);
      const marks = [];
      for (const i of findings) {
        const probe = kb.findings[i].probe;
        if (probe.kind !== "ask") continue;
        const present = !denied && (probe.match.length === 0 || probe.match.some((kw) => affirmedIn(prepared2, kw)));
        marks.push(i * 2 + (present ? 1 : 0));
      }
      return marks;
    })
  );
}
function observeExam(kb, target2, text, state) {
  const canonical = canonicalTarget(target2) ?? target2;
  const findings = kb.byTarget.get(canonical);
  if (!findings) return;
  applyMarks(
    state,
    cachedMarks(kb, `e\0${canonical}\0${text}`, () => {
      const prepared2 = prepareText(text);
      const marks = [];
      for (const i of findings) {
        const probe = kb.findings[i].probe;
        if (probe.kind === "examine") marks.push(i * 2 + (probe.match.some((kw) => affirmedIn(prepared2, kw)) ? 1 : 0));
      }
      return marks;
    })
  );
}
var ResultReader = class {
  constructor(result) {
    this.result = result;
  }
  result;
  components;
  wholeFlags;
  texts;
  /** A component by name, case-insensitively. */
  component(name) {
    if (!this.components) {
      this.components = /* @__PURE__ */ new Map();
      for (const [key3, c] of Object.entries(this.result.components ?? {})) this.components.set(key3.trim().toLowerCase(), c);
    }
    return this.components.get(name);
  }
  /** The result's flag, or when it has none, its components' flags. */
  flags() {
    if (!this.wholeFlags) {
      const r = this.result;
      this.wholeFlags = r.flag !== void 0 ? [r.flag] : Object.values(r.components ?? {}).map((c) => c.flag);
    }
    return this.wholeFlags;
  }
  /** The report text and every string value, tokenised on first need: many results are only numbers. */
  text() {
    if (!this.texts) {
      const r = this.result;
      const parts = [];
      if (r.text) parts.push(r.text);
      if (typeof r.value === "string") parts.push(r.value);
      for (const c of Object.values(r.components ?? {})) if (typeof c.value === "string") parts.push(c.value);
      this.texts = joinPrepared(parts.map(prepareText));
    }
    return this.texts;
  }
};
function readResult(probe, reader) {
  let flags;
  let texts;
  if (probe.component !== void 0) {
    const c = reader.component(probe.component);
    if (!c) return void 0;
    flags = [c.flag];
    texts = probe.match.length > 0 && typeof c.value === "string" ? prepareText(c.value) : EMPTY;
  } else {
    flags = reader.flags();
    texts = probe.match.length > 0 ? reader.text() : EMPTY;
  }
  if (probe.flags.size > 0 && flags.some((f) => f !== void 0 && probe.flags.has(f))) return true;
  if (probe.match.length > 0 && probe.match.some((kw) => affirmedIn(texts, kw))) return true;
  return false;
}
var resultReadings = /* @__PURE__ */ new WeakMap();
function observeResult(kb, testId, result, state) {
  const findings = kb.byTest.get(testId);
  if (!findings) return;
  let byResult = resultReadings.get(kb);
  if (!byResult) resultReadings.set(kb, byResult = /* @__PURE__ */ new WeakMap());
  let byTest = byResult.get(result);
  if (!byTest) byResult.set(result, byTest = /* @__PURE__ */ new Map());
  let marks = byTest.get(testId);
  if (!marks) {
    const reader = new ResultReader(result);
    const read = [];
    for (const i of findings) {
      const probe = kb.findings[i].probe;
      if (probe.kind !== "order") continue;
      const seen = readResult(probe, reader);
      if (seen !== void 0) read.push(i * 2 + (seen ? 1 : 0));
    }
    byTest.set(testId, marks = read);
  }
  applyMarks(state, marks);
}
function observeItem(kb, item, state) {
  if (item.kind === "answer") observeAnswer(kb, item.question, item.text, state);
  else if (item.kind === "exam") observeExam(kb, item.target, item.text, state);
  else if (item.kind === "result") observeResult(kb, item.testId, item.result, state);
}
function observeItems(kb, items, state, ledger = /* @__PURE__ */ new Map()) {
  const replies = /* @__PURE__ */ new Map();
  for (const item of items) {
    if (item.kind !== "answer" || isNegativeAnswer(item.text)) {
      observeItem(kb, item, state);
      continue;
    }
    const key3 = normalize(item.text);
    const group = replies.get(key3) ?? [];
    group.push({ question: item.question, text: item.text, topic: topicOfQuestion(kb.vocabulary, item.question) });
    replies.set(key3, group);
  }
  for (const [key3, group] of replies) {
    const earlier = ledger.get(key3);
    let credited = earlier !== void 0 ? group.filter((g) => g.topic === earlier) : group;
    if (earlier === void 0 && group.length > 1) {
      const named = group.filter((g) => g.topic !== void 0 && namesTopic(kb.vocabulary, g.topic, key3));
      credited = named.length > 0 ? named : group.slice(0, 1);
    }
    for (const g of credited) observeAnswer(kb, g.question, g.text, state);
    if (earlier === void 0 && credited.length > 0) ledger.set(key3, credited[0].topic ?? "");
  }
}
function observePresentation(kb, presentation, state) {
  const normalized2 = normalize(presentation);
  const words2 = new Set(normalized2.split(" "));
  const padded = ` ${normalized2} `;
  for (const p of symptomPhrases(kb.vocabulary)) {
    if (!words2.has(p.words[0]) || !padded.includes(` ${p.phrase} `)) continue;
    const findings = kb.byTopic.get(p.topic);
    if (!findings || !mentionsAffirmed(presentation, p.phrase)) continue;
    for (const i of findings) {
      const probe = kb.findings[i].probe;
      if (probe.kind === "ask" && probe.match.length === 0) mark(state, i, true);
    }
  }
}

// src/kb/demographics.ts
var EXCLUDED_LOG = -1e4;
var YEARS_PER = { years: 1, months: 1 / 12, weeks: 7 / 365.25, days: 1 / 365.25 };
function ageInYears(d) {
  return d.age * (YEARS_PER[d.ageUnit] ?? 1);
}
function demographicGate(kb, patient) {
  const years = ageInYears(patient);
  const excluded = /* @__PURE__ */ new Set();
  const logWeight = new Float64Array(kb.diseases.length);
  kb.diseases.forEach((d, j) => {
    const wrongSex = d.sex !== void 0 && (patient.sex === "female" || patient.sex === "male") && patient.sex !== d.sex;
    const band = d.age;
    const outsideAge = band !== void 0 && (band.min !== void 0 && years < band.min || band.max !== void 0 && years > band.max);
    if (wrongSex || outsideAge && band.outside === 0) {
      excluded.add(j);
      logWeight[j] = EXCLUDED_LOG;
    } else if (outsideAge) {
      logWeight[j] = Math.log(band.outside);
    }
  });
  return { excluded, logWeight };
}

// src/doctors/kb-tracker.ts
var KbTracker = class {
  constructor(kb, usePresentation) {
    this.kb = kb;
    this.usePresentation = usePresentation;
    this.evidence = createEvidence(kb);
    this.before = createEvidence(kb);
    this.logp = Float64Array.from(kb.logPrior);
  }
  kb;
  usePresentation;
  evidence;
  askedTopics = /* @__PURE__ */ new Set();
  examinedTargets = /* @__PURE__ */ new Set();
  orderedTests = /* @__PURE__ */ new Set();
  processed = 0;
  started = false;
  /** Unnormalised log posterior of `evidence`, kept up to date instead of recomputed. */
  logp;
  before;
  ledger = /* @__PURE__ */ new Map();
  /** Findings observed so far. */
  observed = 0;
  /** The patient's sex and age applied to the prior, set on the first update. */
  gate;
  /** Reads new history entries; returns the posterior over all evidence so far. */
  update(view) {
    this.before.set(this.evidence);
    if (!this.started) {
      this.started = true;
      this.gate = demographicGate(this.kb, view.patient);
      for (let j = 0; j < this.logp.length; j++) this.logp[j] += this.gate.logWeight[j];
      if (this.usePresentation) observePresentation(this.kb, view.presentation, this.evidence);
    }
    for (; this.processed < view.history.length; this.processed++) {
      const { action, items } = view.history[this.processed];
      if (action.type === "ask") {
        for (const q of action.questions) this.askedTopics.add(topicOfQuestion(this.kb.vocabulary, q) ?? q.text);
      } else if (action.type === "examine") {
        for (const t of action.targets) this.examinedTargets.add(canonicalTarget(t) ?? t);
      } else if (action.type === "order") {
        for (const t of action.tests) this.orderedTests.add(t);
      }
      for (const item of items) {
        if (item.kind === "result") this.orderedTests.add(item.testId);
        if (item.kind === "exam") this.examinedTargets.add(item.target);
      }
      observeItems(this.kb, items, this.evidence, this.ledger);
    }
    for (let i = 0; i < this.evidence.length; i++) {
      const was = this.before[i];
      const now = this.evidence[i];
      if (was === now) continue;
      if (was !== 0) applyObservation(this.kb, this.logp, { finding: i, present: was > 0 }, -1);
      else this.observed++;
      applyObservation(this.kb, this.logp, { finding: i, present: now > 0 });
    }
    const b = beliefFromLog(this.logp);
    if (this.gate && this.gate.excluded.size > 0) b.excluded = this.gate.excluded;
    return b;
  }
};

// src/doctors/kb-diagnosis.ts
function topOfBelief(kb, b, k = 5) {
  const excluded = b.excluded;
  const top = excluded && excluded.size > 0 ? topDiseases(b.p, k + excluded.size).filter((j) => !excluded.has(j)).slice(0, k) : topDiseases(b.p, k);
  return top.map((j) => ({ id: kb.diseases[j].id, name: kb.diseases[j].name, icd10: kb.diseases[j].icd10, p: round(b.p[j]) }));
}
function diagnoseFromBelief(kb, b, observed, k = 5) {
  return {
    type: "diagnose",
    differential: topOfBelief(kb, b, k).map((d) => ({ name: d.name, probability: d.p, icd10: d.icd10 })),
    rationale: `Naive-Bayes posterior over ${kb.diseases.length} diseases from ${observed} observed findings.`
  };
}
function round(p) {
  return Math.round(p * 1e4) / 1e4;
}

// src/doctors/baseline.ts
function baselineDoctor(spec) {
  const options = parseBaselineOptions(spec);
  return {
    name: spec.raw,
    create: (ctx) => new BaselineDoctor(ctx, options),
    replayable: true
  };
}
var BaselineDoctor = class {
  constructor(ctx, options, kb = loadKnowledgeBase(void 0, { catalog: ctx.catalog })) {
    this.ctx = ctx;
    this.options = options;
    this.tracker = new KbTracker(kb, options.presentation);
    this.candidates = candidatesFor(kb, ctx.catalog);
  }
  ctx;
  options;
  tracker;
  candidates;
  act(view) {
    const { kb } = this.tracker;
    const t = this.tracker;
    const b = t.update(view);
    const top = topOfBelief(kb, b);
    this.ctx.note?.("posterior", { top: top.map((d) => ({ id: d.id, p: d.p })), entropy: Math.round(b.entropy * 1e3) / 1e3 });
    const leader = kb.diseaseIndex.get(top[0].id);
    const lead = b.p[leader];
    const lastTurn = view.turnsLeft <= 1 || view.turn + 1 >= this.options.maxTurns;
    if (lastTurn) return diagnoseFromBelief(kb, b, this.tracker.observed);
    const commit = () => this.confirmation(view, leader) ?? diagnoseFromBelief(kb, b, this.tracker.observed);
    if (lead >= this.options.threshold) return commit();
    const taken = this.takenFlags();
    const choose = (onlyQuestions) => chooseMove({
      kb,
      belief: b,
      evidence: t.evidence,
      candidates: this.candidates,
      taken: (c, order) => taken[order] === 1 || onlyQuestions && c.kind !== "ask",
      view,
      catalog: this.ctx.catalog,
      options: this.options
    });
    if (view.history.length === 0 && lead < this.options.history) {
      const questions = choose(true);
      if (questions) return questions.action;
    }
    const move = choose(false);
    if (!move) return commit();
    const opensVisit = move.action.type !== "order" && !view.inVisit && view.protocol.visitFee > 0;
    if (opensVisit && lead >= this.options.visitThreshold) return commit();
    return move.action;
  }
  /**
   * The leader's confirming tests not yet ordered, as one order, when the
   * options ask for confirmation and a turn (besides the diagnosis) and the
   * budget allow; undefined means commit now. Tests already ordered count as
   * done even if refused, so this can never loop.
   */
  confirmation(view, leader) {
    if (!this.options.confirm || view.turnsLeft < 2 || view.turn + 2 > this.options.maxTurns) return void 0;
    const p = view.protocol;
    const missing = this.tracker.kb.diseases[leader].confirmWith.filter((id) => !this.tracker.orderedTests.has(id) && this.ctx.catalog.has(id));
    const tests = [];
    let spend = 0;
    for (const id of missing) {
      if (tests.length >= p.maxTestsPerTurn) break;
      const price = this.ctx.catalog.price(id, p.prices);
      if (view.budgetLeft !== null && spend + price > view.budgetLeft + 1e-9) continue;
      tests.push(id);
      spend += price;
    }
    return tests.length > 0 ? { type: "order", tests } : void 0;
  }
  /**
   * Which candidates were already asked, examined or ordered, by candidate position. Built once per act
   * from the tracker's few taken keys, so scoring each of the hundreds of candidates is one array read.
   */
  takenFlags() {
    const flags = new Uint8Array(this.candidates.length);
    const at = positionsOf(this.candidates);
    const t = this.tracker;
    for (const [kind, keys] of [
      ["ask", t.askedTopics],
      ["examine", t.examinedTargets],
      ["order", t.orderedTests]
    ]) {
      for (const key3 of keys) {
        const order = at.get(`${kind}\0${key3}`);
        if (order !== void 0) flags[order] = 1;
      }
    }
    return flags;
  }
};
var positions = /* @__PURE__ */ new WeakMap();
function positionsOf(candidates) {
  let at = positions.get(candidates);
  if (!at) {
    at = new Map(candidates.map((c, i) => [`${c.kind}\0${c.key}`, i]));
    positions.set(candidates, at);
  }
  return at;
}

// src/doctors/checklist.ts
var CHECKLIST_TOPICS = [
  "fever",
  "chest pain",
  "shortness of breath",
  "abdominal pain",
  "headache",
  "cough",
  "nausea",
  "vomiting",
  "diarrhea",
  "dysuria",
  "rash",
  "joint pain",
  "weight loss",
  "fatigue",
  "dizziness",
  "leg swelling",
  "palpitations",
  "blood in stool",
  "confusion",
  "past medical history",
  "medications",
  "allergies",
  "surgical history",
  "smoking",
  "alcohol",
  "recreational drugs",
  "travel",
  "family history"
];
var CHECKLIST_TARGETS = ["general", "vitals", "heent", "neck", "cardiovascular", "respiratory", "abdomen", "neuro", "skin", "msk", "extremities"];
var CHECKLIST_PANEL = [
  "cbc",
  "cmp",
  "crp",
  "urinalysis",
  "ecg-12-lead",
  "chest-xray",
  "troponin-i-hs",
  "lipase",
  "tsh",
  "blood-culture",
  "d-dimer",
  "lactate",
  "esr"
];
function chunk(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
function planChecklist(view, tests, questions) {
  const p = view.protocol;
  const phases = [
    chunk(questions, p.maxQuestionsPerTurn).map((q) => ({ type: "ask", questions: q })),
    chunk(CHECKLIST_TARGETS, p.maxExamsPerTurn).map((t) => ({ type: "examine", targets: t })),
    chunk(tests, p.maxTestsPerTurn).map((t) => ({ type: "order", tests: t }))
  ];
  const available = Math.max(0, view.turnsLeft - 1);
  const turns = phases.map((ph) => ph.length);
  while (turns.reduce((a, b) => a + b, 0) > available) {
    let longest = 0;
    for (let k = 1; k < turns.length; k++) if (turns[k] > turns[longest]) longest = k;
    turns[longest]--;
  }
  return phases.flatMap((ph, k) => ph.slice(0, turns[k]));
}
function checklistDoctor(spec) {
  checkOptions(spec, []);
  if (spec.argument !== void 0) throw new ConfigError(`Doctor "checklist" takes no options, but was given "${spec.argument}".`);
  return { name: spec.raw, create: (ctx) => new ChecklistDoctor(ctx), replayable: true };
}
var ChecklistDoctor = class {
  constructor(ctx, kb = loadKnowledgeBase(void 0, { catalog: ctx.catalog })) {
    this.ctx = ctx;
    this.tracker = new KbTracker(kb, true);
  }
  ctx;
  tracker;
  plan;
  act(view) {
    const kb = this.tracker.kb;
    const b = this.tracker.update(view);
    if (!this.plan) {
      const questions = CHECKLIST_TOPICS.flatMap((topic) => {
        const entry2 = kb.vocabulary.lookup(topic);
        return entry2 ? [{ text: entry2.question, topic: entry2.topic }] : [];
      });
      const female = view.patient.sex === "female" && view.patient.ageUnit === "years" && view.patient.age >= 12 && view.patient.age <= 55;
      const tests = [...CHECKLIST_PANEL, ...female ? ["urine-pregnancy-test"] : []].filter((t) => this.ctx.catalog.has(t));
      this.plan = planChecklist(view, tests, questions);
    }
    while (this.plan.length > 0 && view.turnsLeft > 1) {
      const step = this.affordable(this.plan.shift(), view);
      if (step) return step;
    }
    return diagnoseFromBelief(kb, b, this.tracker.observed);
  }
  /** The step, trimmed to what the budget left can pay for; undefined when none of it can be. */
  affordable(step, view) {
    const left = view.budgetLeft;
    if (left === null) return step;
    if (step.type !== "order") return view.inVisit || view.protocol.visitFee <= left + 1e-9 ? step : void 0;
    let spend = 0;
    const tests = step.tests.filter((t) => {
      const price = this.ctx.catalog.price(t, view.protocol.prices);
      if (spend + price > left + 1e-9) return false;
      spend += price;
      return true;
    });
    return tests.length > 0 ? { type: "order", tests } : void 0;
  }
};

// src/doctors/llm/llm-doctor.ts
import { readFileSync as readFileSync9 } from "node:fs";

// src/llm/call-model.ts
import { z as z9 } from "zod";

// src/llm/cache.ts
import { createHash } from "node:crypto";
function hashKey(value) {
  return createHash("sha256").update(stableStringify(value)).digest("hex");
}
function stableStringify(value) {
  return JSON.stringify(
    value,
    (_k, v) => v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(
      Object.keys(v).sort().map((k) => [k, v[k]])
    ) : v
  );
}

// src/llm/errors.ts
var ModelCallError = class extends RoundsError {
  code;
  attempts;
  constructor(message, options) {
    super(redactSecrets(message), { cause: options.cause });
    this.name = "ModelCallError";
    this.code = options.code;
    this.attempts = options.attempts;
  }
};
var OfflineCacheMissError = class extends RoundsError {
  constructor(modelId) {
    super(`The call to ${modelId} is not in the cache and --offline forbids calling out; rerun without --offline or with the store that holds the cache.`);
    this.name = "OfflineCacheMissError";
  }
};

// src/llm/model-string.ts
import { createOpenAI } from "@ai-sdk/openai";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";

// src/llm/http-fetch.ts
import { Agent, request } from "node:http";
var agent = new Agent({ keepAlive: true, maxSockets: 256 });
var httpFetch = (input, init) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  if (url.protocol !== "http:") return fetch(input, init);
  return new Promise((resolve4, reject) => {
    const signal = init?.signal ?? void 0;
    if (signal?.aborted) return reject(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    const headers = {};
    new Headers(init?.headers).forEach((v, k) => headers[k] = v);
    headers["accept-encoding"] = "identity";
    const body = init?.body == null ? void 0 : typeof init.body === "string" ? init.body : void 0;
    if (init?.body != null && body === void 0) return reject(new TypeError("httpFetch only sends string bodies."));
    if (body !== void 0) headers["content-length"] = String(Buffer.byteLength(body));
    const req = request(url, { method: init?.method ?? "GET", headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("error", fail);
      res.on("end", () => {
        signal?.removeEventListener("abort", onAbort);
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== void 0) out.set(k, Array.isArray(v) ? v.join(", ") : v);
        const status2 = res.statusCode ?? 500;
        const nullBody = status2 === 204 || status2 === 304;
        resolve4(new Response(nullBody ? null : Buffer.concat(chunks), { status: status2, statusText: res.statusMessage, headers: out }));
      });
    });
    function fail(e) {
      signal?.removeEventListener("abort", onAbort);
      reject(e);
    }
    const onAbort = () => {
      req.destroy();
      fail(signal?.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", fail);
    req.end(body);
  });
};

// src/llm/egress-policy.ts
import { AsyncLocalStorage } from "node:async_hooks";
var EgressRefusedError = class extends RoundsError {
  constructor(message) {
    super(message);
    this.name = "EgressRefusedError";
  }
};
var storage = new AsyncLocalStorage();
function currentEgressPolicy() {
  return storage.getStore();
}
function modelPatternMatches(pattern, id) {
  const re = new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`, "i");
  return re.test(id);
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function assertModelAllowed(id, baseURL) {
  const policy = currentEgressPolicy();
  if (!policy) return;
  if (baseURL !== void 0) {
    let url;
    try {
      url = new URL(baseURL);
    } catch {
      url = void 0;
    }
    if (!url || url.username || url.password || url.search || url.hash) {
      throw new EgressRefusedError(`Model "${id}" names a base URL with credentials, a query or a fragment, which this server does not accept.`);
    }
  }
  if (policy.models.some((p) => modelPatternMatches(p, id))) return;
  throw new EgressRefusedError(
    `Model "${id}" is not allowed on this server; the operator can allow it by starting \`rounds serve\` with --allow-model '<pattern>' (e.g. --allow-model '${id.split(":")[0]}:*').`
  );
}
function assertDoctorUrlAllowed(url) {
  const policy = currentEgressPolicy();
  if (!policy) return;
  if (policy.doctorOrigins.includes(url.origin)) return;
  throw new EgressRefusedError(
    `Doctor URL origin ${url.origin} is not allowed on this server; the operator can allow it by starting \`rounds serve\` with --allow-doctor-url ${url.origin}.`
  );
}

// src/llm/model-string.ts
var PROVIDERS = ["openai", "anthropic", "google", "ollama", "openai-compatible"];
var KEY_ENV = {
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  google: "GOOGLE_GENERATIVE_AI_API_KEY",
  ollama: void 0,
  "openai-compatible": void 0
};
function parseModelString(raw) {
  const text = raw.trim();
  const colon = text.indexOf(":");
  const provider = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? "" : text.slice(colon + 1).trim();
  if (!PROVIDERS.includes(provider)) {
    throw new ConfigError(`Unknown model provider "${provider}" in "${raw}"; use one of ${PROVIDERS.join(", ")}, e.g. openai:gpt-4.1-mini.`);
  }
  const p = provider;
  if (p === "openai-compatible") {
    const hash = rest.lastIndexOf("#");
    const baseURL = hash < 0 ? "" : rest.slice(0, hash).trim();
    const model = hash < 0 ? "" : rest.slice(hash + 1).trim();
    if (!/^https?:\/\/\S+$/.test(baseURL) || !model) {
      throw new ConfigError(`Model "${raw}" must look like openai-compatible:<baseURL>#<model>, e.g. openai-compatible:http://127.0.0.1:8000/v1#qwen2.5-7b.`);
    }
    return { provider: p, model, baseURL: baseURL.replace(/\/+$/, ""), id: `openai-compatible:${baseURL.replace(/\/+$/, "")}#${model}` };
  }
  if (!rest)
    throw new ConfigError(
      `Model "${raw}" names no model; write ${p}:<model>, e.g. ${p === "anthropic" ? "anthropic:claude-sonnet-4-5" : p === "google" ? "google:gemini-2.5-flash" : p === "ollama" ? "ollama:llama3.1" : "openai:gpt-4.1-mini"}.`
    );
  return { provider: p, model: rest, id: `${p}:${rest}` };
}
function resolveModel(ref, env = process.env) {
  assertModelAllowed(ref.id, ref.baseURL);
  const keyVar = KEY_ENV[ref.provider];
  const key3 = keyVar ? env[keyVar] : void 0;
  if (keyVar && !key3) throw new ConfigError(`Model ${ref.id} needs an API key: set ${keyVar} in the environment.`);
  switch (ref.provider) {
    case "openai":
      return createOpenAI({ apiKey: key3 }).chat(ref.model);
    case "anthropic":
      return createAnthropic({ apiKey: key3 })(ref.model);
    case "google":
      return createGoogleGenerativeAI({ apiKey: key3 })(ref.model);
    case "ollama":
      return createOpenAICompatible({
        name: "ollama",
        baseURL: (env.OLLAMA_BASE_URL ?? "http://127.0.0.1:11434/v1").replace(/\/+$/, ""),
        supportsStructuredOutputs: true,
        fetch: httpFetch
      }).chatModel(ref.model);
    case "openai-compatible":
      return createOpenAICompatible({
        name: "openai-compatible",
        baseURL: ref.baseURL,
        apiKey: compatibleKeyFor(ref.baseURL, env),
        supportsStructuredOutputs: true,
        includeUsage: true,
        // Plain-HTTP servers go through the lighter keep-alive client; https uses the global fetch.
        fetch: httpFetch
      }).chatModel(ref.model);
  }
}
function sameBaseUrl(a, b) {
  return a.trim().replace(/\/+$/, "") === b.trim().replace(/\/+$/, "");
}
function compatibleKeyFor(baseURL, env = process.env) {
  const key3 = env.OPENAI_COMPATIBLE_API_KEY || void 0;
  if (!key3) return void 0;
  const configured = env.OPENAI_COMPATIBLE_BASE_URL?.trim();
  if (configured) return sameBaseUrl(configured, baseURL) ? key3 : void 0;
  return currentEgressPolicy() ? void 0 : key3;
}

// src/llm/prices.ts
import { readFileSync as readFileSync7 } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z as z8 } from "zod";
var Price = z8.object({ input: z8.number().min(0), output: z8.number().min(0) }).strict();
var DEFAULT_PRICES = {
  "openai:gpt-4.1": { input: 2, output: 8 },
  "openai:gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "openai:gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "openai:gpt-4o": { input: 2.5, output: 10 },
  "openai:gpt-4o-mini": { input: 0.15, output: 0.6 },
  "openai:o4-mini": { input: 1.1, output: 4.4 },
  "openai:gpt-5": { input: 1.25, output: 10 },
  "openai:gpt-5-mini": { input: 0.25, output: 2 },
  "anthropic:claude-sonnet-4-5": { input: 3, output: 15 },
  "anthropic:claude-sonnet-4-0": { input: 3, output: 15 },
  "anthropic:claude-opus-4-1": { input: 15, output: 75 },
  "anthropic:claude-3-5-haiku-latest": { input: 0.8, output: 4 },
  "anthropic:claude-haiku-4-5": { input: 1, output: 5 },
  "google:gemini-2.5-pro": { input: 1.25, output: 10 },
  "google:gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "google:gemini-2.0-flash": { input: 0.1, output: 0.4 }
};
function loadPrices(file) {
  if (!file) return { ...DEFAULT_PRICES };
  let raw;
  try {
    raw = parseYaml(readFileSync7(file, "utf8"));
  } catch (e) {
    throw new ConfigError(`Cannot read the price file ${file}: ${e.message}`);
  }
  const parsed2 = z8.record(z8.string(), Price).safeParse(raw);
  if (!parsed2.success) {
    const i = parsed2.error.issues[0];
    throw new ConfigError(
      `The price file ${file} is invalid at ${i.path.join(".") || "top level"}: ${i.message} (each entry is "<model-id>: { input: <usd per 1M>, output: <usd per 1M> }").`
    );
  }
  return { ...DEFAULT_PRICES, ...parsed2.data };
}
function priceCall({
  table: table2,
  modelId,
  inputTokens,
  outputTokens
}) {
  const p = table2[modelId];
  if (!p) return null;
  return (inputTokens * p.input + outputTokens * p.output) / 1e6;
}

// src/llm/retry.ts
import { APICallError } from "@ai-sdk/provider";
var DEFAULT_RETRY = { maxAttempts: 4, baseDelayMs: 1e3, maxDelayMs: 6e4, timeoutMs: 12e4 };
var BadReplyError = class extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
    this.name = "BadReplyError";
  }
  code;
};
function classifyFailure(e, timedOut) {
  if (timedOut) return { retryable: true, code: "timeout", message: "the model did not answer before the timeout" };
  if (e instanceof BadReplyError) return { retryable: true, code: e.code, message: e.message };
  if (APICallError.isInstance(e)) {
    const status2 = e.statusCode;
    const retryAfterMs = parseRetryAfter(e.responseHeaders);
    if (status2 === 429) return { retryable: true, code: "rate-limited", message: "the provider answered 429 (rate limited)", retryAfterMs };
    if (status2 !== void 0 && status2 >= 500) return { retryable: true, code: "server-error", message: `the provider answered ${status2}`, retryAfterMs };
    if (status2 === 408) return { retryable: true, code: "timeout", message: "the provider answered 408 (request timeout)", retryAfterMs };
    if (status2 !== void 0 && status2 < 400) {
      const empty = !e.responseBody?.trim();
      return empty ? { retryable: true, code: "empty-reply", message: `the provider answered ${status2} with an empty body` } : { retryable: true, code: "bad-reply", message: `the provider answered ${status2} with a reply that could not be read (${short(e.message)})` };
    }
    if (status2 === 401 || status2 === 403)
      return { retryable: false, code: `http-${status2}`, message: `the provider refused the credentials (${status2}); check the API key variable` };
    if (status2 !== void 0)
      return { retryable: false, code: `http-${status2}`, message: `the provider answered ${status2}: ${short(e.responseBody ?? e.message)}` };
    return { retryable: true, code: "network", message: `network error: ${short(e.message)}` };
  }
  const name = e?.name ?? "";
  if (name === "AI_ToolChoiceViolationError" || name === "AI_NoOutputGeneratedError") {
    return { retryable: true, code: "empty-reply", message: "the model answered without the required tool call or output" };
  }
  if (name === "AI_NoObjectGeneratedError" || name === "AI_JSONParseError" || name === "AI_TypeValidationError" || name === "AI_InvalidToolInputError" || name === "AI_NoSuchToolError" || name === "AI_ToolCallRepairError") {
    return { retryable: true, code: "bad-reply", message: `the reply could not be used: ${short(e.message)}` };
  }
  if (name === "AI_EmptyResponseBodyError") return { retryable: true, code: "empty-reply", message: "the provider sent an empty response" };
  if (e instanceof TypeError || /ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up|fetch failed/i.test(String(e?.message))) {
    return { retryable: true, code: "network", message: `network error: ${short(e.message)}` };
  }
  return { retryable: false, code: "model-error", message: short(e?.message ?? String(e)) };
}
function parseRetryAfter(headers, now = Date.now()) {
  if (!headers) return void 0;
  const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(h["retry-after-ms"]);
  if (h["retry-after-ms"] !== void 0 && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = h["retry-after"];
  if (raw === void 0) return void 0;
  const s = Number(raw);
  if (Number.isFinite(s) && s >= 0) return s * 1e3;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : void 0;
}
function backoffDelay({ policy, retry, failure, rng }) {
  if (failure.retryAfterMs !== void 0) return Math.min(policy.maxDelayMs, failure.retryAfterMs);
  const step = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.min(policy.maxDelayMs, Math.round(step * (0.5 + 0.5 * rng.next())));
}
function short(s) {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 200 ? one.slice(0, 197) + "..." : one;
}

// src/llm/runtime.ts
import { AsyncLocalStorage as AsyncLocalStorage2 } from "node:async_hooks";

// src/llm/per-key-queue.ts
var PerKeyQueue = class {
  tails = /* @__PURE__ */ new Map();
  run(key3, task) {
    const mine = (this.tails.get(key3) ?? Promise.resolve()).then(task);
    this.tails.set(
      key3,
      mine.catch(() => void 0)
    );
    return mine;
  }
};

// src/llm/rate-limiter-memory.ts
var WINDOW_MS = 6e4;
var MemoryRateLimiter = class {
  constructor(now = () => Date.now()) {
    this.now = now;
  }
  now;
  windows = /* @__PURE__ */ new Map();
  queue = new PerKeyQueue();
  async acquire(key3, tokens, limits, signal) {
    if (limits.requestsPerMinute === void 0 && limits.tokensPerMinute === void 0) return;
    const tpm = limits.tokensPerMinute;
    const cost = tpm !== void 0 ? Math.min(tokens, tpm) : tokens;
    return this.queue.run(key3, () => this.waitFor(key3, cost, limits, signal));
  }
  async waitFor(key3, tokens, limits, signal) {
    for (; ; ) {
      if (signal?.aborted) throw new RoundsError("The model call was cancelled while waiting for the rate limit.");
      const now = this.now();
      let w = this.windows.get(key3);
      if (!w) this.windows.set(key3, w = { list: [], head: 0, tokens: 0 });
      while (w.head < w.list.length && w.list[w.head].at <= now - WINDOW_MS) w.tokens -= w.list[w.head++].tokens;
      if (w.head > 1024 && w.head * 2 > w.list.length) {
        w.list = w.list.slice(w.head);
        w.head = 0;
      }
      const count = w.list.length - w.head;
      const reqOk = limits.requestsPerMinute === void 0 || count < limits.requestsPerMinute;
      const tokOk = limits.tokensPerMinute === void 0 || w.tokens + tokens <= limits.tokensPerMinute;
      if (reqOk && tokOk) {
        w.list.push({ at: now, tokens });
        w.tokens += tokens;
        return;
      }
      const wait = Math.max(1, w.list[w.head].at + WINDOW_MS - now);
      await sleep(wait, signal);
    }
  }
  async close() {
    this.windows.clear();
  }
};
function sleep(ms, signal) {
  return new Promise((resolve4, reject) => {
    if (signal?.aborted) return reject(new RoundsError("The model call was cancelled."));
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve4();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new RoundsError("The model call was cancelled."));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// src/llm/usage.ts
function emptyUsage() {
  return { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, usd: 0, unpriced: [] };
}
function addUsage({
  into,
  modelId,
  inputTokens,
  outputTokens,
  usd,
  cached: cached3
}) {
  into.calls++;
  if (cached3) into.cachedCalls++;
  into.inputTokens += inputTokens;
  into.outputTokens += outputTokens;
  if (usd === null) {
    if (!into.unpriced.includes(modelId)) into.unpriced.push(modelId);
  } else into.usd += usd;
}
function usageScores(u) {
  const tokens = u.inputTokens + u.outputTokens;
  const detail = `${u.calls} model call${u.calls === 1 ? "" : "s"}: ${u.inputTokens} input + ${u.outputTokens} output tokens`;
  return [
    { name: "tokens", value: tokens, detail },
    u.unpriced.length ? { name: "usd", value: null, detail: `not priced: no price for ${u.unpriced.join(", ")} (add it with --prices)` } : { name: "usd", value: Math.round(u.usd * 1e6) / 1e6, detail: `$${u.usd.toFixed(4)} for ${detail}` }
  ];
}

// src/llm/runtime.ts
function createRuntime(init = {}) {
  const limits = init.rateLimits ?? {};
  return {
    cache: init.cache,
    cacheMode: init.cacheMode ?? (init.cache ? "readwrite" : "off"),
    offline: init.offline ?? false,
    limiter: init.limiter ?? new MemoryRateLimiter(),
    limits: init.limits ?? (() => limits),
    prices: init.prices ?? { ...DEFAULT_PRICES },
    retry: init.retry ?? DEFAULT_RETRY,
    total: emptyUsage(),
    spentUsd: 0,
    maxUsd: init.maxUsd,
    onBudget: init.onBudget,
    env: init.env ?? process.env
  };
}
var storage2 = new AsyncLocalStorage2();
var fallback;
function withCallScope(scope, fn) {
  return storage2.run(scope, fn);
}
function currentScope() {
  const s = storage2.getStore();
  if (s) return s;
  fallback ??= createRuntime();
  return { runtime: fallback, usage: emptyUsage(), seed: "default" };
}

// src/util/rng.ts
function hashSeed(seed) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  const out = [];
  for (let i = 0; i < 4; i++) {
    h = h + 2654435769 | 0;
    let z21 = h;
    z21 = Math.imul(z21 ^ z21 >>> 16, 2246822507);
    z21 = Math.imul(z21 ^ z21 >>> 13, 3266489909);
    out.push((z21 ^ z21 >>> 16) >>> 0);
  }
  return out;
}
function createRng(seed) {
  let [a, b, c, d] = hashSeed(String(seed));
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = a + b | 0;
    a = b ^ b >>> 9;
    b = c + (c << 3) | 0;
    c = c << 21 | c >>> 11;
    d = d + 1 | 0;
    t = t + d | 0;
    c = c + t | 0;
    return (t >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)]
  };
}

// src/llm/call-model.ts
function openModel(raw, env = process.env) {
  const ref = parseModelString(raw);
  return { ref, model: resolveModel(ref, env) };
}
function imagePart(url) {
  const data = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url);
  if (data) {
    const bytes = data[2] ? Buffer.from(data[3], "base64") : Buffer.from(decodeURIComponent(data[3]), "utf8");
    return { type: "file", mediaType: data[1], data: new Uint8Array(bytes) };
  }
  const ext = /\.(png|jpe?g|gif|webp)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return { type: "file", mediaType: ext ? `image/${ext === "jpg" ? "jpeg" : ext}` : "image/*", data: new URL(url) };
}
var schemaMemo = /* @__PURE__ */ new WeakMap();
function jsonSchemaOf(schema) {
  let out = schemaMemo.get(schema);
  if (out === void 0) schemaMemo.set(schema, out = z9.toJSONSchema(schema, { target: "draft-7" }));
  return out;
}
var toolsMemo = /* @__PURE__ */ new WeakMap();
function toolsOf(tools) {
  let out = toolsMemo.get(tools);
  if (!out) {
    out = Object.entries(tools).map(([name, t]) => ({
      type: "function",
      name,
      description: t.description,
      inputSchema: jsonSchemaOf(t.inputSchema)
    }));
    toolsMemo.set(tools, out);
  }
  return out;
}
function callKey(input) {
  return hashKey({
    v: 1,
    model: input.handle.ref.id,
    settings: input.settings ?? {},
    system: input.system ?? "",
    messages: input.messages,
    tools: input.tools ? Object.fromEntries(Object.entries(input.tools).map(([n, t]) => [n, { d: t.description, s: jsonSchemaOf(t.inputSchema) }])) : null,
    output: input.output ? jsonSchemaOf(input.output) : null
  });
}
async function callModel(input) {
  const scope = input.scope ?? currentScope();
  const rt = scope.runtime;
  const id = input.handle.ref.id;
  const mode = input.cacheMode ?? rt.cacheMode;
  const cache3 = mode !== "off" ? rt.cache : void 0;
  const useCache = cache3 !== void 0;
  const key3 = input.cacheKey ?? (useCache ? callKey(input) : "");
  if (cache3) {
    const hit = await cache3.get(key3);
    if (hit !== void 0) {
      const stored = JSON.parse(hit);
      account(scope, id, stored.inputTokens, stored.outputTokens, true);
      return { ...stored, cached: true, attempts: 0 };
    }
  }
  if (rt.offline) throw new OfflineCacheMissError(id);
  const rng = createRng(`${scope.seed}:${key3 || input.messages.length}`);
  const estimate = estimateTokens(input);
  let last;
  for (let attempt = 1; attempt <= rt.retry.maxAttempts; attempt++) {
    if (scope.signal?.aborted) throw new RoundsError(`The ${input.purpose} call to ${id} was cancelled.`);
    await rt.limiter.acquire(id, estimate, rt.limits(id), scope.signal);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), rt.retry.timeoutMs);
    const signal = scope.signal ? AbortSignal.any([scope.signal, timeout.signal]) : timeout.signal;
    try {
      const result = await attemptCall(input, signal);
      clearTimeout(timer);
      account(scope, id, result.inputTokens, result.outputTokens, false);
      if (useCache && mode === "readwrite") await cache3?.set(key3, JSON.stringify(result));
      return { ...result, cached: false, attempts: attempt };
    } catch (e) {
      clearTimeout(timer);
      if (scope.signal?.aborted) throw new RoundsError(`The ${input.purpose} call to ${id} was cancelled.`);
      last = classifyFailure(e, timeout.signal.aborted);
      if (!last.retryable || attempt === rt.retry.maxAttempts) {
        throw new ModelCallError(`The ${input.purpose} call to ${id} failed after ${attempt} attempt${attempt === 1 ? "" : "s"}: ${last.message}.`, {
          code: last.code,
          attempts: attempt,
          cause: e
        });
      }
      await sleep(backoffDelay({ policy: rt.retry, retry: attempt, failure: last, rng }), scope.signal);
    }
  }
  throw new ModelCallError(`The ${input.purpose} call to ${id} failed: ${last?.message ?? "no attempt made"}.`, {
    code: last?.code ?? "model-error",
    attempts: rt.retry.maxAttempts
  });
}
async function attemptCall(input, abortSignal) {
  const s = input.settings ?? {};
  const prompt = [];
  if (input.system) prompt.push({ role: "system", content: input.system });
  for (const m of input.messages) {
    if (m.role === "user" && m.images?.length) prompt.push({ role: "user", content: [{ type: "text", text: m.content }, ...m.images.map(imagePart)] });
    else prompt.push({ role: m.role, content: [{ type: "text", text: m.content }] });
  }
  const result = await input.handle.model.doGenerate({
    prompt,
    tools: input.tools ? toolsOf(input.tools) : void 0,
    toolChoice: input.tools ? { type: "required" } : void 0,
    responseFormat: input.output ? { type: "json", schema: jsonSchemaOf(input.output), name: "response" } : void 0,
    temperature: s.temperature,
    maxOutputTokens: s.maxTokens,
    seed: s.seed,
    abortSignal
  });
  const text = result.content.filter((c) => c.type === "text").map((c) => c.text).join("");
  const calls = result.content.filter((c) => c.type === "tool-call");
  const out = {
    text,
    toolCalls: [],
    inputTokens: result.usage.inputTokens.total ?? 0,
    outputTokens: result.usage.outputTokens.total ?? 0
  };
  if (input.tools) {
    for (const c of calls) {
      const spec = input.tools[c.toolName];
      if (!spec) continue;
      const parsed2 = spec.inputSchema.safeParse(parseJson(c.input === "" ? "{}" : c.input));
      if (parsed2.success) out.toolCalls.push({ toolName: c.toolName, input: parsed2.data });
    }
    if (out.toolCalls.length === 0) {
      if (calls.length === 0 && !text.trim()) throw new BadReplyError("empty-reply", "the model sent an empty reply");
      throw new BadReplyError(
        "bad-reply",
        calls.length ? "the tool call was malformed or did not match its schema" : "the model answered without calling a tool"
      );
    }
  } else if (input.output) {
    if (!text.trim()) throw new BadReplyError("empty-reply", "the model sent an empty reply");
    const parsed2 = input.output.safeParse(parseJson(stripFences(text)));
    if (!parsed2.success) throw new BadReplyError("bad-reply", `the reply was not the expected JSON object (${parsed2.error.issues[0]?.message ?? "invalid"})`);
    out.object = parsed2.data;
  } else if (!text.trim()) {
    throw new BadReplyError("empty-reply", "the model sent an empty reply");
  }
  return out;
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function stripFences(text) {
  const m = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  return (m ? m[1] : text).trim();
}
function account(scope, modelId, inputTokens, outputTokens, cached3) {
  const rt = scope.runtime;
  const usd = priceCall({ table: rt.prices, modelId, inputTokens, outputTokens });
  addUsage({ into: scope.usage, modelId, inputTokens, outputTokens, usd, cached: cached3 });
  addUsage({ into: rt.total, modelId, inputTokens, outputTokens, usd, cached: cached3 });
  if (!cached3 && usd !== null) {
    rt.spentUsd += usd;
    if (rt.maxUsd !== void 0 && rt.spentUsd >= rt.maxUsd && rt.onBudget) {
      const fire = rt.onBudget;
      rt.onBudget = void 0;
      fire();
    }
  }
}
function estimateTokens(input) {
  const chars = (input.system?.length ?? 0) + input.messages.reduce((s, m) => s + m.content.length, 0);
  return Math.ceil(chars / 4) + (input.settings?.maxTokens ?? 256);
}

// src/llm/biases.ts
var DISTRUST = (about2, detail) => `You are uneasy about the doctor because of their ${about2}. ${detail} You answer the questions, but guardedly: you volunteer less, question the doctor's suggestions and are slow to accept their advice. Never explain this distrust unless asked directly.`;
var DOCTOR_DISTRUST = (about2) => `You hold an unexamined prejudice about the patient's ${about2}: you doubt how reliable their account is, discount the symptoms they report and give less weight to their concerns than you would for another patient. Never state this prejudice.`;
var PATIENT_BIASES = {
  recency: "A friend of yours was recently treated for {disease|a serious illness} after symptoms a little like yours. That is the first thing on your mind: you keep bringing it up and ask whether you might have the same thing.",
  frequency: "You have read many stories about {disease|one common condition} and how often it causes symptoms like yours, and you are convinced it is what most people with your complaints have. You steer the conversation towards it.",
  false_consensus: "You assume everyone sees your symptoms the way you do: the people around you who heard about them all think it is {disease|nothing serious}, you believe the doctor will agree, and you play down details that do not fit that view.",
  self_diagnosis: "You have searched your symptoms online and decided that you have {disease|a particular illness}. You state this diagnosis of your own early, push back when the doctor suggests something else and ask for the tests or treatment you read about.",
  gender: DISTRUST("gender", "You doubt that a doctor of their gender can really understand your problem."),
  race: DISTRUST("race", "You doubt that a doctor of their racial background will take your complaints seriously."),
  sexual_orientation: DISTRUST("sexual orientation", "You worry that their sexual orientation colours how they will judge you."),
  cultural: DISTRUST("cultural background", "You feel someone from their culture cannot understand your way of life or your beliefs about illness."),
  religion: DISTRUST("religion", "You suspect their religious beliefs will shape the advice they give you."),
  socioeconomic: DISTRUST(
    "socioeconomic background",
    "You feel a doctor from their background looks down on people in your situation and will not consider what you can afford."
  ),
  education: DISTRUST("education", "You doubt the quality of the medical school they went to and whether their training is good enough for your problem.")
};
var DOCTOR_BIASES = {
  recency: "You recently looked after a patient with {disease|a rare, serious condition} and missed it at first. It is still fresh in your mind, and you tend to see it in the patients you meet now.",
  frequency: "Most patients you have seen this month turned out to have {disease|the same common illness}. You expect this patient to have it too and reach for it before weighing other causes.",
  false_consensus: "You believe most of your colleagues would read this presentation as {disease|you do on first impression}, so you see little need to question that view or look for evidence against it.",
  status_quo: "For presentations like this one your unit has always settled on {disease|the diagnosis and management you usually choose}, and you are reluctant to move away from that routine even when new findings point elsewhere.",
  confirmation: "From the start you are fairly sure the patient has {disease|the first diagnosis that occurs to you}. You ask questions and order tests that would confirm it, and you give too little weight to findings that argue against it.",
  gender: DOCTOR_DISTRUST("gender"),
  race: DOCTOR_DISTRUST("race"),
  sexual_orientation: DOCTOR_DISTRUST("sexual orientation"),
  cultural: DOCTOR_DISTRUST("cultural background"),
  religion: DOCTOR_DISTRUST("religion"),
  socioeconomic: DOCTOR_DISTRUST("socioeconomic status"),
  education: DOCTOR_DISTRUST("level of education")
};
var TABLES = { patient: PATIENT_BIASES, doctor: DOCTOR_BIASES };
var SLOT = /\{disease\|([^}]*)\}/g;
function fillDiseaseSlot(text, disease) {
  return text.replace(SLOT, (_m, fallback2) => disease?.trim() || fallback2);
}
function biasDisease({
  kase,
  seed
}) {
  const truth = new Set([kase.diagnosis.name, ...kase.diagnosis.accept ?? []].map((n) => normalize(n)));
  const options = [...new Set((kase.differential ?? []).map((d) => d.trim()).filter((d) => d && !truth.has(normalize(d))))];
  if (options.length === 0) return void 0;
  return createRng(`${seed}:bias-disease`).pick(options);
}
function biasPrompt({ role, name, disease, keepSlot }) {
  const table2 = TABLES[role];
  if (!table2) throw new ConfigError(`Unknown bias role "${String(role)}"; use patient or doctor.`);
  const text = Object.hasOwn(table2, name) ? table2[name] : void 0;
  if (!text) throw new ConfigError(`Unknown ${role} bias "${name}"; available: ${Object.keys(table2).join(", ")}.`);
  return keepSlot && !disease ? text : fillDiseaseSlot(text, disease);
}
function parseBias(raw) {
  const m = raw.trim().match(/^(patient|doctor):([a-z_-]+)$/i);
  if (!m) throw new ConfigError(`Bias "${raw}" must look like patient:<name> or doctor:<name>, e.g. patient:recency or doctor:confirmation.`);
  const spec = { role: m[1].toLowerCase(), name: m[2].toLowerCase().replace(/-/g, "_") };
  biasPrompt(spec);
  return spec;
}

// src/llm/bias-text.ts
function biasText({ role, name, disease, keepSlot }) {
  return biasPrompt({ role, name: name.trim().toLowerCase().replace(/-/g, "_"), disease, keepSlot });
}

// src/llm/settings.ts
import { z as z10 } from "zod";
var ModelSettings = z10.object({
  temperature: z10.number().min(0).max(2).optional(),
  maxTokens: z10.number().int().min(1).optional(),
  seed: z10.number().int().optional()
}).strict();
function settingsFromOptions({ options, where }) {
  const out = {};
  const num = (key3, check, what) => {
    const raw = options[key3];
    if (raw === void 0) return void 0;
    const n = Number(raw);
    if (!Number.isFinite(n) || !check(n)) throw new ConfigError(`Option ${key3}=${raw} in "${where}" must be ${what}.`);
    return n;
  };
  const t = num("temperature", (n) => n >= 0 && n <= 2, "a number from 0 to 2");
  if (t !== void 0) out.temperature = t;
  const m = num("max-tokens", (n) => Number.isInteger(n) && n >= 1, "a whole number of 1 or more");
  if (m !== void 0) out.maxTokens = m;
  const s = num("seed", (n) => Number.isInteger(n), "a whole number");
  if (s !== void 0) out.seed = s;
  return out;
}

// src/doctors/llm/parse-text.ts
function clean(text) {
  return text.replace(/```[a-z]*\n?/gi, "").replace(/```/g, "").replace(/\*\*|__/g, "").replace(/\r/g, "").trim();
}
function splitList(body, commas) {
  return body.split(commas ? /\s*(?:[;,\n]|\band\b)\s*/i : /\s*[;\n]\s*/).map(
    (s) => s.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, "").replace(/[.\s]+$/, "").trim()
  ).filter((s) => s.length > 0);
}
function parseAgentClinic(raw) {
  const text = clean(raw);
  const dx = /diagnosis\s+ready\s*[:-]\s*([\s\S]+)/i.exec(text);
  if (dx) {
    const names = splitList(dx[1], false);
    return names.length ? { type: "diagnose", differential: names.slice(0, 10).map((name) => ({ name })) } : null;
  }
  if (/\brequest\s+images?\b/i.test(text) && !/request\s+tests?\s*[:-]/i.test(text)) return { type: "image" };
  const tests = [...text.matchAll(/request\s+tests?\s*[:-]\s*([^\n]+)/gi)].flatMap((m) => splitList(m[1], true));
  if (tests.length) return { type: "order", tests };
  if (/request\s+tests?\s*[:-]?\s*$/i.test(text)) return null;
  const question = text.replace(/^\s*(?:doctor|dr\.?)\s*:\s*/i, "").trim();
  if (!/[a-z]{2}/i.test(question)) return null;
  return { type: "ask", questions: [{ text: question }] };
}
function parseSdbench(raw) {
  const text = clean(raw);
  const closed = [...text.matchAll(/<\s*(question|test|tests|diagnosis)\s*>([\s\S]*?)<\s*\/\s*\1\s*>/gi)];
  const tags = closed.map((m) => ({ kind: m[1].toLowerCase().replace(/^tests$/, "test"), body: m[2].trim() })).filter((t) => t.body.length > 0);
  if (closed.length === 0) {
    const open = /<\s*(question|test|diagnosis)\s*>([\s\S]+)$/i.exec(text);
    if (open && open[2].trim()) tags.push({ kind: open[1].toLowerCase(), body: open[2].trim() });
  }
  if (tags.length === 0) return null;
  const kind = tags[0].kind;
  const bodies = tags.filter((t) => t.kind === kind).map((t) => t.body);
  if (kind === "diagnosis") {
    const names = bodies.flatMap((b) => splitList(b, false));
    return names.length ? { type: "diagnose", differential: names.slice(0, 10).map((name) => ({ name })) } : null;
  }
  if (kind === "test") {
    const tests = bodies.flatMap((b) => splitList(b, true));
    return tests.length ? { type: "order", tests } : null;
  }
  return { type: "ask", questions: bodies.map((text2) => ({ text: text2 })) };
}

// src/doctors/llm/prompt.ts
var DOCTOR_MODES = ["tools", "agentclinic", "sdbench"];
var COMMON = `You are a physician seeing a patient. Find the diagnosis by asking questions, examining the patient and ordering tests, then commit to a diagnosis. Tests cost money: order what you need, not everything. You see only what the patient tells you and what your examinations and tests show.`;
var DEFAULT_SYSTEM = {
  tools: `${COMMON}
Each turn, call exactly one tool: ask_patient, examine, order_tests, or diagnose (with a ranked differential, most likely first). Diagnose before you run out of turns.`,
  agentclinic: `${COMMON}
Each turn, write one of:
- a question to the patient, in plain words;
- REQUEST TEST: <test name> to order a test;
- DIAGNOSIS READY: <diagnosis> when you are confident (this ends the encounter).
Diagnose before you run out of turns.`,
  sdbench: `${COMMON}
Each turn, reply with exactly one kind of tag:
- <question>your question to the patient</question>
- <test>test name</test> (several tests may be listed, separated by commas)
- <diagnosis>your final diagnosis</diagnosis> (this ends the encounter).
Diagnose before you run out of turns.`
};
function renderAction(action, mode) {
  switch (action.type) {
    case "ask": {
      const qs = action.questions.map((q) => q.text);
      if (mode === "sdbench") return qs.map((q) => `<question>${q}</question>`).join("\n");
      if (mode === "agentclinic") return qs.join(" ");
      return `ask_patient(${JSON.stringify({ questions: qs })})`;
    }
    case "examine":
      return mode === "tools" ? `examine(${JSON.stringify({ targets: action.targets })})` : `Examine: ${action.targets.join(", ")}`;
    case "order":
      if (mode === "sdbench") return `<test>${action.tests.join(", ")}</test>`;
      if (mode === "agentclinic") return action.tests.map((t) => `REQUEST TEST: ${t}`).join("\n");
      return `order_tests(${JSON.stringify({ tests: action.tests })})`;
    case "image":
      return mode === "tools" ? `request_images(${JSON.stringify(action.ids?.length ? { ids: action.ids } : {})})` : "REQUEST IMAGES";
    case "diagnose":
      return `Diagnosis: ${action.differential.map((d) => d.name).join("; ")}`;
  }
}
function renderItems(items) {
  if (items.length === 0) return "(nothing came back)";
  return items.map((i) => {
    switch (i.kind) {
      case "answer":
        return `Patient: ${i.text}`;
      case "exam":
        return `Examination (${i.target}): ${i.text}`;
      case "result": {
        const r = i.result;
        const value = r.value !== void 0 ? `${r.value}${r.unit ? " " + r.unit : ""}${r.range ? ` (range ${r.range})` : ""}${r.flag ? ` [${r.flag}]` : ""}` : "";
        const comps = r.components ? Object.entries(r.components).map(([name, c]) => `${name} ${c.value}${c.unit ? " " + c.unit : ""}${c.flag ? ` [${c.flag}]` : ""}`).join("; ") : "";
        return `Result, ${i.name} ($${i.price.toFixed(2)}): ${[r.text, value, comps].filter(Boolean).join(" \u2014 ")}`;
      }
      case "notice":
        return `Note: ${i.text}`;
      case "image":
        return `Image ${i.media.id}${i.media.caption ? `: ${i.media.caption}` : ""} (attached)`;
    }
  }).join("\n");
}
function status(view) {
  const budget = view.budgetLeft === null ? "" : `, $${view.budgetLeft.toFixed(2)} of budget left`;
  return `[Turn ${view.turn + 1} of ${view.protocol.maxTurns}; ${view.turnsLeft} left; spent $${view.cost.toFixed(2)}${budget}.${view.turnsLeft <= 1 ? " This is your last turn: diagnose now." : ""}]`;
}
function urlsOf(media, images) {
  return media.map((m) => images.urlOf(m)).filter((u) => Boolean(u));
}
function viewToMessages(view, mode, images) {
  const p = view.patient;
  const who = p.speaker === "self" ? "" : ` The patient's ${p.speaker} answers for them.`;
  const vision = images?.vision === true;
  const start = vision && view.media?.length ? urlsOf(view.media, images) : [];
  const captions = view.media?.length ? `
${view.media.map((m) => `Image ${m.id}${m.caption ? `: ${m.caption}` : ""}${vision ? " (attached)" : ""}`).join("\n")}` : "";
  const offer = vision && (view.imagesOnRequest ?? 0) > 0 ? `
Images of this patient are available: ${mode === "tools" ? "call request_images to see them" : "write REQUEST IMAGES to see them"}.` : "";
  const first = { role: "user", content: `Patient: ${p.age} ${p.ageUnit} old, ${p.sex}.${who}
${view.presentation}${captions}${offer}` };
  if (start.length) first.images = start;
  const messages = [first];
  for (const h of view.history) {
    messages.push({ role: "assistant", content: renderAction(h.action, mode) });
    const reply2 = { role: "user", content: renderItems(h.items) };
    const shown2 = vision ? urlsOf(
      h.items.flatMap((i) => i.kind === "image" ? [i.media] : []),
      images
    ) : [];
    if (shown2.length) reply2.images = shown2;
    messages.push(reply2);
  }
  const last = messages[messages.length - 1];
  last.content += `

${status(view)}`;
  return messages;
}

// src/doctors/llm/tools.ts
import { z as z11 } from "zod";
var DOCTOR_TOOLS = {
  ask_patient: {
    description: "Ask the patient (or their caregiver) one or more questions.",
    inputSchema: z11.object({ questions: z11.array(z11.string().min(1)).min(1).describe("Questions in plain words, one idea each.") })
  },
  examine: {
    description: "Examine the patient. Targets: general, vitals, heent, neck, cardiovascular, respiratory, abdomen, neuro, skin, msk, extremities.",
    inputSchema: z11.object({ targets: z11.array(z11.string().min(1)).min(1) })
  },
  order_tests: {
    description: 'Order one or more diagnostic tests by name (e.g. "complete blood count", "chest x-ray"). Each test has a price.',
    inputSchema: z11.object({ tests: z11.array(z11.string().min(1)).min(1) })
  },
  request_images: {
    description: "Ask to see the images of this patient (photographs, scans, slides) that have not been shown yet. Free.",
    inputSchema: z11.object({ ids: z11.array(z11.string().min(1)).optional().describe("Image ids, or leave out for all.") })
  },
  diagnose: {
    description: "Commit to a final diagnosis with a ranked differential, most likely first. This ends the encounter.",
    inputSchema: z11.object({
      differential: z11.array(
        z11.object({
          name: z11.string().min(1),
          probability: z11.number().min(0).max(1).optional(),
          icd10: z11.string().optional()
        })
      ).min(1),
      rationale: z11.string().optional()
    })
  }
};
function doctorTools(offerImages) {
  if (offerImages) return DOCTOR_TOOLS;
  const { request_images: _images, ...rest } = DOCTOR_TOOLS;
  return rest;
}
function toolCallToAction(call) {
  const input = call.input;
  switch (call.toolName) {
    case "ask_patient":
      return { type: "ask", questions: input.questions.map((text) => ({ text })) };
    case "examine":
      return { type: "examine", targets: input.targets };
    case "order_tests":
      return { type: "order", tests: input.tests };
    case "request_images": {
      const ids = Array.isArray(input?.ids) ? input.ids : [];
      return ids.length ? { type: "image", ids } : { type: "image" };
    }
    case "diagnose": {
      const differential = input.differential.map((d) => {
        const e = { name: d.name };
        if (d.probability !== void 0) e.probability = d.probability;
        if (d.icd10) e.icd10 = d.icd10;
        return e;
      });
      return input.rationale ? { type: "diagnose", differential, rationale: String(input.rationale) } : { type: "diagnose", differential };
    }
    default:
      throw new Error(`unknown tool ${call.toolName}`);
  }
}

// src/encounter/media-src.ts
import { readFileSync as readFileSync8 } from "node:fs";
import { extname as extname3, resolve as resolve3 } from "node:path";
var TYPES = { ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp" };
function mediaSrc(m) {
  if (m.url) return /^(https?:\/\/|data:image\/(png|jpe?g|gif|webp);)/i.test(m.url) ? m.url : void 0;
  if (!m.path) return void 0;
  const type = TYPES[extname3(m.path).toLowerCase()];
  if (!type) return void 0;
  try {
    return `data:${type};base64,${readFileSync8(resolve3(m.path)).toString("base64")}`;
  } catch {
    return void 0;
  }
}

// src/doctors/llm/llm-doctor.ts
var LLM_DOCTOR_OPTIONS = ["model", "mode", "system", "temperature", "max-tokens", "seed", "bias", "vision"];
function modelOfSpec(spec) {
  if (spec.kind !== "llm") {
    if (spec.options.model) throw new ConfigError(`Doctor "${spec.raw}" names its model twice; drop model=.`);
    return `${spec.kind}:${spec.argument ?? ""}`;
  }
  const model = spec.options.model ?? spec.argument;
  if (!model) throw new ConfigError(`Doctor "${spec.raw}" names no model; write llm:model=openai:gpt-4.1-mini or openai:gpt-4.1-mini.`);
  return model;
}
function llmDoctorConfig(spec, env = process.env) {
  checkOptions(spec, spec.kind === "llm" ? LLM_DOCTOR_OPTIONS : LLM_DOCTOR_OPTIONS.filter((o) => o !== "model"));
  const modelString = modelOfSpec(spec);
  const mode = spec.options.mode ?? "tools";
  if (!DOCTOR_MODES.includes(mode))
    throw new ConfigError(`Doctor option mode=${spec.options.mode} in "${spec.raw}" must be one of ${DOCTOR_MODES.join(", ")}.`);
  let system = DEFAULT_SYSTEM[mode];
  if (spec.options.system) {
    try {
      system = readFileSync9(spec.options.system, "utf8");
    } catch {
      throw new ConfigError(`Cannot read the system prompt file ${spec.options.system} given in "${spec.raw}".`);
    }
  }
  if (spec.options.bias) system = `${system}

${biasText({ role: "doctor", name: spec.options.bias, keepSlot: true })}`;
  const handle = openModel(modelString, env);
  const vision = spec.options.vision;
  if (vision !== void 0 && !["true", "false"].includes(vision))
    throw new ConfigError(`Doctor option vision=${vision} in "${spec.raw}" must be true or false.`);
  return {
    name: spec.raw,
    handle,
    mode,
    system,
    settings: settingsFromOptions({ options: spec.options, where: spec.raw }),
    bias: spec.options.bias,
    ...vision === "true" ? { vision: true } : {}
  };
}
function llmDoctorFactory(config) {
  return { name: config.name, create: (ctx) => new LlmDoctor(config, ctx) };
}
function llmDoctor(spec) {
  return llmDoctorFactory(llmDoctorConfig(spec));
}
var LlmDoctor = class {
  constructor(config, ctx) {
    this.config = config;
    this.ctx = ctx;
    this.system = fillDiseaseSlot(config.system, ctx.biasDisease);
  }
  config;
  ctx;
  system;
  async act(view) {
    const vision = this.config.vision === true;
    const messages = viewToMessages(view, this.config.mode, { vision, urlOf: mediaSrc });
    const base = { handle: this.config.handle, settings: this.config.settings, system: this.system, purpose: "doctor" };
    if (this.config.mode === "tools") {
      const r = await callModel({ ...base, messages, tools: doctorTools(vision && (view.imagesOnRequest ?? 0) > 0) });
      if (r.toolCalls.length > 1) this.ctx.note?.("extra-tool-calls", { ignored: r.toolCalls.slice(1).map((c) => c.toolName) });
      return toolCallToAction(r.toolCalls[0]);
    }
    const parse6 = this.config.mode === "agentclinic" ? parseAgentClinic : parseSdbench;
    const first = await callModel({ ...base, messages });
    const action = parse6(first.text);
    if (action) return action;
    this.ctx.note?.("unparseable-reply", { text: first.text, attempt: 1 });
    const retry = [...messages, { role: "assistant", content: first.text }, { role: "user", content: formatReminder(this.config.mode) }];
    const second = await callModel({ ...base, messages: retry });
    const again = parse6(second.text);
    if (again) return again;
    throw new DoctorError(
      `The model's reply could not be parsed as ${this.config.mode === "agentclinic" ? "AgentClinic" : "SDBench"} output twice in a row (last reply: "${excerpt(second.text)}").`
    );
  }
};
function formatReminder(mode) {
  return mode === "agentclinic" ? "Your reply could not be understood. Reply with a question to the patient, or REQUEST TEST: <test>, or DIAGNOSIS READY: <diagnosis>." : "Your reply could not be understood. Reply with exactly one <question>...</question>, <test>...</test> or <diagnosis>...</diagnosis>.";
}
function excerpt(text) {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 120 ? t.slice(0, 117) + "..." : t;
}

// src/doctors/human.ts
function humanDoctor(spec) {
  checkOptions(spec, []);
  const name = spec.argument?.trim();
  if (!name || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(name)) {
    throw new ConfigError("The human doctor needs a name of letters, digits, dots, dashes or underscores: human:<name>.");
  }
  return {
    name: `human:${name}`,
    create() {
      return {
        act() {
          throw new DoctorError(`The doctor human:${name} is driven from the browser seat (rounds serve, /play) and cannot act in a batch run.`);
        }
      };
    }
  };
}

// src/doctors/http/doctor-view-schema.ts
import { z as z13 } from "zod";

// src/encounter/protocol.ts
import { z as z12 } from "zod";
var Protocol = z12.object({
  name: z12.string().min(1),
  /** Doctor actions allowed before the encounter ends with reason turn-limit. */
  maxTurns: z12.number().int().positive(),
  maxQuestionsPerTurn: z12.number().int().positive(),
  maxTestsPerTurn: z12.number().int().positive(),
  maxExamsPerTurn: z12.number().int().positive(),
  /** Charged once per visit: a run of consecutive ask/examine turns; ordering tests ends the visit. */
  visitFee: z12.number().nonnegative(),
  /** Total spend allowed; an action that would exceed it ends the encounter with reason budget. */
  budget: z12.number().positive().nullable(),
  /** What the lab returns for a test the case does not list. */
  unlistedTests: z12.enum(["normal", "llm"]),
  /** Price overrides by catalog test id. */
  prices: z12.record(z12.string(), z12.number().nonnegative()).default({}),
  /** How a vague order ("some blood work") is answered: as not recognised, or with a free request to be specific (SDBench). */
  vagueOrders: z12.enum(["not-recognised", "ask-specific"]).optional()
}).strict();
var PROTOCOL_PRESETS = {
  default: {
    name: "default",
    maxTurns: 30,
    maxQuestionsPerTurn: 5,
    maxTestsPerTurn: 5,
    maxExamsPerTurn: 5,
    visitFee: 300,
    budget: null,
    unlistedTests: "normal",
    prices: {}
  },
  // AgentClinic: 20 doctor turns including the diagnosis; each turn one question or one test
  // request (a test uses a turn); a physical examination returns every system at once, as
  // AgentClinic's measurement agent does; unlisted tests come back normal; no visit fee (test
  // prices are still booked, so the cost score stays comparable).
  agentclinic: {
    name: "agentclinic",
    maxTurns: 20,
    maxQuestionsPerTurn: 1,
    maxTestsPerTurn: 1,
    maxExamsPerTurn: 20,
    visitFee: 0,
    budget: null,
    unlistedTests: "normal",
    prices: {}
  },
  sdbench: {
    name: "sdbench",
    maxTurns: 40,
    maxQuestionsPerTurn: 5,
    maxTestsPerTurn: 3,
    maxExamsPerTurn: 5,
    visitFee: 300,
    budget: null,
    unlistedTests: "normal",
    prices: {},
    vagueOrders: "ask-specific"
  }
};

// src/doctors/http/doctor-view-schema.ts
var DOCTOR_VIEW_VERSION = "rounds.doctor-view/1";
var Item = z13.discriminatedUnion("kind", [
  z13.object({ kind: z13.literal("answer"), question: z13.object({ text: z13.string(), topic: z13.string().optional() }), text: z13.string() }),
  z13.object({ kind: z13.literal("exam"), target: z13.string(), text: z13.string() }),
  z13.object({ kind: z13.literal("result"), request: z13.string(), testId: z13.string(), name: z13.string(), price: z13.number(), result: Result }),
  z13.object({ kind: z13.literal("notice"), text: z13.string() })
]);
var DoctorViewDoc = z13.object({
  presentation: z13.string(),
  patient: z13.object({ age: z13.number(), ageUnit: z13.string(), sex: z13.string(), speaker: z13.string() }),
  protocol: Protocol,
  turn: z13.number().int().describe("Turns used so far"),
  turnsLeft: z13.number().int(),
  cost: z13.number().describe("USD spent so far"),
  budgetLeft: z13.number().nullable(),
  inVisit: z13.boolean().describe("Whether the next ask/examine is free of a new visit fee"),
  history: z13.array(z13.object({ turn: z13.number().int(), action: Action, items: z13.array(Item) }))
});
var DoctorRequestDoc = z13.object({ version: z13.literal(DOCTOR_VIEW_VERSION), view: DoctorViewDoc });

// src/doctors/http/post-json.ts
var Retryable = class extends Error {
};
async function postJson(input) {
  const backoff = input.backoffMs ?? ((n2) => 100 * n2);
  const payload = JSON.stringify(input.body);
  const redirect = currentEgressPolicy() ? "manual" : "follow";
  let last = "";
  for (let attempt = 0; attempt <= input.retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, backoff(attempt)));
    if (input.signal?.aborted) throw new DoctorError("The request to the doctor was cancelled.");
    const timeout = AbortSignal.timeout(input.timeoutMs);
    const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
    try {
      const res = await fetch(input.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...input.headers },
        body: payload,
        signal,
        redirect
      });
      const text = await res.text();
      if (res.status >= 500) throw new Retryable(`HTTP ${res.status}`);
      if (!res.ok) throw new DoctorError(`The doctor at ${input.url} answered HTTP ${res.status}: ${excerpt2(text)}.`);
      return text;
    } catch (e) {
      if (e instanceof DoctorError) throw e;
      if (input.signal?.aborted) throw new DoctorError("The request to the doctor was cancelled.");
      if (timeout.aborted) last = `timed out after ${input.timeoutMs / 1e3} s`;
      else if (e instanceof Retryable) last = e.message;
      else last = `network error (${e.cause instanceof Error ? e.cause.message : e.message})`;
    }
  }
  const n = input.retries + 1;
  throw new DoctorError(`The doctor at ${input.url} failed: ${last} (${n} attempt${n === 1 ? "" : "s"}).`);
}
function excerpt2(text, max = 160) {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max)}\u2026` : t || "(empty)";
}

// src/doctors/http/http-doctor.ts
var HTTP_DOCTOR_OPTIONS = ["timeout", "retries", "mode", "format", "model"];
var HTTP_DOCTOR_TOKEN_ENV = "ROUNDS_DOCTOR_TOKEN";
function httpDoctorConfig(spec) {
  const comma = spec.raw.indexOf(",");
  const rawUrl = comma < 0 ? spec.raw : spec.raw.slice(0, comma);
  const opts = comma < 0 ? { kind: spec.kind, options: {}, raw: spec.raw } : { ...parseSpec(`${spec.kind}:${spec.raw.slice(comma + 1)}`), raw: spec.raw };
  if (opts.argument !== void 0) throw new ConfigError(`Doctor option "${opts.argument}" in "${spec.raw}" must look like key=value.`);
  checkOptions(opts, HTTP_DOCTOR_OPTIONS);
  let url;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new ConfigError(`Doctor "${spec.raw}" is not a valid URL; write http://host:port/path.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`Doctor "${spec.raw}" must be an http or https URL.`);
  if (url.username || url.password) throw new ConfigError(`Put no credentials in the doctor URL "${url.host}"; set ${HTTP_DOCTOR_TOKEN_ENV} instead.`);
  assertDoctorUrlAllowed(url);
  const mode = opts.options.mode ?? "json";
  if (mode !== "json" && mode !== "chat") throw new ConfigError(`Doctor option mode=${mode} in "${spec.raw}" must be json or chat.`);
  const format = opts.options.format ?? "sdbench";
  if (format !== "sdbench" && format !== "agentclinic")
    throw new ConfigError(`Doctor option format=${format} in "${spec.raw}" must be sdbench or agentclinic.`);
  if (mode === "json" && (opts.options.format || opts.options.model))
    throw new ConfigError(`Doctor options format= and model= in "${spec.raw}" apply to mode=chat only.`);
  const shown2 = `${url.origin}${url.pathname}`;
  return {
    url: url.href,
    name: comma < 0 ? shown2 : `${shown2}${spec.raw.slice(comma)}`,
    timeoutMs: numberOption(opts, "timeout", 30, 1e-3, 3600) * 1e3,
    retries: numberOption(opts, "retries", 2, 0, 10),
    mode,
    format,
    model: opts.options.model
  };
}
function authHeaders(env) {
  const token = env[HTTP_DOCTOR_TOKEN_ENV];
  return token ? { authorization: `Bearer ${token}` } : {};
}
function parseActionReply(text, url) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DoctorError(`The doctor at ${url} replied with text that is not JSON: ${excerpt2(text)}.`);
  }
  const r = Action.safeParse(body);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new DoctorError(`The doctor at ${url} replied with an invalid action (${i.path.join(".") || "action"}: ${i.message}).`);
  }
  return r.data;
}
function chatReplyText(text, url) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DoctorError(`The chat endpoint at ${url} replied with text that is not JSON: ${excerpt2(text)}.`);
  }
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== "string") throw new DoctorError(`The chat endpoint at ${url} replied without choices[0].message.content: ${excerpt2(text)}.`);
  return content;
}
function httpDoctor(spec, env = process.env) {
  const config = httpDoctorConfig(spec);
  return {
    name: config.name,
    create(ctx) {
      const headers = authHeaders(env);
      const post = (body) => postJson({ url: config.url, body, timeoutMs: config.timeoutMs, retries: config.retries, headers, signal: ctx.signal });
      if (config.mode === "json") {
        return { act: async (view) => parseActionReply(await post({ version: DOCTOR_VIEW_VERSION, view }), config.url) };
      }
      const parse6 = config.format === "agentclinic" ? parseAgentClinic : parseSdbench;
      return {
        async act(view) {
          const messages = [{ role: "system", content: DEFAULT_SYSTEM[config.format] }, ...viewToMessages(view, config.format)];
          const reply2 = chatReplyText(await post({ ...config.model ? { model: config.model } : {}, messages }), config.url);
          const action = parse6(reply2);
          if (!action)
            throw new DoctorError(
              `The chat doctor's reply has no ${config.format === "sdbench" ? "SDBench tag" : "AgentClinic line"} Rounds can act on: "${excerpt2(reply2)}".`
            );
          return action;
        }
      };
    }
  };
}

// src/doctors/http/mcp-doctor.ts
var MCP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
function mcpDoctor(spec) {
  checkOptions(spec, []);
  const name = spec.argument?.trim();
  if (!name || !MCP_NAME.test(name)) throw new ConfigError("The mcp doctor needs a name of letters, digits, dots, dashes or underscores: mcp:<name>.");
  return {
    name: `mcp:${name}`,
    create() {
      return {
        act() {
          throw new DoctorError(`The doctor mcp:${name} is driven by an MCP client through \`rounds mcp\` and cannot act in a batch run.`);
        }
      };
    }
  };
}

// src/doctors/panel/budget-tracker.ts
function requestPrice({ catalog, request: request2, prices }) {
  return catalog.resolve(request2).tests.reduce((sum, t) => sum + catalog.price(t.id, prices), 0);
}
function checkBudget({
  tests,
  spent,
  max,
  catalog,
  prices
}) {
  const out = { kept: [], cancelled: [], projected: spent };
  for (const test of tests) {
    const price = requestPrice({ catalog, request: test, prices });
    if (out.projected + price > max + 1e-9) out.cancelled.push({ test, price });
    else {
      out.kept.push(test);
      out.projected += price;
    }
  }
  return out;
}

// src/doctors/panel/options.ts
var PANEL_VARIANTS = ["instant", "questions-only", "budgeted", "no-budget", "ensemble"];
var PANEL_OPTIONS = ["model", "variant", "budget", "n", "temperature", "max-tokens", "seed"];
function panelConfig(spec, env = process.env) {
  checkOptions(spec, PANEL_OPTIONS);
  const model = spec.options.model ?? spec.argument;
  if (!model) throw new ConfigError(`Doctor "${spec.raw}" names no model; write panel:model=openai:gpt-4.1-mini,variant=no-budget.`);
  const variant = spec.options.variant ?? "no-budget";
  if (!PANEL_VARIANTS.includes(variant))
    throw new ConfigError(`Doctor option variant=${spec.options.variant} in "${spec.raw}" must be one of ${PANEL_VARIANTS.join(", ")}.`);
  if (spec.options.budget !== void 0 && variant !== "budgeted")
    throw new ConfigError(`Doctor option budget= in "${spec.raw}" applies only to variant=budgeted.`);
  if (spec.options.n !== void 0 && variant !== "ensemble") throw new ConfigError(`Doctor option n= in "${spec.raw}" applies only to variant=ensemble.`);
  const budget = variant === "budgeted" ? numberOption(spec, "budget", 1e3, 0, 1e9) : null;
  const n = numberOption(spec, "n", 3, 2, 10);
  if (!Number.isInteger(n)) throw new ConfigError(`Doctor option n=${spec.options.n} in "${spec.raw}" must be a whole number from 2 to 10.`);
  return { name: spec.raw, handle: openModel(model, env), variant, budget, n, settings: settingsFromOptions({ options: spec.options, where: spec.raw }) };
}

// src/doctors/panel/prompt.ts
var PANEL_SYSTEM = `You are a physician chairing a virtual panel of five doctors diagnosing one patient step by step. Tests and visits cost money; each turn the panel deliberates and agrees on one action.
Roles:
- Dr Hypothesis keeps a ranked differential with probabilities, updated after every new finding.
- Dr Test-Chooser picks up to three specific tests that best separate the leading hypotheses.
- Dr Challenger looks for anchoring, names evidence that contradicts the lead, and proposes a test that could falsify it.
- Dr Stewardship proposes cheaper equivalent tests and vetoes low-yield costly ones.
- Dr Checklist checks that test names are specific and valid (name the exact study, e.g. "CT abdomen and pelvis with contrast", never "a scan" or "bloods") and that the reasoning is consistent.
Consensus: choose exactly one action \u2014 ask (up to the allowed number of questions), order (specific tests) or diagnose (one final diagnosis, which ends the encounter).
Reply with one JSON object with the fields hypothesis, testChooser, challenger, stewardship, checklist and consensus.`;
var AGGREGATOR_SYSTEM = `You are a physician aggregating the recommendations of several independent diagnostic panels for one patient. Choose one action: ask, order or diagnose. When ordering, list each specific test once. Reply with one JSON object with the fields action, questions, tests, differential (ranked, with probabilities) and rationale.`;
function rules({ variant, view, budgetLeft }) {
  const p = view.protocol;
  const lines = [
    `Limits: up to ${p.maxQuestionsPerTurn} questions or ${p.maxTestsPerTurn} tests per turn; a physician visit costs $${p.visitFee} (a run of question turns is one visit).`
  ];
  if (variant === "instant") lines.push("Variant instant: diagnose now from the presentation alone; consensus.action must be diagnose.");
  if (variant === "questions-only") lines.push("Variant questions-only: you may not order tests; ask questions or diagnose.");
  if (variant === "budgeted" && budgetLeft !== null)
    lines.push(`Variant budgeted: $${budgetLeft.toFixed(2)} of the budget is left; tests that do not fit will be cancelled.`);
  return lines.join("\n");
}
function panelMessages({ view, variant, budgetLeft }) {
  const messages = viewToMessages(view, "sdbench");
  const last = messages[messages.length - 1];
  last.content += `
${rules({ variant, view, budgetLeft })}`;
  return messages;
}
function aggregatorMessages({
  view,
  panels,
  variant,
  budgetLeft
}) {
  const messages = panelMessages({ view, variant, budgetLeft });
  const summary = panels.map(
    (t, i) => `Panel ${i + 1}: ${t.consensus.action}${t.consensus.action === "ask" ? ` \u2014 ${t.consensus.questions.join(" | ")}` : t.consensus.action === "order" ? ` \u2014 ${t.consensus.tests.join(", ")}` : ` \u2014 ${t.consensus.diagnosis}`}; leading: ${t.hypothesis.differential.map((d) => `${d.name} ${Math.round(d.probability * 100)}%`).join(", ")}. ${t.consensus.rationale}`
  ).join("\n");
  messages[messages.length - 1].content += `

Independent panels recommend:
${summary}`;
  return messages;
}

// src/doctors/panel/schema.ts
import { z as z14 } from "zod";
var Hypothesis = z14.object({
  name: z14.string().min(1),
  probability: z14.number().min(0).max(1)
});
var PanelTurn = z14.object({
  hypothesis: z14.object({
    differential: z14.array(Hypothesis).min(1).describe("Ranked differential, most likely first, probabilities summing to about 1."),
    reasoning: z14.string()
  }),
  testChooser: z14.object({
    tests: z14.array(z14.string().min(1)).max(3).describe("Up to three specific tests that best separate the leading hypotheses."),
    reasoning: z14.string()
  }),
  challenger: z14.object({
    anchoringRisk: z14.string(),
    contradictingEvidence: z14.string(),
    falsifyingTest: z14.string().describe("A test that could falsify the leading hypothesis, or empty.")
  }),
  stewardship: z14.object({
    vetoed: z14.array(z14.string()).describe("Low-yield costly tests to drop."),
    cheaperAlternatives: z14.string()
  }),
  checklist: z14.object({
    problems: z14.array(z14.string()).describe("Invalid test names or internal inconsistencies; empty when none.")
  }),
  consensus: z14.object({
    action: z14.enum(["ask", "order", "diagnose"]),
    questions: z14.array(z14.string().min(1)).describe("Questions to the patient when action is ask."),
    tests: z14.array(z14.string().min(1)).describe("Specific tests when action is order."),
    diagnosis: z14.string().describe("The final diagnosis when action is diagnose."),
    rationale: z14.string()
  })
});
var AggregateTurn = z14.object({
  action: z14.enum(["ask", "order", "diagnose"]),
  questions: z14.array(z14.string().min(1)),
  tests: z14.array(z14.string().min(1)),
  differential: z14.array(Hypothesis).min(1),
  rationale: z14.string()
});

// src/doctors/panel/unique-tests.ts
function uniqueTests({ requests, catalog, already = [] }) {
  const seen = new Set(already);
  const tests = [];
  const duplicates = [];
  for (const request2 of requests) {
    const r = catalog.resolve(request2);
    const keys = r.tests.length ? r.tests.map((t) => t.id) : [`text:${request2.trim().toLowerCase()}`];
    if (keys.every((k) => seen.has(k))) {
      duplicates.push(request2);
      continue;
    }
    for (const k of keys) seen.add(k);
    tests.push(request2);
  }
  return { tests, duplicates };
}

// src/doctors/panel/panel-doctor.ts
function panelDoctorFactory(config) {
  return { name: config.name, create: (ctx) => new PanelDoctor(config, ctx) };
}
function panelDoctor(spec) {
  return panelDoctorFactory(panelConfig(spec));
}
var PanelDoctor = class {
  constructor(config, ctx) {
    this.config = config;
    this.ctx = ctx;
  }
  config;
  ctx;
  async act(view) {
    const proposal = this.config.variant === "ensemble" ? await this.ensemble(view) : (await this.deliberate(view, void 0)).proposal;
    return this.applyRules(view, proposal);
  }
  budgetLeft(view) {
    return this.config.budget === null ? null : Math.max(0, this.config.budget - view.cost);
  }
  /** One panel deliberation; `member` numbers the ensemble's independent panels. */
  async deliberate(view, member) {
    const settings = member === void 0 ? this.config.settings : { ...this.config.settings, seed: (this.config.settings.seed ?? 0) + member };
    const r = await callModel({
      handle: this.config.handle,
      settings,
      system: PANEL_SYSTEM,
      messages: panelMessages({ view, variant: this.config.variant, budgetLeft: this.budgetLeft(view) }),
      output: PanelTurn,
      purpose: "panel doctor"
    });
    const turn = r.object;
    const unknownTests = [...turn.testChooser.tests, ...turn.consensus.tests].filter((t) => this.ctx.catalog.resolve(t).tests.length === 0);
    this.ctx.note?.("panel", { variant: this.config.variant, ...member === void 0 ? {} : { member: member + 1 }, ...turn, unknownTests });
    return { turn, proposal: fromPanel(turn) };
  }
  /** n independent panels, then an aggregator; the union of its tests is ordered once. */
  async ensemble(view) {
    const members = [];
    for (let i = 0; i < this.config.n; i++) members.push(await this.deliberate(view, i));
    const r = await callModel({
      handle: this.config.handle,
      settings: this.config.settings,
      system: AGGREGATOR_SYSTEM,
      messages: aggregatorMessages({ view, panels: members.map((m) => m.turn), variant: this.config.variant, budgetLeft: this.budgetLeft(view) }),
      output: AggregateTurn,
      purpose: "panel aggregator"
    });
    const agg = r.object;
    let tests = agg.tests;
    if (agg.action === "order" && tests.length === 0) tests = members.flatMap((m) => m.proposal.action === "order" ? m.proposal.tests : []);
    const already = view.history.flatMap((h) => h.items.flatMap((i) => i.kind === "result" ? [i.testId] : []));
    const merged = uniqueTests({ requests: tests, catalog: this.ctx.catalog, already });
    this.ctx.note?.("panel-aggregate", { members: members.length, ...agg, ordered: merged.tests, duplicates: merged.duplicates });
    return { action: agg.action, questions: agg.questions, tests: merged.tests, differential: agg.differential.map(entry), rationale: agg.rationale };
  }
  /** Applies the variant's rules and the protocol's caps to the agreed action. */
  applyRules(view, p) {
    const variant = this.config.variant;
    const protocol = view.protocol;
    const rule = (why, data = {}) => this.ctx.note?.("panel-rule", { variant, rule: why, ...data });
    if (variant === "instant" || view.turnsLeft <= 1) {
      if (p.action !== "diagnose") rule(variant === "instant" ? "instant-diagnoses-now" : "last-turn", { proposed: p.action });
      return diagnose(p);
    }
    let action = p.action;
    if (action === "order" && variant === "questions-only") {
      rule("questions-only-never-orders", { cancelled: p.tests });
      action = p.questions.length ? "ask" : "diagnose";
    }
    if (action === "ask" && p.questions.length === 0) action = "diagnose";
    if (action === "order") {
      let tests = p.tests.slice(0, protocol.maxTestsPerTurn);
      if (variant === "budgeted" && this.config.budget !== null) {
        const check = checkBudget({ tests, spent: view.cost, max: this.config.budget, catalog: this.ctx.catalog, prices: protocol.prices });
        if (check.cancelled.length) {
          this.ctx.note?.("panel-budget", {
            spent: view.cost,
            max: this.config.budget,
            kept: check.kept,
            cancelled: check.cancelled,
            projected: check.projected
          });
        }
        tests = check.kept;
      }
      if (tests.length) return { type: "order", tests };
      action = p.questions.length ? "ask" : "diagnose";
      rule("nothing-left-to-order", { next: action });
    }
    if (action === "ask") {
      const fee = view.inVisit ? 0 : protocol.visitFee;
      if (variant === "budgeted" && this.config.budget !== null && view.cost + fee > this.config.budget + 1e-9) {
        this.ctx.note?.("panel-budget", { spent: view.cost, max: this.config.budget, cancelled: [{ visit: fee }] });
        return diagnose(p);
      }
      return { type: "ask", questions: p.questions.slice(0, protocol.maxQuestionsPerTurn).map((text) => ({ text })) };
    }
    return diagnose(p);
  }
};
function entry(d) {
  return { name: d.name, probability: d.probability };
}
function fromPanel(t) {
  const c = t.consensus;
  const differential = t.hypothesis.differential.map(entry);
  const dx = c.diagnosis.trim();
  if (c.action === "diagnose" && dx && differential[0]?.name.toLowerCase() !== dx.toLowerCase()) {
    const rest = differential.filter((d) => d.name.toLowerCase() !== dx.toLowerCase());
    differential.splice(0, differential.length, { name: dx }, ...rest);
  }
  return { action: c.action, questions: c.questions, tests: c.tests, differential, rationale: c.rationale };
}
function diagnose(p) {
  return p.rationale ? { type: "diagnose", differential: p.differential, rationale: p.rationale } : { type: "diagnose", differential: p.differential };
}

// src/doctors/registry.ts
var builders = /* @__PURE__ */ new Map();
function registerDoctor(kind, summary, build2) {
  builders.set(kind, { build: build2, summary });
}
function listDoctors() {
  return [...builders.entries()].map(([kind, b]) => ({ kind, summary: b.summary })).sort((a, b) => a.kind.localeCompare(b.kind));
}
function resolveDoctor(raw) {
  const spec = parseSpec(raw);
  const entry2 = builders.get(spec.kind);
  if (!entry2) {
    throw new ConfigError(
      `Unknown doctor "${spec.kind}"; available: ${listDoctors().map((d) => d.kind).join(", ")}.`
    );
  }
  return entry2.build(spec);
}
registerDoctor("script", "plays a fixed list of actions from a YAML or JSON file (script:<file>)", scriptDoctor);
registerDoctor(
  "baseline",
  "naive-Bayes diagnoser choosing questions, exams and tests by information gain per dollar (baseline:threshold=0.85,cost-weight=0.5)",
  baselineDoctor
);
registerDoctor("checklist", "asks a fixed history, examines every system, orders a broad panel, then diagnoses from the knowledge base", checklistDoctor);
registerDoctor("human", "a person at the browser seat of `rounds serve` (/play); only the seat can drive it (human:<name>)", humanDoctor);
registerDoctor("mcp", "an MCP client driving encounters through `rounds mcp`; only the MCP server can drive it (mcp:<name>)", mcpDoctor);
for (const k of ["http", "https"])
  registerDoctor(
    k,
    "an external doctor over HTTP: JSON view in, action out, or mode=chat for an OpenAI-style chat endpoint (http://host/path,timeout=30,retries=2,mode=json|chat,format=sdbench|agentclinic,model=)",
    (spec) => httpDoctor(spec)
  );
registerDoctor(
  "llm",
  "a language model as the doctor (llm:<model>,mode=tools|agentclinic|sdbench,system=<file>,temperature=,max-tokens=,seed=,bias=)",
  llmDoctor
);
registerDoctor(
  "panel",
  "a MAI-DxO-style panel of five roles played by one model (panel:model=<model>,variant=instant|questions-only|budgeted|no-budget|ensemble,budget=<usd>,n=<k>,temperature=,seed=)",
  panelDoctor
);
for (const p of ["openai", "anthropic", "google", "ollama", "openai-compatible"])
  registerDoctor(p, `shorthand for llm:${p}:<model> (same options as llm)`, llmDoctor);

// src/run/plan.ts
import { createHash as createHash2 } from "node:crypto";
function encounterId(runId, caseId2, doctor2, protocol, seed) {
  return createHash2("sha256").update([runId, caseId2, doctor2, protocol, seed].join("\0")).digest("hex").slice(0, 20);
}
function planRun(input) {
  const out = [];
  for (const factory of input.doctors) {
    for (const protocol of input.protocols) {
      for (const seed of input.seeds) {
        for (const kase of input.cases) {
          const encounterSeed = `${kase.id}:${seed}`;
          out.push({
            id: encounterId(input.runId, kase.id, factory.name, protocol.name, encounterSeed),
            ordinal: out.length,
            caseId: kase.id,
            specialty: kase.specialty,
            difficulty: kase.difficulty,
            diagnosis: kase.diagnosis.name,
            doctor: factory.name,
            protocol: protocol.name,
            seed: encounterSeed,
            kase,
            factory,
            protocolConfig: protocol
          });
        }
      }
    }
  }
  return out;
}

// src/run/suites.ts
import { existsSync as existsSync5, readdirSync as readdirSync3, readFileSync as readFileSync13, statSync as statSync4 } from "node:fs";
import { join as join10, extname as extname5, basename as basename3 } from "node:path";
import { parse as parse4 } from "yaml";
import { z as z16 } from "zod";

// src/case/load.ts
import { readFileSync as readFileSync10, statSync as statSync3, existsSync as existsSync3 } from "node:fs";
import { extname as extname4, join as join8, relative } from "node:path";
import { globSync } from "tinyglobby";
var CASE_EXTENSIONS = [".yaml", ".yml", ".json", ".jsonl"];
function expandCaseFiles(target2) {
  if (existsSync3(target2)) {
    if (statSync3(target2).isDirectory()) {
      return globSync(
        CASE_EXTENSIONS.map((e) => `**/*${e}`),
        { cwd: target2, absolute: false }
      ).sort().map((f) => join8(target2, f));
    }
    return [target2];
  }
  return globSync(target2, { absolute: false }).filter((f) => CASE_EXTENSIONS.includes(extname4(f))).sort();
}
var parsed;
function loadCaseFile(file) {
  if (!parsed) return parseCaseFile(file);
  let stat;
  try {
    stat = statSync3(file);
  } catch {
    return parseCaseFile(file);
  }
  const hit = parsed.get(file);
  if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs)
    return { cases: [...hit.result.cases], problems: [...hit.result.problems], files: hit.result.files };
  const result = parseCaseFile(file);
  parsed.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, result });
  return { cases: [...result.cases], problems: [...result.problems], files: result.files };
}
function parseCaseFile(file) {
  let bytes;
  try {
    bytes = readFileSync10(file);
  } catch (e) {
    return { cases: [], files: 1, problems: [{ file, path: "", message: `cannot be read (${e.code ?? "error"})` }] };
  }
  const text = bytes.toString("utf8");
  if (extname4(file) === ".jsonl") return loadJsonl(file, text);
  const { doc, problems } = parseSource(text, file);
  if (!doc) return { cases: [], problems, files: 1 };
  if (doc.data === null || typeof doc.data !== "object" || Array.isArray(doc.data)) {
    return { cases: [], files: 1, problems: [{ file, line: 1, path: "", message: "must hold one case: a mapping with id, title, diagnosis..." }] };
  }
  const { value, problems: invalid } = validateWith(Case, doc.data, file, doc.lineOf);
  return { cases: value ? [{ kase: value, file }] : [], problems: invalid, files: 1 };
}
function loadJsonl(file, text) {
  const out = { cases: [], problems: [], files: 1 };
  if (text.includes("\0")) {
    out.problems.push({ file, path: "", message: "is a binary file, not JSON Lines text" });
    return out;
  }
  const lines = text.split("\n");
  let any = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    any = true;
    let data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      out.problems.push({ file, line, path: "", message: `invalid JSON: ${e.message}` });
      return;
    }
    const { value, problems } = validateWith(Case, data, file, () => line);
    out.problems.push(...problems);
    if (value) out.cases.push({ kase: value, file, line });
  });
  if (!any) out.problems.push({ file, path: "", message: "is empty" });
  return out;
}
function loadCases(target2) {
  const files = expandCaseFiles(target2);
  const out = { cases: [], problems: [], files: files.length };
  if (files.length === 0) {
    out.problems.push({
      file: target2,
      path: "",
      message: existsSync3(target2) ? "contains no .yaml, .yml, .json or .jsonl case files" : "does not exist and matches no files"
    });
    return out;
  }
  for (const f of files) {
    const r = loadCaseFile(f);
    out.cases.push(...r.cases);
    out.problems.push(...r.problems);
  }
  return out;
}

// src/case/import/agentclinic.ts
import { existsSync as existsSync4, readFileSync as readFileSync12 } from "node:fs";
import { basename as basename2 } from "node:path";

// src/case/import/demographics.ts
var UNITS = {
  year: "years",
  yr: "years",
  month: "months",
  mo: "months",
  week: "weeks",
  wk: "weeks",
  day: "days",
  d: "days"
};
var MALE = /\b(male|man|boy|gentleman|m|he|his|him|father|husband|son)\b/i;
var FEMALE = /\b(female|woman|girl|lady|f|she|her|mother|wife|daughter|pregnant|primigravida|multigravida|g\d+p\d+)\b/i;
var UNIT = "(years?|yrs?|months?|mos?|weeks?|wks?|days?|y/?o|y)";
function unitOf(word) {
  const w = (word ?? "year").toLowerCase().replace(/s$/, "");
  if (w.startsWith("y")) return "years";
  return UNITS[w] ?? "years";
}
function parseAge(text, strict = false) {
  const m = text.match(new RegExp(`(\\d+(?:\\.\\d+)?)[\\s-]*${UNIT}[\\s-]*old\\b`, "i")) ?? text.match(new RegExp(`\\b(?:aged?|age:?)\\s*(\\d+(?:\\.\\d+)?)\\s*${UNIT}?\\b`, "i")) ?? (strict ? null : text.match(new RegExp(`\\b(\\d+(?:\\.\\d+)?)\\s*-?\\s*${UNIT}\\b`, "i")));
  if (m) {
    const age = Number(m[1]);
    const unit = unitOf(m[2]);
    return Number.isFinite(age) ? { age, ageUnit: unit } : void 0;
  }
  if (/\b(new-?born|neonate|neonatal)\b/i.test(text)) return { age: 0, ageUnit: "days" };
  return void 0;
}
function sexFromPronouns(text) {
  const t = text.replace(
    /\b(his|her)\s+(mother|father|parents?|wife|husband|partner|son|daughter|sister|brother|family|child|children|baby|grand\w+)\b/gi,
    " "
  );
  const he = (t.match(/\b(he|his|him|himself)\b/gi) ?? []).length;
  const she = (t.match(/\b(she|her|hers|herself)\b/gi) ?? []).length;
  if (he > 0 && he >= 2 * she) return "male";
  if (she > 0 && she >= 2 * he) return "female";
  return void 0;
}
function parseDemographics(text, context = "") {
  const missing = [];
  const from = [];
  let age;
  let ageUnit = "years";
  const parsed2 = parseAge(text);
  const bare = !parsed2 && text.length <= 40 ? text.match(/\b(\d{1,3})\b/) : null;
  if (parsed2) ({ age, ageUnit } = parsed2);
  else if (bare) age = Number(bare[1]);
  else if (context) {
    const c = parseAge(context, true);
    if (c) {
      ({ age, ageUnit } = c);
      from.push("age");
    }
  }
  if (age === void 0 && /\binfant\b/i.test(`${text} ${context}`)) {
    age = 6;
    ageUnit = "months";
    from.push("age (infant, none stated: 6 months assumed)");
  }
  if (age === void 0 || !Number.isFinite(age) || ageUnit === "years" && age > 120) missing.push("age");
  const who = text.replace(/\b(mother|father|parent|wife|husband|daughter|son|sister|brother|grandmother|grandfather)\s+of\b/gi, " ");
  const male = who.search(MALE);
  const female = who.search(FEMALE);
  let sex;
  if (male >= 0 && (female < 0 || male < female)) sex = "male";
  else if (female >= 0) sex = "female";
  else if (/\b(non-?binary|intersex)\b/i.test(text)) sex = "other";
  else if (context) {
    sex = sexFromPronouns(context);
    if (sex) from.push("sex");
  }
  if (!sex) missing.push("sex");
  if (missing.length) return { missing };
  return { value: { age, ageUnit, sex }, missing, ...from.length ? { from } : {} };
}

// src/case/import/exam-sections.ts
var SECTION_TARGETS = [
  [
    /\bvital|\bobservations?\b|\btemperature\b|\bblood pressure\b|\bheart rate\b|\brespiratory rate\b|\boxygen saturation\b|\bspo2\b|\bpulse oximetry\b|\bbmi\b|\bweight\b|\bheight\b|\bgrowth\b|\banthropometr/,
    "vitals"
  ],
  [/\bgeneral\b|\bappearance\b|\bconstitutional\b|\bhabitus\b|\bnutrition|\bhydration\b|\bsystemic\b|\boverall\b/, "general"],
  [/\bmental\b|\bpsychiatr|\bcognit|\bmood\b|\baffect\b|\bthought\b|\borientation\b|\bmini mental\b|\bmmse\b|\bbehaviou?r/, "mental-status"],
  [/\bbreasts?\b|\bnipples?\b/, "breast"],
  [/\blymph|\baxill|\binguinal nodes?\b|\bnodes\b/, "lymph"],
  [
    /\bfundoscop|\bfundus\b|\bfundi\b|\bophthalm|\bslit lamp|\bcornea|\bpupil|\bvisual|\bretina|\beyes?\b|\bocular\b|\bconjunctiv|\bsclera|\blens\b|\blenses\b|\beyelids?\b|\bextraocular\b/,
    "eyes"
  ],
  [/\bears?\b|\botoscop|\botolog|\btympan|\baudiolog|\bhearing\b/, "ears"],
  [/\bthroat\b|\bpharyn|\btonsil|\blaryn|\boropharyn/, "throat"],
  [
    /\bent\b|\bheent\b|\bbuccal\b|\bmucosa\b|\bgingiv|\blips?\b|\bpalate\b|\bhead\b|\bhead and neck\b|\bface\b|\bfacial\b|\boral\b|\bmouth\b|\bnasal\b|\bnose\b|\bsinus|\bdental\b|\bteeth\b|\btongue\b|\bscalp\b|\bfontanell?e/,
    "heent"
  ],
  [/\bneck\b|\bthyroid\b|\bjugular\b|\bjvp\b|\btrachea\b/, "neck"],
  [/\bcardi|\bheart\b|\bprecordi|\bvascular\b|\bpulses?\b|\bmurmur|\bperipheral vascular\b|\bcirculat/, "cardiovascular"],
  [/\brespirat|\bpulmonar|\blungs?\b|\bchest\b|\bthora|\bbreath sounds\b|\bauscultation of (the )?lungs\b/, "respiratory"],
  [
    /\bobstetric|\bfundal\b|\bfetal\b|\buter(us|ine)\b|\bgyn|\bpelvic\b|\bvaginal\b|\bvulva|\bspeculum\b|\bbimanual\b|\bcervix\b|\bcervical exam|\badnex/,
    "pelvic"
  ],
  [/\brectal\b|\brectum\b|\bprostat|\banal\b|\banus\b|\bperianal\b|\bdre\b/, "rectal"],
  [/\bgenit|\burogenital\b|\burolog|\bscrot|\btestic|\btestes\b|\bpenile\b|\bpenis\b|\bgu\b|\binguinal\b|\bhernia/, "genitourinary"],
  [
    /\babdom|\bgastro|\bdigestive\b|\bbelly\b|\bliver\b|\bhepat|\bspleen\b|\bsplen|\brenal angles?\b|\bcostovertebral\b|\bcva\b|\bflank\b|\bbowel sounds\b|\bumbilic/,
    "abdomen"
  ],
  [
    /\bskin\b|\bdermat|\binteg|\bcutaneous\b|\brash\b|\blesions?\b|\bnails?\b|\bhair\b|\bmucocutaneous\b|\bpapul|\bplaques?\b|\bmacul|\bvesic|\bnodules?\b|\bpustul|\bviolaceous\b|\btelangiect|\bpetechi|\bpurpur|\bbruis|\bjaundice|\bulcer/,
    "skin"
  ],
  [
    /\bneuro|\bcranial nerve|\bmotor\b|\bstrength\b|\bpower\b|\breflex|\bsensory\b|\bsensation\b|\bcerebell|\bcoordination\b|\bgait\b|\bromberg|\bspeech\b|\btone\b|\bmeningeal\b|\bnervous\b|\bconsciousness\b|\bgcs\b|\bglasgow\b/,
    "neuro"
  ],
  [
    /\bmusculo|\bmsk\b|\bjoints?\b|\bspine\b|\bspinal\b|\bback\b|\bknees?\b|\bhips?\b|\bshoulders?\b|\belbows?\b|\bwrists?\b|\bankles?\b|\bmuscles?\b|\borthop|\brange of motion\b|\bbones?\b|\bpatella|\bsacroiliac\b|\blumbar\b/,
    "msk"
  ],
  [
    /\bextremit|\blimbs?\b|\blegs?\b|\barms?\b|\bhands?\b|\bfeet\b|\bfoot\b|\bfingers?\b|\btoes?\b|\bcalf\b|\bcalves\b|\bedema\b|\boedema\b|\bperipher/,
    "extremities"
  ]
];
var TECHNIQUE = /^(inspection|palpation|percussion|auscultation|observation|findings|other|others|special tests?|notes?|comments?|summary|impression|left|right|bilateral|description)$/;
function words(section) {
  return normalize(section.replace(/_/g, " ")).replace(
    /\b(examination|exam|findings|assessment|evaluation|inspection|palpation|auscultation|percussion|signs|status)\b/g,
    (w) => w === "signs" || w === "status" ? w : ""
  ).replace(/\s+/g, " ").trim();
}
function examTargetFor(section) {
  const w = words(section);
  if (!w || TECHNIQUE.test(w)) return void 0;
  const direct = canonicalTarget(w) ?? canonicalTarget(normalize(section.replace(/_/g, " ")));
  if (direct) return direct;
  for (const [re, target2] of SECTION_TARGETS) if (re.test(w)) return target2;
  return void 0;
}
function isBroadSection(section, target2) {
  if (!target2 || target2 === "general") return true;
  return /\bcardiopulmonary|\bcardio ?respiratory|\bsystemic|\bphysical\b|\bsystems?\b|\bhead to toe|\bother\b|\badditional\b|\bfocused\b|\bcomplete\b/.test(
    normalize(section.replace(/_/g, " "))
  );
}
function splitLabelled(text) {
  const re = /(^|[.;]\s+|\n)([A-Z][A-Za-z/&' -]{1,40}):\s+/g;
  const cuts = [];
  for (const m of text.matchAll(re)) {
    const target2 = examTargetFor(m[2]);
    if (!target2) continue;
    cuts.push({ at: m.index + m[1].length, end: m.index + m[0].length, label: m[2], target: target2 });
  }
  if (cuts.length === 0) return [{ target: void 0, text: text.trim() }];
  const parts = [];
  const head = text.slice(0, cuts[0].at).trim();
  if (head) parts.push({ target: void 0, text: head });
  cuts.forEach((c, i) => {
    const body = text.slice(c.end, cuts[i + 1]?.at ?? text.length).trim();
    if (body) parts.push({ target: c.target, label: c.label, text: body });
  });
  return parts;
}
var WEAK_IN_SENTENCE = /\b(back|face|head|hands?|arms?|legs?|feet|foot|chest|general|overall|systemic|lesions?|tone|weight|height|growth|power|thought|behaviou?r|mood|speech|sinus|pulse|rash)\b/g;
function sentenceTargets(sentence2) {
  const full = normalize(sentence2).replace(/\bthoracic spine\b/g, "spine");
  const s = full.replace(WEAK_IN_SENTENCE, " ");
  const out = [];
  for (const [re, target2] of SECTION_TARGETS) if (target2 !== "general" && re.test(s) && !out.includes(target2)) out.push(target2);
  if (out.length === 0 && /\brash\b|\blesions?\b/.test(full)) out.push("skin");
  if (out.length === 0 && /\bchest\b/.test(full)) out.push("respiratory");
  return out.length ? out : ["general"];
}

// src/case/import/management.ts
var MANAGEMENT_KEY = /^(management|management plan|treatment plan|plan|plans|follow up|followup|follow up plan|recommendations?|next steps?|disposition|optional|therapy|therapeutic plan|intervention|interventions|outcome|prognosis|counsell?ing|patient education|education|further workup|further testing|suggested tests?|additional tests? recommended|treatment)$/;
function isManagementKey(key3) {
  return MANAGEMENT_KEY.test(normalize(key3.replace(/_/g, " ")));
}
var MANAGEMENT_SENTENCE = /^(recommend|recommended|recommendation|consider|can be considered|could be considered|should|follow[ -]?up|management|manage|treatment|treat with|plan|next step|start|initiate|begin|refer|referral|schedule|arrange|advise|advised to|counsel)\b/i;
function stripManagement(text) {
  const parts = text.split(/(?<=[.!?;])\s+/);
  const kept = parts.filter((p) => !MANAGEMENT_SENTENCE.test(p.trim()));
  return { text: kept.join(" ").trim(), removed: parts.length - kept.length };
}

// src/case/import/text.ts
function humanize(key3) {
  const words2 = key3.replace(/_+/g, " ").replace(/\s+/g, " ").trim().split(" ");
  return words2.map(
    (w, i) => /^[A-Z0-9]{2,}$/.test(w) || /[A-Z].*[A-Z]/.test(w.slice(1)) ? w : i === 0 ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w.toLowerCase()
  ).join(" ");
}
function slugify(text) {
  return normalize(text).replace(/\s+/g, "-") || "item";
}
function sentence(text) {
  const t = text.trim();
  return /[.!?)"']$/.test(t) ? t : `${t}.`;
}
function splitSentences(text) {
  return text.replace(/\s+/g, " ").split(/(?<=[.!?])\s+(?=[A-Z0-9(])/).map((s) => s.trim()).filter(Boolean);
}
function flattenValue(value) {
  if (value === null || value === void 0) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return joinParts(value.map(flattenValue).filter(Boolean));
  if (typeof value === "object") {
    return Object.entries(value).map(([k, v]) => {
      const inner = flattenValue(v);
      if (!inner) return "";
      return typeof v === "object" && v !== null && !Array.isArray(v) ? `${humanize(k)}: (${inner})` : `${humanize(k)}: ${inner}`;
    }).filter(Boolean).reduce((acc, part) => joinParts([acc, part].filter(Boolean)), "");
  }
  return "";
}
function joinParts(parts) {
  return parts.reduce((acc, part) => acc ? `${acc}${/[.!?]$/.test(acc) ? " " : "; "}${part}` : part, "");
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/case/import/exam-findings.ts
function mapExam(exam, base, out) {
  const buckets = /* @__PURE__ */ new Map();
  const add = (section, target2, text) => {
    const t = text.trim();
    if (!t) return;
    const key3 = `${section}|${target2}`;
    const b = buckets.get(key3) ?? { section, target: target2, parts: [] };
    b.parts.push(sentence(t));
    buckets.set(key3, b);
  };
  const drop = (path, reason) => (out.dropped ??= []).push({ path, reason });
  const visit = (section, path, label2, value, target2, broad) => {
    if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) {
        const p = `${path}.${k}`;
        if (isManagementKey(k)) {
          drop(p, "management or follow-up text");
          continue;
        }
        const own = examTargetFor(k);
        if (own && own !== target2 && (broad || own === "mental-status") && own !== "general") {
          visit(section, p, void 0, v, own, isBroadSection(k, own));
        } else {
          visit(section, p, humanize(k), v, target2, false);
        }
      }
      return;
    }
    const raw = flattenValue(value);
    if (!raw) return;
    const s = stripManagement(raw);
    if (s.removed) drop(path, `${s.removed} management or follow-up sentence${s.removed === 1 ? "" : "s"} left out`);
    for (const part of splitLabelled(s.text)) {
      const t = part.target && part.target !== target2 && (broad || part.target === "mental-status") ? part.target : target2;
      const lab = part.target && t === target2 ? part.label : part.target ? void 0 : label2;
      add(section, t, lab ? `${lab}: ${part.text}` : part.text);
    }
  };
  for (const [section, value] of Object.entries(exam)) {
    const path = `${base}.${section}`;
    if (isManagementKey(section)) {
      drop(path, "management or follow-up text");
      continue;
    }
    const target2 = examTargetFor(section);
    if (!target2) out.unmapped.push(path);
    visit(section, path, target2 ? void 0 : humanize(section), value, target2 ?? "general", isBroadSection(section, target2));
  }
  const facts = [];
  const perSection = /* @__PURE__ */ new Map();
  for (const b of buckets.values()) perSection.set(b.section, (perSection.get(b.section) ?? 0) + 1);
  for (const b of buckets.values()) {
    const id = perSection.get(b.section) > 1 ? `exam-${slugify(humanize(b.section))}-${b.target}` : `exam-${slugify(humanize(b.section))}`;
    facts.push({ id, category: "exam", topic: b.target, aliases: [], answer: b.parts.join(" ") });
  }
  return facts;
}

// src/case/import/test-names.ts
var GENERIC = /* @__PURE__ */ new Set([
  "serum",
  "plasma",
  "blood",
  "level",
  "levels",
  "test",
  "tests",
  "testing",
  "examination",
  "exam",
  "analysis",
  "study",
  "studies",
  "result",
  "results",
  "findings",
  "peripheral",
  "screen",
  "screening",
  "panel",
  "measurement",
  "assay",
  "total",
  "report",
  "scan",
  "of",
  "the",
  "a",
  "an",
  "showed",
  "show",
  "shows",
  "revealed",
  "reveals",
  "performed",
  "done",
  "obtained",
  "was",
  "were"
]);
var GENERIC_CHILD = /^(findings?|results?|level|levels|value|values|comments?|impression|interpretation|report|details|description|status|observations?|conclusion|summary|notes?|reading|readings|measurement|titer|titre|test result|result of test|outcome of test|general|overall|quantitative|qualitative|result value)$/;
function isGenericChild(key3) {
  return GENERIC_CHILD.test(normalize(key3.replace(/_/g, " ")));
}
var LIMB = /\b(knee|knees|ankle|ankles|wrist|wrists|hand|hands|foot|feet|hip|hips|shoulder|shoulders|elbow|elbows|leg|legs|arm|arms|femur|tibia|humerus|forearm|finger|fingers|toe|toes|limb|extremity|extremities)\b/;
var SPINE = /\b(spine|spinal|lumbar|cervical spine|thoracic spine|sacrum|coccyx|back)\b/;
function singular(word) {
  return word.length > 3 && word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}
function unique(catalog, text) {
  const r = catalog.resolve(text);
  const ids = [...new Set(r.tests.map((t) => t.id))];
  if (ids.length !== 1) return void 0;
  const leftover = r.unrecognised.flatMap((u) => u.split(" ")).filter((w) => w && !GENERIC.has(w));
  return leftover.length === 0 ? ids[0] : void 0;
}
function resolveTestName(catalog, name) {
  const text = humanize(name).replace(/\s*\([A-Za-z0-9-]{1,8}\)/g, "").replace(/\bcomputed tomograph(y|ic)\b/gi, "CT").replace(/\bmagnetic resonance imaging\b/gi, "MRI").replace(/\bultrasonography\b/gi, "ultrasound").replace(/\b(chest )?radiograph(y)?\b/gi, (m, chest) => chest ? "chest x-ray" : "x-ray").replace(/\bhigh[- ]resolution\b/gi, "");
  const direct = unique(catalog, text);
  if (direct) return direct;
  const words2 = normalize(text).split(" ").filter((w) => w && !GENERIC.has(w));
  if (words2.length === 0) return void 0;
  const variants = [
    words2.join(" "),
    [...words2.slice(0, -1), singular(words2[words2.length - 1])].join(" "),
    [...words2.slice(0, -1), `${words2[words2.length - 1]}s`].join(" "),
    words2.map(singular).join(" "),
    words2.map((w) => w === "antibody" ? "antibodies" : w === "antigen" ? "antigens" : w).join(" "),
    words2.filter((w) => !["antibody", "antibodies"].includes(w)).join(" ")
  ];
  for (const v of variants) {
    const id = unique(catalog, v);
    if (id) return id;
  }
  const joined = ` ${words2.join(" ")} `;
  if (/\b(x ?ray|xray|radiograph|radiography|plain film|film)\b/.test(joined)) {
    if (/\bchest\b/.test(joined)) return catalog.has("chest-xray") ? "chest-xray" : void 0;
    if (/\babdom/.test(joined)) return catalog.has("abdominal-xray") ? "abdominal-xray" : void 0;
    if (SPINE.test(joined)) return catalog.has("xray-spine") ? "xray-spine" : void 0;
    if (LIMB.test(joined)) return catalog.has("xray-extremity") ? "xray-extremity" : void 0;
  }
  return void 0;
}

// src/case/import/values.ts
var QUALIFIERS = [
  [/^(critically (high|elevated))$/, "critical-high"],
  [/^(critically low)$/, "critical-low"],
  [/^((markedly|mildly|slightly|moderately|significantly|very|severely|greatly) )?(elevated|high|increased|raised)$/, "high"],
  [/^((markedly|mildly|slightly|moderately|significantly|very|severely|greatly) )?(low|decreased|reduced|depressed)$/, "low"],
  [/^(positive|detected|reactive|present|weakly positive|strongly positive)$/, "positive"],
  [/^(negative|not detected|non reactive|nonreactive|absent|undetectable)$/, "negative"],
  [/^(normal|within normal limits|unremarkable|wnl|normal for age)$/, "normal"],
  [/^(abnormal)$/, "abnormal"]
];
function qualifier(text) {
  const t = normalize(text);
  return QUALIFIERS.find(([re]) => re.test(t))?.[1];
}
function flagOf(text) {
  const t = normalize(text.replace(/\([^()]*\)/g, " "));
  const lead = t.match(
    /^((?:critically|markedly|mildly|slightly|moderately|significantly|very|severely|greatly|weakly|strongly) )?(elevated|high|increased|raised|low|decreased|reduced|positive|negative|reactive|non reactive|nonreactive|not detected|detected|normal|within normal limits|unremarkable|abnormal)\b/
  );
  if (lead) return qualifier(`${lead[1] ?? ""}${lead[2]}`);
  for (const m of text.matchAll(/\(([^()]{2,40})\)/g)) {
    const f = qualifier(m[1]);
    if (f) return f;
  }
  if (!t) return void 0;
  const words2 = t.split(" ");
  const last2 = words2.slice(-2).join(" ");
  return qualifier(last2) ?? (words2.length <= 6 ? qualifier(words2[words2.length - 1]) : void 0);
}
function componentOf(text) {
  const flag = flagOf(text);
  const bare = text.trim().replace(/\s*\((?:reference|normal|ref)[^()]*\)\s*$/i, "");
  const range = text.match(/\((?:reference(?: range| value)?|normal(?: range)?|ref)[,:]?\s*([^()]+)\)/i)?.[1]?.trim();
  const core = bare.replace(/\s*\(([^()]{2,40})\)\s*$/, (all, inner) => qualifier(inner) ? "" : all).trim();
  const m = core.match(/^(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([A-Za-zµμ%/^][A-Za-z0-9µμ%/^.·*×\s]{0,20})?$/);
  const value = m ? Number(m[1].replace(/,/g, "")) : void 0;
  const f = flag ?? (value !== void 0 && range ? flagFromRange(value, range) : void 0);
  const extras = { ...f ? { flag: f } : {}, ...range ? { range } : {} };
  if (m && !(m[2] && qualifier(m[2]))) return { value, ...m[2] ? { unit: m[2].trim() } : {}, ...extras };
  if (m && m[2]) return { value, ...extras };
  return { value: text.trim(), ...extras };
}
function flagFromRange(value, range) {
  const r = range.replace(/,(?=\d{3}\b)/g, "");
  const between = r.match(/(\d+(?:\.\d+)?)\s*(?:to|-|–)\s*(\d+(?:\.\d+)?)/);
  if (between) {
    const [lo, hi] = [Number(between[1]), Number(between[2])];
    return value > hi ? "high" : value < lo ? "low" : "normal";
  }
  const below = r.match(/^\s*(?:<|less than|under)\s*(\d+(?:\.\d+)?)/i);
  if (below) return value >= Number(below[1]) ? "high" : "normal";
  const above = r.match(/^\s*(?:>|more than|over)\s*(\d+(?:\.\d+)?)/i);
  if (above) return value <= Number(above[1]) ? "low" : "normal";
  return void 0;
}

// src/case/import/map-tests.ts
var COMPONENT_SYNONYMS = {
  WBC: [
    "white blood cell count",
    "white blood cells",
    "white blood cell",
    "wbc count",
    "leukocyte count",
    "leukocytes",
    "white cell count",
    "wbcs",
    "total leukocyte count"
  ],
  Hemoglobin: ["hb", "hgb", "haemoglobin"],
  Platelets: ["platelet count", "plt", "platelet", "platelet counts", "thrombocytes"],
  MCV: ["mean corpuscular volume"],
  "HAV IgM": ["anti hav igm", "hepatitis a igm", "hepatitis a virus igm", "igm anti hav", "hav igm antibody"],
  HBsAg: ["hepatitis b surface antigen", "hbs antigen", "hbs ag"],
  "Anti-HBc IgM": ["anti hbc igm", "hepatitis b core igm", "igm anti hbc", "hbc igm"],
  "HCV antibody": ["anti hcv", "hepatitis c antibody", "hcv ab"],
  Eosinophils: ["eosinophil count", "absolute eosinophil count", "eosinophil", "eos"],
  Neutrophils: ["neutrophil count", "absolute neutrophil count", "anc", "neutrophil"],
  Lymphocytes: ["lymphocyte count", "absolute lymphocyte count", "lymphocyte"],
  Sodium: ["na"],
  Potassium: ["k"],
  Chloride: ["cl"],
  Bicarbonate: ["hco3", "co2", "total co2", "bicarb"],
  BUN: ["blood urea nitrogen", "urea", "urea nitrogen"],
  Creatinine: ["cr", "creat"],
  Glucose: ["blood glucose", "blood sugar", "random glucose", "serum glucose"],
  ALT: ["alanine aminotransferase", "alanine transaminase", "sgpt"],
  AST: ["aspartate aminotransferase", "aspartate transaminase", "sgot"],
  ALP: ["alkaline phosphatase", "alk phos"],
  "Total bilirubin": ["bilirubin", "bilirubin total", "serum bilirubin"],
  "Direct bilirubin": ["conjugated bilirubin", "bilirubin direct"],
  "Total cholesterol": ["cholesterol"],
  LDL: ["ldl cholesterol"],
  HDL: ["hdl cholesterol"]
};
var CONTEXTS = [
  [/\burin/, ["urinalysis"]],
  [/\bcsf\b|cerebrospinal|lumbar/, ["lumbar-puncture"]],
  [/pleural/, ["thoracentesis"]],
  [/ascit|peritoneal/, ["paracentesis"]],
  [/synovial|joint|arthrocent|knee (fluid|aspirat)/, ["arthrocentesis"]],
  [/arterial|\babg\b/, ["arterial-blood-gas"]],
  [/venous gas|\bvbg\b/, ["venous-blood-gas"]]
];
var BLOOD_PANELS = ["cbc", "bmp", "liver-panel", "lipid-panel", "pt-inr", "iron-studies", "cmp", "arterial-blood-gas"];
var FLUID = /\b(fluid|aspirate|aspiration|tap|effusion|lavage|bal|sputum|stool|fecal|faecal|semen|amniotic|vitreous|drain|wound|swab|csf|urine|pleural|ascitic|synovial|bronchoalveolar|marrow|biopsy|tissue|specimen)\b/;
var CONTAINER_WORDS = /* @__PURE__ */ new Set([
  "blood",
  "serum",
  "laboratory",
  "lab",
  "labs",
  "other",
  "others",
  "additional",
  "special",
  "routine",
  "initial",
  "further",
  "more",
  "tests",
  "test",
  "testing",
  "work",
  "workup",
  "investigations",
  "investigation",
  "studies",
  "study",
  "results",
  "result",
  "findings",
  "imaging",
  "radiology",
  "serology",
  "biochemistry",
  "chemistry",
  "chemistries",
  "hematology",
  "haematology",
  "microbiology",
  "diagnostics",
  "diagnostic",
  "bloods",
  "panels",
  "and",
  "general",
  "basic",
  "relevant",
  "pertinent",
  "key",
  "notable",
  "of",
  "the"
]);
function isContainer(name) {
  const words2 = normalize(name.replace(/_/g, " ")).split(" ").filter(Boolean);
  if (words2.length === 0) return false;
  return words2.every((w) => CONTAINER_WORDS.has(w)) || PLURAL_HEADS.has(words2[words2.length - 1]);
}
var PLURAL_HEADS = /* @__PURE__ */ new Set([
  "tests",
  "studies",
  "investigations",
  "labs",
  "results",
  "findings",
  "workup",
  "work",
  "imaging",
  "panels",
  "bloods",
  "serologies"
]);
function componentKey(text) {
  return normalize(text).split(" ").filter((w) => w && !["serum", "plasma", "level", "levels", "count"].includes(w)).join(" ");
}
var indexes = /* @__PURE__ */ new WeakMap();
function componentIndex(catalog) {
  let index2 = indexes.get(catalog);
  if (index2) return index2;
  index2 = /* @__PURE__ */ new Map();
  for (const t of catalog.tests) {
    for (const name of Object.keys(t.normal.components ?? {})) {
      for (const phrase of [name, ...COMPONENT_SYNONYMS[name] ?? []]) {
        for (const k of /* @__PURE__ */ new Set([componentKey(phrase), normalize(phrase)])) {
          if (!k) continue;
          const list2 = index2.get(k) ?? [];
          if (!list2.some((h) => h.testId === t.id)) index2.set(k, [...list2, { testId: t.id, name }]);
        }
      }
    }
  }
  indexes.set(catalog, index2);
  return index2;
}
function resolveComponent(catalog, name, context, panel) {
  const index2 = componentIndex(catalog);
  const hits = index2.get(componentKey(humanize(name))) ?? index2.get(normalize(humanize(name))) ?? [];
  if (hits.length === 0) return void 0;
  if (panel) return hits.find((h) => h.testId === panel);
  const ctx = normalize(context.replace(/_/g, " "));
  const fluid = CONTEXTS.find(([re]) => re.test(ctx))?.[1];
  if (!fluid && FLUID.test(ctx)) return void 0;
  for (const id of fluid ?? BLOOD_PANELS) {
    const hit = hits.find((h) => h.testId === id);
    if (hit) return hit;
  }
  return !fluid && new Set(hits.map((h) => h.testId)).size === 1 ? hits[0] : void 0;
}
function mapTests(input) {
  const { catalog } = input;
  const out = { results: {}, localTests: [], mapped: [], flags: 0, dropped: [] };
  const origin = /* @__PURE__ */ new Map();
  const clean2 = (path, raw) => {
    const s = stripManagement(raw);
    if (s.removed) out.dropped.push({ path, reason: `${s.removed} management or follow-up sentence${s.removed === 1 ? "" : "s"} left out` });
    return s.text;
  };
  const localId = (name) => `${LOCAL_PREFIX}${slugify(humanize(name))}`;
  const addText = (id, path, text) => {
    if (!text) return;
    const existing = out.results[id];
    if (existing && origin.get(id) !== void 0 && !sameTest(origin.get(id), path) && id.startsWith(LOCAL_PREFIX)) {
      const own = localId(path.split(".").slice(-2).join(" "));
      if (own !== id) return addText(own, path, text);
    }
    const fresh = out.results[id] === void 0;
    const r = out.results[id] ??= {};
    origin.set(id, origin.get(id) ?? path);
    const single = fresh && !catalog.get(id)?.normal.components ? componentOf(text) : void 0;
    if (single && typeof single.value === "number" && single.unit) {
      Object.assign(r, single);
      if (single.flag) out.flags++;
      out.mapped.push(path);
      if (id.startsWith(LOCAL_PREFIX)) out.localTests.push(path);
      return;
    }
    r.text = r.text ? `${r.text} ${text}` : text;
    const flag = flagOf(text);
    if (flag && !r.components && r.flag === void 0) {
      r.flag = flag;
      out.flags++;
    }
    out.mapped.push(path);
    if (id.startsWith(LOCAL_PREFIX)) out.localTests.push(path);
  };
  const addComponent = (id, name, path, text, group) => {
    if (!text) return;
    const r = out.results[id];
    const prior = r?.components?.[name];
    if (prior !== void 0 && String(prior.value) === String(componentOf(text).value)) {
      out.mapped.push(path);
      return;
    }
    if (prior !== void 0) {
      const own = localId(group || path.split(".").slice(-2, -1)[0] || name);
      if (own !== id) return addComponent(own, name, path, text, "");
      return addText(localId(path.split(".").slice(-2).join(" ")), path, `${name}: ${text}`);
    }
    const res = out.results[id] ??= {};
    if (res.flag !== void 0 && res.text === void 0) delete res.flag;
    const c = componentOf(text);
    if (c.flag) out.flags++;
    (res.components ??= {})[name] = c;
    origin.set(id, origin.get(id) ?? path);
    out.mapped.push(path);
    if (id.startsWith(LOCAL_PREFIX)) out.localTests.push(path);
  };
  const testFor = (name, group) => resolveTestName(catalog, name) ?? (group && !isContainer(group) ? resolveTestName(catalog, `${humanize(name)} ${humanize(group)}`) ?? resolveTestName(catalog, `${humanize(group)} ${humanize(name)}`) : void 0);
  const localFor2 = (name, group) => localId(group && !isContainer(group) && !normalize(name).includes(normalize(humanize(group))) ? `${humanize(group)} ${humanize(name)}` : name);
  const visit = (path, name, value, context, group, panel) => {
    if (isManagementKey(name)) {
      out.dropped.push({ path, reason: "management or follow-up text" });
      return;
    }
    if (isRecord(value)) {
      const children = Object.entries(value).filter(([k]) => {
        if (!isManagementKey(k)) return true;
        out.dropped.push({ path: `${path}.${k}`, reason: "management or follow-up text" });
        return false;
      });
      if (children.length === 0) return;
      const whole2 = testFor(name, group);
      if (children.every(([k]) => isGenericChild(k))) {
        const text2 = children.map(([k, v], i) => {
          const t = clean2(`${path}.${k}`, flattenValue(v));
          return t && (i === 0 && /^findings?|results?$/i.test(k) ? t : `${humanize(k)}: ${t}`);
        }).filter(Boolean).map((t) => /[.!?]$/.test(t) ? t : `${t}.`).join(" ");
        return addText(whole2 ?? localFor2(name, group), path, text2);
      }
      const others = children.filter(([k]) => {
        const id = resolveTestName(catalog, k);
        return id !== void 0 && id !== whole2 && !(whole2 && resolveComponent(catalog, k, name, whole2));
      });
      if (whole2 && others.length === 0) {
        const hasComponents = catalog.get(whole2)?.normal.components !== void 0;
        if (!hasComponents) return addText(whole2, path, clean2(path, flattenValue(Object.fromEntries(children))));
        for (const [k, v] of children) {
          if (isGenericChild(k) || isRecord(v)) {
            addText(whole2, `${path}.${k}`, clean2(`${path}.${k}`, flattenValue(isGenericChild(k) ? v : { [k]: v })));
            continue;
          }
          const comp2 = resolveComponent(catalog, k, name, whole2);
          addComponent(whole2, comp2?.name ?? humanize(k), `${path}.${k}`, clean2(`${path}.${k}`, flattenValue(v)), name);
        }
        return;
      }
      if (!whole2 && !isContainer(name) && children.every(([k, v]) => !isRecord(v) && !resolveTestName(catalog, k) && !resolveComponent(catalog, k, `${context} ${name}`))) {
        const id = localFor2(name, group);
        for (const [k, v] of children) {
          const text2 = clean2(`${path}.${k}`, flattenValue(v));
          if (isGenericChild(k)) addText(id, `${path}.${k}`, text2);
          else addComponent(id, humanize(k), `${path}.${k}`, text2, name);
        }
        return;
      }
      const nextPanel = whole2 && catalog.get(whole2)?.normal.components ? whole2 : void 0;
      for (const [k, v] of children) visit(`${path}.${k}`, k, v, `${context} ${name}`, isContainer(name) ? group : name, nextPanel);
      return;
    }
    const text = clean2(path, flattenValue(value));
    if (!text) return;
    if (panel) {
      const comp2 = resolveComponent(catalog, name, context, panel);
      if (comp2) return addComponent(panel, comp2.name, path, text, group);
    }
    if (isGenericChild(name)) {
      const owner = group || path.split(".").slice(-2, -1)[0];
      if (owner && !isGenericChild(owner)) return addText(testFor(owner, "") ?? localId(owner), path, text);
    }
    const whole = testFor(name, group);
    if (whole) return addText(whole, path, text);
    const comp = resolveComponent(catalog, name, `${context} ${group} ${name}`);
    if (comp) return addComponent(comp.testId, comp.name, path, text, group);
    if (panel) return addComponent(panel, humanize(name), path, text, group);
    addText(localFor2(name, group), path, text);
  };
  const base = input.path ?? "Test_Results";
  if (isRecord(input.tests)) for (const [k, v] of Object.entries(input.tests)) visit(`${base}.${k}`, k, v, "", "");
  return out;
}
function sameTest(a, b) {
  const pa = a.split(".").slice(0, -1).join(".");
  const pb = b.split(".").slice(0, -1).join(".");
  return pa === pb || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

// src/case/import/mapped-line.ts
function countFields(kase) {
  const c = {};
  const inc = (k, n = 1) => {
    if (n) c[k] = (c[k] ?? 0) + n;
  };
  for (const f of kase.facts ?? []) inc(`facts.${f.category}`);
  for (const [id, r] of Object.entries(kase.results ?? {})) {
    inc(id.startsWith("local:") ? "results.local" : "results.catalog");
    const flags = (r.flag ? 1 : 0) + Object.values(r.components ?? {}).filter((x) => x.flag).length;
    inc("results.flagged values", flags);
    inc("results.components", Object.keys(r.components ?? {}).length);
  }
  inc("differential", kase.differential?.length ?? 0);
  inc("media", (kase.media ?? []).length);
  return c;
}
var UNKNOWN_ICD10 = "R69";
function importedSource(ctx) {
  return { kind: "imported", author: "AgentClinic", dataset: ctx.dataset, license: ctx.license ?? "see source dataset" };
}
function caseId(ctx, format) {
  const ext = /extended/i.test(ctx.dataset) ? "-ext" : "";
  return `${ctx.idPrefix ?? `agentclinic-${format}${ext}`}-${ctx.line}`;
}
function diagnosisOf(name) {
  const clean2 = name.trim();
  const bare = clean2.replace(/\s*\([^)]*\)\s*/g, " ").replace(/\s+/g, " ").trim();
  const inner = [...clean2.matchAll(/\(([^)]+)\)/g)].map((m) => m[1].trim()).filter((s) => s.length > 1);
  const accept = [...new Set([bare, ...inner].filter((s) => s && s !== clean2))];
  return { name: clean2, icd10: UNKNOWN_ICD10, accept };
}

// src/case/import/topics.ts
var AMBIGUOUS_TOPIC_WORDS = /* @__PURE__ */ new Set([
  "food",
  "meals",
  "eating",
  "drinking",
  "drink",
  "position",
  "start",
  "timing",
  "course",
  "exercise",
  "walking",
  "location",
  "growth",
  "spots",
  "acid",
  "home",
  "work",
  "job",
  "sex",
  "contacts",
  "exposure",
  "support",
  "stools",
  "birth",
  "born",
  "falls",
  "hit",
  "blow",
  "fall",
  "accident",
  "trip",
  "family",
  "parents",
  "relatives",
  "siblings",
  "voices"
]);
function topicsIn(text, vocabulary2) {
  const words2 = normalize(text).split(" ").filter(Boolean);
  const hits = [];
  for (const [phrase, entry2] of vocabulary2.phrases()) {
    if (AMBIGUOUS_TOPIC_WORDS.has(phrase)) continue;
    const p = phrase.split(" ");
    for (let i = 0; i + p.length <= words2.length; i++) {
      let ok = true;
      for (let j = 0; j < p.length && ok; j++) ok = words2[i + j] === p[j] || words2[i + j] === `${p[j]}s`;
      if (ok) hits.push({ start: i, end: i + p.length, entry: entry2 });
    }
  }
  const kept = hits.filter((h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start)).sort((a, b) => a.start - b.start || b.end - a.end);
  return [...new Set(kept.map((h) => h.entry))];
}

// src/case/import/medqa.ts
var FIELDS = [
  [
    /^(history|history_of_present_illness|hpi|present_illness)$/,
    "history",
    "chief complaint",
    ["history of present illness", "onset", "duration", "progression"]
  ],
  [/^past_medical_history$|^medical_history$/, "pmh", "past medical history", []],
  [/surgical/, "pmh", "surgical history", []],
  [/^social_history$/, "social", "social history", []],
  [/family/, "family", "family history", []],
  [/medication|drug_history|current_treatment/, "medication", "medications", []],
  [/allerg/, "allergy", "allergies", []],
  [/review_of_systems|^ros$/, "ros", "review of systems", []],
  [/obstetric|gynecolog|gynaecolog/, "history", "obstetric history", []],
  [/menstrual/, "history", "last menstrual period", []],
  [/immuni[sz]ation|vaccin/, "history", "vaccinations", []],
  [/travel/, "social", "travel", []],
  [/sexual/, "social", "sexual history", []],
  [/occupation/, "social", "occupation", []],
  [/developmental/, "history", "development", []],
  [/birth|perinatal|neonatal/, "history", "birth history", []],
  [/diet|nutrition/, "social", "diet", []]
];
var KNOWN_OSCE = /* @__PURE__ */ new Set(["Objective_for_Doctor", "Patient_Actor", "Physical_Examination_Findings", "Test_Results", "Correct_Diagnosis"]);
function symptomFact(id, text, topics, exact) {
  const topic = exact?.topic ?? topics[0]?.topic ?? normalize(text);
  const aliases = [.../* @__PURE__ */ new Set([...topics.map((t) => t.topic), normalize(text)])].filter((a) => a && a !== topic);
  return { id, category: "symptom", topic, aliases, answer: sentence(text) };
}
function mapMedQA(data, ctx) {
  const out = { format: "medqa", unmapped: [], localTests: [], problems: [] };
  const osce = data.OSCE_Examination;
  if (!isRecord(osce)) {
    out.problems.push("OSCE_Examination is not an object");
    return out;
  }
  const keep = {};
  const dropped = out.dropped ??= [];
  for (const k of Object.keys(data))
    if (k !== "OSCE_Examination") {
      out.unmapped.push(k);
      keep[k] = data[k];
    }
  for (const k of Object.keys(osce)) {
    if (KNOWN_OSCE.has(k)) continue;
    if (isManagementKey(k)) {
      dropped.push({ path: `OSCE_Examination.${k}`, reason: "management or follow-up text" });
      continue;
    }
    out.unmapped.push(`OSCE_Examination.${k}`);
    keep[`OSCE_Examination.${k}`] = osce[k];
  }
  const dx = typeof osce.Correct_Diagnosis === "string" ? osce.Correct_Diagnosis.trim() : "";
  if (!dx) out.problems.push("OSCE_Examination.Correct_Diagnosis is missing or not text");
  const actor = isRecord(osce.Patient_Actor) ? osce.Patient_Actor : void 0;
  if (!actor) out.problems.push("OSCE_Examination.Patient_Actor is missing or not an object");
  const demoText = actor && typeof actor.Demographics === "string" ? actor.Demographics : "";
  const narrative = actor ? [actor.History, actor.History_of_Present_Illness, osce.Objective_for_Doctor, actor.Past_Medical_History, actor.Social_History].map(flattenValue).filter(Boolean).join(" ") : "";
  const demo = parseDemographics(demoText, narrative);
  if (demo.from?.length) out.inferred = demo.from.map((f) => f === "sex" ? "sex from the pronouns of the history" : f === "age" ? "age from the history" : f);
  if (actor && !demo.value) out.problems.push(`Patient_Actor.Demographics ${demoText ? `"${demoText}" gives no ${demo.missing.join(" or ")}` : "is missing"}`);
  if (out.problems.length || !actor || !demo.value) return out;
  const facts = [];
  const ids = /* @__PURE__ */ new Set();
  const push2 = (f) => {
    let id = f.id;
    for (let n = 2; ids.has(id); n++) id = `${f.id}-${n}`;
    ids.add(id);
    facts.push({ ...f, id });
  };
  let primary = "";
  for (const [key3, value] of Object.entries(actor)) {
    const path = `OSCE_Examination.Patient_Actor.${key3}`;
    if (key3 === "Demographics") continue;
    if (isManagementKey(key3) && !/^(treatment|therapy)$/i.test(key3)) {
      dropped.push({ path, reason: "management or follow-up text" });
      continue;
    }
    if (key3 === "Symptoms" && isRecord(value)) {
      for (const [sk, sv] of Object.entries(value)) {
        const list2 = Array.isArray(sv) ? sv : [sv];
        list2.forEach((item, i) => {
          const text2 = flattenValue(item);
          if (!text2) return;
          if (sk === "Primary_Symptom" && !primary) primary = text2;
          const base = sk === "Primary_Symptom" ? "primary-symptom" : sk === "Secondary_Symptoms" ? "secondary-symptom" : slugify(humanize(sk));
          push2(
            symptomFact(
              list2.length > 1 || sk === "Secondary_Symptoms" ? `${base}-${i + 1}` : base,
              text2,
              topicsIn(text2, ctx.vocabulary),
              ctx.vocabulary.lookup(text2)
            )
          );
        });
      }
      continue;
    }
    const stripped = stripManagement(flattenValue(value));
    if (stripped.removed) dropped.push({ path, reason: `${stripped.removed} management or follow-up sentence${stripped.removed === 1 ? "" : "s"} left out` });
    const text = stripped.text;
    if (!text) {
      if (stripped.removed) continue;
      out.unmapped.push(path);
      keep[path] = value;
      continue;
    }
    const found = topicsIn(text, ctx.vocabulary);
    const rule = FIELDS.find(([re]) => re.test(key3.toLowerCase()));
    const category = rule?.[1] ?? (FACT_CATEGORIES.includes(found[0]?.category) ? found[0].category : "other");
    const topic = rule?.[2] ?? found[0]?.topic ?? normalize(humanize(key3));
    const aliases = rule?.[3].length ? rule[3] : found.map((t) => t.topic);
    push2({ id: slugify(humanize(key3)), category, topic, aliases: [...new Set(aliases)].filter((a) => a !== topic), answer: sentence(text) });
  }
  const exam = osce.Physical_Examination_Findings;
  if (isRecord(exam)) {
    for (const f of mapExam(exam, "OSCE_Examination.Physical_Examination_Findings", out)) push2(f);
  } else if (exam !== void 0) {
    out.unmapped.push("OSCE_Examination.Physical_Examination_Findings");
    keep["OSCE_Examination.Physical_Examination_Findings"] = exam;
  }
  const tests = mapTests({ tests: osce.Test_Results, catalog: ctx.catalog, path: "OSCE_Examination.Test_Results" });
  out.localTests = tests.localTests;
  dropped.push(...tests.dropped);
  if (osce.Test_Results !== void 0 && !isRecord(osce.Test_Results)) {
    out.unmapped.push("OSCE_Examination.Test_Results");
    keep["OSCE_Examination.Test_Results"] = osce.Test_Results;
  }
  const d = demo.value;
  const objective = typeof osce.Objective_for_Doctor === "string" ? osce.Objective_for_Doctor.trim() : "";
  const who = demoText.trim().replace(/\.$/, "") + (demo.from?.includes("sex") ? `, ${d.sex}` : "");
  const presentation = objective ? `${sentence(who)} ${sentence(objective)}` : sentence(`${who}${primary ? ` presenting with ${primary.toLowerCase()}` : ""}`);
  const child = d.ageUnit !== "years" || d.age < 12;
  out.case = {
    id: caseId(ctx, "medqa"),
    title: primary ? `${who} with ${primary.replace(/\.$/, "").toLowerCase()}` : who,
    specialty: "unspecified",
    tags: ["agentclinic", "medqa"],
    source: importedSource(ctx),
    patient: { age: d.age, age_unit: d.ageUnit, sex: d.sex, speaker: child ? "parent" : "self" },
    presentation,
    facts,
    results: tests.results,
    diagnosis: diagnosisOf(dx),
    // Diagnosis from Correct_Diagnosis (ICD-10 code unknown until inferred).
    extra: {
      icd10_unknown: true,
      agentclinic: { format: "medqa", line: ctx.line },
      ...out.inferred ? { inferred: out.inferred } : {},
      ...Object.keys(keep).length ? { unmapped: keep } : {}
    }
  };
  return out;
}

// src/case/import/role-play.ts
function stripMarkdown(text) {
  return text.replace(/\*\*([^*]+)\*\*/g, "$1").replace(/__([^_]+)__/g, "$1").replace(/(^|\s)\*([^*\s][^*]*)\*/g, "$1$2").replace(/`([^`]+)`/g, "$1").replace(/^#{1,6}\s*/gm, "").replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}
function listItems(text) {
  const t = stripMarkdown(text).replace(/\r/g, "");
  return t.split(/\n+|(?:^|\s)-\s+(?=\S)|(?:^|\s)\d{1,2}[.)]\s+(?=[A-Z"'(])|(?:^|\s)•\s*/).map((s) => s.trim()).filter(Boolean);
}
var ROLE_LEAD = /^(?:(?:for|in) (?:your|the|this) role as (?:a|the) patient(?: actor)?|for (?:the|a) patient actor|as (?:a|the) patient(?: actor)?|you are (?:playing|acting as) (?:a|the) patient(?: actor)?|patient actor(?: instructions)?)\s*[,:-]?\s*/i;
var META = /\b(remember|your character|portray|portrayal|actor|role-?play|here'?s (?:the|what)|information you need|need to (?:convey|know)|you should be aware of the following|as described above|are as follows|your knowledge is limited|not aware of|unaware of|aren'?t aware|you (?:do not|don'?t) know|haven'?t (?:seen|been told|been informed)|have not (?:seen|been told|been informed)|not been (?:told|informed)|test (?:results?|readings?)|instrument readings|specific (?:tests?|findings|medical terms|readings)|your diagnosis|the diagnosis|any diagnosis|confusion regarding|the details|the outcomes?|the implications)\b/i;
var EXAM_TOLD = /^(?:during (?:a|the|your) (?:physical )?exam(?:ination)?|on (?:physical )?exam(?:ination)?|upon exam(?:ination)?|it was noted|the doctor (?:noted|found|observed))/i;
var SAY = /^(?:mention|describe|report|say|explain|express|tell (?:the|your) doctor)(?: that| about)?\s+/i;
function cleanRolePlay(info) {
  const out = { items: [], examTold: [], dropped: [] };
  const entries = listItems(info);
  const units = entries.length > 1 ? entries : splitSentences(stripMarkdown(info));
  for (const raw of units) {
    let item = raw.replace(ROLE_LEAD, "");
    if (item !== raw) out.dropped.push({ text: raw.slice(0, raw.length - item.length).trim(), reason: "role-play instruction" });
    let label2;
    const lab = item.match(/^([A-Z][A-Za-z'/&(), -]{1,50}?):\s*(.*)$/s);
    if (lab && lab[1].split(" ").length <= 7) {
      label2 = lab[1].trim();
      item = lab[2].trim();
    }
    if (!item) continue;
    const kept = [];
    for (const s of splitSentences(item)) {
      if (META.test(s)) {
        out.dropped.push({ text: s, reason: "role-play instruction or a note on what the patient has not been told" });
        continue;
      }
      if (EXAM_TOLD.test(s)) {
        out.examTold.push(s);
        continue;
      }
      const said = s.replace(SAY, "");
      const body = said !== s && /^[a-z]+ing\b/.test(said) ? `I have been ${said}` : said;
      kept.push(firstPerson(body.replace(/:$/, ".")));
    }
    if (kept.length)
      out.items.push({
        text: kept.join(" "),
        ...label2 && !/^(age|background|symptoms?|current symptoms|history|recent experiences|physical discomfort|symptoms to report|other|details|overview)\b/i.test(label2) ? { label: label2 } : {}
      });
  }
  return out;
}
var OBJECT_BEFORE = /\b(to|for|with|at|about|from|by|on|into|of|than|like|around|upon|over|under|towards?|against|told|tell|tells|asked|gave|give|gives|given|help|helps|helped|make|makes|made|let|lets|bother|bothers|bothering|affect|affects|affecting|wake|wakes|woke|keep|keeps|kept|prevent|prevents|concern|concerns|worry|worries|cause|causes|caused|surprise|examined|examine|advised|sent|send|saw|see|seen)\s+you\b/gi;
function cap(match, replacement) {
  return match[0] === match[0].toUpperCase() && replacement !== "I" && !replacement.startsWith("I ") && !replacement.startsWith("I'") ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}
function firstPerson(text) {
  let t = text.replace(/’/g, "'");
  const rules2 = [
    [/\byou are not\b/gi, "I am not"],
    [/\byou aren't\b/gi, "I'm not"],
    [/\byou are\b/gi, "I am"],
    [/\byou're\b/gi, "I'm"],
    [/\byou were\b/gi, "I was"],
    [/\byou weren't\b/gi, "I wasn't"],
    [/\byou've\b/gi, "I've"],
    [/\byou'll\b/gi, "I'll"],
    [/\byou'd\b/gi, "I'd"],
    [/\byourself\b/gi, "myself"],
    [/\byours\b/gi, "mine"],
    [/\byour\b/gi, "my"]
  ];
  for (const [re, rep] of rules2) t = t.replace(re, (m) => cap(m, rep));
  t = t.replace(OBJECT_BEFORE, (_m, before) => `${before} me`);
  t = t.replace(/\byou\b/gi, "I");
  t = t.replace(/\b(and|but) are\b/g, "$1 am");
  return t.length ? t[0].toUpperCase() + t.slice(1) : t;
}

// src/case/import/findings-text.ts
var TEST_WORDS = /\b(laborator\w*|labs?\b|lab tests?|levels?|counts?|biops\w*|ct\b|computed tomography|mri\b|magnetic resonance|radiograph\w*|x-?rays?|ultraso\w*|sonograph\w*|echocardiogra\w*|electrocardiogra\w*|ecg|ekg|scan|cultures?|stain\w*|smears?|serolog\w*|antibod\w*|antigen|assay|electrophoresis|immunofixation|histopatholog\w*|patholog\w*|cytolog\w*|endoscop\w*|colonoscop\w*|bronchoscop\w*|laryngoscop\w*|dermoscop\w*|angiogra\w*|catheteri[sz]ation|tests?|testing|pcr|sequencing|immunohistochem\w*|aspirate|aspiration|lavage|urinalysis|panel|tit(?:er|re)|spirometr\w*|eeg|emg|imaging|microscop\w*|specimen|igg|igm|iga|ige|viral load|cd4|serum|plasma|gammopathy|eosinophilia|anemia|anaemia|hemolysis|haemolysis|thrombocytopenia|leukocytosis|leukopenia|lymphocytosis|neutropenia|hyponatremia|hypokalemia|hypercalcemia|hypoglycemia|hyperglycemia)\b/i;
var NONE = /\b(does not (?:include|contain|mention|provide)|no (?:specific )?(?:instrument readings|numerical|test results)|cannot (?:generate|extract)|there are no (?:instrument readings|test results))\b/i;
var INTRO = /(information (?:extracted|provided)|relevant to instrument readings|instrument readings and test results|are as follows|as follows:?$|for the patient (?:are|include))/i;
var QUALITATIVE = [
  [/\beosinophilia\b|\bhypereosinophilia\b/i, "cbc", "Eosinophils", "high"],
  [/\banemia\b|\banaemia\b/i, "cbc", "Hemoglobin", "low"],
  [/\bthrombocytopenia\b/i, "cbc", "Platelets", "low"],
  [/\bthrombocytosis\b/i, "cbc", "Platelets", "high"],
  [/\bleukocytosis\b/i, "cbc", "WBC", "high"],
  [/\bleukopenia\b/i, "cbc", "WBC", "low"],
  [/\blymphocytosis\b/i, "cbc", "Lymphocytes", "high"],
  [/\bneutropenia\b/i, "cbc", "Neutrophils", "low"],
  [/\bhyponatr[a]?emia\b/i, "bmp", "Sodium", "low"],
  [/\bhypokal[a]?emia\b/i, "bmp", "Potassium", "low"],
  [/\bhyperkal[a]?emia\b/i, "bmp", "Potassium", "high"]
];
function labValues(catalog, clause, context) {
  const out = [];
  const re = /([A-Za-z][A-Za-z0-9 /-]{0,60}?)\s*(?:level|count|concentration)?\s*(?:of|was|were|is|at|:|=)?\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:[A-Za-zµμ%/^][A-Za-z0-9µμ%/^.·*×]*)(?:\s+per\s+[a-z ]+?(?=\s|$|[,;.(]))?)?(?:\s*\([^()]{2,60}\))*)/g;
  for (const m of clause.matchAll(re)) {
    const words2 = normalize(m[1]).split(" ").filter((w) => w && !["and", "the", "a", "an", "with", "showed", "revealed", "level", "count", "was", "of"].includes(w));
    for (let n = Math.min(4, words2.length); n >= 1; n--) {
      const name = words2.slice(-n).join(" ");
      const comp = resolveComponent(catalog, name, context);
      const value = m[2].trim().replace(/\.$/, "");
      if (comp) {
        out.push({ testId: comp.testId, name: comp.name, text: value });
        break;
      }
      const whole = resolveTestName(catalog, name);
      if (whole && !catalog.get(whole)?.normal.components) {
        out.push({ testId: whole, name: "", text: value });
        break;
      }
    }
  }
  return out;
}
function testOf(catalog, name) {
  const whole = resolveTestName(catalog, name);
  if (whole) return whole;
  const r = catalog.resolve(name);
  if (r.tests.length === 1 && r.unrecognised.join(" ").split(" ").filter((w) => w && !GENERIC.has(w)).length <= 2)
    return r.tests[0].id;
  return void 0;
}
function localKey(name) {
  const words2 = normalize(name).split(" ").filter((w) => w && !GENERIC.has(w) && !["include", "includes", "indicated", "notable", "for", "showed", "present"].includes(w));
  return `${LOCAL_PREFIX}${slugify(words2.slice(0, 6).join(" ") || name)}`;
}
function parseFindingsText(input) {
  const { catalog } = input;
  const out = { results: {}, exam: [], dropped: [], mapped: 0 };
  const text = input.text.trim();
  if (!text) return out;
  if (NONE.test(text) && !/:\s*\S/.test(text.replace(/^[^:]*:/, ""))) {
    out.dropped.push({ text, reason: "says it holds no test results" });
    return out;
  }
  const addText = (id, t) => {
    const r = out.results[id] ??= {};
    r.text = r.text ? `${r.text} ${t}` : t;
    const flag = flagOf(t);
    if (flag && r.flag === void 0 && !r.components) r.flag = flag;
    out.mapped++;
  };
  const addValue = (id, name, t) => {
    const r = out.results[id] ??= {};
    const c = componentOf(t);
    if (name) {
      if (r.components?.[name] === void 0) (r.components ??= {})[name] = c;
    } else if (r.value === void 0 && r.text === void 0) {
      Object.assign(r, c.unit === void 0 && typeof c.value === "string" ? { text: String(c.value), ...c.flag ? { flag: c.flag } : {} } : c);
    } else addText(id, t);
    out.mapped++;
  };
  const entries = [];
  for (const item of listItems(text)) {
    const glued = item.match(/^(.*\S)\s+([A-Z][A-Za-z ()-]{2,40}:)$/s);
    const parts = glued && !/:\s*$/.test(glued[1]) ? [glued[1], glued[2]] : [item];
    for (const p of parts) for (const s of /:\s*\S/.test(p) && !input.sentences ? [p] : splitSentences(p)) entries.push(s);
  }
  let heading = "";
  for (const entry0 of entries) {
    const entry2 = entry0.trim();
    if (!entry2) continue;
    if (INTRO.test(entry2)) {
      out.dropped.push({ text: entry2, reason: "introduces the list" });
      continue;
    }
    if (/^[A-Z][^:]{1,60}:$/.test(entry2)) {
      heading = entry2.slice(0, -1);
      continue;
    }
    const labelled = entry2.match(/^([A-Z][^:]{1,70}):\s+(.+)$/s);
    if (labelled) {
      const label2 = labelled[1];
      const value = labelled[2].trim().replace(/\.$/, "");
      const comp = resolveComponent(catalog, label2, heading);
      const id = comp ? void 0 : testOf(catalog, label2);
      if (comp) {
        addValue(comp.testId, comp.name, value);
        continue;
      }
      const under = heading ? testOf(catalog, heading) : void 0;
      if (!id && under) {
        if (catalog.get(under)?.normal.components) addValue(under, label2, value);
        else addText(under, `${label2}: ${/[.!?]$/.test(value) ? value : `${value}.`}`);
        continue;
      }
      if (id) {
        const values2 = catalog.get(id)?.normal.components ? labValues(catalog, value, label2).filter((v) => v.testId === id) : [];
        if (values2.length) for (const v of values2) addValue(v.testId, v.name, v.text);
        else if (!catalog.get(id)?.normal.components && componentOf(value).unit !== void 0) addValue(id, "", value);
        else addText(id, /[.!?]$/.test(value) ? value : `${value}.`);
        continue;
      }
      addText(localKey(label2), /[.!?]$/.test(value) ? value : `${value}.`);
      continue;
    }
    const values = labValues(catalog, entry2, heading);
    for (const v of values) addValue(v.testId, v.name, v.text);
    if (values.length) continue;
    const qual = QUALITATIVE.filter(([re]) => re.test(entry2));
    if (qual.length && !/\b(biops|stain|smear|culture|scan|ct\b|mri)\b/i.test(entry2)) {
      for (const [, testId, name, flag] of qual) {
        if (!catalog.get(testId)?.normal.components?.[name]) continue;
        const r = out.results[testId] ??= {};
        (r.components ??= {})[name] ??= { value: entry2.replace(/\.$/, ""), flag };
        out.mapped++;
      }
      continue;
    }
    const named = testOf(catalog, entry2) ?? catalog.resolve(entry2).tests[0]?.id;
    if (named && TEST_WORDS.test(entry2)) {
      addText(named, /[.!?]$/.test(entry2) ? entry2 : `${entry2}.`);
      continue;
    }
    if (heading || TEST_WORDS.test(entry2)) {
      addText(
        heading ? testOf(catalog, heading) ?? localKey(heading) : localKey(entry2.split(/\s+(?:showed|revealed|was|were|is|demonstrated)\b/i)[0]),
        /[.!?]$/.test(entry2) ? entry2 : `${entry2}.`
      );
      continue;
    }
    out.exam.push(entry2);
  }
  return out;
}

// src/case/import/nejm.ts
var KNOWN2 = /* @__PURE__ */ new Set(["image_url", "question", "patient_info", "physical_exams", "answers", "type"]);
var EXAM_START = /\b(physical examination|physical exam|on examination|at (?:the )?(?:first |initial )?examination|examination (?:showed|revealed|was notable|was normal|was unremarkable|of the)|(?:lung|abdominal|cardiac|skin|neurologic\w*|ophthalmologic\w*|ophthalmic|pelvic|rectal|dermatologic\w*|otoscopic|fundoscopic|funduscopic|slit-lamp|genital|breast|musculoskeletal) exam\w*|on auscultation|auscultation)\b/i;
var FIGURE_REF = /\s*\((?:left|right|middle|center|centre|top|bottom|upper|lower|inset|arrows?|arrowheads?|asterisks?|shown|panels? [a-z])\b[^()]*\)/gi;
var SHOWN = /\b(is|are) shown\b|\bshown here\b|\b(results|findings) are shown\b/i;
function readVignette(question) {
  const sentences = splitSentences(stripMarkdown(question).replace(FIGURE_REF, ""));
  const out = { exam: [], tests: [], dropped: [] };
  if (sentences.length && /\?$/.test(sentences[sentences.length - 1])) out.ask = sentences.pop();
  if (sentences.length === 0) return out;
  out.opening = sentences[0];
  let inExam = EXAM_START.test(sentences[0]);
  if (inExam) out.exam.push(sentences[0]);
  for (const s of sentences.slice(1)) {
    if (SHOWN.test(s)) {
      out.dropped.push(s);
      continue;
    }
    if (EXAM_START.test(s)) {
      inExam = true;
      out.exam.push(s);
      continue;
    }
    if (TEST_WORDS.test(s)) {
      inExam = false;
      out.tests.push(s);
      continue;
    }
    if (inExam) out.exam.push(s);
  }
  return out;
}
function asFinding(told) {
  const t = told.replace(/^(?:during (?:a|the|your) (?:physical )?exam(?:ination)?|on (?:physical )?exam(?:ination)?|upon exam(?:ination)?),?\s*/i, "").replace(/^(?:it was noted that|the doctor (?:noted|found|observed) that|the doctor (?:noted|found|observed))\s*/i, "").replace(/\byour\b/gi, "the").replace(/\byou\b/gi, "the patient");
  return t ? sentence(t[0].toUpperCase() + t.slice(1)) : "";
}
function mapNejm(data, ctx) {
  const out = { format: "nejm", unmapped: [], localTests: [], problems: [], dropped: [] };
  const dropped = out.dropped;
  const keep = {};
  for (const k of Object.keys(data))
    if (!KNOWN2.has(k)) {
      out.unmapped.push(k);
      keep[k] = data[k];
    }
  const info = typeof data.patient_info === "string" ? data.patient_info.trim() : "";
  if (!info) out.problems.push("patient_info is missing or not text");
  const answers = Array.isArray(data.answers) ? data.answers.filter(isRecord) : [];
  const correct = answers.filter((a) => a.correct === true && typeof a.text === "string");
  if (correct.length !== 1) out.problems.push(`answers must mark exactly one option correct (found ${correct.length})`);
  const question = typeof data.question === "string" ? data.question.trim() : "";
  const vignette = readVignette(question);
  const story = cleanRolePlay(info);
  const narrative = `${question} ${info}`;
  const firstItem = story.items[0]?.text ?? "";
  const demo = [
    parseDemographics(vignette.opening ?? ""),
    parseDemographics(vignette.opening ?? "", question),
    parseDemographics(firstItem),
    parseDemographics(info)
  ].find((d2) => d2.value) ?? parseDemographics(vignette.opening ?? firstItem, narrative);
  if (info && !demo.value) out.problems.push(`patient_info gives no ${demo.missing.join(" or ")}`);
  if (out.problems.length || !demo.value) return out;
  if (demo.from?.length) out.inferred = demo.from.map((f) => f === "sex" ? "sex from the pronouns of the story" : f === "age" ? "age from the story" : f);
  for (const d2 of story.dropped) dropped.push({ path: "patient_info", reason: `${d2.reason}: "${d2.text}"` });
  const facts = [];
  const byTopic = /* @__PURE__ */ new Map();
  const opening = {
    id: "chief-complaint",
    category: "history",
    topic: "chief complaint",
    aliases: ["history of present illness", "onset", "duration"],
    answer: ""
  };
  facts.push(opening);
  story.items.forEach((item, i) => {
    const topics = topicsIn(`${item.label ?? ""} ${item.text}`, ctx.vocabulary);
    if (i === 0 || topics.length === 0) {
      opening.answer = opening.answer ? `${opening.answer} ${item.text}` : item.text;
      if (i === 0) opening.aliases = [.../* @__PURE__ */ new Set([...opening.aliases, ...topics.map((t) => t.topic)])];
      return;
    }
    const main = topics[0];
    const existing = byTopic.get(main.topic);
    if (existing) {
      existing.answer = `${existing.answer} ${item.text}`;
      existing.aliases = [.../* @__PURE__ */ new Set([...existing.aliases, ...topics.slice(1).map((t) => t.topic)])].filter((a) => a !== existing.topic);
      return;
    }
    const category = FACT_CATEGORIES.includes(main.category) ? main.category : "history";
    const f = {
      id: slugify(main.topic),
      category,
      topic: main.topic,
      aliases: topics.slice(1).map((t) => t.topic).filter((a) => a !== main.topic),
      answer: item.text
    };
    byTopic.set(main.topic, f);
    facts.push(f);
  });
  for (const f of facts) f.answer = sentence(f.answer);
  if (!opening.answer.replace(/\.$/, "")) {
    facts.shift();
  }
  const examText = typeof data.physical_exams === "string" ? data.physical_exams.trim() : "";
  if (data.physical_exams !== void 0 && typeof data.physical_exams !== "string") {
    out.unmapped.push("physical_exams");
    keep.physical_exams = data.physical_exams;
  }
  const readings2 = parseFindingsText({ text: examText, catalog: ctx.catalog });
  for (const d2 of readings2.dropped)
    dropped.push({ path: "physical_exams", reason: `${d2.reason}: "${d2.text.length > 80 ? `${d2.text.slice(0, 77)}...` : d2.text}"` });
  const fromVignette = parseFindingsText({ text: vignette.tests.join(" "), catalog: ctx.catalog, sentences: true });
  const results = { ...readings2.results };
  for (const [id, r] of Object.entries(fromVignette.results)) {
    if (results[id]) continue;
    if (readings2.mapped > 0 && id.startsWith("local:")) {
      dropped.push({ path: "question", reason: `summarises readings given in physical_exams: "${r.text ?? id}"` });
      continue;
    }
    results[id] = r;
  }
  for (const s of vignette.dropped) dropped.push({ path: "question", reason: `points at the image: "${s}"` });
  out.localTests = Object.keys(results).filter((k) => k.startsWith("local:")).map((k) => `physical_exams:${k}`);
  const examSentences = [];
  for (const s of [...vignette.exam, ...readings2.exam, ...fromVignette.exam]) {
    const n = s.toLowerCase().replace(/[^a-z0-9 ]/g, "");
    if (!examSentences.some(
      (e) => e.toLowerCase().replace(/[^a-z0-9 ]/g, "").includes(n)
    ))
      examSentences.push(s);
  }
  if (examSentences.length === 0) examSentences.push(...story.examTold.map(asFinding).filter(Boolean));
  else for (const t of story.examTold) dropped.push({ path: "patient_info", reason: `an exam finding told to the patient, examined instead: "${t}"` });
  const byTarget = /* @__PURE__ */ new Map();
  for (const s of examSentences) for (const t of sentenceTargets(s)) byTarget.set(t, [...byTarget.get(t) ?? [], s]);
  for (const [target2, list2] of byTarget)
    facts.push({ id: `exam-${target2}`, category: "exam", topic: target2, aliases: [], answer: sentence([...new Set(list2)].join(" ")) });
  const d = demo.value;
  const first = vignette.opening ?? firstItem;
  const child = d.ageUnit !== "years" || d.age < 12;
  const dx = diagnosisOf(String(correct[0].text));
  const ask = vignette.ask ?? "What is the most likely diagnosis?";
  const image = typeof data.image_url === "string" && data.image_url.trim() ? data.image_url.trim() : void 0;
  const kase = {
    id: caseId(ctx, "nejm"),
    title: first.length > 90 ? `${first.slice(0, 87).trimEnd()}...` : first.replace(/\.$/, ""),
    specialty: "unspecified",
    tags: ["agentclinic", "nejm", ...Array.isArray(data.type) ? data.type.filter((t) => typeof t === "string").map((t) => slugify(t)) : []],
    source: importedSource(ctx),
    patient: { age: d.age, age_unit: d.ageUnit, sex: d.sex, speaker: child ? "parent" : "self" },
    presentation: `${sentence(first)} ${sentence(ask)}`,
    facts,
    results,
    // Diagnosis from the source's correct answer (ICD-10 code unknown until inferred).
    diagnosis: dx,
    differential: answers.filter((a) => a !== correct[0] && typeof a.text === "string").map((a) => String(a.text).trim()),
    ...image ? {
      media: [
        {
          id: "image-1",
          .../^(https?:|data:)/i.test(image) ? { url: image } : { path: image },
          caption: "The image published with the case.",
          revealed: "on-request"
        }
      ]
    } : {},
    extra: {
      icd10_unknown: true,
      agentclinic: { format: "nejm", line: ctx.line },
      ...image ? { image_url: image } : {},
      ...question ? { question } : {},
      ...data.type !== void 0 ? { type: data.type } : {},
      ...out.inferred ? { inferred: out.inferred } : {},
      ...Object.keys(keep).length ? { unmapped: keep } : {}
    }
  };
  out.case = kase;
  return out;
}

// src/case/codes/diagnosis-text.ts
import { readFileSync as readFileSync11 } from "node:fs";
import { join as join9 } from "node:path";
import { parse as parse3 } from "yaml";
import { z as z15 } from "zod";
var VocabularyFile = z15.object({
  abbreviations: z15.record(z15.string(), z15.string()).default({}),
  capitals_only: z15.array(z15.string()).default([]),
  capitals_abbreviations: z15.record(z15.string(), z15.string()).default({}),
  spelling: z15.record(z15.string(), z15.string()).default({}),
  synonyms: z15.record(z15.string(), z15.string()).default({}),
  families: z15.record(z15.string(), z15.array(z15.string())).default({})
}).strict();
var vocabulary;
function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "[\\s.-]*");
}
function diagnosisVocabulary() {
  if (vocabulary) return vocabulary;
  const file = VocabularyFile.parse(parse3(readFileSync11(join9(dataDir(), "vocabulary", "diagnosis-synonyms.yaml"), "utf8")));
  const capitals = new Set(file.capitals_only.map((a) => a.toLowerCase()));
  const abbreviations = [];
  const all = { ...file.abbreviations, ...file.capitals_abbreviations };
  for (const [abbr, to] of Object.entries(all).sort((a, b) => b[0].length - a[0].length)) {
    const upper = capitals.has(abbr.toLowerCase()) || abbr in file.capitals_abbreviations;
    const body = upper ? escape(abbr.toUpperCase()) : escape(abbr);
    abbreviations.push({ re: new RegExp(`(?<![A-Za-z0-9])${body}\\.?(?![A-Za-z0-9])`, upper ? "g" : "gi"), to });
  }
  const expand = (t) => {
    let x = t;
    for (const { re, to } of abbreviations) x = x.replace(re, ` ${to} `);
    return normalize(x);
  };
  const first = /* @__PURE__ */ new Map();
  for (const [from, to] of Object.entries(file.synonyms)) first.set(normalize(from), expand(to));
  const synonyms = /* @__PURE__ */ new Map();
  for (const [from, to] of first) synonyms.set(from, rewriteOnce(to, first, from));
  const spelling = new Map(Object.entries(file.spelling).map(([a, b]) => [normalize(a), normalize(b)]));
  vocabulary = {
    abbreviations,
    spelling,
    synonyms,
    families: /* @__PURE__ */ new Map(),
    firstWords: new Set([...synonyms.keys()].map((k) => k.split(" ")[0])),
    longestSynonym: Math.max(1, ...[...synonyms.keys()].map((k) => k.split(" ").length))
  };
  for (const [family, members] of Object.entries(file.families))
    vocabulary.families.set(
      canonicalDiagnosis(family),
      members.map((m) => canonicalDiagnosis(m))
    );
  return vocabulary;
}
function rewriteOnce(text, map, except) {
  const words2 = text.split(" ");
  const longest = Math.max(1, ...[...map.keys()].map((k) => k.split(" ").length));
  const out = [];
  for (let i = 0; i < words2.length; ) {
    let n = Math.min(longest, words2.length - i);
    for (; n >= 1; n--) {
      const key3 = words2.slice(i, i + n).join(" ");
      const to = key3 !== except ? map.get(key3) : void 0;
      if (to !== void 0 && !` ${to} `.includes(` ${key3} `)) {
        out.push(to);
        break;
      }
    }
    if (n >= 1) i += n;
    else out.push(words2[i++]);
  }
  return out.join(" ");
}
function familyMembers(canonical) {
  return diagnosisVocabulary().families.get(canonical) ?? [];
}
function americanSpelling(word) {
  if (!word.includes("ae") && !word.includes("oe")) return word;
  return word.replace(/aem/g, "em").replace(/^oe(?=[sd])/, "e").replace(/^oestr/, "estr").replace(/rrhoea/g, "rrhea").replace(/noea$/, "nea").replace(/^foet/, "fet").replace(/^coel/, "cel").replace(/^paed/, "ped").replace(/^gynaec/, "gynec");
}
function quickNormalize(text) {
  return text.toLowerCase().replace(/['’`]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
}
var canonicalCache = /* @__PURE__ */ new Map();
function canonicalDiagnosis(raw, options = {}) {
  const expand = options.abbreviations ?? true;
  const hit = expand ? canonicalCache.get(raw) : void 0;
  if (hit !== void 0) return hit;
  const vocab = diagnosisVocabulary();
  let text = raw;
  if (expand) for (const { re, to } of vocab.abbreviations) text = text.replace(re, ` ${to} `);
  const words2 = (expand ? normalize(text) : quickNormalize(text)).split(" ").filter(Boolean).flatMap((w) => (vocab.spelling.get(w) ?? americanSpelling(w)).split(" "));
  const out = [];
  for (let i = 0; i < words2.length; ) {
    let replaced = false;
    if (!vocab.firstWords.has(words2[i])) {
      out.push(words2[i++]);
      continue;
    }
    for (let n = Math.min(vocab.longestSynonym, words2.length - i); n >= 1; n--) {
      const to = vocab.synonyms.get(words2.slice(i, i + n).join(" "));
      if (to !== void 0) {
        out.push(to);
        i += n;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push(words2[i++]);
  }
  const result = out.join(" ").replace(/\b(type|bipolar) (ii|i)\b/g, (_, w, n) => `${w} ${n === "ii" ? 2 : 1}`).replace(/\s+/g, " ").trim();
  if (!expand) return result;
  if (canonicalCache.size > 2e4) canonicalCache.clear();
  canonicalCache.set(raw, result);
  return result;
}
var BAG_STOP = /* @__PURE__ */ new Set([
  "of",
  "the",
  "a",
  "an",
  "and",
  "or",
  "with",
  "due",
  "to",
  "in",
  "on",
  "by",
  "as",
  "from",
  "nos",
  "nec",
  "disease",
  "diseases",
  "syndrome",
  "disorder",
  "disorders",
  "condition",
  "type",
  "unspecified",
  "site",
  "specified"
]);
function stem(word) {
  let w = word;
  if (w.length > 4 && /[^su]s$/.test(w) && !/(is|us|ss)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith("ion")) return w.slice(0, -3);
  for (const suffix of ["ical", "ian", "ial", "ium", "ic", "al", "ia", "um", "a", "e", "y"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) return w.slice(0, -suffix.length);
  }
  return w;
}
function stemBag(canonical) {
  return canonical.split(" ").filter((w) => w && !BAG_STOP.has(w)).map(stem);
}

// src/case/codes/term-match.ts
var matcher;
var segmentCache = /* @__PURE__ */ new Map();
function alternatives(segment) {
  let alts = segmentCache.get(segment);
  if (!alts) {
    const parts = segment.split(/,\s+/).filter((p) => !/^(NOS|NEC)$/i.test(p.trim()));
    alts = parts.length ? parts.map((p) => bagOf(p)) : [[]];
    segmentCache.set(segment, alts);
  }
  return alts;
}
function bagOf(text) {
  return stemBag(canonicalDiagnosis(text, { abbreviations: false }));
}
function keyOf(word) {
  return word.slice(0, 4);
}
var TITLE_TAILS = /,? (unspecified( organism| site| type)?|not having achieved remission|without (complications?|mention of complication|thyrotoxic crisis or storm|status migrainosus|hyperosmolar coma|coma|bleeding|perforation|(mention of )?hemorrhage or perforation|abscess)|initial encounter|not intractable|not specified as recurrent)$/i;
function build() {
  const { index: index2, titles } = codeTable();
  const entriesByKey = /* @__PURE__ */ new Map();
  const leadKeys = /* @__PURE__ */ new Map();
  for (const entry2 of index2) {
    const lead = entry2.path[0];
    let keys = leadKeys.get(lead);
    if (!keys) {
      keys = [
        ...new Set(
          alternatives(lead).map((a) => a[0]).filter(Boolean).map(keyOf)
        )
      ];
      leadKeys.set(lead, keys);
    }
    for (const k of keys) {
      const list2 = entriesByKey.get(k) ?? [];
      list2.push(entry2);
      entriesByKey.set(k, list2);
    }
  }
  const titlesByKey = /* @__PURE__ */ new Map();
  for (const [code, title] of titles) {
    for (const w of new Set(title.toLowerCase().split(/[^a-z0-9]+/))) {
      if (w.length < 3) continue;
      const k = keyOf(stem(w));
      const list2 = titlesByKey.get(k) ?? [];
      list2.push(code);
      titlesByKey.set(k, list2);
    }
  }
  return matcher = { entriesByKey, builtLeads: /* @__PURE__ */ new Set(), byLeadWord: /* @__PURE__ */ new Map(), nodes: /* @__PURE__ */ new Map(), titlesByKey, titleBags: /* @__PURE__ */ new Map() };
}
function addEntry(m, entry2) {
  for (let depth = 1; depth <= entry2.path.length; depth++) {
    const key3 = entry2.path.slice(0, depth).join(" > ");
    let node = m.nodes.get(key3);
    if (!node) {
      node = { path: key3, segments: entry2.path.slice(0, depth).map(alternatives), optional: /* @__PURE__ */ new Set(), codes: /* @__PURE__ */ new Set() };
      m.nodes.set(key3, node);
      const last = node.segments[node.segments.length - 1];
      if (!(node.segments.length > 1 && last.every((a) => a.length === 0))) {
        for (const alt of node.segments[0]) {
          if (!alt[0]) continue;
          const list2 = m.byLeadWord.get(alt[0]) ?? [];
          list2.push(node);
          m.byLeadWord.set(alt[0], list2);
        }
      }
    }
    node.codes.add(entry2.code.replace(/-$/, "").replace(/\.$/, ""));
    if (depth === entry2.path.length) {
      node.own = entry2.code.replace(/-$/, "").replace(/\.$/, "");
      for (const w of bagOf(entry2.modifiers)) node.optional.add(w);
    }
  }
}
function ensureLeads(m, words2) {
  for (const k of new Set(words2.map(keyOf))) {
    if (m.builtLeads.has(k)) continue;
    m.builtLeads.add(k);
    const seen = /* @__PURE__ */ new Set();
    for (const e of m.entriesByKey.get(k) ?? []) {
      if (seen.has(e)) continue;
      seen.add(e);
      addEntry(m, e);
    }
  }
}
function titleBags(m, code) {
  let bags = m.titleBags.get(code);
  if (!bags) {
    const title = codeTable().titles.get(code);
    const once = title.replace(TITLE_TAILS, "");
    bags = [
      ...new Set(
        [title, once, once.replace(TITLE_TAILS, ""), once.replace(/^(nontraumatic|unspecified) /i, "")].map((t) => [...new Set(bagOf(t))].sort().join(" "))
      )
    ];
    m.titleBags.set(code, bags);
  }
  return bags;
}
function nodeCode(node) {
  if (node.own) return node.own;
  const codes = [...node.codes];
  let prefix = codes[0];
  for (const c of codes) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.replace(/\.$/, "");
  return prefix.length >= 3 ? prefix : void 0;
}
function matchTerms(text) {
  const m = matcher ?? build();
  const words2 = [...new Set(stemBag(canonicalDiagnosis(text)))];
  if (!words2.length) return [];
  const want = new Set(words2);
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const push2 = (t) => {
    const key3 = `${t.code}|${t.term}`;
    if (seen.has(key3)) return;
    out.push(t);
    seen.add(key3);
  };
  const wantKey = [...want].sort().join(" ");
  const lists = words2.map((w) => m.titlesByKey.get(keyOf(w)) ?? []).sort((a, b) => a.length - b.length);
  for (const code of lists[0] ?? []) {
    if (titleBags(m, code).includes(wantKey)) push2({ code, term: codeTable().titles.get(code), via: "title" });
  }
  ensureLeads(m, words2);
  let best = 0;
  const hits = [];
  const candidates = /* @__PURE__ */ new Set();
  for (const w of want) for (const n of m.byLeadWord.get(w) ?? []) candidates.add(n);
  for (const node of candidates) {
    const used = /* @__PURE__ */ new Set();
    let ok = true;
    for (const alts of node.segments) {
      const fit = alts.filter((a) => a.every((w) => want.has(w))).sort((a, b) => b.length - a.length)[0];
      if (!fit) {
        ok = false;
        break;
      }
      for (const w of fit) used.add(w);
    }
    if (!ok) continue;
    if (!words2.every((w) => used.has(w) || node.optional.has(w))) continue;
    hits.push({ node, covered: used.size });
    best = Math.max(best, used.size);
  }
  for (const { node, covered } of hits) {
    if (covered < best) continue;
    const code = nodeCode(node);
    if (code) push2({ code, term: node.path, via: "index" });
  }
  return out;
}

// src/case/codes/infer.ts
var NOISE = /\b(probable|probably|likely|possible|suspected|presumed|severe|mild|moderate)\b/gi;
function billableDefault(code) {
  const info = describeCode(code);
  if (!info) return void 0;
  if (info.billable) return info.code;
  if (info.billableChildren.length === 1) return info.billableChildren[0];
  const unspecified = info.billableChildren.filter(
    (c) => /\b(unspecified|not having achieved remission|without complications?|initial encounter|not specified as recurrent)\b/i.test(describeCode(c).title)
  );
  const direct = unspecified.filter((c) => c.length === Math.min(...unspecified.map((u) => u.length)));
  return direct.length === 1 ? direct[0] : void 0;
}
function inferIcd10({ name }) {
  const text = canonicalDiagnosis(name.replace(/\([^)]*\)/g, " ")).replace(NOISE, " ").replace(/\s+/g, " ").trim();
  if (!text) return void 0;
  const found = /* @__PURE__ */ new Map();
  for (const m of matchTerms(text)) {
    const code2 = billableDefault(m.code);
    if (code2 && !found.has(code2)) found.set(code2, m.term);
  }
  if (found.size !== 1) return void 0;
  const [[code, term]] = [...found];
  return { code, term };
}

// src/case/import/infer-code.ts
function withInferredIcd10(mapped) {
  const kase = mapped.case;
  if (!kase || kase.extra?.icd10_unknown !== true) return mapped;
  const dx = kase.diagnosis;
  for (const name of [dx.name, ...dx.accept ?? []]) {
    const found = inferIcd10({ name });
    if (!found) continue;
    const { icd10_unknown: _dropped, ...extra } = kase.extra;
    return { ...mapped, case: { ...kase, diagnosis: { ...dx, icd10: found.code, icd10_source: "inferred", icd10_term: found.term }, extra } };
  }
  return mapped;
}

// src/case/import/agentclinic.ts
function mapAgentClinicLine(data, ctx) {
  if (isRecord(data) && "OSCE_Examination" in data) return withInferredIcd10(mapMedQA(data, ctx));
  if (isRecord(data) && ("patient_info" in data || "answers" in data)) return withInferredIcd10(mapNejm(data, ctx));
  return {
    format: "medqa",
    unmapped: [],
    localTests: [],
    problems: ["is neither an AgentClinic MedQA line (OSCE_Examination) nor a NEJM line (patient_info, answers)"]
  };
}
function importAgentClinicFile(input) {
  const { file } = input;
  const out = {
    file,
    cases: [],
    skipped: [],
    unmapped: /* @__PURE__ */ new Map(),
    localTests: 0,
    lines: 0,
    fields: /* @__PURE__ */ new Map(),
    dropped: /* @__PURE__ */ new Map(),
    inferred: /* @__PURE__ */ new Map()
  };
  const bump = (m, k, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  let text;
  try {
    text = readFileSync12(file, "utf8");
  } catch (e) {
    out.skipped.push({ file, path: "", message: `cannot be read (${e.code ?? "error"})` });
    return out;
  }
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    out.lines++;
    let data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      out.skipped.push({ file, line, path: "", message: `invalid JSON: ${e.message}` });
      return;
    }
    const mapped = mapAgentClinicLine(data, {
      catalog: input.catalog,
      vocabulary: input.vocabulary,
      dataset: basename2(file),
      line,
      license: input.license,
      idPrefix: input.idPrefix
    });
    for (const p of mapped.problems) out.skipped.push({ file, line, path: "", message: `skipped: ${p}` });
    if (!mapped.case) return;
    const parsed2 = Case.safeParse(mapped.case);
    if (!parsed2.success) {
      for (const issue of parsed2.error.issues)
        out.skipped.push({ file, line, path: formatPath(issue.path), message: `skipped: the mapped case is invalid: ${issue.message}` });
      return;
    }
    for (const u of mapped.unmapped) out.unmapped.set(u, (out.unmapped.get(u) ?? 0) + 1);
    out.localTests += mapped.localTests.length;
    for (const [k, n] of Object.entries(countFields(parsed2.data))) bump(out.fields, k, n);
    for (const d of mapped.dropped ?? []) bump(out.dropped, d.reason.replace(/: ".*$/s, ""));
    for (const i2 of mapped.inferred ?? []) bump(out.inferred, i2);
    out.cases.push({ kase: parsed2.data, file, line });
  });
  if (out.lines === 0) out.skipped.push({ file, path: "", message: "is empty" });
  return out;
}
function loadAgentClinicSuite(file) {
  if (!existsSync4(file)) throw new ConfigError(`AgentClinic file ${file} does not exist; give the path after "agentclinic:".`);
  const r = importAgentClinicFile({ file, catalog: loadCatalog(), vocabulary: loadVocabulary() });
  return { cases: r.cases, problems: r.skipped };
}

// src/run/suites.ts
var SuiteFile = z16.object({
  name: z16.string().min(1),
  description: z16.string().default(""),
  /** A folder, file or glob, relative to data/cases. */
  cases: z16.string().default("."),
  ids: z16.array(z16.string()).optional(),
  filter: z16.object({
    specialty: z16.array(z16.string()).optional(),
    difficulty: z16.array(z16.string()).optional(),
    tags: z16.array(z16.string()).optional()
  }).strict().optional()
}).strict();
function casesDir() {
  return join10(dataDir(), "cases");
}
function namedSuites() {
  const dir = join10(dataDir(), "suites");
  const out = /* @__PURE__ */ new Map();
  if (!existsSync5(dir)) return out;
  for (const f of readdirSync3(dir).filter((f2) => [".yaml", ".yml"].includes(extname5(f2))).sort()) {
    const r = SuiteFile.safeParse(parse4(readFileSync13(join10(dir, f), "utf8")));
    if (!r.success) throw new ConfigError(`Suite file ${join10(dir, f)} is invalid: ${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message}.`);
    out.set(r.data.name, r.data);
  }
  return out;
}
function specialties() {
  const dir = casesDir();
  if (!existsSync5(dir)) return [];
  return readdirSync3(dir).filter((d) => statSync4(join10(dir, d)).isDirectory()).sort();
}
function listSuites() {
  const named = [...namedSuites().values()].map((s) => ({ name: s.name, description: s.description, kind: "named" }));
  const spec = specialties().filter((s) => !named.some((n) => n.name === s)).map((s) => ({ name: s, description: `all ${s} cases`, kind: "specialty" }));
  return [...named, ...spec];
}
function resolveSuite(spec) {
  if (spec.startsWith("agentclinic:")) {
    const file = spec.slice("agentclinic:".length);
    return { name: basename3(file), ...loadAgentClinicSuite(file) };
  }
  const named = namedSuites().get(spec);
  if (named) {
    const loaded = loadCases(join10(casesDir(), named.cases));
    let cases = loaded.cases;
    const f = named.filter;
    if (f?.specialty) cases = cases.filter((c) => f.specialty.includes(c.kase.specialty));
    if (f?.difficulty) cases = cases.filter((c) => f.difficulty.includes(c.kase.difficulty));
    if (f?.tags) cases = cases.filter((c) => c.kase.tags.some((t) => f.tags.includes(t)));
    if (named.ids) {
      const byId = new Map(cases.map((c) => [c.kase.id, c]));
      const missing = named.ids.filter((id) => !byId.has(id));
      if (missing.length) throw new ConfigError(`Suite "${spec}" names cases that do not exist: ${missing.join(", ")}.`);
      cases = named.ids.map((id) => byId.get(id));
    }
    return { name: spec, cases, problems: loaded.problems };
  }
  if (specialties().includes(spec)) {
    const loaded = loadCases(join10(casesDir(), spec));
    return { name: spec, cases: loaded.cases, problems: loaded.problems };
  }
  if (existsSync5(spec) || /[*?{[]/.test(spec)) {
    const loaded = loadCases(spec);
    if (loaded.files === 0) throw new ConfigError(`Suite "${spec}" matches no case files.`);
    return { name: basename3(spec), cases: loaded.cases, problems: loaded.problems };
  }
  const one = shippedCase(spec);
  if (one) return { name: spec, ...one };
  throw new ConfigError(
    `Unknown suite "${spec}"; available: ${listSuites().map((s) => s.name).join(", ")}, a shipped case id, or a path to case files.`
  );
}
function shippedCase(id) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return void 0;
  for (const folder of specialties()) {
    for (const ext of [".yaml", ".yml", ".json"]) {
      const file = join10(casesDir(), folder, id + ext);
      if (!existsSync5(file)) continue;
      const loaded = loadCases(file);
      if (loaded.cases.some((c) => c.kase.id === id) || loaded.problems.length > 0) return { cases: loaded.cases, problems: loaded.problems };
    }
  }
  const all = loadCases(casesDir());
  const hit = all.cases.filter((c) => c.kase.id === id);
  return hit.length > 0 ? { cases: hit, problems: [] } : void 0;
}

// src/run/resolve-protocol.ts
var OPTIONS = {
  "max-turns": "maxTurns",
  "max-questions": "maxQuestionsPerTurn",
  "max-tests": "maxTestsPerTurn",
  "max-exams": "maxExamsPerTurn",
  "visit-fee": "visitFee",
  budget: "budget"
};
function resolveProtocol(raw) {
  const spec = parseSpec(raw, "Protocol");
  const preset = PROTOCOL_PRESETS[spec.kind];
  if (!preset || spec.argument) {
    throw new ConfigError(`Unknown protocol "${raw}"; available: ${Object.keys(PROTOCOL_PRESETS).join(", ")} (options: ${Object.keys(OPTIONS).join(", ")}).`);
  }
  checkOptions(spec, Object.keys(OPTIONS));
  const out = { ...preset, name: spec.raw };
  for (const [key3, field] of Object.entries(OPTIONS)) {
    if (spec.options[key3] === void 0) continue;
    const integer = field !== "visitFee" && field !== "budget";
    const n = numberOption(spec, key3, 0, integer ? 1 : 0, 1e9);
    if (integer && !Number.isInteger(n)) throw new ConfigError(`Protocol option ${key3} must be a whole number.`);
    out[field] = n;
  }
  const parsed2 = Protocol.safeParse(out);
  if (!parsed2.success) {
    const issue = parsed2.error.issues[0];
    const field = String(issue?.path[0] ?? "");
    const key3 = Object.entries(OPTIONS).find(([, f]) => f === field)?.[0] ?? field;
    throw new ConfigError(
      `Protocol option ${key3} in "${raw}" is out of range (${(issue?.message ?? "invalid").replace(/^Too small: expected number to be /, "must be ").replace(/^Too big: expected number to be /, "must be ")}).`
    );
  }
  return parsed2.data;
}

// src/encounter/vague-order.ts
var PADDING2 = /* @__PURE__ */ new Set([
  "a",
  "an",
  "the",
  "some",
  "more",
  "basic",
  "routine",
  "standard",
  "initial",
  "further",
  "additional",
  "general",
  "all",
  "any",
  "appropriate",
  "relevant",
  "usual",
  "full",
  "baseline",
  "few",
  "other",
  "diagnostic",
  "please",
  "order",
  "get",
  "run",
  "do",
  "send",
  "check",
  "stat",
  "urgent",
  "of",
  "my",
  "admission",
  "screening"
]);
var VAGUE = /* @__PURE__ */ new Set([
  "blood work",
  "bloodwork",
  "bloods",
  "blood",
  "blood test",
  "blood tests",
  "blood panel",
  "blood panels",
  "labs",
  "lab",
  "lab work",
  "labwork",
  "lab tests",
  "lab test",
  "laboratory tests",
  "laboratory test",
  "laboratory work",
  "laboratory studies",
  "lab studies",
  "imaging",
  "imaging studies",
  "imaging study",
  "scan",
  "scans",
  "a scan",
  "ct",
  "ct scan",
  "cat scan",
  "mri",
  "mri scan",
  "ultrasound",
  "ultrasound scan",
  "sonogram",
  "xray",
  "xrays",
  "radiograph",
  "radiographs",
  "radiology",
  "film",
  "films",
  "nuclear scan",
  "pet",
  "pet scan",
  "test",
  "tests",
  "investigations",
  "investigation",
  "workup",
  "work up",
  "studies",
  "panel",
  "panels",
  "screen",
  "tox screen",
  "cultures",
  "culture",
  "swab",
  "swabs",
  "urine test",
  "urine tests",
  "biopsy",
  "serology",
  "serologies",
  "markers",
  "tumour markers",
  "tumor markers"
]);
function isVagueOrder(request2) {
  const words2 = normalize(request2).replace(/\bx rays?\b/g, "xray").split(" ").filter((w) => w && !PADDING2.has(w));
  if (words2.length === 0) return false;
  return VAGUE.has(words2.join(" "));
}
function askSpecificText(request2) {
  return `"${request2}" does not name a specific test. Please say exactly which test or study you want (for example "complete blood count" or "CT abdomen and pelvis with contrast"); nothing was charged.`;
}

// src/case/analytes.ts
var ANALYTE_NAMES = {
  sodium: ["sodium", "na", "na+"],
  potassium: ["potassium", "k", "k+"],
  chloride: ["chloride", "cl", "cl-"],
  bicarbonate: ["bicarbonate", "hco3", "hco3-", "co2", "total co2", "tco2", "bicarb", "standard bicarbonate", "carbon dioxide"],
  bun: ["bun", "urea", "blood urea nitrogen", "urea nitrogen"],
  creatinine: ["creatinine", "cr", "creat"],
  // A fasting or post-load glucose (OGTT) is a different measurement from a random one and is not listed here.
  glucose: ["glucose", "blood glucose", "blood sugar", "random glucose", "capillary glucose", "fingerstick glucose", "bm"],
  calcium: ["calcium", "ca", "total calcium", "corrected calcium"],
  "ionized-calcium": ["ionized calcium", "ionised calcium", "ica", "free calcium"],
  magnesium: ["magnesium", "mg"],
  phosphate: ["phosphate", "phosphorus", "phos", "po4"],
  albumin: ["albumin", "alb"],
  "total-protein": ["total protein", "protein total"],
  alt: ["alt", "alanine aminotransferase", "alanine transaminase", "sgpt"],
  ast: ["ast", "aspartate aminotransferase", "aspartate transaminase", "sgot"],
  alp: ["alp", "alkaline phosphatase", "alk phos"],
  ggt: ["ggt", "gamma glutamyl transferase", "gamma gt"],
  "total-bilirubin": ["total bilirubin", "bilirubin", "bilirubin total", "t bili", "tbili"],
  "direct-bilirubin": ["direct bilirubin", "conjugated bilirubin", "bilirubin direct", "d bili"],
  hemoglobin: ["hemoglobin", "haemoglobin", "hb", "hgb", "thb"],
  hematocrit: ["hematocrit", "haematocrit", "hct", "pcv"],
  wbc: [
    "wbc",
    "white blood cell count",
    "white blood cells",
    "white blood cell",
    "white cell count",
    "wcc",
    "leukocytes",
    "leukocyte count",
    "leucocytes",
    "total leukocyte count",
    "wbc count"
  ],
  platelets: ["platelets", "platelet count", "plt", "plts"],
  mcv: ["mcv", "mean corpuscular volume", "mean cell volume"],
  neutrophils: ["neutrophils", "anc", "absolute neutrophil count", "neutrophil count"],
  lymphocytes: ["lymphocytes", "lymphocyte count"],
  monocytes: ["monocytes", "monocyte count"],
  eosinophils: ["eosinophils", "eosinophil count", "eos"],
  basophils: ["basophils", "basophil count"],
  iron: ["iron", "serum iron", "fe"],
  tibc: ["tibc", "total iron binding capacity"],
  tsat: ["transferrin saturation", "tsat", "iron saturation"],
  lactate: ["lactate", "lactic acid"],
  ph: ["ph"],
  pco2: ["pco2", "paco2", "pvco2"],
  po2: ["po2", "pao2", "pvo2"],
  spo2: ["spo2", "oxygen saturation", "o2 saturation", "o2 sat", "sao2", "saturation", "pulse oximetry"],
  "base-excess": ["base excess", "be"],
  "troponin-i": ["troponin i", "troponin", "hs troponin i", "high sensitivity troponin i", "tni", "hstni", "hs ctni", "ctni"],
  "troponin-t": ["troponin t", "hs troponin t", "high sensitivity troponin t", "tnt", "hstnt", "hs ctnt", "ctnt"],
  bnp: ["bnp", "b type natriuretic peptide", "brain natriuretic peptide"],
  "nt-probnp": ["nt probnp", "ntprobnp", "n terminal pro bnp"],
  ck: ["ck", "cpk", "creatine kinase", "creatine phosphokinase", "total ck"],
  lipase: ["lipase"],
  amylase: ["amylase"],
  ammonia: ["ammonia", "nh3"],
  "uric-acid": ["uric acid", "urate"],
  "serum-osmolality": ["osmolality", "serum osmolality", "plasma osmolality", "osm"],
  "beta-hydroxybutyrate": ["beta hydroxybutyrate", "bhb", "beta ohb", "3 hydroxybutyrate", "blood ketones", "serum ketones"],
  hba1c: ["hba1c", "a1c", "hemoglobin a1c", "haemoglobin a1c", "glycated hemoglobin", "glycated haemoglobin"],
  tsh: ["tsh", "thyroid stimulating hormone", "thyrotropin"],
  "free-t4": ["free t4", "ft4", "free thyroxine"],
  "free-t3": ["free t3", "ft3", "free triiodothyronine"],
  crp: ["crp", "c reactive protein"],
  esr: ["esr", "erythrocyte sedimentation rate", "sed rate"],
  procalcitonin: ["procalcitonin", "pct"],
  inr: ["inr"],
  pt: ["pt", "prothrombin time"],
  ptt: ["ptt", "aptt", "activated partial thromboplastin time", "partial thromboplastin time"],
  fibrinogen: ["fibrinogen"],
  "d-dimer": ["d dimer", "ddimer"],
  ldh: ["ldh", "lactate dehydrogenase"],
  haptoglobin: ["haptoglobin"],
  ferritin: ["ferritin"],
  "vitamin-b12": ["vitamin b12", "b12", "cobalamin"],
  folate: ["folate", "folic acid"],
  reticulocytes: ["reticulocytes", "reticulocyte count", "retic", "retics"],
  "total-cholesterol": ["total cholesterol", "cholesterol"],
  ldl: ["ldl", "ldl cholesterol"],
  hdl: ["hdl", "hdl cholesterol"],
  triglycerides: ["triglycerides", "tg"],
  cortisol: ["cortisol", "morning cortisol", "am cortisol"],
  pth: ["pth", "parathyroid hormone"],
  "vitamin-d": ["vitamin d", "25 hydroxy vitamin d", "25 oh vitamin d"],
  psa: ["psa", "prostate specific antigen"],
  "beta-hcg": ["beta hcg", "hcg", "b hcg", "quantitative hcg"],
  ethanol: ["ethanol", "alcohol", "blood alcohol"],
  acetaminophen: ["acetaminophen", "paracetamol"],
  salicylate: ["salicylate", "salicylates", "aspirin"],
  carboxyhemoglobin: ["carboxyhemoglobin", "carboxyhaemoglobin", "cohb", "hbco"],
  methemoglobin: ["methemoglobin", "methaemoglobin", "methb"]
};
var PADDING3 = /* @__PURE__ */ new Set(["serum", "plasma", "level", "levels", "concentration", "value", "blood", "whole", "venous", "arterial", "measured", "calculated"]);
var BY_NAME = /* @__PURE__ */ new Map();
for (const [id, names] of Object.entries(ANALYTE_NAMES)) for (const n of names) BY_NAME.set(normalize(n), id);
function analyteOf(name) {
  const n = normalize(name);
  const hit = BY_NAME.get(n);
  if (hit) return hit;
  const stripped = n.split(" ").filter((w) => !PADDING3.has(w)).join(" ");
  return BY_NAME.get(stripped);
}
var TEST_ANALYTE = {
  magnesium: "magnesium",
  phosphate: "phosphate",
  "calcium-ionized": "ionized-calcium",
  lipase: "lipase",
  amylase: "amylase",
  lactate: "lactate",
  ammonia: "ammonia",
  "uric-acid": "uric-acid",
  ck: "ck",
  "troponin-i-hs": "troponin-i",
  bnp: "bnp",
  "serum-osmolality": "serum-osmolality",
  "beta-hydroxybutyrate": "beta-hydroxybutyrate",
  hba1c: "hba1c",
  tsh: "tsh",
  "free-t4": "free-t4",
  "free-t3": "free-t3",
  "glucose-fingerstick": "glucose",
  "pulse-oximetry": "spo2",
  esr: "esr",
  crp: "crp",
  procalcitonin: "procalcitonin",
  fibrinogen: "fibrinogen",
  "d-dimer": "d-dimer",
  haptoglobin: "haptoglobin",
  ldh: "ldh",
  ferritin: "ferritin",
  "vitamin-b12": "vitamin-b12",
  folate: "folate",
  "reticulocyte-count": "reticulocytes",
  ptt: "ptt",
  "cortisol-am": "cortisol",
  pth: "pth",
  "vitamin-d": "vitamin-d",
  psa: "psa",
  "beta-hcg-quantitative": "beta-hcg",
  "ethanol-level": "ethanol",
  "acetaminophen-level": "acetaminophen",
  "salicylate-level": "salicylate"
};
function analyteOfTest(testId) {
  return TEST_ANALYTE[testId];
}
var SITE_DEPENDENT = /* @__PURE__ */ new Set(["ph", "pco2", "po2"]);
function specimenOf(key3) {
  const k = isLocalTestKey(key3) ? normalize(localTestName(key3)) : normalize(key3.replace(/-/g, " "));
  if (/\b(urine|urinary|urinalysis|ua|uosm)\b/.test(k)) return "urine";
  if (/\b(csf|cerebrospinal|lumbar puncture|spinal fluid)\b/.test(k)) return "csf";
  if (/\b(synovial|joint fluid|arthrocentesis)\b/.test(k)) return "synovial";
  if (/\b(pleural|thoracentesis)\b/.test(k)) return "pleural";
  if (/\b(ascitic|ascites|peritoneal|paracentesis)\b/.test(k)) return "ascitic";
  if (/\b(stool|fecal|faecal)\b/.test(k)) return "stool";
  return "blood";
}
function gasSiteOf(key3) {
  const k = normalize(key3.replace(/-/g, " "));
  if (/\b(arterial|abg)\b/.test(k)) return "arterial";
  if (/\b(venous|vbg)\b/.test(k)) return "venous";
  return void 0;
}
var heldCache = /* @__PURE__ */ new WeakMap();
function heldValues(kase) {
  const cached3 = heldCache.get(kase);
  if (cached3) return cached3;
  const out = [];
  for (const [key3, r] of Object.entries(kase.results)) {
    const specimen = specimenOf(key3);
    const site = gasSiteOf(key3);
    const own = isLocalTestKey(key3) ? analyteOf(localTestName(key3)) : analyteOfTest(key3);
    if (own && r.value !== void 0) out.push({ analyte: own, specimen, from: key3, value: r.value, unit: r.unit, flag: r.flag, range: r.range });
    for (const [name, c] of Object.entries(r.components ?? {})) {
      const analyte = analyteOf(name);
      if (!analyte) continue;
      out.push({
        analyte,
        specimen,
        ...site && SITE_DEPENDENT.has(analyte) ? { site } : {},
        from: key3,
        component: name,
        value: c.value,
        unit: c.unit,
        flag: c.flag,
        range: c.range
      });
    }
  }
  for (const f of kase.facts) {
    if (f.category !== "exam") continue;
    const spo2 = f.answer.match(/\b(?:SpO2|SaO2|O2 sat(?:uration)?|oxygen saturation|sats?)\b[^0-9%]{0,12}(\d{2,3})\s*%/i);
    if (spo2)
      out.push({ analyte: "spo2", specimen: "blood", from: `exam:${f.id}`, value: Number(spo2[1]), unit: "%", flag: Number(spo2[1]) < 95 ? "low" : "normal" });
  }
  out.sort((a, b) => Number(a.component === void 0) - Number(b.component === void 0));
  heldCache.set(kase, out);
  return out;
}
function numberOf(value) {
  if (typeof value === "number") return value;
  const m = value.replace(/(\d),(\d{3})\b/g, "$1$2").match(/-?\d+(?:\.\d+)?/);
  return m ? Number(m[0]) : void 0;
}
function polarityOf(value) {
  if (typeof value === "number") return void 0;
  const t = normalize(value);
  if (/^(negative|neg|not detected|non ?reactive|nonreactive|absent|none|nil)\b/.test(t)) return "negative";
  if (/^(positive|pos|detected|reactive|present|trace|[1-4] ?\+?)\b/.test(t) || /^\d\+/.test(value.trim())) return "positive";
  return void 0;
}
function componentFrom(v) {
  return { value: v.value, ...v.unit ? { unit: v.unit } : {}, ...v.flag ? { flag: v.flag } : {}, ...v.range ? { range: v.range } : {} };
}
function flagDirection(flag) {
  if (!flag) return void 0;
  if (flag === "low" || flag === "critical-low") return "low";
  if (flag === "high" || flag === "critical-high") return "high";
  if (flag === "normal" || flag === "negative") return "normal";
  return "abnormal";
}

// src/case/test-equivalents.ts
var EQUIVALENTS = [
  {
    ordered: "arterial-blood-gas",
    held: "venous-blood-gas",
    why: "Venous pH and bicarbonate track arterial values closely (pH about 0.03 lower, HCO3 about 1 mmol/L higher) and are accepted for acid-base assessment; the label shows that pO2 is venous."
  },
  {
    ordered: "venous-blood-gas",
    held: "arterial-blood-gas",
    why: "An arterial sample answers every question a venous gas is ordered for (pH, pCO2, bicarbonate, lactate)."
  },
  {
    ordered: "ct-chest",
    held: "ct-pulmonary-angiogram",
    why: "A CT pulmonary angiogram is a contrast CT of the whole chest; lungs, pleura and mediastinum are reported."
  },
  { ordered: "ct-chest", held: "ct-angiography-aorta", why: "A CT angiogram of the thoracic aorta images the whole chest with contrast." },
  {
    ordered: "ct-pulmonary-angiogram",
    held: "ct-chest",
    why: "A contrast CT chest shows the central pulmonary arteries; the label shows it was not timed for the pulmonary arteries."
  },
  { ordered: "ct-angiography-aorta", held: "ct-chest", why: "A contrast CT chest shows the thoracic aorta; the label shows it is not an angiographic study." },
  {
    ordered: "ct-abdomen-pelvis",
    held: "ct-kub",
    why: "CT abdomen and pelvis without contrast covers the same anatomy; the label shows no contrast was given."
  },
  {
    ordered: "ct-kub",
    held: "ct-abdomen-pelvis",
    why: "A contrast CT of the abdomen and pelvis shows the kidneys, ureters and bladder; small stones may be masked by contrast, which the label makes plain."
  },
  {
    ordered: "ct-head",
    held: "mri-brain",
    why: "An MRI brain answers what a non-contrast CT head is ordered for except acute blood in the first hours, and it is a more sensitive study of the same organ."
  },
  { ordered: "cta-head-neck", held: "ct-head", why: "A CT angiogram includes the non-contrast head images; the label shows the vessels were not imaged." },
  { ordered: "ultrasound-ruq", held: "ultrasound-abdomen", why: "A complete abdominal ultrasound includes the liver, gallbladder, bile ducts and pancreas." },
  {
    ordered: "ultrasound-abdomen",
    held: "ultrasound-ruq",
    why: "The right upper quadrant study is the hepatobiliary part of a complete abdominal ultrasound."
  },
  { ordered: "ultrasound-renal", held: "ultrasound-abdomen", why: "A complete abdominal ultrasound includes both kidneys." },
  {
    ordered: "ultrasound-appendix",
    held: "ultrasound-abdomen",
    why: "An abdominal ultrasound performed for right lower quadrant pain reports the appendix when seen."
  },
  {
    ordered: "ultrasound-pelvis",
    held: "ultrasound-obstetric",
    why: "An early obstetric ultrasound is a pelvic (transvaginal or transabdominal) study of the uterus and adnexa."
  },
  { ordered: "ultrasound-obstetric", held: "ultrasound-pelvis", why: "A pelvic ultrasound in a pregnant patient reports the gestation." },
  {
    ordered: "echo-transthoracic",
    held: "echo-transesophageal",
    why: "A transoesophageal echo answers the questions of a transthoracic one, with better views of valves and atria."
  },
  {
    ordered: "echo-transesophageal",
    held: "echo-transthoracic",
    why: "The transthoracic study is the echo the case holds; the label shows it is not transoesophageal."
  },
  { ordered: "xray-spine", held: "mri-spine", why: "An MRI of the spine shows the bony alignment and vertebrae an x-ray is ordered for." },
  { ordered: "holter-monitor", held: "ecg-12-lead", why: "The 12-lead ECG is the rhythm record the case holds; the label shows it is a single tracing." },
  {
    ordered: "beta-hcg-quantitative",
    held: "urine-pregnancy-test",
    why: "A urine hCG answers whether the patient is pregnant; the label shows it is qualitative."
  },
  { ordered: "urine-pregnancy-test", held: "beta-hcg-quantitative", why: "A serum hCG answers whether the patient is pregnant, more sensitively." },
  {
    ordered: "throat-culture",
    held: "rapid-strep-test",
    why: "A rapid streptococcal antigen test answers the same question as a throat culture for group A streptococcus."
  },
  { ordered: "rapid-strep-test", held: "throat-culture", why: "A throat culture is the reference test for group A streptococcus." },
  { ordered: "malaria-smear", held: "peripheral-smear", why: "A peripheral smear reviewed for parasites reports malaria when present." },
  { ordered: "sputum-culture", held: "sputum-afb", why: "Both are sputum examinations; the label shows which stains were done." }
];
function equivalentsOf(ordered) {
  return EQUIVALENTS.filter((e) => e.ordered === ordered);
}

// src/case/body-regions.ts
var REGIONS = {
  brain: {
    // Not every abnormal neurological sign is in the brain (a tremor, a neuropathy, a cauda equina): only those that are.
    words: [
      "brain",
      "cerebr",
      "intracranial",
      "subarachnoid",
      "subdural",
      "extradural",
      "hydroceph",
      "glioma",
      "meningioma",
      "stroke",
      "hemipar",
      "hemipleg",
      "aphasi",
      "dysphasi",
      "papilloedema",
      "papilledema",
      "focal neuro",
      "focal deficit",
      "focal weakness",
      "facial droop",
      "ataxi",
      "seizure",
      "dementia",
      "encephal",
      "space occupying",
      "head injur",
      "skull",
      "confus",
      "drowsy",
      "obtunded",
      "unresponsive",
      "coma ",
      "comatose",
      "reduced consciousness",
      "altered mental",
      "dysarthri",
      "homonymous",
      "pronator drift",
      "cerebellar",
      "intention tremor",
      "dysdiadochokinesi",
      "upgoing plantar",
      "extensor plantar",
      "babinski"
    ]
  },
  neck: {
    words: [
      "neck mass",
      "neck swelling",
      "thyroid",
      "goitre",
      "goiter",
      "cervical lymph",
      "parotid",
      "peritonsillar",
      "retropharyngeal",
      "epiglott",
      "trismus",
      "torticollis"
    ],
    targets: ["neck"]
  },
  sinus: {
    words: [
      "sinusitis",
      "paranasal",
      "maxillary sinus",
      "frontal sinus",
      "sinus tender",
      "sinus opacif",
      "sinus mucosal",
      "maxillary",
      "purulent nasal",
      "nasal discharge",
      "facial pain",
      "facial tenderness",
      "nasal polyp",
      "postnasal"
    ]
  },
  chest: {
    words: [
      "lung",
      "pulmonar",
      "pleura",
      "consolidat",
      "crackles",
      "crepitation",
      "rales",
      "wheez",
      "bronchial breath",
      "stony dull",
      "pneumo",
      "mediastin",
      "hilar",
      "thym",
      "cavitat",
      "cavitary",
      "opacit",
      "cardiomegal",
      "hyperinflat",
      "atelecta",
      "empyema",
      "haemoptysis",
      "hemoptysis",
      "rib fracture",
      "reduced air entry",
      "decreased breath sounds",
      "reduced breath sounds",
      "absent breath sounds",
      "pleural effusion",
      "lung mass",
      "chest mass"
    ],
    targets: ["respiratory"]
  },
  heart: {
    words: [
      "heart murmur",
      "heart sounds",
      "heart failure",
      "heart attack",
      "enlarged heart",
      "cardiac",
      "murmur",
      "gallop",
      "s3 ",
      "s4 ",
      "rub ",
      "friction rub",
      "pericard",
      "valv",
      "ventricular",
      "atrial",
      "cardiomegal",
      "ejection fraction",
      "endocard",
      "vegetation",
      "raised jvp",
      "elevated jvp",
      "jvp raised",
      "jvp elevated",
      "irregularly irregular",
      "fibrillation",
      "flutter",
      "infarct",
      "heart failure",
      "aortic stenosis",
      "mitral",
      "ejection systolic",
      "pansystolic",
      "diastolic murmur"
    ],
    targets: ["cardiovascular"]
  },
  // What a tracing shows: rate, rhythm, conduction, ischaemia, hypertrophy, and the electrolytes that change it.
  rhythm: {
    words: [
      "tachycard",
      "bradycard",
      "irregularly irregular",
      "irregular rhythm",
      "irregular pulse",
      "irregular heart",
      "arrhythm",
      "fibrillation",
      "flutter",
      "heart block",
      "av block",
      "bundle branch",
      "st elevation",
      "st depression",
      "infarct",
      "ischaem",
      "ischem",
      "palpitation",
      "syncope",
      "pericarditis",
      "ventricular hypertrophy",
      "lvh ",
      "hyperkal",
      "hypokal",
      "hypocalc",
      "hypercalc",
      "long qt",
      "qt prolong",
      "pre excitation",
      "wolff",
      "digoxin",
      "tricyclic",
      "pulmonary embol",
      "cardiomyopathy",
      "myocarditis"
    ]
  },
  aorta: {
    words: [
      "aort",
      "dissection",
      "aneurysm",
      "mediastinal widening",
      "widened mediastinum",
      "radio femoral delay",
      "radiofemoral delay",
      "unequal pulses",
      "unequal radial",
      "blood pressure differ",
      "arm blood pressure"
    ]
  },
  abdomen: {
    words: [
      "abdom",
      "liver",
      "hepatomegaly",
      "hepatosplenomegaly",
      "hepatitis",
      "hepatic",
      "gallbladder",
      "gall bladder",
      "biliar",
      "cholecyst",
      "gallstone",
      "pancrea",
      "spleen",
      "splen",
      "bowel obstruct",
      "small bowel",
      "large bowel",
      "intestin",
      "colon",
      "appendicitis",
      "appendix",
      "appendiceal",
      "ascites",
      "peritoni",
      "murphy",
      "diverticul",
      "hernia",
      "epigastr",
      "quadrant",
      "flank",
      "distension",
      "distended",
      "free air",
      "pneumoperitoneum",
      "intussuscept",
      "volvulus",
      "pyloric"
    ],
    targets: ["abdomen"]
  },
  hepatobiliary: {
    words: [
      "liver",
      "hepatomegaly",
      "hepatitis",
      "hepatic",
      "gallbladder",
      "gall bladder",
      "biliar",
      "bile duct",
      "cholecyst",
      "cholang",
      "gallstone",
      "murphy",
      "jaundice",
      "icter",
      "cirrho",
      "ascites",
      "right upper quadrant",
      "ruq ",
      "pancrea",
      "portal"
    ]
  },
  appendix: { words: ["append", "right lower quadrant", "rlq ", "mcburney", "rovsing", "psoas sign", "obturator sign", "right iliac fossa", "rif "] },
  kidney: {
    words: [
      "kidney",
      "renal",
      "hydronephr",
      "ureter",
      "bladder",
      "urinary retention",
      "flank",
      "costovertebral",
      "cva tender",
      "loin",
      "calcul",
      "stone",
      "pyelo",
      "haematuria",
      "hematuria",
      "nephr",
      "polycystic"
    ]
  },
  pelvis: {
    words: [
      "pelvi",
      "uter",
      "ovar",
      "adnex",
      "cervix",
      "cervicitis",
      "cervical os",
      "vagin",
      "ectopic",
      "fibroid",
      "endometri",
      "pregnan",
      "cervical motion",
      "tubo ovarian",
      "menorrhag",
      "postmenopausal bleed"
    ],
    targets: ["pelvic"]
  },
  scrotum: { words: ["scrot", "testi", "epididym", "varicocele", "hydrocele", "torsion", "orchitis"], targets: ["genitourinary"] },
  pregnancy: { words: ["pregnan", "fetal", "fetus", "foetal", "gestation", "placent", "fundal height", "ectopic", "miscarriage", "gravid"] },
  "leg-veins": {
    words: [
      "calf",
      "deep vein",
      "dvt",
      "leg swelling",
      "swollen leg",
      "unilateral swelling",
      "unilateral leg",
      "thrombophlebitis",
      "venous thrombo",
      "pitting",
      "leg oedema",
      "leg edema",
      "ankle oedema",
      "ankle edema",
      "pedal"
    ],
    targets: ["extremities"]
  },
  carotid: { words: ["carotid", "bruit", "amaurosis", "transient ischaemic", "transient ischemic", "tia ", "stroke"] },
  breast: { words: ["breast", "nipple", "axillary"], targets: ["breast"] },
  "bone-density": { words: ["osteopor", "osteopen", "fragility fracture", "vertebral fracture", "kyphosis", "height loss"] },
  spine: {
    words: [
      "spine",
      "spinal",
      "vertebra",
      "disc prolapse",
      "disc herniation",
      "herniated disc",
      "slipped disc",
      "cauda equina",
      "saddle",
      "radicul",
      "sciatica",
      "cord compression",
      "myelopath",
      "scoliosis",
      "spinous",
      "back pain",
      "lumbar",
      "thoracic spine",
      "cervical spine",
      "sacral"
    ]
  },
  limb: {
    words: ["fracture", "deformit", "bone", "osteomyel", "dislocat", "joint swelling", "swollen joint", "bony tender", "limb", "tenderness over"],
    targets: ["msk"]
  },
  eye: {
    words: [
      "eye ",
      "eyes ",
      "visual acuity",
      "visual field",
      "visual loss",
      "visual disturbance",
      "vision",
      "pupil",
      "cornea ",
      "corneal",
      "conjunctivitis",
      "conjunctival injection",
      "red eye",
      "retin",
      "fundus",
      "fundi",
      "optic",
      "papill",
      "iris ",
      "uveitis",
      "lens ",
      "cataract",
      "glaucoma",
      "intraocular",
      "photophobia",
      "diplopia",
      "proptosis",
      "exophthalm",
      "scleral",
      "kayser",
      "hyphema",
      "keratitis",
      "hypopyon"
    ],
    targets: ["eyes"]
  },
  ear: { words: ["ear ", "ears ", "hearing", "deaf", "tinnitus", "tympanic", "otitis", "otorrh", "vertigo", "nystagmus", "dix hallpike"], targets: ["ears"] },
  throat: {
    words: ["larynx", "laryng", "vocal", "hoarse", "stridor", "throat", "pharyn", "tonsil", "epiglott", "uvula", "dysphagia", "odynophagia"],
    targets: ["throat"]
  },
  meninges: {
    words: [
      "mening",
      "neck stiff",
      "stiff neck",
      "nuchal",
      "kernig",
      "brudzinski",
      "photophobia",
      "subarachnoid",
      "encephal",
      "xanthochrom",
      "guillain",
      "demyelin",
      "multiple sclerosis",
      "papill",
      "thunderclap"
    ]
  },
  ascites: { words: ["ascites", "ascitic", "shifting dullness", "fluid thrill", "peritoni", "distended abdomen", "abdominal distension"] },
  pleura: { words: ["pleura", "stony dull", "empyema"] },
  joint: {
    words: [
      "joint",
      "arthrit",
      "synov",
      "knee effusion",
      "swollen knee",
      "swollen ankle",
      "gout",
      "septic arthritis",
      "hot swollen",
      "monoarthr",
      "polyarthr",
      "podagra"
    ],
    targets: ["msk"]
  },
  "upper-gi": {
    words: [
      "oesophag",
      "esophag",
      "dysphagia",
      "gastric",
      "stomach",
      "duoden",
      "peptic",
      "ulcer",
      "haematemesis",
      "hematemesis",
      "melaena",
      "melena",
      "coffee ground",
      "epigastr",
      "reflux",
      "pylori",
      "varice",
      "upper gi"
    ]
  },
  colon: {
    words: [
      "colon",
      "colitis",
      "rectal bleed",
      "rectum",
      "bloody diarrh",
      "blood in stool",
      "haematochezia",
      "hematochezia",
      "crohn",
      "diverticul",
      "change in bowel habit",
      "polyp",
      "colorectal",
      "lower gi"
    ],
    targets: ["rectal"]
  },
  marrow: {
    words: [
      "leukaem",
      "leukem",
      "lymphoma",
      "myeloma",
      "cytopeni",
      "pancytopeni",
      "blast",
      "anaemia",
      "anemia",
      "thrombocytopeni",
      "neutropeni",
      "myelodysplas",
      "marrow",
      "splenomegal",
      "myelofibros",
      "plasma cell",
      "paraprotein"
    ]
  },
  skin: {
    words: [
      "rash",
      "skin lesion",
      "cutaneous",
      "skin",
      "macul",
      "papul",
      "vesic",
      "pustul",
      "plaque",
      "skin ulcer",
      "leg ulcer",
      "subcutaneous nodule",
      "erythem",
      "bulla",
      "bullous",
      "blister",
      "mole",
      "naevus",
      "nevus",
      "pigmented",
      "scaly",
      "scaling",
      "itch",
      "prurit",
      "purpur",
      "petechi",
      "jaundice",
      "burrow",
      "wheal",
      "urticaria",
      "eschar",
      "desquam",
      "target lesion",
      "cellulitis"
    ],
    targets: ["skin"]
  },
  "lymph-nodes": { words: ["lymphaden", "lymph node", "node enlarg", "enlarged node", "palpable node", "glands", "lymphoma"], targets: ["lymph"] },
  seizure: { words: ["seizure", "epilep", "convuls", "encephal", "postictal", "tongue biting", "status epilepticus"] },
  "nerve-muscle": {
    words: [
      "neuropath",
      "numbness",
      "tingling",
      "paraesthes",
      "paresthes",
      "fasciculat",
      "myasthen",
      "ptosis",
      "fatigab",
      "areflexia",
      "hyporeflexia",
      "wasting",
      "foot drop",
      "wrist drop",
      "carpal",
      "myopath",
      "guillain",
      "weakness",
      "decrement"
    ]
  },
  airways: {
    words: [
      "asthma",
      "copd ",
      "emphysema",
      "wheez",
      "airflow",
      "bronchospasm",
      "interstitial",
      "fibrosis",
      "restrictive",
      "obstructive",
      "breathless",
      "shortness of breath",
      "dyspnoea",
      "dyspnea",
      "crackles"
    ]
  },
  sleep: { words: ["snor", "apnoea", "apnea", "daytime sleepiness", "somnolence", "narcolep", "witnessed pauses"] },
  coronary: {
    words: ["chest pain", "angina", "infarct", "ischaem", "ischem", "coronary", "st elevation", "st depression", "troponin", "stemi", "acute coronary"]
  },
  "temporal-artery": { words: ["temporal", "jaw claudication", "giant cell", "scalp tender", "polymyalgia", "arteritis"] },
  mood: { words: ["depress", "low mood", "anhedon", "suicid", "hopeless", "worthless", "tearful", "flat affect"], targets: ["mental-status"] },
  anxiety: { words: ["anxi", "panic", "worry", "worri", "nervous", "on edge", "restless"], targets: ["mental-status"] },
  cognition: { words: ["dementia", "memory", "cognit", "confus", "forget", "delirium", "disorient"], targets: ["mental-status"] },
  volume: {
    words: ["dehydrat", "hypovol", "dizz", "syncope", "faint", "orthostat", "postural", "dry mucous", "skin turgor", "haemorrhag", "hemorrhag", "hypotens"]
  },
  bladder: { words: ["retention", "bladder", "incontinence", "cauda equina", "saddle", "voiding", "post void", "palpable bladder"] },
  vagina: { words: ["vaginal discharge", "vaginitis", "vulv", "trichomon", "candid", "vaginosis"], targets: ["pelvic"] }
};
var TEST_REGIONS = {
  "chest-xray": ["chest"],
  "abdominal-xray": ["abdomen"],
  "xray-extremity": ["limb", "joint"],
  "xray-spine": ["spine"],
  "ct-head": ["brain"],
  "cta-head-neck": ["brain", "carotid"],
  "mri-brain": ["brain"],
  "mri-spine": ["spine"],
  "ct-chest": ["chest", "aorta"],
  "ct-pulmonary-angiogram": ["chest"],
  "ct-angiography-aorta": ["aorta", "chest"],
  "ct-abdomen-pelvis": ["abdomen", "kidney", "pelvis", "appendix"],
  "ct-kub": ["kidney", "abdomen", "appendix"],
  "ct-neck": ["neck", "throat"],
  "ct-sinus": ["sinus"],
  "ultrasound-abdomen": ["abdomen", "hepatobiliary", "kidney"],
  "ultrasound-ruq": ["hepatobiliary"],
  "ultrasound-pelvis": ["pelvis"],
  "ultrasound-renal": ["kidney", "bladder"],
  "ultrasound-scrotal": ["scrotum"],
  "ultrasound-thyroid": ["neck"],
  "ultrasound-obstetric": ["pregnancy"],
  "ultrasound-appendix": ["appendix"],
  "doppler-leg-veins": ["leg-veins"],
  "carotid-doppler": ["carotid"],
  "vq-scan": ["chest"],
  "hida-scan": ["hepatobiliary"],
  mammogram: ["breast"],
  "dexa-scan": ["bone-density"],
  "ecg-12-lead": ["rhythm", "coronary"],
  "holter-monitor": ["rhythm"],
  "exercise-stress-test": ["rhythm", "coronary", "heart"],
  "echo-transthoracic": ["heart"],
  "echo-transesophageal": ["heart", "aorta"],
  "lumbar-puncture": ["meninges"],
  paracentesis: ["ascites"],
  thoracentesis: ["pleura"],
  arthrocentesis: ["joint"],
  "upper-endoscopy": ["upper-gi"],
  colonoscopy: ["colon"],
  "bone-marrow-biopsy": ["marrow"],
  "skin-biopsy": ["skin"],
  "lymph-node-biopsy": ["lymph-nodes"],
  eeg: ["seizure", "brain"],
  "nerve-conduction-emg": ["nerve-muscle"],
  "pulmonary-function-tests": ["airways"],
  polysomnography: ["sleep"],
  "coronary-angiography": ["coronary"],
  laryngoscopy: ["throat"],
  "temporal-artery-biopsy": ["temporal-artery"],
  "visual-acuity": ["eye"],
  tonometry: ["eye"],
  "slit-lamp-exam": ["eye"],
  fundoscopy: ["eye"],
  audiometry: ["ear"],
  "phq-9": ["mood"],
  "gad-7": ["anxiety"],
  moca: ["cognition"],
  "nonstress-test": ["pregnancy"],
  "orthostatic-vitals": ["volume"],
  "peak-flow": ["airways"],
  "bladder-scan": ["bladder"],
  "wet-mount": ["vagina"],
  "koh-prep": ["skin"]
};

// src/case/test-concerns.ts
var DEPENDS = {
  // Henderson-Hasselbalch ties pH, pCO2 and bicarbonate; base excess is derived from them.
  ph: ["pco2", "bicarbonate", "base-excess"],
  pco2: ["ph", "bicarbonate"],
  bicarbonate: ["ph", "pco2", "base-excess"],
  "base-excess": ["ph", "bicarbonate"],
  // Saturation and arterial pO2 lie on the dissociation curve.
  po2: ["spo2"],
  spo2: ["po2"],
  // The differential counts add up to the total white count.
  neutrophils: ["wbc"],
  lymphocytes: ["wbc"],
  monocytes: ["wbc"],
  eosinophils: ["wbc"],
  basophils: ["wbc"],
  wbc: ["neutrophils", "lymphocytes"],
  // Haematocrit is roughly three times the haemoglobin; an abnormal Hb changes red-cell indices in most anaemias.
  hematocrit: ["hemoglobin"],
  hemoglobin: ["hematocrit"],
  mcv: ["hemoglobin", "hematocrit"],
  // Hepatocellular and cholestatic markers rise together; direct bilirubin is part of the total.
  alt: ["ast"],
  ast: ["alt"],
  alp: ["ggt"],
  ggt: ["alp"],
  "direct-bilirubin": ["total-bilirubin"],
  "total-bilirubin": ["direct-bilirubin"],
  // INR is computed from the PT.
  inr: ["pt"],
  pt: ["inr"],
  // A raised creatinine without a raised urea is unusual. (Osmolality is checked by calculation, in lab-answer.)
  bun: ["creatinine"],
  // Total and ionised calcium move together.
  calcium: ["ionized-calcium"],
  "ionized-calcium": ["calcium"],
  // Pancreatic enzymes rise together; cardiac troponins and natriuretic peptides measure the same injury.
  lipase: ["amylase"],
  amylase: ["lipase"],
  "troponin-i": ["troponin-t"],
  "troponin-t": ["troponin-i"],
  bnp: ["nt-probnp"],
  "nt-probnp": ["bnp"],
  // Thyroid axis.
  tsh: ["free-t4", "free-t3"],
  "free-t4": ["tsh", "free-t3"],
  "free-t3": ["tsh", "free-t4"],
  // Iron studies.
  ferritin: ["iron", "tsat"],
  iron: ["ferritin", "tsat"],
  tsat: ["ferritin", "iron"],
  tibc: ["ferritin", "iron"],
  // Lipids.
  "total-cholesterol": ["ldl"],
  ldl: ["total-cholesterol"]
};
var HEPATIC = [
  "jaundice",
  "jaundiced",
  "icter",
  "hepatitis",
  "cirrho",
  "hepatomegaly",
  "liver failure",
  "cholestas",
  "biliary obstruct",
  "cholangitis",
  "choledocholith",
  "wilson",
  "hepatocellular",
  "liver disease",
  "ascites",
  "asterixis",
  "hepatic"
];
var ACID_BASE = [
  "acidosis",
  "acidaemia",
  "acidemia",
  "alkalosis",
  "alkalaemia",
  "alkalemia",
  "ketoacidosis",
  "hypercapni",
  "respiratory failure",
  "kussmaul",
  "salicylate",
  "methanol",
  "ethylene glycol"
];
var OXYGEN = ["hypoxi", "hypoxaemi", "hypoxemi", "cyanos", "cyanotic", "respiratory failure", "pulmonary embol", "ards", "pneumonia"];
var ANALYTE_WORDS = {
  alt: HEPATIC,
  ast: HEPATIC,
  alp: HEPATIC,
  ggt: HEPATIC,
  "total-bilirubin": HEPATIC,
  "direct-bilirubin": HEPATIC,
  albumin: ["cirrho", "nephrotic", "malnutrition", "protein losing", "liver failure", "ascites"],
  lipase: ["pancreatitis"],
  amylase: ["pancreatitis"],
  "troponin-i": ["myocardial infarction", "stemi", "nstemi", "myocarditis", "acute coronary", "takotsubo"],
  "troponin-t": ["myocardial infarction", "stemi", "nstemi", "myocarditis", "acute coronary", "takotsubo"],
  bnp: ["heart failure", "cardiac failure", "pulmonary oedema", "pulmonary edema", "cardiomyopathy", "reduced ejection"],
  "nt-probnp": ["heart failure", "cardiac failure", "pulmonary oedema", "pulmonary edema", "cardiomyopathy", "reduced ejection"],
  "d-dimer": ["pulmonary embol", "deep vein thrombosis", "dvt ", "disseminated intravascular", "venous thrombo", "aortic dissection"],
  tsh: ["thyrotoxic", "hyperthyroid", "hypothyroid", "graves", "hashimoto", "thyroiditis", "goitre", "goiter", "myxoedema", "myxedema", "thyroid storm"],
  "free-t4": ["thyrotoxic", "hyperthyroid", "hypothyroid", "graves", "hashimoto", "thyroiditis", "myxoedema", "myxedema", "thyroid storm"],
  "free-t3": ["thyrotoxic", "hyperthyroid", "graves", "thyroid storm"],
  hemoglobin: [
    "anaemia",
    "anemia",
    "anaemic",
    "anemic",
    "pallor",
    "haemorrhage",
    "hemorrhage",
    "melaena",
    "melena",
    "haematemesis",
    "hematemesis",
    "polycythaemia",
    "polycythemia",
    "thalassaemia",
    "thalassemia",
    "sickle",
    "haemoly",
    "hemoly",
    "leukaem",
    "leukem"
  ],
  hematocrit: ["anaemia", "anemia", "pallor", "haemorrhage", "hemorrhage", "polycythaemia", "polycythemia", "haemoconcentrat"],
  mcv: ["iron deficiency", "b12 deficiency", "pernicious", "folate deficiency", "thalassaemia", "thalassemia", "macrocyt", "microcyt"],
  platelets: [
    "thrombocytopeni",
    "thrombocytosis",
    "petechi",
    "purpura",
    "itp ",
    "immune thrombocytopenia",
    "ttp ",
    "disseminated intravascular",
    "leukaem",
    "leukem",
    "hellp",
    "aplastic"
  ],
  wbc: ["leukaem", "leukem", "neutropeni", "leukocytosis", "leucocytosis", "agranulocyt", "aplastic", "sepsis", "septic"],
  neutrophils: ["neutropeni", "neutrophilia", "leukaem", "leukem", "agranulocyt", "sepsis", "septic"],
  lymphocytes: ["lymphocytosis", "lymphopeni", "chronic lymphocytic", "mononucleosis"],
  eosinophils: ["eosinophil", "parasit", "strongyloid", "dress "],
  glucose: ["ketoacidosis", "hyperglycaemi", "hyperglycemi", "hypoglycaemi", "hypoglycemi", "hyperosmolar", "insulinoma"],
  hba1c: ["diabet", "hyperglycaemi", "hyperglycemi"],
  creatinine: [
    "acute kidney injury",
    "kidney failure",
    "renal failure",
    "renal impairment",
    "chronic kidney",
    "nephrotic",
    "nephritic",
    "glomerulonephritis",
    "rhabdomyolysis",
    "hepatorenal",
    "uraemi",
    "uremi",
    "obstructive uropathy"
  ],
  bun: ["acute kidney injury", "kidney failure", "renal failure", "uraemi", "uremi", "upper gi bleed", "dehydrat"],
  sodium: ["hyponatraemi", "hyponatremi", "hypernatraemi", "hypernatremi", "siadh", "inappropriate antidiuretic", "diabetes insipidus"],
  potassium: ["hyperkalaemi", "hyperkalemi", "hypokalaemi", "hypokalemi", "addison", "adrenal insufficiency", "adrenal crisis", "hyperaldosteron", "conn "],
  calcium: ["hypercalcaemi", "hypercalcemi", "hypocalcaemi", "hypocalcemi", "hyperparathyroid", "hypoparathyroid", "myeloma"],
  "ionized-calcium": ["hypercalcaemi", "hypercalcemi", "hypocalcaemi", "hypocalcemi", "hyperparathyroid", "hypoparathyroid"],
  ck: ["rhabdomyolysis", "myositis", "myopathy", "neuroleptic malignant", "malignant hyperthermia", "crush"],
  ph: ACID_BASE,
  pco2: [...ACID_BASE, "copd ", "hypoventilat"],
  bicarbonate: ACID_BASE,
  "base-excess": ACID_BASE,
  po2: OXYGEN,
  spo2: OXYGEN,
  inr: ["coagulopath", "warfarin", "disseminated intravascular", "liver failure", "vitamin k"],
  pt: ["coagulopath", "warfarin", "disseminated intravascular", "liver failure", "vitamin k"],
  ptt: ["haemophilia", "hemophilia", "heparin", "von willebrand", "antiphospholipid", "lupus anticoagulant", "disseminated intravascular"],
  fibrinogen: ["disseminated intravascular", "fibrinolys"],
  lactate: ["sepsis", "septic shock", "lactic acidosis", "shock", "mesenteric ischaemi", "mesenteric ischemi", "seizure"],
  ammonia: ["hepatic encephalopathy", "liver failure", "urea cycle", "hyperammon"],
  "uric-acid": ["gout", "tumour lysis", "tumor lysis"],
  "beta-hydroxybutyrate": ["ketoacidosis", "ketosis", "starvation"],
  "serum-osmolality": ["hyperosmolar", "siadh", "hyponatraemi", "hyponatremi", "toxic alcohol", "methanol", "ethylene glycol"],
  ethanol: ["intoxicat", "drunk", "alcohol withdrawal", "inebriat"],
  acetaminophen: ["acetaminophen", "paracetamol"],
  salicylate: ["salicylate", "aspirin overdose", "aspirin toxicity", "salicylism"],
  "beta-hcg": ["pregnan", "ectopic", "molar", "hydatidiform", "miscarriage"],
  cortisol: ["addison", "adrenal insufficiency", "adrenal crisis", "cushing", "hypoadrenal"],
  pth: ["hyperparathyroid", "hypoparathyroid"],
  "vitamin-b12": ["b12 deficiency", "pernicious", "subacute combined"],
  folate: ["folate deficiency"],
  ferritin: ["iron deficiency", "haemochromatosis", "hemochromatosis", "still s disease"],
  iron: ["iron deficiency", "haemochromatosis", "hemochromatosis"],
  tsat: ["iron deficiency", "haemochromatosis", "hemochromatosis"],
  haptoglobin: ["haemoly", "hemoly"],
  ldh: ["haemoly", "hemoly", "lymphoma"],
  reticulocytes: ["haemoly", "hemoly", "aplastic", "sickle"],
  psa: ["prostate cancer", "prostatic carcinoma", "prostatitis"],
  procalcitonin: ["sepsis", "septic", "bacteraemia", "bacteremia"],
  crp: ["sepsis", "septic", "abscess", "arteritis", "cellulitis", "pneumonia", "appendicitis", "cholecystitis"],
  esr: ["arteritis", "polymyalgia", "myeloma", "osteomyelitis"]
};
var TEST_WORDS2 = {
  ana: ["lupus", "sle ", "systemic sclerosis", "scleroderma", "sjogren", "mixed connective"],
  "anti-dsdna": ["lupus", "sle ", "lupus nephritis"],
  "rheumatoid-factor": ["rheumatoid arthritis", "sjogren", "cryoglobulin"],
  "anti-ccp": ["rheumatoid arthritis"],
  anca: ["vasculitis", "granulomatosis with polyangiitis", "microscopic polyangiitis", "wegener", "churg", "eosinophilic granulomatosis", "pauci immune"],
  "complement-c3-c4": ["lupus", "post streptococcal", "poststreptococcal", "membranoproliferative", "cryoglobulin", "hereditary angioedema"],
  "hla-b27": ["ankylosing spondylitis", "spondyloarthr", "reactive arthritis", "anterior uveitis"],
  "antiphospholipid-antibodies": ["antiphospholipid"],
  "ttg-iga": ["coeliac", "celiac", "dermatitis herpetiformis"],
  "acetylcholine-receptor-antibodies": ["myasthen"],
  spep: ["myeloma", "paraprotein", "m spike", "monoclonal", "plasmacytoma", "amyloid", "mgus", "waldenstrom"],
  "free-light-chains": ["myeloma", "light chain", "paraprotein", "monoclonal", "amyloid", "plasmacytoma"],
  "blood-culture": ["bacteraemia", "bacteremia", "endocarditis", "sepsis", "septic"],
  "urine-culture": ["urinary tract infection", "pyelonephritis", "cystitis", "urosepsis"],
  "sputum-culture": ["pneumonia", "lung abscess", "bronchiectasis"],
  "respiratory-viral-panel": ["influenza", "covid", "sars cov", "rsv ", "respiratory syncytial", "bronchiolitis"],
  "throat-culture": ["streptococcal pharyngitis", "strep throat", "scarlet fever", "group a strep", "rheumatic fever", "diphtheria"],
  "rapid-strep-test": ["streptococcal pharyngitis", "strep throat", "scarlet fever", "group a strep", "rheumatic fever"],
  "hiv-test": ["hiv ", "aids ", "human immunodeficiency", "retroviral", "pneumocystis"],
  "hepatitis-panel": ["hepatitis"],
  monospot: ["mononucleosis", "glandular fever", "epstein barr", "ebv "],
  "syphilis-serology": ["syphilis", "treponem", "neurosyphilis"],
  "gc-chlamydia-naat": ["gonorr", "chlamydia", "pelvic inflammatory", "urethritis", "cervicitis", "epididymitis"],
  "stool-culture": [
    "gastroenteritis",
    "dysentery",
    "salmonell",
    "shigell",
    "campylobacter",
    "typhoid",
    "enteric fever",
    "e coli",
    "haemolytic uraemic",
    "hemolytic uremic",
    "cholera"
  ],
  "c-difficile-test": ["difficile", "pseudomembranous"],
  "stool-ova-parasites": ["giardia", "parasit", "amoeb", "ameb", "helminth", "strongyloid", "cryptosporid"],
  "malaria-smear": ["malaria", "plasmodium", "falciparum"],
  "lyme-serology": ["lyme", "borrelia", "erythema migrans"],
  "quantiferon-tb": ["tuberculosis", "tb ", "mycobacter"],
  "sputum-afb": ["tuberculosis", "tb ", "mycobacter", "acid fast"],
  "legionella-urine-antigen": ["legionell"],
  "h-pylori-stool-antigen": ["pylori", "peptic ulcer", "duodenal ulcer", "gastric ulcer", "malt lymphoma"],
  "fecal-calprotectin": ["crohn", "colitis", "inflammatory bowel"],
  "fecal-occult-blood": ["colorectal", "colon cancer", "rectal cancer", "gi bleed", "gastrointestinal bleed", "melaena", "melena", "angiodysplasia"],
  "urine-drug-screen": [
    "overdose",
    "intoxicat",
    "opioid",
    "opiate",
    "cocaine",
    "amphetamine",
    "cannabis",
    "benzodiazepine",
    "heroin",
    "fentanyl",
    "substance use"
  ],
  "co-oximetry": ["carbon monoxide", "methaemoglobin", "methemoglobin", "smoke inhalation"],
  "urine-pregnancy-test": ["pregnan", "ectopic", "molar", "hydatidiform", "miscarriage", "hyperemesis"],
  "direct-antiglobulin-test": [
    "autoimmune haemoly",
    "autoimmune hemoly",
    "warm autoimmune",
    "cold agglutinin",
    "haemolytic disease",
    "hemolytic disease",
    "transfusion reaction"
  ],
  "hemoglobin-electrophoresis": ["sickle", "thalassaemia", "thalassemia", "haemoglobinopathy", "hemoglobinopathy"],
  g6pd: ["g6pd", "glucose 6 phosphate"],
  "peripheral-smear": [
    "schistocyt",
    "haemoly",
    "hemoly",
    "leukaem",
    "leukem",
    "malaria",
    "sickle",
    "spherocyt",
    "thrombotic thrombocytopenic",
    "blast",
    "megaloblast",
    "disseminated intravascular"
  ],
  "iron-studies": ["iron deficiency", "haemochromatosis", "hemochromatosis", "anaemia of chronic"],
  "aldosterone-renin": ["hyperaldosteron", "conn ", "renal artery stenosis"],
  "cortisol-am": ["addison", "adrenal insufficiency", "adrenal crisis", "cushing"],
  acth: ["addison", "adrenal insufficiency", "adrenal crisis", "cushing", "pituitary"],
  "acth-stimulation-test": ["addison", "adrenal insufficiency", "adrenal crisis", "hypoadrenal"],
  "plasma-metanephrines": ["phaeochromocytoma", "pheochromocytoma", "paraganglioma"],
  prolactin: ["prolactinoma", "hyperprolactin", "pituitary adenoma"],
  "vitamin-d": ["vitamin d deficiency", "osteomalacia", "rickets"],
  ogtt: ["diabet", "gestational diabetes"],
  "thyroid-antibodies": ["graves", "hashimoto", "autoimmune thyroid", "thyroiditis"],
  "digoxin-level": ["digoxin"],
  "lithium-level": ["lithium"],
  "urine-osmolality": ["siadh", "inappropriate antidiuretic", "diabetes insipidus", "hyponatraemi", "hyponatremi", "psychogenic polydipsia"],
  "urine-sodium": ["siadh", "inappropriate antidiuretic", "hyponatraemi", "hyponatremi", "acute tubular", "prerenal"],
  urinalysis: [
    "urinary tract infection",
    "pyelonephritis",
    "cystitis",
    "glomerulonephritis",
    "nephritic",
    "nephrotic",
    "haematuria",
    "hematuria",
    "proteinuria",
    "ketoacidosis",
    "renal colic",
    "kidney stone",
    "rhabdomyolysis"
  ],
  "urine-protein-creatinine-ratio": ["nephrotic", "proteinuria", "glomerulo", "pre eclampsia", "preeclampsia"],
  "type-and-screen": [],
  "wet-mount": ["vaginosis", "trichomon", "candid", "vaginitis"],
  "koh-prep": ["tinea", "fungal", "candid", "dermatophyt", "pityriasis versicolor", "onychomycosis"]
};

// src/case/exam-split.ts
var LABEL = /(^|[.;\n]\s*|\s{2,})([A-Za-z][A-Za-z/&,' -]{0,40}?):\s*/g;
function splitExamSections(topic, text) {
  const home = canonicalTarget(topic) ?? topic;
  const cuts = [];
  for (const m of text.matchAll(LABEL)) {
    const target2 = canonicalTarget(m[2].trim());
    if (!target2) continue;
    const at = m.index + m[1].length;
    cuts.push({ at, end: m.index + m[0].length, target: target2 });
  }
  if (cuts.length === 0) return [{ target: home, text: text.trim() }];
  const out = [];
  const head = text.slice(0, cuts[0].at).trim();
  if (head) out.push({ target: home, text: head });
  cuts.forEach((c, i) => {
    const body = text.slice(c.target === "vitals" ? c.at : c.end, i + 1 < cuts.length ? cuts[i + 1].at : text.length).trim();
    if (!body) return;
    const last = out[out.length - 1];
    if (last && last.target === c.target) last.text = `${last.text} ${body}`;
    else out.push({ target: c.target, text: body });
  });
  return out;
}

// src/case/case-findings.ts
var NEGATED = /^(no|not|nil|without|denies|denied|negative|absent|none|never|normal|unremarkable|within normal|intact)\b/;
var NORMAL_WORDS = /\b(normal|unremarkable|clear|intact|within normal limits|non ?tender|not tender|soft|benign|symmetric(al)?|equal|regular|alert|oriented|orientated|comfortable|well|no abnormality|pearly|supple|present bilaterally|bowel sounds present|pulses present|reflexes present|nad|age appropriate|physiological|physiologic|5 5|gcs 15|full power|full range|full and painless|painless|negative|reactive|full to confrontation|movements full|fields full|sinus rhythm|warm peripheries|well perfused)\b/;
var NOT_SEEN = /\bnot (visible|raised|elevated|palpable|seen|present|enlarged|tender|distended|identified|detected)\b/;
var ABNORMAL_WORDS = /\b(mass|masses|lesion|tender|tenderness|swollen|swelling|enlarged|raised|elevated|reduced|decreased|absent|weak|weakness|mild|moderate|severe|marked|abnormal|irregular|murmur|crackles|wheeze|rash|jaundice|icter|opacity|effusion|consolidation|fracture|deformity)\b/;
var NEGATORS3 = /* @__PURE__ */ new Set(["no", "not", "without", "nor", "denies", "negative", "absent", "free"]);
function isAbnormalClause(clause, listNormal = false) {
  const t = normalize(clause);
  if (!t) return false;
  if (NEGATED.test(t) || NOT_SEEN.test(t)) return false;
  const stripped = t.replace(/\b(non tender|nontender|not tender)\b/g, "").replace(/\b(no|without|not)\s+\w+(\s+or\s+\w+)*/g, "");
  const negates = /\b(no|without|not)\b/.test(t);
  if ((NORMAL_WORDS.test(t) || listNormal || negates) && !ABNORMAL_WORDS.test(stripped)) return false;
  return true;
}
function abnormalClausesOf(text) {
  const out = [];
  for (const sentence2 of text.split(/[.;\n]|\bbut\b|\bwhile\b/i)) {
    let opener2;
    sentence2.split(",").forEach((part, i) => {
      const c = part.trim();
      if (!c) return;
      const t = normalize(c);
      const judged = i > 0 && opener2 === "negated" && !/^(and|but|with)\b/.test(t) ? `no ${c}` : c;
      if (isAbnormalClause(judged, i > 0 && opener2 === "normal")) out.push(c);
      if (/^(no|not|nil|without|negative|absent|denies)\b/.test(t)) opener2 = "negated";
      else if (i === 0 && /^(normal|unremarkable|intact)\b/.test(t)) opener2 = "normal";
      else if (/^(but|with)\b/.test(t)) opener2 = void 0;
    });
  }
  return out;
}
function mentionsAny(clause, words2) {
  const padded = ` ${clause} `;
  return words2.find((w) => {
    for (let at = padded.indexOf(` ${w}`); at >= 0; at = padded.indexOf(` ${w}`, at + 1)) {
      const before = padded.slice(0, at).trim().split(" ").slice(-3);
      if (!before.some((b) => NEGATORS3.has(b))) return true;
    }
    return false;
  });
}
var findingsCache = /* @__PURE__ */ new WeakMap();
function caseFindings(kase) {
  const cached3 = findingsCache.get(kase);
  if (cached3) return cached3;
  const out = [];
  for (const f of kase.facts) {
    if (f.category === "exam") {
      for (const section of splitExamSections(f.topic, f.answer)) {
        if (section.target === "vitals") continue;
        for (const c of abnormalClausesOf(section.text)) out.push({ text: normalize(c), source: `exam:${section.target}`, target: section.target });
      }
    } else if (f.category === "pmh") {
      for (const c of abnormalClausesOf(f.answer)) out.push({ text: normalize(c), source: `fact:${f.id}` });
    }
  }
  for (const [key3, r] of Object.entries(kase.results)) {
    const texts = [r.text ?? "", typeof r.value === "string" ? r.value : ""];
    if (isLocalTestKey(key3)) texts.push(localTestName(key3));
    for (const t of texts) for (const c of abnormalClausesOf(t)) out.push({ text: normalize(c), source: `result:${key3}` });
  }
  const d = kase.diagnosis;
  for (const name of [d.name, ...d.accept]) out.push({ text: normalize(name), source: "diagnosis" });
  findingsCache.set(kase, out);
  return out;
}
var FUNCTIONAL_ONLY = /^(deep|rapid|fast|shallow|sighing|kussmaul|laboured|labored|tachypn\w*)\b[\w\s]*\b(breathing|respirations?|breaths)$|^tachypn\w*$/;
function findingsInRegions(findings, regions, except) {
  const hits = [];
  for (const f of findings) {
    if (except && f.source === `result:${except}`) continue;
    if (f.source.startsWith("fact:")) continue;
    for (const r of regions) {
      const region = REGIONS[r];
      if (!region) continue;
      const byTarget = f.target !== void 0 && region.targets?.includes(f.target) && !FUNCTIONAL_ONLY.test(f.text);
      const byWords = f.target !== "mental-status" && mentionsAny(f.text, region.words) !== void 0;
      if (byTarget || byWords) {
        hits.push(f);
        break;
      }
    }
  }
  return hits;
}
function heartRateOf(kase) {
  for (const f of kase.facts) {
    if (f.category !== "exam") continue;
    const m = f.answer.match(/\b(?:HR|heart rate|pulse(?: rate)?)\b\D{0,6}(\d{2,3})\b/i);
    if (m) return Number(m[1]);
  }
  return void 0;
}

// src/case/lab-answer.ts
var WITHHELD_TEXT = "Result not available for this case.";
function nameOf(catalog, key3) {
  return catalog.get(key3)?.name ?? (isLocalTestKey(key3) ? localTestName(key3) : key3);
}
function sourceLabel(catalog, v) {
  return v.from.startsWith("exam:") ? "recorded with the vital signs" : nameOf(catalog, v.from);
}
var GENERIC2 = /* @__PURE__ */ new Set([
  "serum",
  "plasma",
  "blood",
  "level",
  "levels",
  "test",
  "tests",
  "result",
  "results",
  "finding",
  "findings",
  "report",
  "study",
  "studies",
  "scan",
  "analysis",
  "value",
  "values",
  "assay",
  "measurement",
  "panel",
  "screen"
]);
function localFor(kase, catalog, testId) {
  for (const key3 of Object.keys(kase.results)) {
    if (!isLocalTestKey(key3)) continue;
    const r = catalog.resolve(localTestName(key3));
    const ids = [...new Set(r.tests.map((t) => t.id))];
    if (ids.length !== 1 || ids[0] !== testId) continue;
    if (r.unrecognised.flatMap((u) => u.split(" ")).every((w) => !w || GENERIC2.has(w))) return key3;
  }
  return void 0;
}
function held(values, analyte, specimen, site) {
  return values.filter((v) => v.analyte === analyte && v.specimen === specimen && (!SITE_DEPENDENT.has(analyte) || !site || !v.site || v.site === site));
}
function answerFromCase({ kase, catalog, test }) {
  const own = kase.results[test.id];
  if (own) return { decision: "case", name: test.name, result: own, resolvedFrom: [test.id], reason: "The case lists this test." };
  const local = localFor(kase, catalog, test.id);
  if (local)
    return {
      decision: "case",
      name: test.name,
      result: kase.results[local],
      resolvedFrom: [local],
      reason: `The case lists this test as "${localTestName(local)}".`
    };
  const values = heldValues(kase);
  const specimen = specimenOf(test.id);
  const analyte = analyteOfTest(test.id);
  if (analyte) {
    const hit = held(values, analyte, specimen)[0];
    if (hit) {
      return {
        decision: "component",
        name: `${hit.component ?? test.name} (${sourceLabel(catalog, hit)})`,
        result: componentFrom(hit),
        resolvedFrom: [hit.from],
        reason: `The case holds this analyte in ${hit.from}${hit.component ? ` (${hit.component})` : ""}.`
      };
    }
  }
  for (const e of equivalentsOf(test.id)) {
    const r = kase.results[e.held];
    if (r)
      return {
        decision: "equivalent",
        name: nameOf(catalog, e.held),
        result: r,
        resolvedFrom: [e.held],
        reason: `The case holds ${e.held}, the nearest equivalent: ${e.why}`
      };
  }
  const template = test.normal.components;
  if (template) {
    const site = gasSiteOf(test.id);
    const components = {};
    const from = /* @__PURE__ */ new Set();
    for (const name of Object.keys(template)) {
      const a = analyteOf(name);
      const hit = a ? held(values, a, specimen, site).find((v) => !v.from.startsWith("exam:")) : void 0;
      if (!hit) return void 0;
      components[name] = componentFrom(hit);
      from.add(hit.from);
    }
    return {
      decision: "assembled",
      name: test.name,
      result: { components },
      resolvedFrom: [...from],
      reason: `Every component is held by the case (${[...from].join(", ")}).`
    };
  }
  return void 0;
}
function answerAnalyteFromCase({
  kase,
  catalog,
  request: request2
}) {
  const text = normalize(request2).replace(/^(a|an|the|please|order|check|get|send)\s+/g, "");
  const analyte = analyteOf(text);
  if (!analyte) return void 0;
  const hit = heldValues(kase).find((v) => v.analyte === analyte && v.specimen === "blood" && !v.from.startsWith("exam:"));
  if (!hit) return void 0;
  return {
    key: hit.from,
    decision: "component",
    name: `${hit.component ?? nameOf(catalog, hit.from)} (${nameOf(catalog, hit.from)})`,
    result: componentFrom(hit),
    resolvedFrom: [hit.from],
    reason: `The case holds this analyte in ${hit.from}${hit.component ? ` (${hit.component})` : ""}.`
  };
}
function isAbnormalValue(v) {
  const dir = flagDirection(v.flag);
  if (dir) return dir !== "normal";
  const n = numberOf(v.value);
  const m = v.range?.match(/(-?\d+(?:\.\d+)?)\s*[-–]\s*(-?\d+(?:\.\d+)?)/);
  if (n !== void 0 && m && typeof v.value === "number") return n < Number(m[1]) || n > Number(m[2]);
  return polarityOf(v.value) === "positive";
}
function hendersonPh(hco3, pco2mmHg) {
  return 6.1 + Math.log10(hco3 / (0.0307 * pco2mmHg));
}
function pco2InMmHg(c) {
  const n = numberOf(c.value);
  if (n === void 0) return void 0;
  return /kpa/i.test(c.unit ?? "") ? n * 7.5 : n;
}
var RATE_ONLY = /^(sinus )?(tachycardi[ac]|bradycardi[ac])\w*( at \d+( min)?)?$/;
var NORMAL_RHYTHM = /^Normal sinus rhythm at \d+\/min\./;
function rateOnlyEcg(test, hits, hr) {
  const text = test.normal.text ?? "";
  if (!NORMAL_RHYTHM.test(text) || !hits.every((h) => RATE_ONLY.test(h.text))) return void 0;
  if (hr >= 60 && hr <= 100 && hits.length === 0) return void 0;
  const rhythm = hr > 100 ? "Sinus tachycardia" : hr < 60 ? "Sinus bradycardia" : "Normal sinus rhythm";
  return {
    decision: "adjusted",
    name: test.name,
    result: { text: text.replace(NORMAL_RHYTHM, `${rhythm} at ${hr}/min.`) },
    reason: `The normal tracing at the heart rate the case records (${hr}/min); the case has no other cardiac finding.`
  };
}
function calculatedOsmolality(values) {
  const first = (a) => values.find((v) => v.analyte === a && v.specimen === "blood" && typeof v.value === "number");
  const na = first("sodium");
  if (!na) return void 0;
  const glu = first("glucose");
  const bun = first("bun");
  const g = glu ? /mmol/i.test(glu.unit ?? "") ? glu.value : glu.value / 18 : 5;
  const u = bun ? /mmol/i.test(bun.unit ?? "") ? bun.value : bun.value / 2.8 : 5;
  return 2 * na.value + g + u;
}
function describe(f) {
  return `${f.source}: "${f.text}"`;
}
function concernedBy(findings, words2) {
  if (!words2 || words2.length === 0) return void 0;
  return findings.find((f) => mentionsAny(f.text, words2));
}
function mentionsTest(findings, test) {
  const phrases = [test.name, ...test.aliases].map(normalize).filter((p) => p.length >= 4 && p.includes(" ") || /^[a-z0-9]{4,}$/.test(normalize(p)));
  return findings.find((f) => f.source !== "diagnosis" && phrases.some((p) => ` ${f.text} `.includes(` ${p} `)));
}
function checkSynthetic({
  kase,
  catalog: _catalog,
  test,
  result,
  template = true
}) {
  const withheld = (reason) => ({ decision: "withheld", name: test.name, result: { text: WITHHELD_TEXT }, reason });
  const findings = caseFindings(kase);
  if (template) {
    const regions = TEST_REGIONS[test.id];
    if (regions) {
      const hits = findingsInRegions(findings, regions);
      const hr = regions.includes("rhythm") ? heartRateOf(kase) : void 0;
      const rate = test.id === "ecg-12-lead" && hr !== void 0 ? rateOnlyEcg(test, hits, hr) : void 0;
      if (rate) return rate;
      if (hits.length > 0) return withheld(`The case has a finding in the region this test reports on (${describe(hits[0])}).`);
      if (hr !== void 0 && (hr > 100 || hr < 50)) return withheld(`The case records a heart rate of ${hr}, which a normal tracing would contradict.`);
    }
    const word = concernedBy(findings, TEST_WORDS2[test.id]);
    if (word) return withheld(`A normal result would contradict the case (${describe(word)}).`);
    const named = mentionsTest(findings, test);
    if (named) return withheld(`The case mentions this test without a result the lab can return (${describe(named)}).`);
  }
  const values = heldValues(kase);
  const specimen = specimenOf(test.id);
  const site = gasSiteOf(test.id);
  const abnormalHeld = (a) => held(values, a, specimen, site).find((v) => isAbnormalValue(v));
  const used = /* @__PURE__ */ new Set();
  let changed = false;
  const contradiction = (a, shown2) => {
    if (a === "serum-osmolality" && shown2 !== void 0) {
      const calc = calculatedOsmolality(values);
      const n = numberOf(shown2);
      if (calc !== void 0 && n !== void 0 && Math.abs(calc - n) > 10)
        return `an osmolality of ${n} would contradict the ${Math.round(calc)} mOsm/kg calculated from the case's sodium, glucose and urea`;
    }
    for (const rel of DEPENDS[a] ?? []) {
      const v = abnormalHeld(rel);
      if (v) return `${a} would contradict ${v.component ?? v.analyte} ${v.value}${v.unit ? ` ${v.unit}` : ""} in ${v.from}`;
    }
    if (!template || specimen !== "blood") return void 0;
    const f = concernedBy(findings, ANALYTE_WORDS[a]);
    return f ? `a normal ${a} would contradict ${describe(f)}` : void 0;
  };
  const out = { ...result };
  const single = analyteOfTest(test.id);
  if (single && result.value !== void 0) {
    const hit = held(values, single, specimen)[0];
    if (hit) {
      Object.assign(out, componentFrom(hit));
      used.add(hit.from);
      changed = true;
    } else {
      const why = contradiction(single, result.value);
      if (why) return withheld(`Not consistent with the case: ${why}.`);
    }
  }
  if (result.components) {
    const components = {};
    const dropped = [];
    const reasons = [];
    const byAnalyte = /* @__PURE__ */ new Map();
    for (const [name, c] of Object.entries(result.components)) {
      const a = analyteOf(name);
      if (!a) {
        components[name] = c;
        continue;
      }
      const hit = held(values, a, specimen, site).find((v) => !v.from.startsWith("exam:"));
      if (hit) {
        components[name] = componentFrom(hit);
        used.add(hit.from);
        changed = true;
        byAnalyte.set(a, { name, fromCase: true });
        continue;
      }
      const why = contradiction(a);
      if (why) {
        dropped.push(name);
        reasons.push(why);
        changed = true;
        byAnalyte.set(a, { name, fromCase: false });
        continue;
      }
      components[name] = c;
      byAnalyte.set(a, { name, fromCase: false });
    }
    const gas = ["ph", "pco2", "bicarbonate"].map((a) => byAnalyte.get(a));
    if (gas.every(Boolean)) {
      const [ph, pco2, hco3] = gas;
      if (!(ph.fromCase && pco2.fromCase && hco3.fromCase)) {
        if ([ph, pco2, hco3].some((g) => dropped.includes(g.name))) return withheld(`Not consistent with the case: ${reasons.join("; ")}.`);
        const n = numberOf(components[ph.name].value);
        const p = pco2InMmHg(components[pco2.name]);
        const h = numberOf(components[hco3.name].value);
        if (n === void 0 || p === void 0 || h === void 0 || Math.abs(hendersonPh(h, p) - n) > 0.06) {
          return withheld(
            `pH, pCO2 and bicarbonate cannot agree with the values the case holds (${[ph, pco2, hco3].filter((g) => g.fromCase).map((g) => g.name).join(", ") || "none"}).`
          );
        }
      }
    }
    if (Object.keys(components).length === 0) return withheld(`Not consistent with the case: ${reasons.join("; ")}.`);
    out.components = components;
    if (dropped.length > 0) {
      const note = `Not available for this case: ${dropped.join(", ")}.`;
      out.text = out.text ? `${out.text} ${note}` : note;
    }
    if (changed) {
      return {
        decision: "adjusted",
        name: test.name,
        result: out,
        resolvedFrom: used.size ? [...used] : void 0,
        reason: [used.size ? `Case values used from ${[...used].join(", ")}.` : "", dropped.length ? `Left out: ${reasons.join("; ")}.` : ""].filter(Boolean).join(" ")
      };
    }
  }
  if (changed) return { decision: "adjusted", name: test.name, result: out, resolvedFrom: [...used], reason: `Case value used from ${[...used].join(", ")}.` };
  return { decision: "synthetic", name: test.name, result: out, reason: "The case does not hold this test and nothing in it contradicts a normal result." };
}

// src/encounter/order-result.ts
function sameResult(a, b) {
  return JSON.stringify(a) === JSON.stringify(JSON.parse(JSON.stringify(b)));
}
async function orderResult({
  kase,
  catalog,
  test,
  price,
  lab,
  rng
}) {
  const fromCase = answerFromCase({ kase, catalog, test });
  if (fromCase) return { ...fromCase, price, synthetic: false };
  const reply2 = await lab.result({ kase, test, rng });
  if (!reply2.synthetic)
    return { decision: "case", name: test.name, result: reply2.result, price, synthetic: false, reason: "The lab returned the case result." };
  const { text, value, unit, range, flag, components } = test.normal;
  const isTemplate = sameResult(reply2.result, { text, value, unit, range, flag, components });
  const checked2 = checkSynthetic({ kase, catalog, test, result: reply2.result, template: isTemplate });
  if (checked2.decision === "withheld") return { ...checked2, price: 0, synthetic: false };
  return { ...checked2, price, synthetic: true };
}

// src/encounter/engine.ts
var Encounter = class {
  kase;
  protocol;
  rng;
  /** The seed the encounter was started with. */
  seed;
  actors;
  catalog;
  now;
  log = [];
  drained = 0;
  history = [];
  shownMedia = /* @__PURE__ */ new Set();
  startMedia = [];
  dialogue = [];
  _turn = 0;
  _cost = 0;
  _inVisit = false;
  _endReason;
  constructor(init) {
    this.kase = init.kase;
    this.protocol = init.protocol;
    this.actors = init.actors;
    this.catalog = init.catalog;
    this.now = init.now ?? (() => /* @__PURE__ */ new Date());
    this.rng = createRng(init.seed);
    this.seed = init.seed;
    const p = init.kase.patient;
    this.emit({
      type: "start",
      caseId: init.kase.id,
      protocol: init.protocol,
      seed: init.seed,
      presentation: init.kase.presentation,
      patient: { age: p.age, ageUnit: p.age_unit, sex: p.sex, speaker: p.speaker }
    });
    const atStart = (init.kase.media ?? []).filter((m) => m.revealed === "start").map(shown);
    if (atStart.length) {
      for (const m of atStart) this.shownMedia.add(m.id);
      this.startMedia = atStart;
      this.emit({ type: "image", turn: 0, media: atStart, text: mediaText(atStart) });
    }
  }
  get ended() {
    return this._endReason !== void 0;
  }
  get endReason() {
    return this._endReason;
  }
  get turn() {
    return this._turn;
  }
  get cost() {
    return this._cost;
  }
  get events() {
    return this.log;
  }
  /** Events appended since the last drain, for persistence before the next step. */
  drainEvents() {
    const out = this.log.slice(this.drained);
    this.drained = this.log.length;
    return out;
  }
  /** What the doctor may see: the presentation and everything revealed so far. */
  view() {
    const p = this.kase.patient;
    return {
      presentation: this.kase.presentation,
      patient: { age: p.age, ageUnit: p.age_unit, sex: p.sex, speaker: p.speaker },
      protocol: this.protocol,
      turn: this._turn,
      turnsLeft: Math.max(0, this.protocol.maxTurns - this._turn),
      cost: this._cost,
      budgetLeft: this.protocol.budget === null ? null : Math.max(0, this.protocol.budget - this._cost),
      inVisit: this._inVisit,
      history: this.history,
      ...this.startMedia.length ? { media: this.startMedia } : {},
      ...this.kase.media?.length ? { imagesOnRequest: this.kase.media.filter((m) => !this.shownMedia.has(m.id)).length } : {}
    };
  }
  /** Records a doctor-side note (deliberation) in the log without taking a turn. */
  note(author, kind, data) {
    if (!this.ended) this.emit({ type: "note", turn: this._turn, author, kind, data });
  }
  /** Ends the encounter with reason error, recording why; used when the doctor or a model fails. */
  fail(code, message) {
    if (this.ended) return;
    this.emit({ type: "error", turn: this._turn, code, message: redactSecrets(message) });
    this.finish("error");
  }
  /** Applies one doctor action and returns what the doctor observes. */
  async step(input) {
    if (this.ended) throw new RoundsError(`Encounter on case ${this.kase.id} has already ended (${this._endReason}).`);
    const parsed2 = Action.safeParse(input);
    if (!parsed2.success) {
      const why = parsed2.error.issues.map((i) => `${i.path.join(".") || "action"}: ${i.message}`).join("; ");
      this.fail("invalid-action", `The doctor returned an invalid action (${why}).`);
      return { turn: this._turn, items: [], cost: this._cost, ended: true };
    }
    const action = parsed2.data;
    const turn = this._turn + 1;
    const items = [];
    if (action.type === "diagnose") {
      this._turn = turn;
      this.emit({ type: "action", turn, action });
      this.emit({ type: "diagnosis", turn, differential: action.differential, rationale: action.rationale });
      this.history.push({ turn, action, items });
      this.finish("diagnosed");
      return { turn, items, cost: this._cost, ended: true };
    }
    if (action.type === "image") {
      this._turn = turn;
      this.emit({ type: "action", turn, action });
      const want = (this.kase.media ?? []).filter((m) => !this.shownMedia.has(m.id) && (!action.ids?.length || action.ids.includes(m.id)));
      const media = want.map(shown);
      for (const m of media) this.shownMedia.add(m.id);
      const text = media.length ? mediaText(media) : (this.kase.media ?? []).length ? "No further images are available for this patient." : "There are no images for this patient.";
      this.emit({ type: "image", turn, media, text });
      if (media.length) for (const m of media) items.push({ kind: "image", media: m, text: m.caption || `Image ${m.id}` });
      else items.push({ kind: "notice", text });
      this.history.push({ turn, action, items });
      if (this._turn >= this.protocol.maxTurns) this.finish("turn-limit");
      return { turn, items, cost: this._cost, ended: this.ended };
    }
    const plan = this.plan(action);
    const budget = this.protocol.budget;
    if (budget !== null && this._cost + plan.charge > budget + 1e-9) {
      this._turn = turn;
      this.emit({ type: "action", turn, action });
      const text = `This would cost $${plan.charge.toFixed(2)} and exceed the budget of $${budget.toFixed(2)} ($${(budget - this._cost).toFixed(2)} left).`;
      this.emit({ type: "refused", turn, reason: "budget", text });
      items.push({ kind: "notice", text });
      this.history.push({ turn, action, items });
      this.finish("budget");
      return { turn, items, cost: this._cost, ended: true };
    }
    this._turn = turn;
    this.emit({ type: "action", turn, action });
    for (const r of plan.refusals) {
      this.emit({ type: "refused", turn, reason: r.reason, text: r.text });
      items.push({ kind: "notice", text: r.text });
    }
    if (plan.visitFee > 0) {
      this.emit({ type: "visit", turn, fee: plan.visitFee });
      this._cost += plan.visitFee;
    }
    if (action.type === "ask") {
      this._inVisit = true;
      for (const question of plan.questions) {
        const reply2 = await this.actors.patient.answer({ kase: this.kase, question, dialogue: this.dialogue, rng: this.rng, seed: this.seed });
        for (const leak of reply2.leaks ?? []) this.emit({ type: "leak", turn, text: leak.text, matched: leak.matched, withheld: leak.withheld });
        this.emit({
          type: "answer",
          turn,
          question,
          factIds: reply2.factIds,
          matched: reply2.matched,
          text: reply2.text,
          ...reply2.rule !== void 0 ? { rule: reply2.rule } : {},
          ...reply2.confidence !== void 0 ? { confidence: reply2.confidence } : {}
        });
        this.dialogue.push({ turn, question, text: reply2.text, factIds: reply2.factIds, matched: reply2.matched });
        items.push({ kind: "answer", question, text: reply2.text });
      }
    } else if (action.type === "examine") {
      this._inVisit = true;
      for (const target2 of plan.targets) {
        const reply2 = await this.actors.examiner.examine({ kase: this.kase, target: target2, rng: this.rng });
        this.emit({ type: "exam", turn, target: reply2.target, factIds: reply2.factIds, normal: reply2.normal, text: reply2.text });
        items.push({ kind: "exam", target: reply2.target, text: reply2.text });
      }
    } else {
      for (const u of plan.unrecognised) {
        if (this.protocol.vagueOrders === "ask-specific" && isVagueOrder(u)) {
          const text2 = askSpecificText(u);
          this.emit({ type: "refused", turn, reason: "vague", text: text2 });
          items.push({ kind: "notice", text: text2 });
          continue;
        }
        const text = `Order not recognised: "${u}". Please name a specific test.`;
        this.emit({ type: "unrecognised", turn, request: u, text });
        items.push({ kind: "notice", text });
      }
      for (const target2 of plan.examsFromOrder) {
        const reply2 = await this.actors.examiner.examine({ kase: this.kase, target: target2, rng: this.rng });
        this.emit({ type: "exam", turn, target: reply2.target, factIds: reply2.factIds, normal: reply2.normal, text: reply2.text });
        items.push({ kind: "exam", target: reply2.target, text: reply2.text });
      }
      if (plan.tests.length > 0) this._inVisit = false;
      for (const t of plan.tests) {
        if (t.local) {
          const result = this.kase.results[t.id];
          const name = localTestName(t.id);
          this.emit({
            type: "result",
            turn,
            request: t.request,
            testId: t.id,
            name,
            price: 0,
            result,
            synthetic: false,
            local: true,
            decision: "case",
            resolvedFrom: [t.id]
          });
          items.push({ kind: "result", request: t.request, testId: t.id, name, price: 0, result });
          continue;
        }
        if (t.held) {
          const price = this.catalog.has(t.id) ? this.catalog.price(t.id, this.protocol.prices) : 0;
          const h = t.held;
          this._cost += price;
          this.emit({
            type: "result",
            turn,
            request: t.request,
            testId: t.id,
            name: h.name,
            price,
            result: h.result,
            synthetic: false,
            decision: h.decision,
            resolvedFrom: h.resolvedFrom,
            reason: h.reason
          });
          items.push({ kind: "result", request: t.request, testId: t.id, name: h.name, price, result: h.result });
          continue;
        }
        const test = this.catalog.get(t.id);
        const o = await orderResult({
          kase: this.kase,
          catalog: this.catalog,
          test,
          price: this.catalog.price(t.id, this.protocol.prices),
          lab: this.actors.lab,
          rng: this.rng
        });
        this._cost += o.price;
        this.emit({
          type: "result",
          turn,
          request: t.request,
          testId: t.id,
          name: o.name,
          price: o.price,
          result: o.result,
          synthetic: o.synthetic,
          decision: o.decision,
          resolvedFrom: o.resolvedFrom,
          reason: o.reason
        });
        items.push({ kind: "result", request: t.request, testId: t.id, name: o.name, price: o.price, result: o.result });
      }
    }
    this.history.push({ turn, action, items });
    if (this._turn >= this.protocol.maxTurns) this.finish("turn-limit");
    return { turn, items, cost: this._cost, ended: this.ended };
  }
  /** Works out what an action will do and cost before anything is revealed. */
  plan(action) {
    const p = this.protocol;
    const refusals = [];
    const out = {
      questions: [],
      targets: [],
      tests: [],
      unrecognised: [],
      examsFromOrder: [],
      refusals,
      visitFee: 0,
      charge: 0
    };
    if (action.type === "ask" || action.type === "examine") {
      const list2 = action.type === "ask" ? action.questions : action.targets;
      const cap2 = action.type === "ask" ? p.maxQuestionsPerTurn : p.maxExamsPerTurn;
      if (list2.length > cap2) {
        refusals.push({
          reason: "per-turn-limit",
          text: `Only ${cap2} ${action.type === "ask" ? "question" : "examination"}${cap2 === 1 ? "" : "s"} per turn; the first ${cap2} were taken.`
        });
      }
      if (action.type === "ask") out.questions = action.questions.slice(0, cap2);
      else {
        for (const target2 of action.targets.slice(0, cap2)) {
          const named = canonicalTargets(target2);
          if (named.length > 1) out.targets.push(...named.filter((t) => !out.targets.includes(t)));
          else if (named.length === 1 || this.kase.facts.some((f) => f.category === "exam" && f.topic === target2)) out.targets.push(target2);
          else
            refusals.push({
              reason: "unknown-target",
              text: `"${target2}" is not an examination target. Try general, vitals, heent, neck, cardiovascular, respiratory, abdomen, neuro, skin, msk or extremities.`
            });
        }
      }
      out.visitFee = this._inVisit ? 0 : p.visitFee;
      out.charge = out.visitFee;
      return out;
    }
    for (const request2 of action.tests) {
      const whole = findLocalTest(this.kase, request2);
      if (whole) {
        if (!out.tests.some((x) => x.id === whole)) out.tests.push({ id: whole, request: request2, local: true });
        continue;
      }
      const r = this.catalog.resolve(request2);
      for (const t of r.tests) if (!out.tests.some((x) => x.id === t.id)) out.tests.push(t);
      for (const u of r.unrecognised) {
        const exam = /\b(exam|examination|physical)\b/i.test(u.replace(/_/g, " ")) ? canonicalTargets(u) : [];
        if (exam.length > 0) {
          for (const t of exam) if (!out.examsFromOrder.includes(t)) out.examsFromOrder.push(t);
          continue;
        }
        const parts = u.split(/\s+(?:and|plus|also|then|with)\s+/);
        const locals = parts.map((part) => findLocalTest(this.kase, part));
        const held2 = parts.map((part, i) => locals[i] ? void 0 : answerAnalyteFromCase({ kase: this.kase, catalog: this.catalog, request: part }));
        if (!locals.some(Boolean) && !held2.some(Boolean)) {
          out.unrecognised.push(u);
          continue;
        }
        parts.forEach((part, i) => {
          const local = locals[i];
          const h = held2[i];
          if (h) out.tests.push({ id: h.key, request: part, held: h });
          else if (!local) out.unrecognised.push(part.replace(/^(?:a|an|the)\s+/, ""));
          else if (!out.tests.some((x) => x.id === local)) out.tests.push({ id: local, request: part, local: true });
        });
      }
    }
    if (out.tests.length > p.maxTestsPerTurn) {
      const dropped = out.tests.splice(p.maxTestsPerTurn);
      refusals.push({
        reason: "per-turn-limit",
        text: `Only ${p.maxTestsPerTurn} test${p.maxTestsPerTurn === 1 ? "" : "s"} per turn; not ordered: ${dropped.map((d) => d.request).join(", ")}.`
      });
    }
    out.charge = out.tests.reduce((sum, t) => sum + this.catalog.price(t.id, p.prices), 0);
    return out;
  }
  finish(reason) {
    this._endReason = reason;
    this.emit({ type: "end", turn: this._turn, reason, cost: round2(this._cost), turns: this._turn });
  }
  emit(body) {
    this.log.push({ ...body, seq: this.log.length, at: this.now().toISOString() });
  }
};
function shown(m) {
  return { id: m.id, ...m.url ? { url: m.url } : {}, ...m.path ? { path: m.path } : {}, caption: m.caption };
}
function mediaText(media) {
  return media.map((m) => `Image ${m.id}${m.caption ? `: ${m.caption}` : ""}`).join("\n");
}
function round2(n) {
  return Math.round(n * 100) / 100;
}
function startEncounter(init) {
  return new Encounter(init);
}

// src/scoring/answer-clauses.ts
var NEGATED_START = /^(?:no (?:evidence|sign|signs|features|suggestion) (?:of|for)|not consistent with|not suggestive of|negative for|rather than|instead of|other than|ruled out|rules out|r\/o'd|less likely|not likely|unlikely(?: to be)?|doubtful|excluded|excluding|exclude[sd]?|improbable|not|no)\b[\s:,-]*/i;
var NEGATED_END = /[\s,-]*\b(?:ruled out|was ruled out|is ruled out|has been ruled out|excluded|was excluded|is excluded|unlikely|is unlikely|not likely|less likely|not supported|not present|absent|negative)\.?$/i;
function splitAnswer(answer) {
  const text = answer.replace(/\bnot having achieved remission\b/gi, "without remission").replace(/\bnot intractable\b/gi, "tractable").replace(/\bnot otherwise specified\b/gi, "NOS").replace(/\bnot elsewhere classified\b/gi, "NEC").replace(/\bnot specified\b/gi, "unspecified").replace(/\bsecondary to\b/gi, "due to");
  const pieces = text.split(/\s*(?:;|\n|\.\s|,|\bbut\b|(?=\brather than\b)|(?=\binstead of\b)|(?<=\w)\s+(?=not\b))\s*/i).map((p) => p.trim()).filter(Boolean);
  const affirmed = [];
  const negated = [];
  for (const piece of pieces) {
    const start = NEGATED_START.exec(piece);
    if (start) negated.push(piece.slice(start[0].length).trim());
    else if (NEGATED_END.test(piece)) negated.push(piece.replace(NEGATED_END, "").trim());
    else affirmed.push(piece);
  }
  return { affirmed: affirmed.join(" ").replace(/\s+/g, " ").trim(), negated: negated.filter(Boolean) };
}

// src/scoring/qualifiers.ts
var GROUPS = [
  { group: "acuity", values: { acute: /\b(acute|hyperacute)\b/, chronic: /\bchronic\b/, subacute: /\bsubacute\b/ } },
  { group: "origin", values: { primary: /\bprimary\b/, secondary: /\bsecondary\b/, tertiary: /\btertiary\b/ } },
  { group: "diabetes type", values: { "type 1": /\btype (1|i|one)\b/, "type 2": /\btype (2|ii|two)\b/ } },
  {
    group: "bipolar type",
    values: { "bipolar I": /\bbipolar (1|i|one)\b/, "bipolar II": /\bbipolar (2|ii|two)\b/ },
    strip: /(?<=\bbipolar )(1|i|one|2|ii|two)\b/g
  },
  { group: "Stanford type", values: { "type A": /\b(type a|stanford a)\b/, "type B": /\b(type b|stanford b)\b/ } },
  { group: "behaviour", values: { benign: /\bbenign\b/, malignant: /\b(malignant|cancer|carcinoma|sarcoma|metastatic)\b/ } },
  { group: "invasion", values: { "in situ": /\bin situ\b/, invasive: /\binvasive\b/ } },
  { group: "side", values: { left: /\bleft\b/, right: /\bright\b/, bilateral: /\bbilateral\b/ } },
  {
    group: "lineage",
    values: { myeloid: /\b(myeloid|myeloblastic|myelomonocytic|promyelocytic|monocytic)\b/, lymphoid: /\b(lymphoid|lymphoblastic|lymphocytic)\b/ }
  },
  { group: "heart failure type", values: { systolic: /\bsystolic\b/, diastolic: /\bdiastolic\b/ } },
  {
    group: "stroke type",
    values: {
      ischemic: /^(?!.*hemorrhag).*\bstroke\b|\b(ischemic|infarction)\b(?=.*\b(stroke|cerebral|brain)\b)/,
      hemorrhagic: /\b(hemorrhagic|hemorrhage)\b(?=.*\b(stroke|cerebral|brain|intracerebral)\b)|\bintracerebral hemorrhage\b/
    }
  },
  { group: "hearing loss type", values: { sensorineural: /\bsensorineural\b/, conductive: /\bconductive\b/ } },
  { group: "glaucoma type", values: { "open angle": /\bopen angle\b/, "angle closure": /\b(angle closure|closed angle|narrow angle)\b/ } },
  { group: "level", values: { upper: /\bupper\b/, lower: /\blower\b/ } },
  { group: "calculus", values: { calculous: /\bcalculous\b/, acalculous: /\bacalculous\b/ } },
  { group: "completeness", values: { complete: /\bcomplete\b/, partial: /\b(partial|incomplete)\b/ } },
  {
    group: "organism class",
    values: {
      viral: /\b(viral|virus)\b/,
      bacterial: /\b(bacterial|pneumococcal|streptococcal|staphylococcal|meningococcal|gonococcal|bacteria)\b/,
      fungal: /\b(fungal|candidal)\b/
    }
  },
  {
    group: "hepatitis virus",
    values: {
      "hepatitis A": /\bhepatitis a\b/,
      "hepatitis B": /\bhepatitis b\b/,
      "hepatitis C": /\bhepatitis c\b/,
      "hepatitis D": /\bhepatitis d\b/,
      "hepatitis E": /\bhepatitis e\b/
    }
  },
  { group: "myasthenia extent", values: { ocular: /\bocular\b/, generalized: /\bgeneralized\b/ } },
  { group: "angina stability", values: { stable: /\bstable\b/, unstable: /\bunstable\b/ } },
  { group: "acquisition", values: { community: /\bcommunity acquired\b/, hospital: /\b(hospital acquired|nosocomial|ventilator associated)\b/ } },
  { group: "episode", values: { single: /\bsingle episode\b/, recurrent: /\brecurrent\b/ } },
  { group: "rupture", values: { ruptured: /\bruptured\b/, unruptured: /\bunruptured\b/ } },
  { group: "macular degeneration", values: { dry: /\b(dry|atrophic)\b/, wet: /\b(wet|exudative|neovascular)\b/ } },
  { group: "anorexia type", values: { restricting: /\brestricting\b/, "binge-purge": /\b(binge|purging)\b/ } },
  { group: "retinal occlusion", values: { central: /\bcentral retinal\b/, branch: /\bbranch retinal\b/ } },
  {
    group: "mood episode",
    values: { manic: /\b(manic|mania)\b/, depressed: /\b(depressed|depressive)\b(?=.*\bbipolar\b)|\bbipolar\b.*\b(depressed|depressive)\b/ }
  }
];
function qualifiersOf(canonical) {
  const groups = /* @__PURE__ */ new Map();
  for (const { group, values } of GROUPS) {
    for (const [value, re] of Object.entries(values)) {
      if (re.test(canonical)) groups.set(group, (groups.get(group) ?? /* @__PURE__ */ new Set()).add(value));
    }
  }
  if (/\bacute on chronic\b/.test(canonical)) groups.delete("acuity");
  const words2 = canonical.split(" ");
  const negatedWords = /* @__PURE__ */ new Set();
  const plainWords = /* @__PURE__ */ new Set();
  const withWords = /* @__PURE__ */ new Set();
  const withoutWords = /* @__PURE__ */ new Set();
  for (let i = 0; i < words2.length; i++) {
    const w = words2[i];
    if (w === "non" && words2[i + 1]) negatedWords.add(words2[++i]);
    else if (/^non[a-z]{5,}$/.test(w) && !/^(none|nonspecific)/.test(w)) negatedWords.add(w.slice(3));
    else plainWords.add(w);
    if (w === "with" && words2[i + 1]) withWords.add(words2[i + 1]);
    if (w === "without" && words2[i + 1]) withoutWords.add(words2[i + 1]);
  }
  return { groups, negatedWords, plainWords, withWords, withoutWords };
}
var DEFINING = /* @__PURE__ */ new Set([
  "acuity",
  "origin",
  "behaviour",
  "invasion",
  "lineage",
  "diabetes type",
  "organism class",
  "hepatitis virus",
  "stroke type",
  "glaucoma type",
  "hearing loss type",
  "rupture",
  "retinal occlusion",
  "macular degeneration",
  "calculus"
]);
function qualifierConflict(answer, truth, truthAll) {
  const found = findConflict(answer, truth, truthAll);
  if (!found) return void 0;
  const kind = found.group === "side" ? "side" : found.group && DEFINING.has(found.group) ? "defining" : "subtype";
  return { reason: found.reason, kind, strip: found.strip };
}
function global(re) {
  return new RegExp(re.source, "g");
}
function findConflict(answer, truth, truthAll) {
  let side;
  for (const [group, values] of answer.groups) {
    const spec = GROUPS.find((g) => g.group === group);
    const want = truth.groups.get(group);
    if (!want) continue;
    for (const v of values) {
      if (want.has(v)) continue;
      if (truthAll.some((q) => q.groups.get(group)?.has(v))) continue;
      if ([...want].some((w) => values.has(w))) continue;
      const found = { reason: `"${v}" contradicts "${[...want].join("/")}" (${group})`, group, strip: spec.strip ?? global(spec.values[v]) };
      if (group !== "side") return found;
      side ??= found;
    }
  }
  for (const w of answer.negatedWords) {
    if (truth.plainWords.has(w) && !truthAll.some((q) => q.negatedWords.has(w)))
      return { reason: `"non-${w}" contradicts "${w}"`, strip: new RegExp(`\\bnon ?${w}\\b`, "g") };
  }
  for (const w of answer.plainWords) {
    if (truth.negatedWords.has(w) && !truthAll.some((q) => q.plainWords.has(w) && !q.negatedWords.has(w)))
      return { reason: `"${w}" contradicts "non-${w}"`, strip: new RegExp(`\\b${w}\\b`, "g") };
  }
  for (const w of answer.withoutWords)
    if (truth.withWords.has(w)) return { reason: `"without ${w}" contradicts "with ${w}"`, strip: new RegExp(`\\bwithout ${w}\\b`, "g") };
  for (const w of answer.withoutWords)
    if (truth.plainWords.has(w) && !truth.withoutWords.has(w))
      return { reason: `"without ${w}" denies "${w}"`, group: "origin", strip: new RegExp(`\\bwithout ${w}\\b`, "g") };
  for (const w of answer.withWords)
    if (truth.withoutWords.has(w)) return { reason: `"with ${w}" contradicts "without ${w}"`, strip: new RegExp(`\\bwith ${w}\\b`, "g") };
  return side;
}

// src/scoring/disease-categories.ts
var MULTI_DISEASE = new Set(
  "E08 E09 E10 E11 E13 A04 A08 A49 A69 B37 B99 C83 C84 C85 C90 C91 C92 C93 C94 C95 C96 D35 D44 D47 D61 D64 D68 D69 D72 D75 D89 E05 E06 E07 E16 E20 E21 E22 E23 E24 E27 E28 E34 E72 E83 E85 E87 E88 F06 F10 F11 F12 F13 F14 F15 F16 F19 F41 F43 F44 F50 F90 F91 F98 G04 G11 G12 G23 G24 G25 G31 G37 G44 G45 G47 G51 G52 G54 G56 G57 G58 G61 G62 G70 G72 G89 G90 G93 G96 G98 H04 H16 H18 H20 H25 H26 H33 H34 H35 H40 H43 H47 H49 H53 H57 H60 H66 H70 H72 H74 H81 H83 H90 H91 H93 I25 I27 I28 I31 I34 I35 I36 I37 I44 I45 I47 I48 I49 I51 I67 I71 I72 I73 I77 I78 I80 I82 I87 I95 I99 J05 J06 J38 J39 J43 J47 J68 J70 J84 J95 J96 J98 K11 K13 K22 K31 K52 K56 K57 K59 K62 K63 K64 K76 K80 K82 K83 K86 K90 K92 L08 L51 L53 L57 L81 L92 L94 L98 M02 M06 M08 M11 M12 M24 M25 M30 M31 M33 M34 M35 M46 M48 M53 M54 M62 M79 M84 M85 M89 M94 N02 N03 N04 N05 N06 N07 N08 N13 N25 N28 N39 N42 N48 N50 N64 N73 N76 N80 N83 N85 N89 N92 N93 N94 N95 O26 O36 O42 O43 O44 O98 O99 Q21 Q24 Q25 Q43 Q44 Q61 Q87 Q89 T36 T37 T38 T39 T40 T41 T42 T43 T44 T45 T46 T47 T48 T49 T50 T51 T52 T53 T54 T55 T56 T57 T59 T60 T61 T62 T63 T64 T65 T66 T67 T73 T75 T78 T80 T81 T82 T83 T84 T85 T86 T87 T88".split(" ")
);
function categoryIsOneDisease(category) {
  const c = category.toUpperCase().slice(0, 3);
  if (MULTI_DISEASE.has(c) || /^[RSVWXYZU]/.test(c)) return false;
  const info = describeCode(c);
  if (!info) return false;
  return !/\b(other|and|or|disorders? of|diseases? of|conditions?|effects?|complications?|abnormal|symptoms?|findings?|poisoning|injury|unspecified)\b/i.test(
    info.title
  );
}

// src/scoring/diagnosis-match.ts
var HARMLESS = /\b(severe|severely|mild|mildly|moderate|moderately|critical|massive|significant|probable|probably|likely|most likely|possible|possibly|suspected|suspect|presumed|presumptive|query|r o|rule out|confirmed|definite|classic|classical|typical|clinical|clinically|diagnosis|dx|consistent with|picture of|sided|early|uncomplicated|florid|frank|active|new|new onset|first episode|exacerbation|acute exacerbation|exacerbated|decompensated|decompensation|flare|flare up)\b/g;
var DETAIL = new Set(
  [
    "acute",
    "left",
    "right",
    "bilateral",
    "unilateral",
    "eye",
    "ear",
    "valve",
    "wall",
    "territory",
    "episode",
    "single",
    "current",
    "spontaneous",
    "exacerbation",
    "flare",
    "infection",
    "primary",
    "generalized",
    "seropositive",
    "seronegative",
    "positive",
    "antibody",
    "cutaneous",
    "skin",
    "idiopathic",
    "isolated",
    "true",
    "complete",
    "plaque",
    "superficial",
    "spreading",
    "adult",
    "onset",
    "stage",
    "grade",
    "phase",
    "st",
    "elevation",
    "segment",
    "lobe",
    "posterior",
    "canal",
    "institutional",
    "outbreak",
    "current",
    "manic",
    "restricting",
    "inferior",
    "anterior",
    "lateral",
    "chronic",
    "calculous",
    "distal",
    "proximal",
    "maxillary",
    "frontal",
    "ethmoidal",
    "sphenoidal",
    "retrobulbar",
    "localized",
    "macula",
    "on",
    "complicating",
    "cirrhosis",
    "ingestion",
    "induced",
    "first",
    "tricuspid",
    "mitral",
    "community",
    "acquired",
    "nonpurulent",
    "purulent",
    "terminal",
    "ileum",
    "tubal",
    "ruptured"
  ].map(stem)
);
var SIBLING_MAKERS = new Set(
  [
    "eosinophilic",
    "smoldering",
    "smouldering",
    "trait",
    "carrier",
    "latent",
    "discoid",
    "congenital",
    "neonatal",
    "gestational",
    "pseudo",
    "microscopic",
    "reactive",
    "cytomegalovirus",
    "cytomegaloviral",
    "postherpetic",
    "post",
    "tertiary",
    "traumatic",
    "iatrogenic",
    "hereditary",
    "familial",
    "atypical",
    "variant",
    "overlap",
    "insipidus",
    "tension",
    "subclinical",
    "borderline",
    "juvenile",
    "sequelae",
    "history",
    "personal",
    "screening",
    "risk"
  ].map(stem)
);
var GENERIC3 = new Set(
  [
    "pain",
    "mass",
    "lesion",
    "infection",
    "inflammation",
    "failure",
    "disease",
    "stenosis",
    "torsion",
    "palsy",
    "abscess",
    "bleeding",
    "hemorrhage",
    "crisis",
    "overdose",
    "poisoning",
    "toxicity",
    "injury",
    "acute",
    "chronic"
  ].map(stem)
);
function prepare(raw, keepParentheses = false) {
  const bare = keepParentheses ? raw.replace(/[()]/g, " ") : raw.replace(/\([^)]*\)/g, " ");
  const canonical = canonicalDiagnosis(bare).replace(HARMLESS, " ").replace(/\s+/g, " ").trim();
  const all = canonicalDiagnosis(raw.replace(/[()]/g, " ")).replace(HARMLESS, " ");
  const headRaw = bare.split(/[,;/]|\bdue to\b|\bsecondary to\b|\bwith\b|\bin (?:the|a|an)\b|\bof the\b|\bfrom\b|\bcomplicating\b/i)[0];
  const head = canonicalDiagnosis(headRaw).replace(HARMLESS, " ");
  const words2 = new Set(stemBag(canonical));
  return {
    raw,
    canonical,
    words: words2,
    allWords: /* @__PURE__ */ new Set([...words2, ...stemBag(all)]),
    head: new Set(stemBag(head)),
    qualifiers: qualifiersOf(canonicalDiagnosis(raw))
  };
}
function containsWords(text, phrase) {
  const have = new Set(stemBag(text));
  const want = stemBag(phrase);
  return want.length > 0 && want.every((w) => have.has(w));
}
function covers(big, small) {
  if (small.size === 0) return false;
  for (const w of small) if (!big.has(w)) return false;
  return true;
}
function relate(answer, truth) {
  const a = canonicalCode(answer);
  const t = canonicalCode(truth);
  if (a === t || t.startsWith(a) || a.startsWith(t)) return "same";
  if (categoryOf(a) !== categoryOf(t)) return "none";
  let common = 0;
  while (common < a.length && a[common] === t[common]) common++;
  const rest = a.slice(common).replace(".", "");
  const title = describeCode(a)?.title ?? "";
  return /\bunspecified\b/i.test(title) && /^[09]/.test(rest) ? "unspecified" : "category";
}
function sharedBranch(a, b) {
  const x = canonicalCode(a);
  const y = canonicalCode(b);
  let n = 0;
  while (n < x.length && x[n] === y[n]) n++;
  return x.slice(0, n).replace(/\.$/, "");
}
function oneDiseaseBranch(_a, b) {
  return categoryIsOneDisease(categoryOf(b));
}
function matchDiagnosis(kase, entry2) {
  let seen = remembered.get(kase);
  if (!seen) remembered.set(kase, seen = /* @__PURE__ */ new Map());
  const key3 = `${entry2.name}\0${entry2.icd10 ?? ""}`;
  const hit = seen.get(key3);
  if (hit) return { ...hit };
  const verdict = decide(kase, entry2);
  if (seen.size >= REMEMBER_PER_CASE) seen.clear();
  seen.set(key3, verdict);
  return { ...verdict };
}
var remembered = /* @__PURE__ */ new WeakMap();
var REMEMBER_PER_CASE = 4096;
function decide(kase, entry2) {
  const truth = kase.diagnosis;
  const { affirmed, negated } = splitAnswer(entry2.name);
  if (!affirmed) {
    return { level: "incorrect", reason: `"${entry2.name}" rules out ${negated.map((n) => `"${n}"`).join(", ") || "its diagnosis"} rather than naming one` };
  }
  const said = negated.length ? `"${affirmed}" (ruling out ${negated.map((n) => `"${n}"`).join(", ")})` : `"${entry2.name}"`;
  const truths = [truth.name, ...truth.accept].map((n) => prepare(n));
  const answer = prepare(affirmed, true);
  const conflict = qualifierConflict(
    answer.qualifiers,
    truths[0].qualifiers,
    truths.map((t) => t.qualifiers)
  );
  if (conflict && conflict.kind !== "defining") {
    const rest = prepare(canonicalDiagnosis(affirmed).replace(conflict.strip, " "), true);
    const again = judge(kase, entry2, rest, truths, void 0, said);
    if (again.level === "correct")
      return { level: "partial", reason: `${again.reason}, but ${conflict.kind === "side" ? "on the wrong side" : "another form of it"}: ${conflict.reason}` };
  }
  return judge(kase, entry2, answer, truths, conflict, said);
}
function judge(kase, entry2, answer, truths, conflict, said) {
  const truth = kase.diagnosis;
  const names = [truth.name, ...truth.accept];
  const main = truths[0];
  const codeKnown = kase.extra?.icd10_unknown !== true;
  let answerCodesCache;
  const answerCodes = () => {
    if (answerCodesCache) return answerCodesCache;
    const list2 = [];
    if (entry2.icd10) list2.push({ code: canonicalCode(entry2.icd10), term: `the answer's code ${canonicalCode(entry2.icd10)}` });
    for (const m of matchTerms(answer.canonical)) list2.push({ code: m.code, term: m.term });
    return answerCodesCache = list2;
  };
  let truthCodesCache;
  const truthCodes = () => {
    if (truthCodesCache) return truthCodesCache;
    const list2 = [];
    if (codeKnown) list2.push({ code: canonicalCode(truth.icd10), term: `the case code ${truth.icd10}` });
    else for (const t of truths) for (const m of matchTerms(t.canonical)) if (!m.code.startsWith("R69")) list2.push({ code: m.code, term: m.term });
    return truthCodesCache = list2;
  };
  for (let i = 0; i < truths.length; i++) {
    if (truths[i].canonical === answer.canonical)
      return { level: "correct", reason: `${said} is ${i === 0 ? "the diagnosis" : "the accepted name"} "${names[i]}"` };
  }
  if (!conflict && entry2.icd10 && codeKnown && relate(entry2.icd10, truth.icd10) === "same") {
    return {
      level: "correct",
      reason: `ICD-10 ${canonicalCode(entry2.icd10)} is the case code ${truth.icd10} at ${canonicalCode(entry2.icd10) === canonicalCode(truth.icd10) ? "the same" : "another"} level of detail`
    };
  }
  for (const term of truth.partial) {
    if (prepare(term).canonical === answer.canonical) return { level: "partial", reason: `${said} is the partial-credit name "${term}"` };
  }
  if (!conflict) {
    for (let i = 0; i < truths.length; i++) {
      const t = truths[i];
      const which = i === 0 ? "the diagnosis" : "the accepted name";
      if (t.canonical === answer.canonical) return { level: "correct", reason: `${said} is ${which} "${names[i]}"` };
      const head = headOf(t, i === 0 && codeKnown ? truth.icd10 : void 0);
      const core = [...head].filter(
        (w) => !DETAIL.has(w) || (w === ACUTE || w === CHRONIC) && acuityDefines(codeKnown ? truth.icd10 : truthCodes()[0]?.code, w)
      );
      const missing = [...head].filter((w) => !answer.words.has(w));
      if (!core.length || core.every((w) => GENERIC3.has(w)) || !core.every((w) => answer.words.has(w))) continue;
      const added = [...answer.words].filter((w) => !t.allWords.has(w));
      if (added.some((w) => SIBLING_MAKERS.has(w))) continue;
      if (added.length && !addedDetailFits(answerCodes(), truthCodes())) continue;
      const how = added.length ? "names the disease with more detail" : missing.length ? `is it without its detail (${missing.join(", ")})` : "names it";
      return { level: "correct", reason: `${said} ${how}: ${which} "${names[i]}"` };
    }
  }
  let best;
  const order = ["same", "unspecified", "category", "none"];
  for (const a of answerCodes()) {
    for (const t of truthCodes()) {
      const rel = relate(a.code, t.code);
      if (!best || order.indexOf(rel) < order.indexOf(best.rel)) best = { rel, a, t };
    }
  }
  if (best && best.rel !== "none") {
    const oneDisease = oneDiseaseBranch(best.a.code, best.t.code);
    const via = `${said} codes to ${best.a.code} (${best.a.term})`;
    const where = sharedBranch(best.a.code, best.t.code) || categoryOf(best.t.code);
    if (conflict) {
      if (oneDisease && conflict.kind === "subtype")
        return { level: "partial", reason: `${via}, another form of the case's disease in ${where} (${best.t.code}): ${conflict.reason}` };
    } else if (best.rel === "same") {
      return { level: "correct", reason: `${via}, the case code ${best.t.code} at ${best.a.code === best.t.code ? "the same" : "another"} level of detail` };
    } else if (best.rel === "unspecified" || best.rel === "category" && isDefaultCode(best.t.code) && [...main.head].every((w) => answer.words.has(w) || DETAIL.has(w))) {
      if (oneDisease) return { level: "correct", reason: `${via} and the case code ${best.t.code} are the same disease in ${where}, one of them unspecified` };
      return { level: "partial", reason: `${via}, the unspecified code of ${where}, which holds several diseases besides the case's ${best.t.code}` };
    } else if (oneDisease) {
      return { level: "partial", reason: `${via}, another form of the case's disease in ${where} (${best.t.code})` };
    }
  }
  if (!conflict) {
    const member = familyMembers(answer.canonical).find((m) => truths.some((t) => containsWords(t.canonical, m)));
    if (member) return { level: "partial", reason: `${said} names the family that "${truth.name}" belongs to (${member})` };
  }
  const family = [...answer.words];
  if (!conflict && family.length && family.every((w) => main.head.has(w)) && family.length < main.head.size && !family.every((w) => GENERIC3.has(w))) {
    return { level: "partial", reason: `${said} names the family of "${truth.name}" without what makes it this disease` };
  }
  const part = [...answer.words];
  const asPhrase = ` ${main.canonical} `.includes(` ${answer.canonical} `);
  if (!conflict && asPhrase && part.length && part.length < main.words.size && part.some((w) => !GENERIC3.has(w) && !DETAIL.has(w))) {
    return { level: "partial", reason: `${said} names part of "${truth.name}"` };
  }
  for (const term of truth.partial) {
    const p = prepare(term);
    if (qualifierConflict(answer.qualifiers, p.qualifiers, [p.qualifiers])) continue;
    if (p.canonical === answer.canonical || covers(answer.words, p.words))
      return { level: "partial", reason: `${said} matches the partial-credit name "${term}"` };
  }
  if (conflict) return { level: "incorrect", reason: `${said} differs from "${truth.name}": ${conflict.reason}` };
  const codeNote = best ? `; its code ${best.a.code} is not a form of ${best.t.code}` : "";
  return { level: "incorrect", reason: `${said} does not match "${truth.name}" (${truth.icd10}) or its accepted names${codeNote}` };
}
var ACUTE = stem("acute");
var CHRONIC = stem("chronic");
function isDefaultCode(code) {
  const c = canonicalCode(code);
  const title = describeCode(c)?.title ?? "";
  const m = /^(.*?),? unspecified\b/i.exec(title) ?? /^unspecified (.*)$/i.exec(title);
  const heading = describeCode(categoryOf(c))?.title;
  return !!m && !!heading && canonicalDiagnosis(m[1]) === canonicalDiagnosis(heading);
}
function addedDetailFits(answer, truth) {
  if (!answer.length || !truth.length) return true;
  return answer.some(
    (a) => truth.some((t) => {
      const rel = relate(a.code, t.code);
      return rel === "same" || rel !== "none" && isDefaultCode(t.code) && categoryIsOneDisease(categoryOf(t.code));
    })
  );
}
function headOf(t, code) {
  if (!code || !/\b(due to|secondary to|from)\b/i.test(t.raw)) return t.head;
  const headText = t.raw.replace(/\([^)]*\)/g, " ").split(/\bdue to\b|\bsecondary to\b|\bfrom\b/i)[0];
  const codes = matchTerms(canonicalDiagnosis(headText).replace(HARMLESS, " "));
  const more2 = codes.length ? codes : matchTerms(
    canonicalDiagnosis(headText).replace(/\bacute\b/g, " ").replace(HARMLESS, " ")
  );
  if (!more2.length || more2.some((c) => categoryOf(c.code) === categoryOf(code))) return t.head;
  const cause = t.raw.replace(/\([^)]*\)/g, " ").split(/\bdue to\b|\bsecondary to\b|\bfrom\b/i).slice(1).join(" ");
  const words2 = new Set(stemBag(canonicalDiagnosis(cause).replace(HARMLESS, " ")));
  return words2.size ? words2 : t.words;
}
function acuityDefines(code, word) {
  if (!code) return true;
  const info = describeCode(categoryOf(code));
  const other = word === ACUTE ? /\bchronic\b/i : /\bacute\b/i;
  return !!info && info.billableChildren.some((c) => other.test(describeCode(c)?.title ?? ""));
}

// src/scoring/score-encounter.ts
function scoreEncounter(kase, events) {
  const of = (t) => events.filter((e) => e.type === t);
  const end = of("end")[0];
  const dx = of("diagnosis")[0];
  const scores = [];
  let verdict;
  if (!end) {
    verdict = "error";
    scores.push({ name: "diagnosis", value: null, detail: "the encounter has no end event; it did not finish" });
  } else if (end.reason === "error") {
    const err = of("error")[0];
    verdict = "error";
    scores.push({ name: "diagnosis", value: null, detail: `not scored: the encounter ended in error (${err?.message ?? "unknown error"})` });
  } else if (!dx) {
    verdict = "no-diagnosis";
    const why = `no diagnosis was made: the encounter ended by ${end.reason}`;
    scores.push({ name: "diagnosis", value: 0, detail: why }, { name: "top1", value: 0, detail: why }, { name: "top3", value: 0, detail: why });
  } else {
    const matches = dx.differential.map((d) => matchDiagnosis(kase, d));
    const first = matches[0];
    verdict = first.level;
    scores.push({ name: "diagnosis", value: first.level === "correct" ? 1 : first.level === "partial" ? 0.5 : 0, detail: `${first.level}: ${first.reason}` });
    scores.push({ name: "top1", value: first.level === "correct" ? 1 : 0, detail: first.reason });
    const hit = matches.slice(0, 3).findIndex((m) => m.level === "correct");
    scores.push({
      name: "top3",
      value: hit >= 0 ? 1 : 0,
      detail: hit >= 0 ? `rank ${hit + 1}: ${matches[hit].reason}` : `none of the top ${Math.min(3, matches.length)} matches "${kase.diagnosis.name}"`
    });
  }
  const results = of("result");
  const answers = of("answer");
  const exams = of("exam");
  const visits = of("visit");
  const cost = end?.cost ?? 0;
  const testCost = results.reduce((s, r) => s + r.price, 0);
  const visitCost = visits.reduce((s, v) => s + v.fee, 0);
  scores.push({
    name: "cost",
    value: cost,
    detail: `$${testCost.toFixed(2)} for ${plural(results.length, "test")} + $${visitCost.toFixed(2)} for ${plural(visits.length, "visit")}`
  });
  scores.push({ name: "turns", value: end?.turns ?? of("action").length, detail: `${of("action").length} doctor actions` });
  scores.push({
    name: "questions",
    value: answers.length,
    detail: `${answers.filter((a) => a.factIds.length > 0).length} of ${answers.length} questions matched a case fact`
  });
  scores.push({ name: "exams", value: exams.length, detail: `${exams.filter((e) => !e.normal).length} of ${exams.length} examinations found case findings` });
  scores.push({
    name: "tests",
    value: results.length,
    detail: `${results.filter((r) => !r.synthetic && r.decision !== "withheld").length} of ${results.length} tests were listed in the case`
  });
  const { must_ask, must_order, must_not } = kase.expected;
  if (must_ask.length) {
    const asked = new Set(answers.flatMap((a) => a.factIds));
    const got = must_ask.filter((id) => asked.has(id));
    const missed = must_ask.filter((id) => !asked.has(id));
    scores.push({ name: "must_ask", value: got.length / must_ask.length, detail: missed.length ? `missed ${missed.join(", ")}` : "asked every must-ask item" });
  }
  if (must_order.length) {
    const ordered = new Set(results.map((r) => r.testId));
    const missed = must_order.filter((id) => !ordered.has(id));
    scores.push({
      name: "must_order",
      value: (must_order.length - missed.length) / must_order.length,
      detail: missed.length ? `did not order ${missed.join(", ")}` : "ordered every must-order test"
    });
  }
  if (must_not.length) {
    const ordered = new Set(results.map((r) => r.testId));
    const bad = must_not.filter((id) => ordered.has(id));
    scores.push({
      name: "must_not",
      value: bad.length,
      detail: bad.length ? `ordered ${bad.join(", ")}, which this case should not get` : "ordered nothing on the must-not list"
    });
  }
  return { verdict, scores };
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// src/run/run-encounter.ts
async function runEncounter(input) {
  const usage = emptyUsage();
  const scope = { runtime: input.llm ?? (defaultRuntime ??= createRuntime()), usage, seed: `${input.item.seed}:${input.item.id}`, signal: input.signal };
  return withCallScope(scope, () => driveEncounter(input, usage));
}
var defaultRuntime;
async function driveEncounter(input, usage) {
  const { item, store, actors, catalog, signal } = input;
  const now = input.now ?? (() => /* @__PURE__ */ new Date());
  const attempt = await store.beginEncounter(item.id, now().toISOString());
  const encounter = startEncounter({ kase: item.kase, actors, protocol: item.protocolConfig, catalog, seed: item.seed, now });
  const doctor2 = item.factory.create({
    catalog,
    protocol: item.protocolConfig,
    rng: encounter.rng,
    biasDisease: biasDisease({ kase: item.kase, seed: item.seed }),
    signal,
    note: (kind, data) => encounter.note(item.doctor, kind, data)
  });
  const held2 = item.factory.replayable && actors.replayable ? [] : void 0;
  while (!encounter.ended) {
    await new Promise((r) => setImmediate(r));
    if (signal?.aborted) return void 0;
    if (held2) held2.push(...encounter.drainEvents());
    else await store.appendEvents(item.id, encounter.drainEvents(), attempt);
    let action;
    try {
      action = await doctor2.act(encounter.view());
    } catch (e) {
      if (signal?.aborted) return void 0;
      encounter.fail("doctor-error", `The doctor failed: ${e.message ?? String(e)}`);
      break;
    }
    try {
      await encounter.step(action);
    } catch (e) {
      if (signal?.aborted) return void 0;
      encounter.fail("actor-error", `The hospital side failed: ${e.message ?? String(e)}`);
    }
  }
  const { verdict, scores } = scoreEncounter(item.kase, encounter.events);
  if (input.judge && verdict !== "error") {
    scores.push(...await input.judge.score({ kase: item.kase, events: encounter.events }));
    if (signal?.aborted) return void 0;
  }
  if (usage.calls > 0) scores.push(...usageScores(usage));
  const result = { id: item.id, verdict, cost: encounter.cost, turns: encounter.turn };
  await store.finishEncounter(
    item.id,
    held2 ? [...held2, ...encounter.drainEvents()] : encounter.drainEvents(),
    {
      endReason: encounter.endReason ?? null,
      verdict,
      cost: Math.round(encounter.cost * 100) / 100,
      turns: encounter.turn,
      finishedAt: now().toISOString(),
      scores
    },
    attempt
  );
  return result;
}

// src/run/local-runner.ts
async function runLocal(input) {
  const { items, store, actors, catalog, signal } = input;
  const progress = input.alreadyDone ? { ...input.alreadyDone } : { done: 0, total: items.length, correct: 0, scored: 0, errors: 0 };
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++];
      const r = await runEncounter({ item, store, actors, catalog, signal, llm: input.llm, judge: input.judge });
      if (!r) continue;
      progress.done++;
      if (r.verdict === "error") progress.errors++;
      else {
        progress.scored++;
        if (r.verdict === "correct") progress.correct++;
      }
      input.onProgress?.(progress, r);
      await new Promise((resolve4) => setImmediate(resolve4));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency, items.length)) }, worker));
  return { progress, completed: !signal?.aborted && next >= items.length };
}

// src/run/versions.ts
import { readFileSync as readFileSync14 } from "node:fs";
import { join as join11 } from "node:path";
function collectVersions() {
  const pkg = JSON.parse(readFileSync14(join11(packageRoot(), "package.json"), "utf8"));
  return { rounds: pkg.version, node: process.version };
}

// src/case/lay-terms.ts
import { readFileSync as readFileSync15 } from "node:fs";
import { join as join12 } from "node:path";
import { parse as parse5 } from "yaml";
import { z as z17 } from "zod";
var LayEntry = z17.object({
  /** How the patient names the topic in a plain denial ("blood in {my} urine"). */
  say: z17.string().min(1).optional(),
  /** A whole denial sentence, for topics where "No, I haven't had any X" reads wrong ("{My} appetite has been normal."). */
  negative: z17.string().min(1).optional(),
  /** One phrase a line (a YAML block scalar), or a list. */
  phrases: z17.union([z17.string(), z17.array(z17.string().min(1))]).transform((p, ctx) => {
    const list2 = (typeof p === "string" ? p.split("\n") : p).map((x) => x.trim()).filter(Boolean);
    if (list2.length === 0) ctx.addIssue({ code: "custom", message: "needs at least one phrase" });
    return list2;
  })
}).strict();
var LayFile = z17.object({ terms: z17.record(z17.string(), LayEntry) }).strict();
var LayTerms = class {
  phrases;
  byTopic;
  constructor(phrases, byTopic) {
    this.phrases = phrases;
    this.byTopic = byTopic;
  }
  /** The lay name of a topic for a denial, if the lexicon gives one. */
  say(entry2) {
    return this.byTopic.get(entry2)?.say;
  }
  /** A whole denial sentence template for a topic, if the lexicon gives one. */
  negative(entry2) {
    return this.byTopic.get(entry2)?.negative;
  }
};
function parseLayTerms(text, file, vocabulary2, strict = true) {
  let raw;
  try {
    raw = parse5(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid YAML (${e.message.split("\n")[0]}).`);
  }
  const parsed2 = LayFile.safeParse(raw);
  if (!parsed2.success) {
    const issue = parsed2.error.issues[0];
    const [, topic, ...rest] = issue.path.map(String);
    const where = topic !== void 0 ? `entry "${topic}"${rest.length ? ` (${rest.join(".")})` : ""}` : "top level";
    throw new ConfigError(`${file}: ${where}: ${issue.message}.`);
  }
  const phrases = [];
  const byTopic = /* @__PURE__ */ new Map();
  for (const [topic, lay] of Object.entries(parsed2.data.terms)) {
    const entry2 = vocabulary2.lookup(topic);
    if (!entry2 && !strict) continue;
    if (!entry2) throw new ConfigError(`${file}: entry "${topic}": not a topic of data/vocabulary/topics.yaml; add it there first or fix the spelling.`);
    byTopic.set(entry2, lay);
    for (const phrase of lay.phrases) phrases.push({ phrase, entry: entry2 });
  }
  return new LayTerms(phrases, byTopic);
}
var cached2 = /* @__PURE__ */ new WeakMap();
function loadLayTerms(vocabulary2, path = join12(dataDir(), "vocabulary", "lay-terms.yaml")) {
  const shipped2 = path === join12(dataDir(), "vocabulary", "lay-terms.yaml");
  const hit = cached2.get(vocabulary2);
  if (hit && shipped2) return hit;
  const terms = parseLayTerms(readFileSync15(path, "utf8"), path, vocabulary2, vocabulary2 === loadVocabulary());
  if (shipped2) cached2.set(vocabulary2, terms);
  return terms;
}

// src/actors/patient/words.ts
var DROPPED = /* @__PURE__ */ new Set([
  "a",
  "an",
  "the",
  "any",
  "some",
  "your",
  "his",
  "her",
  "their",
  "my",
  "its",
  "our",
  "yours",
  "hers",
  "theirs",
  "i",
  "you",
  "he",
  "she",
  "they",
  "we",
  "me",
  "him",
  "them",
  "us",
  "it",
  "ive",
  "youve",
  "hes",
  "shes",
  "theyve",
  "im",
  "youre",
  "theyre",
  "u"
]);
var IRREGULAR = {
  yourself: "self",
  himself: "self",
  herself: "self",
  themselves: "self",
  myself: "self",
  themself: "self",
  feet: "foot",
  teeth: "tooth",
  children: "child",
  kids: "kid",
  women: "woman",
  men: "man",
  wee: "pee",
  weeing: "pee",
  peeing: "pee",
  pees: "pee",
  bubs: "baby",
  babys: "baby"
};
function stem2(word) {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length > 4) return word.replace(/(ing|ed|es|s|e)$/, "");
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
function stems(text) {
  const out = [];
  for (const w of normalize(text).split(" ")) if (w && !DROPPED.has(w)) out.push(stem2(w));
  return out;
}
var MAX_QUESTION_CHARS = 2e3;
function clauses(text) {
  const cut = text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text;
  return cut.split(/[?!;\n]+|\.(?=\s|$)|\s+(?:and also|also,?|and then|then)\s+(?=(?:what|where|when|how|do|does|did|is|are|have|has|any|can|could|tell)\b)/i).map((c) => c.trim()).filter((c) => /[\p{L}\p{N}]/u.test(c));
}

// src/actors/patient/phrase-index.ts
var GAP = 4;
var PhraseIndex = class {
  byFirst = /* @__PURE__ */ new Map();
  size = 0;
  add(phrase, value) {
    this.addStems(phrase.split(/\s*\.\.\.\s*|\s*…\s*/).map(stems), value);
  }
  /** Adds a phrase already split into segments of stems ("blood ... pee" is two). */
  addStems(stemmed, value) {
    const segments = stemmed.filter((s) => s.length > 0);
    if (segments.length === 0) return;
    const list2 = this.byFirst.get(segments[0][0]) ?? [];
    list2.push({ segments, value, gapped: segments.length > 1 });
    this.byFirst.set(segments[0][0], list2);
    this.size++;
  }
  /** Every phrase occurring in the stemmed words, with its span. */
  scan(words2) {
    const out = [];
    for (let i = 0; i < words2.length; i++) {
      const list2 = this.byFirst.get(words2[i]);
      if (!list2) continue;
      for (const e of list2) {
        const end = matchFrom(words2, i, e.segments);
        if (end > 0) out.push({ value: e.value, start: i, end, length: e.segments.reduce((n, s) => n + s.length, 0), gapped: e.gapped });
      }
    }
    return out;
  }
};
function segmentAt(words2, at, seg) {
  if (at + seg.length > words2.length) return false;
  for (let j = 0; j < seg.length; j++) if (words2[at + j] !== seg[j]) return false;
  return true;
}
function matchFrom(words2, i, segments) {
  if (!segmentAt(words2, i, segments[0])) return 0;
  let at = i + segments[0].length;
  for (let s = 1; s < segments.length; s++) {
    let found = -1;
    for (let k = at; k <= Math.min(words2.length - segments[s].length, at + GAP); k++) {
      if (segmentAt(words2, k, segments[s])) {
        found = k;
        break;
      }
    }
    if (found < 0) return 0;
    at = found + segments[s].length;
  }
  return at;
}

// src/actors/patient/topic-index.ts
var WEAK = /* @__PURE__ */ new Set([
  ...AMBIGUOUS_TOPIC_WORDS,
  "drugs",
  "frequency",
  "discharge",
  "lump",
  "mass",
  "flashes",
  "crying",
  "kicks",
  "balance",
  "stress",
  "worry",
  "weakness",
  "spinning",
  "straining",
  "periods",
  "expecting",
  "swelling",
  "swellings",
  "bump",
  "bumps",
  "lumps",
  "ulcers",
  "sores",
  "tea",
  "coffee",
  "milk",
  "water",
  "irritable",
  "nervous",
  "aura",
  "hits",
  "flight",
  "abroad",
  "hot"
]);
var FUNCTION = /* @__PURE__ */ new Set([
  "of",
  "out",
  "in",
  "on",
  "at",
  "to",
  "up",
  "down",
  "with",
  "for",
  "from",
  "by",
  "about",
  "over",
  "off",
  "and",
  "or",
  "is",
  "was",
  "be",
  "been",
  "have",
  "has",
  "had",
  "do",
  "doe",
  "did",
  "not",
  "no",
  "so",
  "when",
  "what",
  "how",
  "where",
  "there",
  "this",
  "that",
  "get",
  "got"
]);
var BACKGROUND = /* @__PURE__ */ new Set([
  "past medical history",
  "surgical history",
  "medications",
  "allergies",
  "smoking",
  "alcohol",
  "recreational drugs",
  "vaccinations"
]);
function isWeakPhrase(phrase) {
  return WEAK.has(phrase.trim().toLowerCase());
}
function buildTopicIndex(vocabulary2, lay) {
  const index2 = new PhraseIndex();
  const seen = /* @__PURE__ */ new Set();
  const add = (phrase, entry2) => {
    const segments = phrase.split("...").map(stems);
    const words2 = segments.flat();
    const key3 = `${segments.map((x) => x.join(" ")).join(" ... ")}\0${entry2.topic}`;
    if (seen.has(key3)) return;
    seen.add(key3);
    if (words2.every((w) => FUNCTION.has(w))) return;
    const gapped = segments.length > 1;
    const single = words2.length === 1 && !gapped;
    const confidence = gapped ? 0.8 : single && WEAK.has(phrase.toLowerCase()) ? 0.5 : single ? 0.85 : 0.9;
    const specific = words2.length > 1 && !gapped || confidence >= 0.85 && (fromVocabulary || BACKGROUND.has(entry2.topic));
    index2.addStems(segments, { entry: entry2, confidence, specific, phrase: normalize(phrase) });
  };
  let fromVocabulary = true;
  for (const [phrase, entry2] of vocabulary2.phrases()) add(phrase, entry2);
  fromVocabulary = false;
  for (const { phrase, entry: entry2 } of lay.phrases) add(phrase, entry2);
  return index2;
}

// src/actors/patient/fact-words.ts
var GENERIC4 = new Set(
  [
    "have",
    "has",
    "had",
    "been",
    "do",
    "does",
    "did",
    "done",
    "are",
    "is",
    "was",
    "were",
    "be",
    "being",
    "feel",
    "feeling",
    "felt",
    "get",
    "got",
    "getting",
    "and",
    "or",
    "with",
    "when",
    "what",
    "how",
    "where",
    "why",
    "who",
    "which",
    "there",
    "this",
    "that",
    "these",
    "those",
    "ever",
    "pain",
    "painful",
    "ache",
    "problem",
    "problems",
    "trouble",
    "symptom",
    "symptoms",
    "change",
    "changes",
    "changed",
    "normal",
    "ok",
    "okay",
    "well",
    "good",
    "bad",
    "right",
    "left",
    "side",
    "since",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "time",
    "times",
    "last",
    "recent",
    "recently",
    "new",
    "other",
    "else",
    "more",
    "less",
    "much",
    "many",
    "like",
    "just",
    "still",
    "also",
    "too",
    "very",
    "really",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "for",
    "by",
    "about",
    "up",
    "down",
    "out",
    "off",
    "over",
    "no",
    "not",
    "yes",
    "can",
    "could",
    "would",
    "will",
    "should",
    "know",
    "think",
    "say",
    "tell",
    "see",
    "look",
    "looks",
    "go",
    "going",
    "come",
    "coming",
    "take",
    "taking",
    "make",
    "making",
    "anything",
    "something",
    "nothing",
    "everything",
    "lot",
    "little",
    "bit",
    "usual",
    "notice",
    "noticed",
    "noticing",
    "history",
    "any",
    "all",
    "so",
    "if",
    "then",
    "than",
    "as",
    "but",
    "because",
    "into",
    "after",
    "before",
    "self",
    "now",
    "yet",
    "please",
    "doctor",
    "way",
    "thing",
    "things",
    "able",
    "sometimes",
    "often",
    "ever",
    "properly",
    "worse",
    "better",
    "same",
    "both",
    "either"
  ].map(stem2)
);
function contentStems(text) {
  return stems(text).filter((w) => w.length > 2 && !GENERIC4.has(w));
}
function factNames(fact) {
  return [fact.topic, ...fact.aliases].map(contentStems).filter((s) => s.length > 0);
}
function factsNamedLoosely(words2, names, minWords = 1) {
  const out = [];
  for (const [fact, sets] of names) {
    if (sets.some((set) => set.length >= minWords && set.every((w) => words2.has(w)) || set.filter((w) => words2.has(w)).length >= 2)) out.push(fact);
  }
  return out;
}

// src/actors/patient/case-index.ts
var ATTRIBUTE_TOPICS = {
  site: ["pain location", "location", "site"],
  onset: ["onset", "headache onset"],
  duration: ["duration"],
  character: ["pain character"],
  radiation: ["pain radiation"],
  severity: ["pain severity", "severity"],
  timing: ["timing", "pattern"],
  progression: ["progression"],
  modifiers: ["positional pain", "pleuritic pain", "relation to meals", "exertional symptoms", "effect of activity", "triggers", "symptoms worse with heat"],
  associated: [],
  quantity: [],
  appearance: []
};
var ATTRIBUTE_OF = /* @__PURE__ */ new Map();
for (const [a, topics] of Object.entries(ATTRIBUTE_TOPICS)) for (const t of topics) if (!ATTRIBUTE_OF.has(t)) ATTRIBUTE_OF.set(t, a);
function attributeOfTopic(topic) {
  return ATTRIBUTE_OF.get(normalize(topic));
}
var STORY = /* @__PURE__ */ new Set(["symptom", "history", "ros", "other"]);
function buildCaseIndex(kase, vocabulary2, topics) {
  const facts = kase.facts.filter((f) => f.category !== "exam");
  const phrases = new PhraseIndex();
  const byTopic = /* @__PURE__ */ new Map();
  const canonical = /* @__PURE__ */ new Map();
  const positive = /* @__PURE__ */ new Set();
  const attribute = /* @__PURE__ */ new Map();
  const push2 = (map, e, f) => {
    const list2 = map.get(e);
    if (!list2) map.set(e, [f]);
    else if (!list2.includes(f)) list2.push(f);
  };
  for (const fact of facts) {
    phrases.add(fact.topic, { fact, kind: "text" });
    for (const a of fact.aliases) phrases.add(a, { fact, kind: "alias" });
    canonical.set(fact, vocabulary2.lookup(fact.topic));
    for (const p of [fact.topic, ...fact.aliases]) {
      if (p !== fact.topic && isWeakPhrase(p)) continue;
      const e = vocabulary2.lookup(p) ?? singleTopic(p, topics);
      if (e) push2(byTopic, e, fact);
    }
    if (!isNegativeAnswer(fact.answer)) positive.add(fact);
    attribute.set(fact, attributeOfTopic(fact.topic));
  }
  const mentions = /* @__PURE__ */ new Map();
  for (const fact of facts) {
    for (const hit of topics.scan(stems(fact.answer))) if (hit.value.specific) push2(mentions, hit.value.entry, fact);
  }
  const names = new Map(facts.map((f) => [f, factNames(f)]));
  return {
    facts,
    phrases,
    byTopic,
    mentions,
    canonical,
    complaint: complaintOf(kase, facts, byTopic, phrases, topics, positive, attribute),
    positive,
    attribute,
    names,
    replies: /* @__PURE__ */ new Map()
  };
}
function singleTopic(phrase, topics) {
  const words2 = stems(phrase);
  const whole = normalize(phrase);
  const hits = topics.scan(words2).filter((h) => h.start === 0 && h.end === words2.length && (h.value.specific || h.value.phrase === whole && h.value.confidence >= 0.85));
  return hits.length === 1 ? hits[0].value.entry : void 0;
}
function complaintOf(kase, facts, byTopic, phrases, topics, positive, attribute) {
  const words2 = stems(kase.presentation);
  const found = [];
  const story = (f) => STORY.has(f.category) && positive.has(f) && attribute.get(f) === void 0;
  for (const h of phrases.scan(words2)) if (story(h.value.fact)) found.push({ fact: h.value.fact, at: h.start });
  for (const h of topics.scan(words2)) {
    if (h.value.confidence < 0.8) continue;
    for (const f of byTopic.get(h.value.entry) ?? []) if (story(f)) found.push({ fact: f, at: h.start });
  }
  found.sort((a, b) => a.at - b.at || facts.indexOf(a.fact) - facts.indexOf(b.fact));
  const chief = facts.filter((f) => normalize(f.topic) === "chief complaint" || f.aliases.some((a) => normalize(a) === "chief complaint"));
  const first = facts.find((f) => story(f));
  return [.../* @__PURE__ */ new Set([...chief, ...first ? [first] : [], ...found.map((x) => x.fact)])];
}

// src/actors/patient/voice.ts
function voiceOf(kase) {
  const self = kase.patient.speaker === "self";
  return { self, subject: self ? "I" : kase.patient.sex === "female" ? "she" : kase.patient.sex === "male" ? "he" : "they" };
}
var THIRD = {
  she: [],
  he: [],
  they: []
};
for (const s of ["she", "he", "they"]) {
  const has = s === "they" ? "have" : "has";
  const does = s === "they" ? "do" : "does";
  const is = s === "they" ? "are" : "is";
  const poss = s === "she" ? "her" : s === "he" ? "his" : "their";
  const obj = s === "she" ? "her" : s === "he" ? "him" : "them";
  const self = s === "she" ? "herself" : s === "he" ? "himself" : "themselves";
  THIRD[s] = [
    [/\bI'm\b/g, `${s}'${s === "they" ? "re" : "s"}`],
    [/\bI've\b/g, s === "they" ? "they've" : `${s}'s`],
    [/\bI haven't\b/g, `${s} ${has}n't`],
    [/\bI don't\b/g, `${s} ${does}n't`],
    [/\bI am\b/g, `${s} ${is}`],
    [/\bI have\b/g, `${s} ${has}`],
    [/\bI\b/g, s],
    [/\bmyself\b/g, self],
    [/\bMy\b/g, poss[0].toUpperCase() + poss.slice(1)],
    [/\bmy\b/g, poss],
    [/\bme\b/g, obj]
  ];
}
function speak(text, voice, sentence2 = true) {
  if (voice.self || voice.subject === "I") return text;
  let out = text;
  for (const [re, to] of THIRD[voice.subject]) out = out.replace(re, to);
  return sentence2 ? out.replace(/^([a-z])/, (c) => c.toUpperCase()) : out;
}

// src/actors/patient/compose.ts
var FIXED = {
  "greeting-hello": "Hello, doctor.",
  "greeting-thanks": "Thank you, doctor.",
  "greeting-ok": "Okay.",
  unclear: "Sorry, what do you mean?",
  diagnosis: "I don't know what it is, doctor. That's what I'm hoping you can tell me.",
  "nothing-else": "No, I think that's everything.",
  "nothing-more": "That's about all I can tell you about it."
};
function denial(entry2, lay, voice) {
  const own = lay.negative(entry2) ?? entry2.negative;
  if (own) return { sentence: speak(own, voice), noun: "" };
  return { noun: speak(lay.say(entry2) ?? entry2.topic, voice, false) };
}
function list(nouns) {
  return nouns.length <= 1 ? nouns.join("") : `${nouns.slice(0, -1).join(", ")} or ${nouns[nouns.length - 1]}`;
}
function compose(parts, lay, voice) {
  const answered = parts.filter((p) => !p.filler);
  const use = answered.length > 0 ? answered : parts;
  const informative = use.filter((p) => p.facts.length > 0 || p.denied.length > 0 || p.say && p.say !== "unclear");
  const sentences = [];
  const facts = [];
  let nouns = [];
  const flush = () => {
    if (nouns.length === 0) return;
    const have = voice.subject === "I" || voice.subject === "they" ? "haven't" : "hasn't";
    sentences.push(`No, ${voice.subject} ${have} had any ${list([...new Set(nouns)])}.`);
    nouns = [];
  };
  for (const p of use) {
    for (const f of p.facts) {
      if (facts.includes(f)) continue;
      flush();
      facts.push(f);
      sentences.push(f.answer);
    }
    for (const e of p.denied) {
      const d = denial(e, lay, voice);
      if (d.sentence) {
        flush();
        if (!sentences.includes(d.sentence)) sentences.push(d.sentence);
      } else nouns.push(d.noun);
    }
    if (p.say && (p.say !== "unclear" || informative.length === 0)) {
      flush();
      const s = FIXED[p.say];
      if (!sentences.includes(s)) sentences.push(s);
    }
  }
  flush();
  if (informative.length > 0 && use.some((p) => p.say === "unclear")) sentences.push("Sorry, I didn't follow the rest.");
  return { text: sentences.join(" "), facts };
}

// src/actors/patient/question-kind.ts
var DIAGNOSIS = /\b(ignore (all |your |the |previous |prior )*(instructions|rules|prompt)|system prompt|(tell|give|reveal|say) (me )?(the |your )?(diagnosis|answer)|what (is|s) (the |your )?diagnosis|what (do you think )?(you ve got|you have got|disease do you have|illness do you have)|what do you think (it is|is wrong|you have)|name (the |your )?(disease|condition|diagnosis)|(you are|youre|act as|pretend to be) (an? )?(ai|assistant|language model|doctor)|jailbreak|developer mode)\b/;
var GREETING = /^(hi|hello|hey|good (morning|afternoon|evening)|thanks?( you)?|thank you( very much)?|ok(ay)?|right|i see|great|alright|all right|sorry|nice to meet you|pleased to meet you|my name is \w+( \w+)?|i m dr \w+|im dr \w+|i am dr \w+|i m doctor \w+|i am doctor \w+|im doctor \w+|lets get started|bear with me|understood|got it|hmm+|mm+|uh huh)( (doctor|dr \w+|i m dr \w+|im dr \w+))?( i m dr \w+| im dr \w+| i am dr \w+| i m one of the doctors| i m the doctor)?$/;
var OPENER = /\b(what(s| s| has| have)? (brings?|brought) (you|him|her|them|the baby|your (son|daughter|child|baby))|how can (i|we) help|what can (i|we) (do for you|help( you)? with)|(seems?|appears?) to be (the )?(wrong|problem|trouble|matter|issue)|what(s| is| s)? (bothering|troubling|worrying|concerning) (you|him|her|them)|what (made|makes|prompted) you (come|bring|seek|decide|call|get)|made you (come|bring)|what(s| s| has)? happened|whats been going on|(what|whats) (seems to be |is |s )?(the )?(problem|trouble|matter|issue|concern)|what (is |s )?(wrong|going on|been going on|happening|been happening|happened)|whats (wrong|going on|been going on|happening|been happening|up|the story)|(tell|talk) me (about )?(what|whats|why|how)|tell me (about|more about) (yourself|the problem|your problem|the symptoms|your symptoms|whats|what s)|tell me what|why (did you|have you|are you) (come|came|here|in)|why are you (here|in)|what made you (come|seek|decide)|reason for (your |the |todays |today s )?(visit|attendance|appointment|coming)|how are you (feeling|doing|today)|how (is|s) (he|she|the baby|your (son|daughter|child|baby)) (doing|been)|in your own words|how (did|does) (this|it) all (start|begin)|what (are|were) your symptoms|what symptoms (do|have) you|what are you (here|in) for|what (are|r) you complaining of|what is your (main )?(complaint|problem|concern)|whats your (main )?(complaint|problem|concern)|main (problem|complaint|concern|worry)|chief complaint|presenting complaint)\b/;
var MORE = /^(tell me more|(how|can|could) (would |will |do )?you describe( it| that| this| them| the pain)?|tell me (a bit |a little )?more( about (it|that|this|the pain|them))?|go on|carry on|and then|anything more|can you (tell me|say) more|describe (it|that|this|them|the pain)( for me| to me| more)?|can you describe (it|that|this|them|the pain)|tell me about (it|that|this|the pain|them)|more details?|such as|like what|what else can you tell me|could you elaborate|elaborate|please continue|continue|keep going|what happened (next|then|after that))\b/;
var ELSE = /\b(anything else|any other (symptoms?|problems?|issues?|complaints?|concerns?|changes|things)|other (symptoms|problems|complaints|concerns)|what else|is there more|anything more|something else|any more symptoms|anything further|anything new)\b/;
var ATTRIBUTES = [
  [
    "site",
    /\b(where|whereabouts|which (part|side|area|bit)|what (part|side|area)|point to|location|located|show me|(is|are) (it|they|this|that|these) on|both (sides|legs|arms|eyes|ears)|(one|1) side or both|both or (just )?one|one or both)\b/
  ],
  [
    "onset",
    /\b(when did|when does|when was|when (it|this|the pain|they|that|these) (start|began|begin|came)|since when|how did (it|this|the pain|they|that|these|things) (start|begin|come on)|did (it|this|the pain) (start|come on|begin)|come on (suddenly|gradually|slowly|quickly)|came on|sudden(ly)? or gradual(ly)?|gradual(ly)? or sudden(ly)?|what were you doing when|first (start|notice|began|noticed)|start(ed)? suddenly|how quickly did|all of a sudden|sudden(ly)?|gradual(ly)?|creep|crept|came out of nowhere|out of the blue)\b/
  ],
  ["duration", /\b(how long|for how long|how many (hours|days|weeks|months|years)|since when|how much time|been going on)\b/],
  [
    "character",
    /\b(what (does|did) (it|the pain|this|that) feel like|feel like|describe (the|your|this) (pain|feeling|sensation)|what (kind|sort|type) of (pain|feeling|sensation|ache|discomfort)|sharp or dull|dull or sharp|sharp|stabbing|crushing|burning pain|throbbing|tearing|aching|squeezing|pressure like|cramp(y|ing)? pain|like a (knife|weight|band|vice))\b/
  ],
  [
    "radiation",
    /\b((does|did|do) (it|the pain|this|that|they) (go|spread|move|travel|radiate|shoot)|(go|spread|move|travel|radiate|shoot)s? anywhere|spread|radiat\w*|shoot(s|ing)? (down|up|into|to)|go(es)? (down|up|into|through) (your|the|his|her) |move(s|d)? (to|into) (your|the|his|her)|anywhere else)\b/
  ],
  [
    "severity",
    /\b(how bad|how severe|how painful|how much (does it|is it|pain)|how strong|how intense|out of (10|ten)|scale of|on a scale|score (it|the pain)|rate (it|the pain)|worst (pain|headache)|mild moderate or severe|bad is (it|the pain)|bearable|unbearable|the worst)\b/
  ],
  [
    "timing",
    /\b(constant|come and go|comes and goes|coming and going|all the time|on and off|off and on|intermittent|continuous|waves|episodes?|how often|every day|at night or|time of day|worse at night|worse in the morning|at night|in the morning|regular|all over the place|how frequent\w*|pattern)\b/
  ],
  [
    "progression",
    /\b(getting (worse|better)|got (worse|better)|better or worse|worse or better|changed since|changing|staying the same|same or|improv(ing|ed)|progress(ing|ed)?|deteriorat\w*|any better|any worse)\b/
  ],
  [
    "modifiers",
    /\b(makes? (it|the pain|this|that|them|things)? ?(worse|better)|worse (when|with|if|on|after)|better (when|with|if|on|after)|ease[sd]?|easing|relie(ve|ves|f|ved)|help(s|ed)? (it|the pain)|anything help|anything that helps|what helps|tried anything|taken anything for|trigger(s|ed)?|set(s)? (it|them|this|that) off|sets? off|bring(s)? (it|them|this) on|brought (it|them|this) on|aggravat\w*|with (movement|moving|breathing|eating|food|lying|exercise|exertion))\b/
  ],
  ["quantity", /\b(how much|how many|how often|how heavy|what amount|quantity|per (day|week)|a (day|week))\b/],
  [
    "appearance",
    /\b(is|are|was|has|have|does|did) (it|they|this|that|these|the \w+) (got |been |gotten |look(ed)? |become )?(red|swollen|hot|warm|bigger|smaller|larger|grown|growing|spread|spreading|moved|moving|changed|changing|fade|faded|blanch|raised|flat|itchy|painful|tender|sore|bleeding|crusted|weeping|blistered|the same)\b|\b(colour|color|shape|size|look like|looks like|grown|got bigger|getting bigger)\b/
  ],
  [
    "associated",
    /\b(along with (it|that|this|the pain)|with (it|the pain|that|this)\b.*\b(other|else)|accompan\w*|at the same time|other symptoms with|anything with (it|the pain|that)|associated)\b/
  ]
];
function classifyClause(clause) {
  const n = normalize(clause);
  if (DIAGNOSIS.test(n)) return { kind: "diagnosis-request" };
  if (GREETING.test(n)) return { kind: "greeting" };
  if (MORE.test(n)) return { kind: "more" };
  if (OPENER.test(n)) return { kind: "opener" };
  const attributes = [];
  for (const [a, re] of ATTRIBUTES) if (re.test(n)) attributes.push(a);
  if (attributes.length === 0 && ELSE.test(n)) return { kind: "else" };
  return { kind: "other", attributes };
}

// src/actors/patient/related-topics.ts
var FAMILIES = [
  ["diarrhea", "constipation", "bowel habits", "pale stools"],
  ["blood in stool", "black stools", "hematemesis"],
  ["nausea", "vomiting", "hematemesis"],
  ["dysuria", "urinary frequency", "hematuria", "urine output", "polyuria", "urinary retention", "dark urine", "foamy urine"],
  ["weight loss", "weight gain"],
  ["heat intolerance", "cold intolerance"],
  ["red eye", "eye pain", "eye discharge", "vision change", "photophobia", "flashes and floaters", "eyelid droop"],
  ["ear pain", "hearing loss", "tinnitus", "ear discharge"],
  ["joint pain", "joint swelling", "morning stiffness"],
  ["muscle pain", "muscle weakness"],
  ["shortness of breath", "exertional symptoms", "orthopnea", "wheeze", "noisy breathing"],
  ["cough", "sputum", "hemoptysis"],
  ["confusion", "memory"],
  ["headache", "headache onset"],
  ["sore throat", "dysphagia", "voice change"],
  ["nasal symptoms", "facial pain"],
  ["last menstrual period", "vaginal bleeding"],
  ["leg swelling", "calf pain"],
  ["syncope", "presyncope", "dizziness"],
  ["rash", "itching", "skin lesion"],
  ["mood", "anhedonia"],
  ["appetite", "feeding"],
  ["thirst", "polyuria"],
  ["genital discharge", "genital sores"],
  ["abdominal pain", "abdominal swelling"],
  ["abdominal pain", "pelvic pain", "flank pain"],
  ["pregnancy", "last menstrual period", "contraception"],
  ["bruising or bleeding", "vaginal bleeding"],
  ["urine output", "wet nappies"],
  ["fatigue", "confusion"],
  ["recent illness", "nasal symptoms", "sore throat"],
  ["feeding", "thirst"],
  ["leg swelling", "joint swelling"]
];
var related = /* @__PURE__ */ new Map();
for (const family of FAMILIES) {
  for (const t of family) {
    const set = related.get(t) ?? /* @__PURE__ */ new Set();
    for (const o of family) if (o !== t) set.add(o);
    related.set(t, set);
  }
}
function relatedTopics(topic) {
  return related.get(topic) ?? /* @__PURE__ */ new Set();
}

// src/actors/patient/resolve.ts
var STORY2 = /* @__PURE__ */ new Set(["symptom", "history", "ros", "other"]);
var MAX_VOLUNTEERED = 2;
function resolveClause(clause, ctx) {
  const kind = classifyClause(clause);
  if (kind.kind === "diagnosis-request") return fixed("diagnosis", "diagnosis-request", 0.9, "unclear");
  const words2 = stems(clause);
  const { targets, attributes: hinted, excluded } = targetsOf(words2, ctx);
  const attributes = kind.kind === "other" ? [.../* @__PURE__ */ new Set([...kind.attributes, ...hinted])] : hinted;
  if (kind.kind === "greeting" && targets.length === 0) {
    const w = words2[0] ?? "";
    const say = /^(hi|hello|hey|good|nice|pleas)/.test(w) ? "greeting-hello" : /^thank/.test(w) ? "greeting-thanks" : "greeting-ok";
    return { ...fixed(say, "greeting", 0.9, "unclear"), filler: true };
  }
  if (kind.kind === "opener") return opener(ctx);
  if (kind.kind === "more" && targets.length === 0) return more(ctx, clause);
  if (kind.kind === "else" && targets.length === 0) return anythingElse(ctx, excluded);
  const loose = (minWords = 2) => ctx.hinted ? [] : factsNamedLoosely(new Set(contentStems(clause)), ctx.index.names, minWords).filter((f) => !excluded.has(f));
  const placed = attributes.includes("radiation") || attributes.includes("site") ? targets.filter((t) => t.facts.length > 0) : targets;
  if (placed.length > 0) return byTargets(placed, attributes, ctx, loose);
  if (attributes.length > 0) return followUp(attributes, ctx, clause);
  const named = loose(1);
  if (named.length > 0) return { facts: named, denied: [], rule: "fact-words", confidence: 0.6, matched: "text" };
  return fixed("unclear", "unclear", 0.2, "unclear");
}
function fixed(say, rule, confidence, matched) {
  return { facts: [], denied: [], say, rule, confidence, matched };
}
var attributeTopics = /* @__PURE__ */ new Set(["onset", "duration", "pain location", "pain severity", "pain character", "pain radiation", "progression"]);
var PATIENT_HISTORY = /* @__PURE__ */ new Set(["past medical history", "surgical history"]);
var EXCLUDERS = [["apart", "from"], ["other", "than"], ["besid"], ["besides"], ["except"], ["aside", "from"], ["beyond"], ["as", "well", "a"]];
function targetsOf(words2, ctx) {
  const { index: index2, topics } = ctx;
  const raw = [];
  const attributes = [];
  for (const h of index2.phrases.scan(words2)) {
    raw.push({ start: h.start, end: h.end, facts: [h.value.fact], confidence: h.length > 1 ? 0.95 : 0.85, matched: h.value.kind, specific: h.length > 1 });
  }
  for (const h of topics.scan(words2)) {
    raw.push({
      start: h.start,
      end: h.end,
      facts: categoryFacts(h.value.entry, index2, ctx.hinted),
      entry: h.value.entry,
      confidence: h.value.confidence,
      matched: "synonym",
      specific: h.value.specific
    });
  }
  const kept = raw.filter((t) => !raw.some((o) => o !== t && o.start <= t.start && o.end >= t.end && o.end - o.start > t.end - t.start));
  kept.sort((a, b) => a.start - b.start);
  let exclusionStart = -1;
  for (let i = 0; i < words2.length; i++) {
    for (const ex of EXCLUDERS) if (ex.every((w, j) => words2[i + j] === w)) exclusionStart = i + ex.length;
  }
  const excluded = /* @__PURE__ */ new Set();
  const targets = [];
  for (const t of kept) {
    const attr = t.entry ? attributeOfTopic(t.entry.topic) : t.facts.length === 1 ? index2.attribute.get(t.facts[0]) : void 0;
    if (exclusionStart >= 0 && t.start >= exclusionStart && t.start <= exclusionStart + 4) {
      for (const f of t.facts) excluded.add(f);
      continue;
    }
    if (attr && t.entry) {
      attributes.push(attr);
      const own2 = index2.byTopic.get(t.entry) ?? [];
      if (own2.length > 0 && !attributeTopics.has(t.entry.topic)) targets.push({ ...t, facts: own2 });
      continue;
    }
    targets.push(t);
  }
  const family = targets.some((t) => t.entry?.topic === "family history");
  const own = family ? targets.filter((t) => !(t.entry && PATIENT_HISTORY.has(t.entry.topic))) : targets;
  return { targets: mergeSameEntry(own), attributes, excluded };
}
function mergeSameEntry(targets) {
  const out = [];
  for (const t of targets) {
    const same = out.find((o) => t.entry && o.entry === t.entry || t.facts.length > 0 && t.facts.every((f) => o.facts.includes(f)));
    if (same) {
      same.confidence = Math.max(same.confidence, t.confidence);
      continue;
    }
    out.push({ ...t, facts: [...t.facts] });
  }
  return out;
}
var FILED_ELSEWHERE = /* @__PURE__ */ new Set(["past medical history", "surgical history", "medications", "allergies", "family history"]);
function categoryFacts(entry2, index2, hinted = false) {
  const direct = index2.byTopic.get(entry2) ?? [];
  let facts;
  switch (entry2.topic) {
    // A category question gets every fact of the category; other facts only when the category is empty.
    case "past medical history":
      facts = orElse(
        index2.facts.filter((f) => f.category === "pmh" && index2.canonical.get(f)?.topic !== "surgical history"),
        direct
      );
      break;
    case "medications":
      facts = orElse(
        index2.facts.filter((f) => f.category === "medication"),
        direct
      );
      break;
    case "allergies":
      facts = orElse(
        index2.facts.filter((f) => f.category === "allergy"),
        direct
      );
      break;
    case "family history":
      facts = orElse(
        index2.facts.filter((f) => f.category === "family"),
        direct
      );
      break;
    case "social history":
      facts = orElse(
        index2.facts.filter((f) => f.category === "social"),
        direct
      );
      break;
    default:
      facts = direct;
  }
  if (facts.length > 0 || hinted && !FILED_ELSEWHERE.has(entry2.topic)) return facts;
  return index2.mentions.get(entry2) ?? [];
}
function orElse(a, b) {
  return a.length > 0 ? a : b;
}
function byTargets(targets, attributes, ctx, loose) {
  const facts = [];
  const denied = [];
  let confidence = 1;
  let unsure = false;
  const rules2 = [];
  const specificAnswered = targets.some((t) => t.facts.length > 0 || t.specific);
  let relatedFound;
  for (const t of targets) {
    let found = t.facts;
    if (found.length > 0 && attributes.length > 0 && found.every((f) => STORY2.has(f.category))) {
      const onComplaint = found.some((f) => ctx.index.complaint.includes(f));
      const attr = attributeFacts(attributes, ctx.index).filter((a) => onComplaint || found.some((f) => about(a, f)));
      if (attr.length > 0) found = attr;
    }
    if (found.length > 0) {
      facts.push(...found);
      confidence = Math.min(confidence, t.confidence);
      rules2.push(t.entry ? `topic:${t.entry.topic}` : `fact-phrase:${t.facts[0].id}`);
    } else if (t.entry && (relatedFound = loose()).length > 0) {
      facts.push(...relatedFound);
      confidence = Math.min(confidence, 0.7);
      rules2.push(`fact-words:${t.entry.topic}`);
    } else if (t.entry && !ctx.hinted && (relatedFound = relatedFacts(t.entry, ctx)).length > 0) {
      facts.push(...relatedFound);
      confidence = Math.min(confidence, 0.7);
      rules2.push(`related:${t.entry.topic}`);
    } else if (t.entry && t.confidence >= 0.7 && (t.specific || !specificAnswered || targets.length === 1) && !overlapsAnswered(t, targets)) {
      denied.push(t.entry);
      confidence = Math.min(confidence, t.confidence);
      rules2.push(`deny:${t.entry.topic}`);
    } else {
      unsure = true;
    }
  }
  if (facts.length === 0 && denied.length === 0) return fixed("unclear", "unclear:weak-topic", 0.3, "unclear");
  const matched = facts.length === 0 ? "none" : targets.find((t) => t.facts.length > 0)?.matched ?? "synonym";
  return { facts: unique2(facts), denied, rule: rules2.join("+"), confidence: unsure ? Math.min(confidence, 0.5) : confidence, matched };
}
function relatedFacts(entry2, ctx) {
  const out = [];
  for (const [e, facts] of ctx.index.byTopic) if (relatedTopics(entry2.topic).has(e.topic)) out.push(...facts);
  return unique2(out);
}
function overlapsAnswered(t, targets) {
  return targets.some((o) => o !== t && o.facts.length > 0 && o.start < t.end && t.start < o.end);
}
function about(attr, story) {
  const text = `${attr.topic} ${attr.aliases.join(" ")} ${attr.answer}`;
  return [story.topic, ...story.aliases].some((p) => containsPhrase(text, p));
}
function unique2(facts) {
  return [...new Set(facts)];
}
function attributeFacts(attributes, index2) {
  return index2.facts.filter((f) => {
    const a = index2.attribute.get(f);
    return a !== void 0 && attributes.includes(a);
  });
}
function subjectOf(ctx, clause = "") {
  const { index: index2 } = ctx;
  const byId = new Map(index2.facts.map((f) => [f.id, f]));
  let subject;
  for (let i = ctx.dialogue.length - 1; i >= 0 && !subject; i--) {
    const turn = ctx.dialogue[i];
    const facts = turn.factIds.map((id) => byId.get(id)).filter((f) => f !== void 0 && index2.attribute.get(f) === void 0);
    if (facts.length === 0) continue;
    const kind = classifyClause(turn.question.text).kind;
    subject = kind === "opener" || kind === "more" || kind === "else" ? index2.complaint[0] ?? facts[0] : facts.find((f) => index2.positive.has(f)) ?? facts[0];
  }
  subject ??= index2.complaint[0];
  if (PAIN.test(clause) && subject && !PAIN.test(`${subject.topic} ${subject.aliases.join(" ")}`)) {
    const pain = [...index2.complaint, ...index2.facts].find(
      (f) => STORY2.has(f.category) && index2.positive.has(f) && index2.attribute.get(f) === void 0 && PAIN.test(`${f.topic} ${f.aliases.join(" ")}`)
    );
    if (pain) subject = pain;
  }
  return subject;
}
var PAIN = /\b(pain|pains|ache|aches|aching|hurts?|hurting|sore|discomfort)\b/i;
function followUp(attributes, ctx, clause) {
  const subject = subjectOf(ctx, clause);
  const rule = `follow-up:${attributes.join("+")}`;
  if (attributes.length === 1 && attributes[0] === "associated") {
    const extra = volunteered(ctx, new Set(subject ? [subject] : []), 3);
    if (extra.length) return { facts: extra, denied: [], rule, confidence: 0.8, matched: "topic" };
  }
  const onComplaint = subject === void 0 || ctx.index.complaint.includes(subject);
  const direct = onComplaint ? attributeFacts(attributes, ctx.index) : [];
  if (direct.length > 0) return { facts: direct, denied: [], rule, confidence: 0.9, matched: "topic" };
  if (subject) return { facts: [subject], denied: [], rule: `${rule}:complaint`, confidence: 0.8, matched: "topic" };
  return fixed("unclear", `${rule}:no-complaint`, 0.3, "unclear");
}
function opener(ctx) {
  const facts = ctx.index.complaint.slice(0, MAX_VOLUNTEERED);
  if (facts.length === 0) return fixed("unclear", "opener:no-complaint", 0.3, "unclear");
  return { facts, denied: [], rule: "opener", confidence: 0.95, matched: "topic" };
}
function more(ctx, clause) {
  const subject = subjectOf(ctx, clause);
  const onComplaint = subject === void 0 || ctx.index.complaint.includes(subject);
  const details = onComplaint ? ctx.index.facts.filter((f) => ctx.index.attribute.get(f) !== void 0 && !ctx.told.has(f.id)) : [];
  if (subject && (!ctx.told.has(subject.id) || DESCRIBE.test(clause))) details.unshift(subject);
  const facts = details.length ? details.slice(0, MAX_VOLUNTEERED) : volunteered(ctx, /* @__PURE__ */ new Set(), MAX_VOLUNTEERED);
  if (facts.length === 0) return fixed("nothing-more", "more:nothing", 0.8, "none");
  return { facts, denied: [], rule: "more", confidence: 0.85, matched: "topic" };
}
var DESCRIBE = /\b(describe|about (it|that|this|the pain|them))\b/i;
function anythingElse(ctx, excluded) {
  const facts = volunteered(ctx, excluded, MAX_VOLUNTEERED);
  if (facts.length === 0) return fixed("nothing-else", "anything-else:nothing", 0.8, "none");
  return { facts, denied: [], rule: "anything-else", confidence: 0.85, matched: "topic" };
}
function volunteered(ctx, excluded, max) {
  const { index: index2 } = ctx;
  const order = [...index2.complaint, ...index2.facts];
  const out = [];
  for (const f of order) {
    if (out.length >= max) break;
    if (out.includes(f) || excluded.has(f) || ctx.told.has(f.id)) continue;
    if (!STORY2.has(f.category) || !index2.positive.has(f)) continue;
    out.push(f);
  }
  return out;
}

// src/actors/patient/scripted-patient.ts
var ScriptedPatient = class {
  constructor(vocabulary2, layTerms) {
    this.vocabulary = vocabulary2;
    this.layTerms = layTerms;
  }
  vocabulary;
  layTerms;
  built;
  cases = /* @__PURE__ */ new WeakMap();
  // Built on the first question, not at construction: a CLI command that never asks pays nothing.
  get lay() {
    return this.indexes().lay;
  }
  get topics() {
    return this.indexes().topics;
  }
  indexes() {
    if (!this.built) {
      const lay = this.layTerms ?? loadLayTerms(this.vocabulary);
      this.built = { lay, topics: buildTopicIndex(this.vocabulary, lay) };
    }
    return this.built;
  }
  answer({ kase, question, dialogue = [] }) {
    const index2 = this.indexOf(kase);
    const key3 = `${question.topic ?? ""}\0${question.text}`;
    const hit = index2.replies.get(key3);
    if (hit) return { ...hit, factIds: [...hit.factIds] };
    const reply2 = this.compute(index2, kase, question, dialogue);
    if (DIALOGUE_FREE.test(reply2.rule ?? "") && !/(^| \| )(follow-up|more|anything-else)/.test(reply2.rule ?? "")) {
      if (index2.replies.size >= REPLY_CACHE_LIMIT) index2.replies.clear();
      index2.replies.set(key3, { ...reply2, factIds: [...reply2.factIds] });
    }
    return reply2;
  }
  compute(index2, kase, question, dialogue) {
    const voice = voiceOf(kase);
    if (question.topic) {
      const hinted = this.byHint(index2, question.topic);
      if (hinted.facts.length > 0) return reply(hinted.facts, hinted.matched, "topic-hint", 1);
    }
    const told = /* @__PURE__ */ new Set();
    for (const t of dialogue) for (const id of t.factIds) told.add(id);
    const ctx = { index: index2, topics: this.topics, dialogue, told, hinted: question.topic !== void 0 };
    const parts = [];
    for (const c of clauses(typeof question.text === "string" ? question.text : "")) {
      const part = resolveClause(c, ctx);
      for (const f of part.facts) told.add(f.id);
      parts.push(part);
    }
    const answered = parts.some((p) => p.facts.length > 0);
    if (question.topic && !answered) {
      const entry2 = this.vocabulary.lookup(question.topic);
      if (entry2) {
        const facts2 = categoryFacts(entry2, index2, true);
        const part = facts2.length ? { facts: facts2, denied: [], rule: `topic-hint-mention:${entry2.topic}`, confidence: 0.8, matched: "synonym" } : { facts: [], denied: [entry2], rule: `topic-hint-deny:${entry2.topic}`, confidence: 1, matched: "none" };
        parts.splice(0, parts.length, part);
      }
    }
    if (parts.length === 0) parts.push({ facts: [], denied: [], say: "unclear", rule: "unclear:empty", confidence: 0, matched: "unclear" });
    const { text, facts } = compose(parts, this.lay, voice);
    const informative = parts.filter((p) => !p.filler && (p.facts.length > 0 || p.denied.length > 0));
    const matched = facts.length > 0 ? parts.find((p) => p.facts.length > 0)?.matched ?? "synonym" : informative.length > 0 ? "none" : parts.find((p) => p.matched !== "unclear")?.matched ?? "unclear";
    const scored = informative.length > 0 ? informative : parts;
    const rule = scored.map((p) => p.rule).join(" | ");
    const confidence = Math.min(...scored.map((p) => p.confidence));
    return { text, factIds: facts.map((f) => f.id), matched, rule, confidence: Math.round(confidence * 100) / 100 };
  }
  indexOf(kase) {
    let index2 = this.cases.get(kase);
    if (!index2) this.cases.set(kase, index2 = buildCaseIndex(kase, this.vocabulary, this.topics));
    return index2;
  }
  /** A structured query: the topic must name a fact's topic or alias, directly or through a synonym. */
  byHint(index2, topic) {
    const key3 = normalize(topic);
    const direct = index2.facts.filter((f) => normalize(f.topic) === key3);
    if (direct.length) return { facts: direct, matched: "topic" };
    const alias = index2.facts.filter((f) => f.aliases.some((a) => normalize(a) === key3));
    if (alias.length) return { facts: alias, matched: "alias" };
    const canonical = this.vocabulary.lookup(topic);
    return { facts: canonical ? index2.byTopic.get(canonical) ?? [] : [], matched: "synonym" };
  }
};
var REPLY_CACHE_LIMIT = 2e3;
var DIALOGUE_FREE = /^(topic|fact-phrase|deny|related|fact-words|unclear|greeting|diagnosis-request|opener|topic-hint)/;
function reply(facts, matched, rule, confidence) {
  return { text: facts.map((f) => f.answer).join(" "), factIds: facts.map((f) => f.id), matched, rule, confidence };
}

// src/case/exam-findings.ts
var TARGET_WORDS = {
  skin: [
    "rash",
    "jaundice",
    "jaundiced",
    "icter",
    "pallor",
    "pale",
    "cyanos",
    "cyanotic",
    "petechi",
    "purpur",
    "bruis",
    "ecchymos",
    "skin",
    "erythem",
    "vesic",
    "blister",
    "bulla",
    "turgor",
    "mottl",
    "spider naev",
    "spider nev",
    "spider angioma",
    "palmar erythema",
    "urticaria",
    "wheal",
    "plaque",
    "papul",
    "macul",
    "excoriat",
    "burrow",
    "eschar",
    "desquam",
    "diaphoretic",
    "sweaty",
    "clammy",
    "flushed",
    "hyperpigment"
  ],
  abdomen: [
    "abdom",
    "hepatomegaly",
    "liver edge",
    "liver palpable",
    "palpable liver",
    "spleen",
    "splenomegaly",
    "ascites",
    "bowel sounds",
    "epigastr",
    "quadrant",
    "flank",
    "murphy",
    "rebound",
    "hernia",
    "umbilic",
    "distension",
    "distended",
    "caput medusae",
    "costovertebral",
    "renal angle"
  ],
  respiratory: [
    "lung",
    "crackles",
    "crepitation",
    "wheez",
    "breath sounds",
    "air entry",
    "chest expansion",
    "percussion",
    "bronchial breathing",
    "stridor",
    "respiratory distress",
    "accessory muscle",
    "tachypn",
    "kussmaul",
    "pleural rub",
    "intercostal recession"
  ],
  cardiovascular: [
    "murmur",
    "heart sounds",
    "s3 ",
    "s4 ",
    "gallop",
    "rub ",
    "jvp",
    "jugular venous",
    "capillary refill",
    "tachycard",
    "bradycard",
    "apex beat",
    "irregularly irregular",
    "pulse deficit",
    "radio femoral",
    "thrill",
    "heave"
  ],
  neuro: [
    "cranial nerve",
    "reflex",
    "power",
    "tone",
    "sensation",
    "gait",
    "plantar",
    "babinski",
    "ataxi",
    "nystagmus",
    "tremor",
    "focal",
    "gcs",
    "ptosis",
    "diplopia",
    "weakness",
    "clonus",
    "romberg",
    "dysarthri",
    "asterixis",
    "fasciculat",
    "hemipar",
    "facial droop",
    "neck stiff",
    "kernig",
    "brudzinski",
    "drowsy",
    "confused",
    "obtunded"
  ],
  eyes: [
    "eye",
    "pupil",
    "sclera",
    "scleral",
    "icter",
    "conjunctiv",
    "fundus",
    "fundi",
    "papill",
    "visual",
    "kayser",
    "cornea",
    "ptosis",
    "diplopia",
    "proptosis",
    "exophthalm",
    "lid lag",
    "periorbital"
  ],
  ears: ["ear ", "ears ", "tympanic", "otorrh", "ear canal", "mastoid"],
  throat: ["throat", "pharyn", "tonsil", "uvula", "exudate", "trismus"],
  heent: [
    "eye",
    "pupil",
    "scleral",
    "icter",
    "conjunctiv",
    "tympanic",
    "pharyn",
    "tonsil",
    "mucous membrane",
    "tongue",
    "oral",
    "nasal",
    "sinus",
    "dentition",
    "lips"
  ],
  neck: ["neck", "thyroid", "goitre", "goiter", "jvp", "trachea", "nuchal"],
  lymph: ["lymphaden", "lymph node", "nodes", "glands"],
  // Findings, not places: a rash on the back is a skin finding, not a musculoskeletal one.
  msk: [
    "joint",
    "effusion",
    "synovitis",
    "arthritis",
    "range of movement",
    "range of motion",
    "deformit",
    "spinal tender",
    "bony tender",
    "straight leg",
    "muscle wasting",
    "dactylitis",
    "enthesitis"
  ],
  extremities: [
    "oedema",
    "edema",
    "calf",
    "clubbing",
    "peripheral pulses",
    "peripheries",
    "capillary refill",
    "pedal",
    "varicose",
    "leg swelling",
    "swollen leg"
  ],
  "mental-status": ["mood", "affect", "thought", "insight", "halluc", "delusion", "speech", "disorient", "confus", "agitat", "psychomotor", "suicid"],
  pelvic: ["cervi", "adnex", "uter", "vagin", "vulv", "fundal height"],
  genitourinary: ["testi", "scrot", "penile", "urethral", "genital", "epididym", "inguinal"],
  rectal: ["rectal", "prostat", "stool", "anal", "haemorrhoid", "hemorrhoid", "melaena", "melena"],
  breast: ["breast", "nipple", "axilla"]
};
function belongs(section, target2) {
  if (target2 === WHOLE_EXAM) return true;
  if (section === target2) return true;
  return target2 === "heent" && ["eyes", "ears", "throat"].includes(section);
}
function label(target2) {
  if (target2 === "heent") return "HEENT";
  if (target2 === "msk") return "Musculoskeletal";
  if (target2 === "mental-status") return "Mental status";
  return target2.charAt(0).toUpperCase() + target2.slice(1);
}
function examFindings(kase, target2) {
  const own = [];
  const carried = [];
  const words2 = TARGET_WORDS[target2];
  for (const f of kase.facts) {
    if (f.category !== "exam") continue;
    for (const s of splitExamSections(f.topic, f.answer)) {
      if (belongs(s.target, target2)) {
        own.push({ target: s.target, text: s.text, factId: f.id });
        continue;
      }
      if (!words2 || s.target === "vitals" || s.target === "mental-status") continue;
      for (const sentence2 of s.text.split(/(?<=[.;])\s+|\n/)) {
        if (abnormalClausesOf(sentence2).some((c) => mentionsAny(normalize(c), words2))) carried.push({ text: sentence2.trim(), factId: f.id });
      }
    }
  }
  const factIds = [...new Set([...own, ...carried].map((x) => x.factId))];
  if (target2 === WHOLE_EXAM) {
    const order = (t) => {
      const i = EXAM_TARGETS.indexOf(t);
      return i < 0 ? EXAM_TARGETS.length : i;
    };
    const byTarget = /* @__PURE__ */ new Map();
    for (const s of [...own].sort((a, b) => order(a.target) - order(b.target))) byTarget.set(s.target, [...byTarget.get(s.target) ?? [], s.text]);
    return { text: [...byTarget].map(([t, texts]) => `${label(t)}: ${texts.join(" ")}`).join("\n"), factIds };
  }
  const cap2 = (t) => t.charAt(0).toUpperCase() + t.slice(1);
  const parts = own.map((s) => s.target !== target2 ? `${label(s.target)}: ${s.text}` : cap2(s.text));
  const seen = new Set(parts.map((p) => normalize(p)));
  for (const c of carried) {
    const sentence2 = c.text.charAt(0).toUpperCase() + c.text.slice(1).replace(/[.\s]*$/, ".");
    if (!seen.has(normalize(sentence2)) && !parts.some((p) => normalize(p).includes(normalize(c.text)))) {
      parts.push(sentence2);
      seen.add(normalize(sentence2));
    }
  }
  return { text: parts.join(" ").trim(), factIds };
}

// src/actors/scripted-examiner.ts
var ScriptedExaminer = class {
  examine({ kase, target: target2 }) {
    const canonical = canonicalTargets(target2)[0] ?? target2;
    const found = examFindings(kase, canonical);
    if (found.text) return { target: canonical, text: found.text, factIds: found.factIds, normal: false };
    if (canonical === WHOLE_EXAM) return { target: canonical, text: "No abnormality found on examination.", factIds: [], normal: true };
    const normal = NORMAL_EXAM[canonical];
    if (normal) return { target: canonical, text: normal, factIds: [], normal: true };
    return { target: target2, text: `No abnormality found on examination of the ${target2}.`, factIds: [], normal: true };
  }
};

// src/actors/scripted-lab.ts
var ScriptedLab = class {
  result({ kase, test }) {
    const listed = kase.results[test.id];
    if (listed) return { result: listed, synthetic: false };
    const { text, value, unit, range, flag, components } = test.normal;
    return {
      result: { text, value, unit, range, flag, components },
      synthetic: true
    };
  }
};

// src/actors/deterministic.ts
function deterministicActors(vocabulary2 = loadVocabulary()) {
  const patient = new ScriptedPatient(vocabulary2);
  const examiner = new ScriptedExaminer();
  const lab = new ScriptedLab();
  return {
    patient: { answer: (i) => patient.answer(i) },
    examiner: { examine: (i) => examiner.examine(i) },
    lab: { result: (i) => lab.result(i) },
    replayable: true
  };
}

// src/actors/llm-leak-guard.ts
var THIRD_PARTY = /* @__PURE__ */ new Set([
  "mother",
  "mum",
  "mom",
  "mam",
  "father",
  "dad",
  "brother",
  "sister",
  "aunt",
  "auntie",
  "uncle",
  "cousin",
  "grandmother",
  "grandfather",
  "grandma",
  "grandpa",
  "gran",
  "nan",
  "granny",
  "grandad",
  "wife",
  "husband",
  "partner",
  "boyfriend",
  "girlfriend",
  "friend",
  "friends",
  "neighbour",
  "neighbor",
  "son",
  "daughter",
  "family",
  "flatmate",
  "roommate",
  "colleague",
  "parents",
  "siblings",
  "relatives",
  "niece",
  "nephew"
]);
var NEGATORS4 = /* @__PURE__ */ new Set([
  "no",
  "not",
  "never",
  "without",
  "nor",
  "neither",
  "none",
  "nobody",
  "dont",
  "didnt",
  "doesnt",
  "hasnt",
  "havent",
  "isnt",
  "wasnt",
  "arent",
  "werent",
  "cant",
  "wont",
  "aint"
]);
var GENERIC_TAIL = /* @__PURE__ */ new Set(["disease", "disorder", "syndrome"]);
function fold(word) {
  if (word.length < 6) return word;
  return word.replace(/ae/g, "e").replace(/oe/g, "e").replace(/our$/, "or").replace(/ours$/, "ors");
}
function wordsOf(text) {
  return normalize(text).split(" ").filter(Boolean).map(fold);
}
function sentencesOf(text) {
  return text.split(/(?<=[.!?;:])\s+|\n+/).map(wordsOf).filter((w) => w.length > 0);
}
function sameWord(reply2, term, phrase) {
  if (reply2 === term) return true;
  if (term.length >= 4 && (reply2 === `${term}s` || reply2 === `${term}es`)) return true;
  return phrase && term.length >= 5 && term.endsWith("s") && !term.endsWith("ss") && reply2 === term.slice(0, -1);
}
function occurrences(words2, term) {
  const out = [];
  const phrase = term.length > 1;
  for (let i = 0; i + term.length <= words2.length; i++) {
    let hit = true;
    for (let j = 0; j < term.length; j++)
      if (!sameWord(words2[i + j], term[j], phrase)) {
        hit = false;
        break;
      }
    if (hit) out.push(i);
  }
  return out;
}
var negatedAt = (words2, i) => words2.slice(Math.max(0, i - 4), i).some((w) => NEGATORS4.has(w));
var aboutOthers = (words2) => words2.some((w) => THIRD_PARTY.has(w));
function mentionsIn(kase, words2) {
  const forms = [words2];
  if (words2.length >= 3 && GENERIC_TAIL.has(words2[words2.length - 1])) forms.push(words2.slice(0, -1));
  const out = [];
  for (const fact of kase.facts) {
    if (fact.category === "exam") continue;
    for (const sentence2 of sentencesOf(fact.answer)) {
      for (const form of forms) for (const i of occurrences(sentence2, form)) out.push({ thirdParty: aboutOthers(sentence2), negated: negatedAt(sentence2, i) });
    }
  }
  return out;
}
var termCache = /* @__PURE__ */ new WeakMap();
function termsOf(kase) {
  let terms = termCache.get(kase);
  if (terms) return terms;
  const d = kase.diagnosis;
  const raw = [
    [d.name, true],
    ...d.accept.map((t) => [t, true]),
    ...d.partial.map((t) => [t, false]),
    ...(d.lay ?? []).map((t) => [t, false])
  ];
  const seen = /* @__PURE__ */ new Set();
  terms = [];
  for (const [text, strict] of raw) {
    const words2 = wordsOf(text);
    const key3 = words2.join(" ");
    if (!words2.length || seen.has(key3)) continue;
    seen.add(key3);
    terms.push({ text, words: words2, strict, mentions: strict ? [] : mentionsIn(kase, words2) });
  }
  termCache.set(kase, terms);
  return terms;
}
function allowed(term, sentence2, at) {
  if (term.strict || term.mentions.length === 0) return false;
  if (term.mentions.some((m) => !m.thirdParty && !m.negated)) return true;
  if (aboutOthers(sentence2) && term.mentions.some((m) => m.thirdParty)) return true;
  return negatedAt(sentence2, at) && term.mentions.some((m) => m.negated);
}
function findLeak(kase, reply2) {
  const sentences = sentencesOf(reply2);
  for (const term of termsOf(kase)) {
    for (const sentence2 of sentences) {
      for (const at of occurrences(sentence2, term.words)) if (!allowed(term, sentence2, at)) return term.text;
    }
  }
  const code = kase.diagnosis.icd10.toUpperCase();
  const pattern = code.replace(".", "\\s*\\.?\\s*");
  if (new RegExp(`(^|[^A-Z0-9])${pattern}($|[^0-9A-Z])`).test(reply2.toUpperCase())) return code;
  return null;
}

// src/actors/llm-patient.ts
function patientSystemPrompt(kase) {
  const p = kase.patient;
  const persona = p.persona;
  const infant = p.age_unit !== "years" || p.age < 3;
  const speaker = p.speaker !== "self" || infant;
  const who = speaker ? `You are the ${p.speaker === "self" ? "parent" : p.speaker} of a ${p.age}-${p.age_unit.replace(/s$/, "")}-old ${p.sex === "male" ? "boy" : p.sex === "female" ? "girl" : "child"} who is the patient. Answer as the caregiver, about the patient, in your own voice.` : `You are the patient, a ${p.age}-year-old ${p.sex === "other" ? "person" : p.sex === "male" ? "man" : "woman"}. Answer in the first person.`;
  const traits = [
    persona.style && `style: ${persona.style}`,
    persona.mood && `mood: ${persona.mood}`,
    persona.literacy && `health literacy: ${persona.literacy}`,
    persona.language && `language: ${persona.language}`
  ].filter(Boolean).join("; ");
  const facts = kase.facts.filter((f) => f.category !== "exam").map((f) => `- ${f.topic}: ${f.answer}`).join("\n");
  return [
    `You are playing a patient in a medical consultation. ${who}${traits ? ` Persona \u2014 ${traits}.` : ""}`,
    `Why you came: ${kase.presentation}`,
    `What you know (use only this; say you are not sure or that you have not noticed anything else for anything not listed):
${facts}`,
    "Rules: answer only what the doctor asks, in one to three sentences, in everyday words and in your voice. Do not volunteer other facts. You do not know your diagnosis: never name or guess a disease, and never mention medical codes. Do not give test results; the doctor must order tests."
  ].join("\n\n");
}
function patientMessages(input) {
  const messages = [];
  for (const turn of input.dialogue) {
    messages.push({ role: "user", content: turn.question.text || "..." }, { role: "assistant", content: turn.text || "..." });
  }
  messages.push({ role: "user", content: input.question.text || "..." });
  return messages;
}
var LlmPatient = class {
  constructor(config) {
    this.config = config;
    this.biasSuffix = config.bias ? biasText({ role: "patient", name: config.bias, keepSlot: true }) : "";
  }
  config;
  biasSuffix;
  async answer(input) {
    const { kase } = input;
    const grounded = await this.config.grounding.answer(input);
    const bias = this.biasSuffix && fillDiseaseSlot(this.biasSuffix, biasDisease({ kase, seed: input.seed ?? kase.id }));
    const system = bias ? `${patientSystemPrompt(kase)}

${bias}` : patientSystemPrompt(kase);
    const messages = patientMessages(input);
    const tries = 1 + (this.config.regenerations ?? 2);
    const leaks = [];
    for (let i = 0; i < tries; i++) {
      const r = await callModel({ handle: this.config.handle, settings: this.config.settings, system, messages, purpose: "patient" });
      const text = r.text.trim();
      const matched = findLeak(kase, text);
      if (!matched) {
        if (!text) return leaks.length ? { ...grounded, leaks } : grounded;
        return { text, factIds: grounded.factIds, matched: grounded.matched, ...leaks.length ? { leaks } : {} };
      }
      leaks.push({ text, matched, withheld: true });
      messages.push(
        { role: "assistant", content: text },
        { role: "user", content: "Please answer that again without naming any disease or diagnosis, as a patient would." }
      );
    }
    return { ...grounded, leaks };
  }
};

// src/actors/llm-lab.ts
import { z as z18 } from "zod";
var Synth = z18.object({
  text: z18.string().min(1).describe("The report as the lab would word it."),
  value: z18.union([z18.number(), z18.string()]).optional(),
  unit: z18.string().optional(),
  flag: z18.enum(["normal", "low", "high", "critical-low", "critical-high", "abnormal", "positive", "negative"]).optional(),
  range: z18.string().optional()
});
function gatekeeperKey(caseId2, testId) {
  return hashKey({ v: 1, gatekeeper: caseId2, test: testId });
}
var LlmLab = class {
  constructor(config) {
    this.config = config;
  }
  config;
  async result({ kase, test }) {
    const listed = kase.results[test.id];
    if (listed) return { result: listed, synthetic: false };
    const known2 = Object.entries(kase.results).map(([id, r2]) => `- ${id}: ${r2.text ?? ""} ${r2.value ?? ""} ${r2.unit ?? ""} ${r2.flag ?? ""}`.trim()).join("\n");
    const system = [
      "You are a hospital laboratory and imaging department. Write the result of the ordered test for this patient, consistent with their condition and with the results already known. Most tests unrelated to the condition are normal. Do not name the diagnosis.",
      `Patient: ${kase.patient.age} ${kase.patient.age_unit} old, ${kase.patient.sex}. ${kase.presentation}`,
      `Condition (hidden from the doctor): ${kase.diagnosis.name}.`,
      known2 ? `Results already known:
${known2}` : "",
      `Normal result template for this test: ${JSON.stringify(test.normal)}`
    ].filter(Boolean).join("\n\n");
    const r = await callModel({
      handle: this.config.handle,
      settings: this.config.settings,
      system,
      messages: [{ role: "user", content: `Test ordered: ${test.name} (${test.id}).` }],
      output: Synth,
      purpose: "gatekeeper",
      cacheKey: gatekeeperKey(kase.id, test.id),
      // Kept whatever --cache says: a synthesised result is part of the case from then on.
      cacheMode: "readwrite"
    });
    const o = r.object;
    const result = { text: o.text };
    if (o.value !== void 0) result.value = o.value;
    if (o.unit) result.unit = o.unit;
    if (o.flag) result.flag = o.flag;
    if (o.range) result.range = o.range;
    return { result, synthetic: true };
  }
};

// src/llm/component-spec.ts
function parseComponentSpec({ raw, what, known: known2 }) {
  const text = raw.trim();
  const colon = text.indexOf(":");
  const kind = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  let rest = colon < 0 ? "" : text.slice(colon + 1);
  if (kind !== "llm" && !PROVIDERS.includes(kind)) {
    throw new ConfigError(`Unknown ${what} "${raw}"; use deterministic, llm:<model> or a model string such as openai:gpt-4.1-mini.`);
  }
  if (kind !== "llm") rest = `${kind}:${rest}`;
  const parts = rest.split(",");
  const options = {};
  let model = parts[0].includes("=") && !parts[0].includes(":") ? "" : parts.shift() ?? "";
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new ConfigError(`Option "${part}" in ${what} "${raw}" must look like key=value.`);
    const key3 = part.slice(0, eq).trim();
    if (Object.hasOwn(options, key3)) throw new ConfigError(`Option ${key3} is given twice in ${what} "${raw}"; give it once.`);
    options[key3] = part.slice(eq + 1).trim();
  }
  if (model.startsWith("model=")) model = model.slice(6);
  if (options.model) {
    model = options.model;
    delete options.model;
  }
  for (const key3 of Object.keys(options)) {
    if (!known2.includes(key3)) throw new ConfigError(`The ${what} "${raw}" has no option "${key3}"; it takes ${known2.join(", ")}.`);
  }
  if (!model.trim()) throw new ConfigError(`The ${what} "${raw}" names no model; write llm:openai:gpt-4.1-mini or openai:gpt-4.1-mini.`);
  return { model: model.trim(), options, raw: text };
}

// src/actors/llm-actors.ts
function isDeterministic(spec) {
  return spec === void 0 || spec.trim() === "" || spec.trim().toLowerCase() === "deterministic";
}
function buildActors({ patient, lab, env = process.env }) {
  const base = deterministicActors();
  const actors = { ...base };
  if (!isDeterministic(patient)) {
    const spec = parseComponentSpec({ raw: patient, what: "patient", known: ["temperature", "max-tokens", "seed", "bias"] });
    const llm = new LlmPatient({
      handle: openModel(spec.model, env),
      settings: settingsFromOptions({ options: spec.options, where: spec.raw }),
      bias: spec.options.bias,
      grounding: base.patient
    });
    actors.patient = { answer: (i) => llm.answer(i) };
    actors.replayable = false;
  }
  if (!isDeterministic(lab)) {
    const spec = parseComponentSpec({ raw: lab, what: "lab", known: ["temperature", "max-tokens", "seed"] });
    const llm = new LlmLab({ handle: openModel(spec.model, env), settings: settingsFromOptions({ options: spec.options, where: spec.raw }) });
    actors.lab = { result: (i) => llm.result(i) };
    actors.replayable = false;
  }
  return actors;
}

// src/run/apply-biases.ts
var PROMPTED_DOCTORS = /* @__PURE__ */ new Set(["llm", "openai", "anthropic", "google", "ollama", "openai-compatible"]);
function applyBiases(input) {
  const specs = (input.biases ?? []).map(parseBias);
  const doctorBiases = specs.filter((b) => b.role === "doctor").map((b) => b.name);
  const patientBiases = specs.filter((b) => b.role === "patient").map((b) => b.name);
  if (patientBiases.length > 1) {
    throw new ConfigError(`Only one patient bias per run (got ${patientBiases.join(", ")}); run each in its own run.`);
  }
  const doctors = input.doctors.flatMap((d) => {
    const spec = parseSpec(d);
    if (!PROMPTED_DOCTORS.has(spec.kind) || spec.options.bias !== void 0 || doctorBiases.length === 0) return [d];
    return doctorBiases.map((name) => `${d},bias=${name}`);
  });
  let patient = input.patient;
  if (patient && patientBiases.length === 1) {
    const spec = parseSpec(patient);
    if (spec.kind !== "deterministic" && spec.options.bias === void 0) patient = `${patient},bias=${patientBiases[0]}`;
  }
  return { doctors, patient };
}

// src/scoring/judge.ts
import { z as z19 } from "zod";
var JudgeVerdict = z19.object({
  score: z19.number().int().min(1).max(5),
  reason: z19.string().min(1)
});
var JUDGE_RUBRIC = `You grade a doctor's final diagnosis against the ground truth, using this 5-point scale:
5 \u2014 identical to the ground truth, or more specific and still correct;
4 \u2014 the core disease is right, with a minor qualifier off (e.g. laterality, acuity, a subtype);
3 \u2014 the right category of disease, but with a major error (e.g. the wrong organ or mechanism within the family);
2 \u2014 superficial overlap only (shares a symptom or a word, not the disease);
1 \u2014 wrong.
Grade only the doctor's top diagnosis. Reply with the score and a one-sentence reason.`;
function buildJudge({ spec, env = process.env }) {
  const s = parseComponentSpec({ raw: spec, what: "judge", known: ["temperature", "max-tokens", "seed"] });
  return llmJudge({ handle: openModel(s.model, env), settings: { temperature: 0, ...settingsFromOptions({ options: s.options, where: s.raw }) } });
}
function llmJudge({ handle, settings }) {
  return {
    async score({ kase, events }) {
      const dx = events.find((e) => e.type === "diagnosis");
      const end = events.find((e) => e.type === "end");
      if (!end || end.reason === "error") return [];
      if (!dx) return [{ name: "judge", value: null, detail: "not judged: no diagnosis was made" }];
      const top = dx.differential[0];
      const truth = kase.diagnosis;
      const prompt = [
        `Ground truth: ${truth.name} (ICD-10 ${truth.icd10})${truth.accept.length ? `; also accepted: ${truth.accept.join("; ")}` : ""}.`,
        `Doctor's top diagnosis: ${top.name}${top.icd10 ? ` (ICD-10 ${top.icd10})` : ""}.`,
        dx.differential.length > 1 ? `Rest of the differential, for context only: ${dx.differential.slice(1).map((d) => d.name).join("; ")}.` : ""
      ].filter(Boolean).join("\n");
      try {
        const r = await callModel({
          handle,
          settings,
          system: JUDGE_RUBRIC,
          messages: [{ role: "user", content: prompt }],
          output: JudgeVerdict,
          purpose: "judge"
        });
        const v = r.object;
        return [
          { name: "judge", value: v.score, detail: `${v.score}/5 by ${handle.ref.id}: ${v.reason}` },
          {
            name: "judge_correct",
            value: v.score >= 4 ? 1 : 0,
            detail: v.score >= 4 ? `judged correct (${v.score} >= 4)` : `judged incorrect (${v.score} < 4)`
          }
        ];
      } catch (e) {
        const why = redactSecrets(e.message ?? String(e));
        return [
          { name: "judge", value: null, detail: `judge failed: ${why}` },
          { name: "judge_correct", value: null, detail: `judge failed: ${why}` }
        ];
      }
    }
  };
}

// src/scoring/moderator.ts
var MODERATOR_SYSTEM = "You decide whether a doctor's diagnosis and the correct diagnosis name the same disease. Answer with one word, Yes or No, and nothing else.";
function readYesNo(text) {
  const t = text.replace(/[*_`#>"'“”‘’]/g, " ").toLowerCase().replace(/^\s*(answer|final answer|verdict|response)\s*[:-]\s*/, "").trim();
  const first = t.match(/^[a-z]+/)?.[0];
  const yes = first === "yes" || first === "y" || first === "same";
  const no = first === "no" || first === "n" || first === "different";
  if (yes && !/^yes\s*(and|or|\/)\s*no\b/.test(t)) return "yes";
  if (no && !/^no\s*(and|or|\/)\s*yes\b/.test(t)) return "no";
  return void 0;
}
function buildModerator({ spec, env = process.env }) {
  const s = parseComponentSpec({ raw: spec, what: "moderator", known: ["temperature", "max-tokens", "seed"] });
  return llmModerator({ handle: openModel(s.model, env), settings: { temperature: 0, ...settingsFromOptions({ options: s.options, where: s.raw }) } });
}
function llmModerator({ handle, settings }) {
  return {
    async score({ kase, events }) {
      const dx = events.find((e) => e.type === "diagnosis");
      const end = events.find((e) => e.type === "end");
      if (!end || end.reason === "error") return [];
      if (!dx) return [{ name: "moderator", value: null, detail: "not moderated: no diagnosis was made" }];
      const prompt = `Correct diagnosis: ${kase.diagnosis.name}
Doctor's diagnosis: ${dx.differential[0].name}
Are these the same disease?`;
      try {
        const r = await callModel({ handle, settings, system: MODERATOR_SYSTEM, messages: [{ role: "user", content: prompt }], purpose: "moderator" });
        const answer = readYesNo(r.text);
        const said = r.text.replace(/\s+/g, " ").trim().slice(0, 80);
        if (!answer) return [{ name: "moderator", value: null, detail: `moderator answer was neither yes nor no: "${said}"` }];
        return [
          {
            name: "moderator",
            value: answer === "yes" ? 1 : 0,
            detail: `${answer === "yes" ? "same disease" : "different disease"} according to ${handle.ref.id} ("${said}")`
          }
        ];
      } catch (e) {
        return [{ name: "moderator", value: null, detail: `moderator failed: ${e.message ?? String(e)}` }];
      }
    }
  };
}
function combineJudges(judges) {
  const list2 = judges.filter((j) => j !== void 0);
  if (list2.length <= 1) return list2[0];
  return {
    async score(input) {
      const out = [];
      for (const j of list2) out.push(...await j.score(input));
      return out;
    }
  };
}

// src/store/call-cache.ts
function storeCache(db) {
  return {
    async get(key3) {
      const row = await db.selectFrom("cache").select("value").where("key", "=", key3).executeTakeFirst();
      if (!row) return void 0;
      await db.updateTable("cache").set((eb) => ({ hits: eb("hits", "+", 1) })).where("key", "=", key3).execute();
      return row.value;
    },
    async set(key3, value) {
      await db.insertInto("cache").values({ key: key3, value, created_at: (/* @__PURE__ */ new Date()).toISOString() }).onConflict((oc) => oc.column("key").doUpdateSet({ value })).execute();
    }
  };
}

// src/llm/run-runtime.ts
function runRuntime({
  config,
  cache: cache3,
  limiter,
  onBudget
}) {
  return createRuntime({
    cache: cache3,
    cacheMode: config.cache ?? "readwrite",
    offline: config.offline ?? false,
    maxUsd: config.maxUsd,
    onBudget,
    prices: loadPrices(config.prices),
    rateLimits: config.rateLimits,
    limiter,
    retry: { ...DEFAULT_RETRY, ...config.retry }
  });
}

// src/run/start-run.ts
function maxEncounters(env = process.env) {
  const n = Number(env.ROUNDS_MAX_ENCOUNTERS);
  return Number.isSafeInteger(n) && n > 0 ? n : 25e4;
}
function newRunId(now = /* @__PURE__ */ new Date()) {
  const t = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${t}-${randomBytes(2).toString("hex")}`;
}
function prepareRun(runId, config, catalog = loadCatalog()) {
  if (config.suites.length === 0) throw new ConfigError("No suite given; try --suite core.");
  const biased = applyBiases({ biases: config.biases, doctors: config.doctors, patient: config.patient });
  const doctors = biased.doctors.map((d) => resolveDoctor(d));
  const names = doctors.map((d) => d.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new ConfigError(`Doctor "${dup}" is given twice; each doctor must be distinct.`);
  const protocols = config.protocols.map((p) => resolveProtocol(p));
  const actors = buildActors({ patient: biased.patient, lab: config.lab });
  const judge2 = combineJudges([
    config.judge ? buildJudge({ spec: config.judge }) : void 0,
    config.moderator ? buildModerator({ spec: config.moderator }) : void 0
  ]);
  if (config.prices) loadPrices(config.prices);
  const problems = [];
  const cases = [];
  for (const s of config.suites) {
    const suite2 = resolveSuite(s);
    problems.push(...suite2.problems);
    for (const c of suite2.cases) if (!cases.some((x) => x.kase.id === c.kase.id && x.file === c.file)) cases.push(c);
  }
  const cross = crossCheck(cases, catalog);
  problems.push(...cross);
  const badFiles = new Set(cross.map((p) => `${p.file}:${p.line ?? ""}`));
  const valid = cases.filter((c) => !badFiles.has(`${c.file}:${c.line ?? ""}`));
  if (problems.length && !config.skipInvalid) throw new CaseValidationError(problems);
  if (valid.length === 0)
    throw new ConfigError(
      `The suite${config.suites.length > 1 ? "s" : ""} ${config.suites.join(", ")} hold${config.suites.length > 1 ? "" : "s"} no valid cases.`
    );
  const size = valid.length * doctors.length * protocols.length * config.seeds.length;
  const max = maxEncounters();
  if (size > max) {
    throw new ConfigError(
      `The run would have ${size.toLocaleString("en-US")} encounters (${valid.length} cases x ${doctors.length} doctors x ${protocols.length} protocols x ${config.seeds.length} seeds), more than the ${max.toLocaleString("en-US")} one run may hold; use fewer seeds or split the run (ROUNDS_MAX_ENCOUNTERS raises the limit).`
    );
  }
  const items = planRun({ runId, cases: valid.map((c) => c.kase), doctors, protocols, seeds: config.seeds });
  return { config, items, catalog, skipped: problems, actors, judge: judge2 };
}
async function startRun(store, config, handlers = {}, runId = newRunId(), prepared2 = prepareRun(runId, config)) {
  const now = (/* @__PURE__ */ new Date()).toISOString();
  const run = {
    id: runId,
    createdAt: now,
    updatedAt: now,
    status: "running",
    config: { ...config },
    versions: collectVersions(),
    total: prepared2.items.length
  };
  await store.createRun(run, prepared2.items);
  handlers.onStart?.({ runId, total: prepared2.items.length, remaining: prepared2.items.length, skipped: prepared2.skipped });
  return execute(store, runId, prepared2, prepared2.items, void 0, handlers);
}
async function execute(store, runId, prepared2, items, already, handlers) {
  const alreadyDone = already ?? { done: 0, total: items.length, correct: 0, scored: 0, errors: 0 };
  if (handlers.runner) {
    const r = await handlers.runner({ store, runId, items, alreadyDone, signal: handlers.signal, onProgress: handlers.onProgress });
    await store.setRunStatus(runId, r.completed ? "done" : "interrupted");
    return { runId, completed: r.completed, progress: r.progress };
  }
  const budget = new AbortController();
  const signal = handlers.signal ? AbortSignal.any([handlers.signal, budget.signal]) : budget.signal;
  const llm = runRuntime({ config: prepared2.config, cache: storeCache(store.db), onBudget: () => budget.abort() });
  const { progress, completed } = await runLocal({
    items,
    store,
    actors: prepared2.actors,
    catalog: prepared2.catalog,
    concurrency: prepared2.config.concurrency,
    alreadyDone: already ?? { done: 0, total: items.length, correct: 0, scored: 0, errors: 0 },
    signal,
    onProgress: handlers.onProgress,
    llm,
    judge: prepared2.judge
  });
  await llm.limiter.close();
  await store.setRunStatus(runId, completed ? "done" : "interrupted");
  return { runId, completed, progress, ...budget.signal.aborted && !completed ? { stoppedBy: "max-usd" } : {} };
}

// src/cli/run.ts
import { Option, InvalidArgumentError as InvalidArgumentError2 } from "commander";

// src/cli/flags.ts
import { InvalidArgumentError } from "commander";
var MAX_SEEDS = 1e4;
var MAX_TIMEOUT_SECONDS = 86400;
var MAX_RETRIES = 20;
function wholeNumber(min, max) {
  return (value) => {
    const text = value.trim();
    if (!/^\d{1,16}$/.test(text)) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max.toLocaleString("en-US")}.`);
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max.toLocaleString("en-US")}.`);
    return n;
  };
}
var positiveInt = wholeNumber(1, 1e9);
var seedCount = wholeNumber(1, MAX_SEEDS);
var retryCount = wholeNumber(0, MAX_RETRIES);
function positiveNumber(max) {
  return (value) => {
    const text = value.trim();
    const n = text === "" ? NaN : Number(text);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`must be a number above 0 and at most ${max.toLocaleString("en-US")}.`);
    return n;
  };
}
var timeoutSeconds = positiveNumber(MAX_TIMEOUT_SECONDS);
var maxUsd = positiveNumber(1e9);
function nonEmpty(what) {
  return (value) => {
    const text = value.trim();
    if (!text) throw new InvalidArgumentError(`must not be empty; give ${what}.`);
    if (/[\u0000-\u001f]/.test(text)) throw new InvalidArgumentError(`must not hold control characters; give ${what}.`);
    return text;
  };
}
var runIdFlag = nonEmpty("a run id from `rounds runs list`");
function collectNonEmpty(what, max = MAX_SEEDS) {
  const one = nonEmpty(what);
  return (value, previous) => {
    const list2 = previous ?? [];
    if (list2.length >= max) throw new InvalidArgumentError(`is given more than ${max.toLocaleString("en-US")} times.`);
    return [...list2, one(value)];
  };
}

// src/run/queue.ts
import { Queue } from "bullmq";
import { z as z20 } from "zod";

// src/run/queue-connection.ts
import { Redis } from "ioredis";

// src/run/queue.ts
var EncounterJobData = z20.object({
  runId: z20.string().min(1),
  encounterId: z20.string().min(1),
  /**
   * Where the run lives, as a locator only: a SQLite path or a PostgreSQL URL with every credential removed
   * (job hashes are kept for days in Redis). Workers connect with their own --store / ROUNDS_STORE, or with
   * this locator plus PGPASSWORD.
   */
  store: z20.string().min(1)
});
var JOB_OPTIONS = {
  attempts: Number(process.env.ROUNDS_JOB_ATTEMPTS) || 5,
  backoff: { type: "exponential", delay: 1e3 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 }
};

// src/cli/run.ts
var DEFAULT_DOCTOR = "baseline";
var DEFAULT_SUITE = "core";
var collectSeed = collectNonEmpty("a seed, e.g. --seed 7");

// bench/run.ts
var args = /* @__PURE__ */ new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1]);
var target = Number(args.get("encounters") ?? 1e4);
var doctor = args.get("doctor") ?? DEFAULT_DOCTOR;
var suite = args.get("suite") ?? DEFAULT_SUITE;
async function bench() {
  const cases = resolveSuite(suite).cases.length;
  const seeds = Math.max(1, Math.ceil(target / cases));
  const dir = mkdtempSync2(join13(tmpdir2(), "rounds-bench-"));
  const store = await openStore(join13(dir, "bench.db"));
  const rss = [];
  let lastSample = 0;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const result = await startRun(
    store,
    {
      suites: [suite],
      doctors: [doctor],
      protocols: ["default"],
      seeds: Array.from({ length: seeds }, (_, i) => String(i)),
      concurrency: 1,
      skipInvalid: false
    },
    {
      onProgress: (p) => {
        if (p.done - lastSample >= Math.max(1, Math.floor(p.total / 10))) {
          lastSample = p.done;
          rss.push(process.memoryUsage().rss);
        }
      }
    }
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await store.close();
  rmSync2(dir, { recursive: true, force: true });
  const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const done = result.progress.done;
  console.log(`bench: deterministic hospital, doctor ${doctor}, suite ${suite} (${cases} cases x ${seeds} seeds), SQLite WAL, concurrency 1`);
  console.log(`${done} encounters in ${seconds.toFixed(2)} s (plan and persistence included)`);
  console.log(`${(done / seconds).toFixed(0)} encounters/s wall, ${(done / cpuSeconds).toFixed(0)} per CPU-second (${cpuSeconds.toFixed(2)} s CPU)`);
  console.log(`top-1 ${(100 * result.progress.correct / Math.max(1, result.progress.scored)).toFixed(1)}%`);
  console.log(`RSS every 10% of the run: ${rss.map(mb).join(", ")}`);
  console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
}
await bench();

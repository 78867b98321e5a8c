// Shared helpers for the service tests: a throwaway PostgreSQL database per
// test file and a unique BullMQ queue name, both removed afterwards.
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/rounds.js', import.meta.url));
export const REDIS_URL = process.env.ROUNDS_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const PG_HOST = process.env.ROUNDS_TEST_PG ?? 'postgres://{user}@127.0.0.1:5432/test';

/** Connects to the admin database as postgres, else root (the CI server trusts both); throws if PostgreSQL is down. */
async function adminClient(): Promise<{ client: pg.Client; base: string }> {
  let last: unknown;
  for (const user of ['postgres', 'root']) {
    const base = PG_HOST.replace('{user}', user);
    const client = new pg.Client({ connectionString: base });
    try {
      await client.connect();
      return { client, base };
    } catch (e) {
      last = e;
      await client.end().catch(() => {});
    }
  }
  throw new Error(`PostgreSQL is not answering at ${PG_HOST.replace('{user}', 'postgres|root')}: ${(last as Error).message}. Start it (see .ci/run).`);
}

/** Creates a fresh database `rounds_test_<random>` and returns its URL and a dropper. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { client, base } = await adminClient();
  const name = `rounds_test_${randomBytes(5).toString('hex')}`;
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = base.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const { client: c } = await adminClient();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Throws unless Redis answers PING. */
export async function requireRedis(): Promise<void> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  r.on('error', () => {});
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(`Redis is not answering at ${REDIS_URL}: ${(e as Error).message}. Start it (see .ci/run).`, { cause: e });
  } finally {
    r.disconnect();
  }
}

/** A queue name no other test or user shares. */
export function uniqueQueueName(): string {
  return `rounds-test-${randomBytes(4).toString('hex')}`;
}

/** A child process with its output collected. */
export interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node <args>` from the repo root with extra environment. */
export function spawnNode(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => proc.on('close', (code, signal) => res({ code, signal })));
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** Resolves when `check` holds, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

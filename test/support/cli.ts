import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startFakeOpenAI, type FakeHandler, type FakeServer } from './fake-openai-server.js';

/** The compiled CLI (test/support/build-cli.ts builds it once per test run). */
export const bin = join(process.cwd(), 'bin', 'rounds.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `rounds <args>` without blocking this process, so a fake server it hosts keeps answering the child.
 * `env` is added to this process's environment.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface FakeModelFixture {
  /** A temporary folder for this file's stores and outputs. */
  readonly dir: string;
  readonly server: FakeServer;
  /** `rounds <args>` with an API key for the openai-compatible provider, so a model string naming `server.url` works. */
  rounds(args: string[]): Promise<CliResult>;
}

/**
 * For a test file that drives the CLI against a fake OpenAI-compatible server: starts the server (answering with
 * `handler`) and makes a temporary folder before the file's tests, and stops and removes both after them.
 */
export function useFakeModel(prefix: string, handler: FakeHandler): FakeModelFixture {
  let dir: string | undefined;
  let server: FakeServer | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    server = await startFakeOpenAI({ handler });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const ready = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('useFakeModel: the fixture is used before its beforeAll ran');
    return x;
  };
  return {
    get dir() {
      return ready(dir);
    },
    get server() {
      return ready(server);
    },
    rounds: (args) => runCli(args, { OPENAI_COMPATIBLE_API_KEY: 'k-test' }),
  };
}

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programFactory } from '../src/cli/main.js';
import { escapeControls } from '../src/cli/errors.js';
import { maxUsd, positiveInt, retryCount, runIdFlag, seedCount, timeoutSeconds, MAX_SEEDS } from '../src/cli/flags.js';
import { resolveProtocol } from '../src/run/resolve-protocol.js';
import { resolveDoctor } from '../src/doctors/registry.js';
import { checkStoreLocation } from '../src/store/store-url.js';
import { RoundsError } from '../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Values a user (or a script with an unset variable) might pass: numbers of every shape, and any text. */
const flagValue = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e300',
    'NaN',
    'Infinity',
    '-0',
    '0x10',
    '1.5',
    '99999999999',
    '100000000',
    '\u0000',
    '1\n2',
    '٣',
    '-V',
    '--version',
    '-h',
    '--help',
  ),
);

/** One short sentence: a single line that ends like a sentence, no stack trace. */
function oneSentence(message: string): void {
  expect(message).not.toMatch(/\n/);
  expect(message).not.toMatch(/\bat .*:\d+:\d+/);
  expect(message).toMatch(/[.)]$/);
}

describe('flag parsers, fuzzed', () => {
  const parsers: Array<[string, (v: string) => unknown, (x: unknown) => boolean]> = [
    ['--seeds', seedCount, (n) => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= MAX_SEEDS],
    ['--concurrency', positiveInt, (n) => Number.isSafeInteger(n) && (n as number) >= 1],
    ['--retries', retryCount, (n) => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= 20],
    ['--timeout', timeoutSeconds, (n) => Number.isFinite(n) && (n as number) > 0 && (n as number) <= 86_400],
    ['--max-usd', maxUsd, (n) => Number.isFinite(n) && (n as number) > 0],
    ['--resume', runIdFlag, (s) => typeof s === 'string' && (s as string).length > 0],
  ];
  for (const [flag, parse, valid] of parsers) {
    it(`${flag} yields a value in range or one sentence`, () => {
      fc.assert(
        fc.property(flagValue, (v) => {
          try {
            expect(valid(parse(v)), `${flag} ${JSON.stringify(v)}`).toBe(true);
          } catch (e) {
            if (!(e instanceof InvalidArgumentError)) throw e;
            oneSentence(e.message);
          }
        }),
        { numRuns: 1000 },
      );
    }, 120_000);
  }

  it('protocol, doctor and store strings resolve or fail with a RoundsError in one sentence', () => {
    const spec = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.constantFrom('default', 'sdbench', 'agentclinic', 'baseline', 'checklist', 'panel', 'nope'),
          fc.array(fc.tuple(fc.constantFrom('budget', 'max-turns', 'visit-fee', 'threshold', 'n', 'x'), flagValue), { maxLength: 3 }),
        )
        .map(([k, opts]) => (opts.length ? `${k}:${opts.map(([a, b]) => `${a}=${b}`).join(',')}` : k)),
    );
    const check = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (!(e instanceof RoundsError)) throw e;
        // As the CLI prints it: control characters the user typed are shown escaped.
        expect(escapeControls(e.message).split('\n')).toHaveLength(1);
      }
    };
    fc.assert(
      fc.property(spec, (s) => {
        check(() => resolveProtocol(s));
        check(() => resolveDoctor(s));
        check(() => checkStoreLocation(s));
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});

let buildProgram: () => Command;
beforeAll(async () => {
  buildProgram = await programFactory();
});

/** The real command tree with every action replaced, so only commander's parsing and the flag parsers run. */
function parseOnly(argv: string[]): { ok: boolean; code?: number; err: string } {
  const program = buildProgram();
  let err = '';
  const quiet = (c: Command) => {
    c.exitOverride().configureOutput({ writeErr: (s) => (err += s), writeOut: () => {} });
    if (c.commands.length === 0) c.action(() => {});
    c.commands.forEach(quiet);
  };
  quiet(program);
  try {
    program.parse(argv, { from: 'user' });
    return { ok: true, err };
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { ok: false, code: e.exitCode, err };
  }
}

describe('the command line, fuzzed through commander', () => {
  it('reads a program option after the command name as the value it follows, not as a request for the version', () => {
    // Found by the fuzz test in CI: `rounds run --seeds -V` printed the version and exited 0.
    const r = parseOnly(['run', '--seeds', '-V']);
    expect(r.ok).toBe(false);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--seeds/);
  });

  it('accepts or rejects any value of any numeric or id flag with exit 1 and one error line', () => {
    const flag = fc.constantFrom(
      ['run', '--seeds'],
      ['run', '--concurrency'],
      ['run', '--timeout'],
      ['run', '--retries'],
      ['run', '--max-usd'],
      ['run', '--rpm'],
      ['run', '--tpm'],
      ['run', '--resume'],
      ['run', '--report'],
      ['run', '--cache'],
      ['run', '--bias'],
      ['worker', '--concurrency'],
      ['worker', '--lock-duration'],
      ['runs', 'list', '--limit'],
      ['report', 'x', '--format'],
    );
    fc.assert(
      fc.property(flag, flagValue, (f, v) => {
        const argv = [...f, v, ...(f[0] === 'worker' ? ['--queue', 'redis://127.0.0.1:1'] : [])];
        const r = parseOnly(argv);
        if (r.ok) return;
        expect(r.code, argv.join(' ')).toBe(1);
        const lines = r.err.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^error: /);
        expect(lines.length).toBeLessThanOrEqual(2);
        expect(r.err).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 1500 },
    );
  }, 120_000);
});

function rounds(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'bin', 'rounds.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('the real CLI on representative bad values', () => {
  it('answers each with exit 1 and one error sentence, never a stack, and creates no stray store', async () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const store = join(dir, 'r.db');
    const cases: Array<[string[], RegExp]> = [
      [['run', '--seeds', '99999999999'], /--seeds .* must be a whole number from 1 to 10,000\./],
      [['run', '--seeds', '100000000', '--store', store], /must be a whole number from 1 to 10,000\./],
      [['run', '--resume', '', '--store', store], /--resume .* must not be empty/],
      [['run', '--store', 'mysql://root:hunter22@db/rounds'], /unsupported scheme mysql:\/\/; .*postgres/],
      [['run', '--suite', 'test/fixtures/cases', '--out', join(dir, 'a-file', 'reports'), '--store', store], /--out folder .* is under a file/],
      [['run', '--suite', 'test/fixtures/cases', '--out', '/proc/nope', '--store', store], /Cannot create the --out folder \/proc\/nope/],
      [['run', '--suite', 'core', '--protocol', 'default:budget=1,budget=2', '--store', store], /Protocol option budget is given twice/],
      [['run', '--suite', 'core', '--protocol', 'default:budget=cheap', '--store', store], /^error: Protocol option budget=cheap/],
    ];
    const results = await Promise.all(cases.map(([args]) => rounds(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i];
      const what = args.join(' ');
      expect(r.code, what).toBe(1);
      expect(r.stderr, what).toMatch(message);
      expect(r.stderr, what).toMatch(/^error: /);
      expect(r.stderr, what).not.toMatch(/\n\s+at /);
      expect(
        r.stderr
          .trimEnd()
          .split('\n')
          .filter((l) => !l.startsWith('(run with --help')),
        what,
      ).toHaveLength(1);
      expect(r.stderr + r.stdout, what).not.toContain('hunter22');
    }
    // --store mysql://... used to create a SQLite file named "mysql:" in the working folder.
    expect(readdirSync(dir).filter((f) => f.startsWith('mysql'))).toEqual([]);
  }, 180_000);

  it('says a deeply nested case file is nested too deep, in validate and run, instead of overflowing the stack', async () => {
    const suite = join(dir, 'deep');
    mkdirSync(suite, { recursive: true });
    writeFileSync(join(suite, 'deep.yaml'), `id: x\nfacts: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    const [validate, run] = await Promise.all([rounds(['cases', 'validate', suite]), rounds(['run', '--suite', suite, '--store', join(dir, 'deep.db')])]);
    for (const r of [validate, run]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('deep.yaml:2: nesting is too deep (more than 64 levels of lists or maps inside each other)');
      expect(r.stderr).not.toMatch(/Maximum call stack|\n\s+at /);
    }
  }, 120_000);
});

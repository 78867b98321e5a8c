import { RoundsError, CaseValidationError, formatProblem } from '../util/errors.js';
import { displayPath } from '../case/load.js';
import { redactSecrets } from '../util/redact.js';
import { explainDamage } from '../store/store-damage.js';
import { escapeControls } from './escape.js';

export { escapeControls };

/** Exit codes the CLI documents (README, "Exit codes"). */
export const EXIT = {
  /** A user mistake or a failure Rounds explains in one sentence. */
  error: 1,
  /** Every encounter of the run ended in error (a provider outage, a bad key): nothing was scored. */
  allErrored: 3,
  /** Interrupted (Ctrl-C, --max-usd); the run can be resumed. */
  interrupted: 130,
} as const;

/**
 * Runs a command body, turning the user's mistakes (RoundsError) into one
 * clear message and exit code 1, without a stack trace. Anything else is a
 * bug in Rounds and keeps its stack. Everything printed is redacted: a
 * message may quote a provider's reply or a URL with a password.
 */
export function handled<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      if (e instanceof CaseValidationError) {
        const n = e.problems.length;
        process.stderr.write(`error: ${n} problem${n === 1 ? '' : 's'} in case files:\n`);
        for (const p of e.problems) process.stderr.write(`  ${redactSecrets(formatProblem({ ...p, file: displayPath(p.file) }))}\n`);
        process.stderr.write('Fix them, or pass --skip-invalid to run the valid cases only.\n');
        process.exitCode = EXIT.error;
        return;
      }
      // SQLite reports damaged pages deep inside a query; say which file and how to recover instead of a stack.
      const err = explainDamage(e) ?? e;
      if (err instanceof RoundsError) {
        // One line, whatever the user typed into the value the message quotes.
        process.stderr.write(`error: ${escapeControls(redactSecrets(err.message))}\n`);
        process.exitCode = EXIT.error;
        return;
      }
      if (err instanceof Error) {
        // A bug in Rounds: keep the stack for the report, without any secret it quotes.
        process.stderr.write(`${redactSecrets(err.stack ?? `${err.name}: ${err.message}`)}\n`);
        process.exitCode = EXIT.error;
        return;
      }
      throw e;
    }
  };
}

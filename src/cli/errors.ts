import { RoundsError, CaseValidationError, formatProblem } from '../util/errors.js';
import { displayPath } from '../case/load.js';

/**
 * Runs a command body, turning the user's mistakes (RoundsError) into one
 * clear message and exit code 1, without a stack trace. Anything else is a
 * bug in Rounds and keeps its stack.
 */
export function handled<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      if (e instanceof CaseValidationError) {
        const n = e.problems.length;
        process.stderr.write(`error: ${n} problem${n === 1 ? '' : 's'} in case files:\n`);
        for (const p of e.problems) process.stderr.write(`  ${formatProblem({ ...p, file: displayPath(p.file) })}\n`);
        process.stderr.write('Fix them, or pass --skip-invalid to run the valid cases only.\n');
        process.exitCode = 1;
        return;
      }
      if (e instanceof RoundsError) {
        process.stderr.write(`error: ${e.message}\n`);
        process.exitCode = 1;
        return;
      }
      throw e;
    }
  };
}

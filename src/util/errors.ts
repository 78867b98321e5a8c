/**
 * The small error hierarchy. Each carries a stable `name` and a message that
 * is one sentence for the user; the CLI prints the message, never a stack, for
 * these.
 */
export class RoundsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RoundsError';
  }
}

/** A problem found in one case file. */
export interface CaseProblem {
  file: string;
  line?: number;
  path: string;
  message: string;
}

/** One or more case files are invalid; lists every problem found. */
export class CaseValidationError extends RoundsError {
  readonly problems: CaseProblem[];
  constructor(problems: CaseProblem[]) {
    super(
      problems.length === 1
        ? formatProblem(problems[0])
        : `${problems.length} problems in case files:\n${problems.map((p) => '  ' + formatProblem(p)).join('\n')}`,
    );
    this.name = 'CaseValidationError';
    this.problems = problems;
  }
}

/** Renders one problem as `file:line: field: message`. */
export function formatProblem(p: CaseProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** A bad option, flag, name or configuration value. */
export class ConfigError extends RoundsError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Something the user asked for does not exist (run id, case id...). */
export class NotFoundError extends RoundsError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A doctor produced something the engine cannot accept, or failed. */
export class DoctorError extends RoundsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DoctorError';
  }
}

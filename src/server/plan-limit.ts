import { ApiError } from './errors.js';

/** Most encounters one run posted over HTTP may plan, unless the operator sets `rounds serve --max-plan`. */
export const DEFAULT_MAX_PLAN = 10_000;

/**
 * Refuses a plan larger than `max` before anything is expanded: the size is
 * the product of the parts, so a huge request costs one multiplication, not
 * millions of planned rows (issue 15: 2.18 M encounters froze the server).
 */
export function assertPlanSize(parts: { cases: number; doctors: number; protocols: number; seeds: number }, max: number): number {
  const size = parts.cases * parts.doctors * parts.protocols * parts.seeds;
  if (size > max) {
    throw new ApiError(
      413,
      'plan-too-large',
      `This run would plan ${size.toLocaleString('en-US')} encounters (${parts.cases} cases x ${parts.doctors} doctors x ${parts.protocols} protocols x ${parts.seeds} seeds); this server accepts at most ${max.toLocaleString('en-US')} per run, so split it, or start the server with a larger --max-plan.`,
    );
  }
  return size;
}

import type { GroupSummary } from './aggregate.js';
import { fixed } from './format.js';
import type { RubricRow } from './rubric-summary.js';

/**
 * The rubric table every report shows when a run had the rubric scorer: per doctor and protocol, the overall
 * HealthBench score and one row per tag (example tags such as `theme:...`, criterion tags such as `axis:...`; a
 * criterion tag scores only the criteria carrying it), each the mean of example scores clipped to [0, 1] with a
 * case-bootstrap 95% interval.
 */

export const RUBRIC_HEADER = ['Doctor', 'Protocol', 'Tag', 'n', 'Cases', 'Score', '95% CI'];
export const RUBRIC_RIGHT = [false, false, false, true, true, true, true];

export const RUBRIC_NOTE =
  'Rubric score (HealthBench): an example scores the points of the criteria met (negative ones included) over its positive points; a score is the mean over examples clipped to [0, 1], 95% interval by case bootstrap. A criterion tag scores only the criteria carrying it; an example tag takes the examples carrying it. Examples with a criterion the grader could not grade are left out and counted as ungraded.';

/** Whether any group has rubric scores. */
export const hasRubric = (groups: readonly GroupSummary[]) => groups.some((g) => g.rubric);

/** The table's cells, one row for each group's overall score and one per tag. */
export function rubricRows(groups: readonly GroupSummary[]): string[][] {
  const cells = (g: GroupSummary, r: RubricRow) => [
    g.doctor,
    g.protocol,
    r.tag ?? 'overall',
    String(r.n),
    String(r.cases),
    fixed(r.estimate, 3),
    `${fixed(r.low, 3)}–${fixed(r.high, 3)}`,
  ];
  return groups.flatMap((g) => (g.rubric ? [...(g.rubric.overall ? [cells(g, g.rubric.overall)] : []), ...g.rubric.tags.map((t) => cells(g, t))] : []));
}

/** One line per group with ungraded examples, so a grader outage is never silent. */
export function rubricUngradedLines(groups: readonly GroupSummary[]): string[] {
  return groups
    .filter((g) => g.rubric && g.rubric.ungraded > 0)
    .map(
      (g) =>
        `${g.doctor} (${g.protocol}): ${g.rubric!.ungraded} example${g.rubric!.ungraded === 1 ? '' : 's'} not graded (a criterion failed to grade, or no reply), left out of the rubric score`,
    );
}

/** The plain-text table the CLI prints under the results. */
export function formatRubricTable(groups: readonly GroupSummary[]): string {
  if (!hasRubric(groups)) return '';
  const rows = rubricRows(groups);
  const width = (s: string) => [...s].length;
  const widths = RUBRIC_HEADER.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (RUBRIC_RIGHT[i] ? ' '.repeat(widths[i] - width(c)) + c : c + ' '.repeat(widths[i] - width(c))))
      .join('  ')
      .trimEnd();
  const out = [
    'Rubric scores (HealthBench; mean clipped to [0, 1], 95% CI by case bootstrap):',
    line(RUBRIC_HEADER),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ];
  const ungraded = rubricUngradedLines(groups);
  return [...out, ...(ungraded.length ? ['', ...ungraded] : [])].join('\n') + '\n';
}

import type { GroupSummary } from '../api';
import { fixed } from '../format';

type Row = NonNullable<GroupSummary['rubric']>['tags'][number];

/** HealthBench rubric scores per doctor: overall and per tag, mean clipped to [0, 1] with a case-bootstrap 95% interval. */
export function RubricTable(props: { groups: GroupSummary[] }) {
  const rows = props.groups.flatMap((g) =>
    g.rubric ? [...(g.rubric.overall ? [{ g, r: g.rubric.overall }] : []), ...g.rubric.tags.map((r: Row) => ({ g, r }))] : [],
  );
  if (rows.length === 0) return null;
  const ungraded = props.groups.filter((g) => g.rubric && g.rubric.ungraded > 0);
  return (
    <>
      <h2>Rubric scores</h2>
      <table className="table rubric" data-testid="rubric">
        <thead>
          <tr>
            <th>Doctor</th>
            <th>Protocol</th>
            <th>Tag</th>
            <th className="num">n</th>
            <th className="num">Cases</th>
            <th className="num">Score</th>
            <th className="num">95% CI</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ g, r }) => (
            <tr key={`${g.doctor}|${g.protocol}|${r.tag ?? ''}`}>
              <td className="doctor">{g.doctor}</td>
              <td>{g.protocol}</td>
              <td>{r.tag ?? 'overall'}</td>
              <td className="num">{r.n}</td>
              <td className="num">{r.cases}</td>
              <td className="num">{fixed(r.estimate, 3)}</td>
              <td className="num">
                {fixed(r.low, 3)}–{fixed(r.high, 3)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ungraded.map((g) => (
        <p key={`${g.doctor}|${g.protocol}`} className="muted small">
          {g.doctor}: {g.rubric!.ungraded} example(s) not graded, left out of the rubric score.
        </p>
      ))}
    </>
  );
}

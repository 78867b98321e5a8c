import type { GroupSummary } from '../api';
import { fixed, money, pct, MISSING } from '../format';

/** One row per doctor and protocol: the figures of summarizeRun, as the reports print them. */
export function Leaderboard(props: { groups: GroupSummary[] }) {
  const rows = [...props.groups].sort((a, b) => (b.accuracy?.estimate ?? -1) - (a.accuracy?.estimate ?? -1));
  if (rows.length === 0) return <p className="muted">No finished encounters yet.</p>;
  return (
    <table className="table leaderboard" data-testid="leaderboard">
      <thead>
        <tr>
          <th>Doctor</th>
          <th>Protocol</th>
          <th className="num">n</th>
          <th className="num">Top-1</th>
          <th className="num">95% CI</th>
          <th className="num">Top-3</th>
          <th className="num">Mean cost</th>
          <th className="num">Cost 95% CI</th>
          <th className="num">Turns</th>
          <th className="num">No-dx</th>
          <th className="num">Errors</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={`${g.doctor}|${g.protocol}`} data-doctor={g.doctor}>
            <td className="doctor">{g.doctor}</td>
            <td>{g.protocol}</td>
            <td className="num" data-field="n">
              {g.n}
              {g.pending ? `+${g.pending}` : ''}
            </td>
            <td className="num" data-field="accuracy">
              {pct(g.accuracy?.estimate)}
            </td>
            <td className="num" data-field="accuracy-ci">
              {g.accuracy ? `${pct(g.accuracy.low)}–${pct(g.accuracy.high)}` : MISSING}
            </td>
            <td className="num" data-field="top3">
              {pct(g.top3?.estimate)}
            </td>
            <td className="num" data-field="cost">
              {money(g.cost?.mean)}
            </td>
            <td className="num" data-field="cost-ci">
              {g.cost ? `${money(g.cost.low)}–${money(g.cost.high)}` : MISSING}
            </td>
            <td className="num" data-field="turns">
              {fixed(g.turns?.mean)}
            </td>
            <td className="num" data-field="no-diagnosis">
              {g.noDiagnosis}
            </td>
            <td className="num" data-field="errors">
              {g.errors}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

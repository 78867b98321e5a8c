import type { LeaderboardBoard, LeaderboardRow } from '../api';
import { money, pct, MISSING } from '../format';

/** A mean share (0–1) with its count, or a dash where the scorer did not run. */
function share(m: { mean: number; n: number } | null | undefined) {
  return m ? pct(m.mean) : MISSING;
}

function Row(props: { row: LeaderboardRow }) {
  const g = props.row;
  const acc = g.basis === 'judge' && g.judge?.correct ? g.judge.correct : g.accuracy;
  // Set when the interval resamples cases (a stochastic doctor's seeds).
  const clustered = acc && 'clusteredCases' in acc ? acc.clusteredCases : undefined;
  return (
    <tr data-doctor={g.doctor}>
      <td className="num" data-field="rank">
        {g.rank ?? MISSING}
      </td>
      <td className="doctor">{g.doctor}</td>
      <td className="num" data-field="cases">
        {g.cases}
      </td>
      <td className="num" data-field="accuracy">
        {pct(acc?.estimate)}
      </td>
      <td className="num" data-field="accuracy-ci" title={clustered ? `case bootstrap over ${clustered} cases` : 'Wilson'}>
        {acc ? `${pct(acc.low)}–${pct(acc.high)}` : MISSING}
        {clustered ? ' †' : ''}
      </td>
      <td className="num" data-field="cost">
        {money(g.cost?.mean)}
      </td>
      <td className="num" data-field="must-ask">
        {share(g.mustAsk)}
      </td>
      <td className="num" data-field="must-order">
        {share(g.mustOrder)}
      </td>
      <td className="num" data-field="confirmed">
        {share(g.confirmed)}
      </td>
      <td className="num" data-field="cant-miss-missed">
        {share(g.cantMissMissed)}
      </td>
      <td className="num" data-field="premature-closure">
        {share(g.prematureClosure)}
      </td>
      <td className="num" data-field="errors">
        {g.errors}
      </td>
    </tr>
  );
}

const HEAD = ['#', 'Doctor', 'Cases', 'Top-1', '95% CI', 'Mean cost', 'Must-ask', 'Must-order', 'Confirmed', 'Cant-miss missed', 'Premature closure', 'Errors'];

/**
 * The leaderboard across runs: one board per case set (content hash) and protocol, so a doctor is only ranked
 * against doctors that played the same cases under the same rules; doctors with too few cases are listed apart.
 */
export function CrossRunLeaderboard(props: { boards: LeaderboardBoard[]; minCases: number }) {
  if (props.boards.length === 0) return <p className="muted">No finished encounters yet.</p>;
  return (
    <div data-testid="cross-run-leaderboard">
      {props.boards.map((b) => (
        <section key={`${b.key}|${b.protocol}`} className="board" data-board={b.key} data-protocol={b.protocol}>
          <h3>
            {b.suites.join(', ') || 'cases'} · {b.protocol} · {b.cases} cases
            {b.caseSetHash && <span className="muted"> · set {b.caseSetHash.slice(0, 12)}</span>}
          </h3>
          {b.note && <p className="muted note">{b.note}</p>}
          <table className="table leaderboard">
            <thead>
              <tr>
                {HEAD.map((h) => (
                  <th key={h} className={h === 'Doctor' ? undefined : 'num'}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.ranked.map((r) => (
                <Row key={r.doctor} row={r} />
              ))}
              {b.tooFew.length > 0 && (
                <tr className="too-few">
                  <td colSpan={HEAD.length} className="muted">
                    Too few cases (under {props.minCases}): listed, not ranked
                  </td>
                </tr>
              )}
              {b.tooFew.map((r) => (
                <Row key={r.doctor} row={r} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <p className="muted">† interval resamples cases: the doctor&apos;s seeds differ, so they are replicates of a case, not new samples.</p>
    </div>
  );
}

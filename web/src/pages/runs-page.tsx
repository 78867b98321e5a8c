import { useEffect } from 'react';
import { api } from '../api';
import { CrossRunLeaderboard } from '../components/cross-run-leaderboard';
import { when } from '../format';
import { Link } from '../router';
import { useData } from '../use-data';

/** Every stored run, newest first, and the leaderboards across them (one per case set and protocol). */
export function RunsPage() {
  const runs = useData(() => api.runs(), []);
  const board = useData(() => api.leaderboard(), []);
  const anyActive = runs.data?.runs.some((r) => r.status === 'running') ?? false;
  useEffect(() => {
    if (!anyActive) return;
    const t = setInterval(() => {
      runs.reload();
      board.reload();
    }, 2000);
    return () => clearInterval(t);
  }, [anyActive, runs.reload, board.reload]);
  return (
    <section>
      <h1>Runs</h1>
      {runs.error && <p className="error">{runs.error}</p>}
      {runs.data && runs.data.runs.length === 0 && (
        <p className="muted">
          No runs yet. Start one with <code>npx rounds run --suite quick</code>, or <Link to="/play">play a case</Link> yourself.
        </p>
      )}
      {runs.data && runs.data.runs.length > 0 && (
        <table className="table" data-testid="runs">
          <thead>
            <tr>
              <th>Run</th>
              <th>Status</th>
              <th className="num">Done</th>
              <th>Doctors</th>
              <th>Suites</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/runs/${r.id}`}>{r.id}</Link>
                </td>
                <td>
                  <span className={`status status-${r.status}`}>{r.status}</span>
                </td>
                <td className="num">
                  {r.done}/{r.total}
                </td>
                <td>{((r.config.doctors as string[] | undefined) ?? []).join(', ')}</td>
                <td>{((r.config.suites as string[] | undefined) ?? []).join(', ')}</td>
                <td>{when(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Leaderboard across runs</h2>
      {board.error && <p className="error">{board.error}</p>}
      <p className="muted">
        One board per case set (by content, whatever the suite was called) and protocol; doctors are ranked only with at least {board.data?.minCases ?? 10}{' '}
        cases on the board.
      </p>
      {board.data && <CrossRunLeaderboard boards={board.data.boards} minCases={board.data.minCases} />}
    </section>
  );
}

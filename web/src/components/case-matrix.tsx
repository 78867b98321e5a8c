import type { RunEncounter } from '../api';
import { Link } from '../router';

/** Cases down, doctors across; each cell links to its encounter(s) and shows the verdict. */
export function CaseMatrix(props: { encounters: RunEncounter[] }) {
  const doctors = [...new Set(props.encounters.map((e) => (e.protocol === 'default' ? e.doctor : `${e.doctor} · ${e.protocol}`)))];
  const cases = [...new Set(props.encounters.map((e) => e.caseId))];
  const key = (e: RunEncounter) => (e.protocol === 'default' ? e.doctor : `${e.doctor} · ${e.protocol}`);
  const cell = new Map<string, RunEncounter[]>();
  for (const e of props.encounters) {
    const k = `${e.caseId}|${key(e)}`;
    cell.set(k, [...(cell.get(k) ?? []), e]);
  }
  return (
    <div className="matrix-wrap">
      <table className="table matrix" data-testid="case-matrix">
        <thead>
          <tr>
            <th>Case</th>
            {doctors.map((d) => (
              <th key={d}>{d}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c}>
              <td className="case-id">
                <Link to={`/cases/${encodeURIComponent(c)}`}>{c}</Link>
              </td>
              {doctors.map((d) => (
                <td key={d} className="cells">
                  {(cell.get(`${c}|${d}`) ?? []).map((e) => (
                    <Link
                      key={e.id}
                      to={`/encounters/${e.id}`}
                      className={`cell verdict-${e.verdict ?? e.status}`}
                      title={`${e.verdict ?? e.status} — seed ${e.seed}`}
                    >
                      {symbol(e.verdict ?? e.status)}
                    </Link>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="legend">
        <span className="cell verdict-correct">✓</span> correct <span className="cell verdict-partial">½</span> partial{' '}
        <span className="cell verdict-incorrect">✗</span> incorrect <span className="cell verdict-no-diagnosis">∅</span> no diagnosis{' '}
        <span className="cell verdict-error">!</span> error <span className="cell verdict-pending">…</span> not finished
      </p>
    </div>
  );
}

function symbol(v: string): string {
  return { correct: '✓', partial: '½', incorrect: '✗', 'no-diagnosis': '∅', error: '!' }[v] ?? '…';
}

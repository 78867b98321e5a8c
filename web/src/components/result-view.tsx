import type { EncounterEvent } from '../api';

type Result = Extract<EncounterEvent, { type: 'result' }>['result'];

/** A lab result as text: report, single value, or components. */
export function ResultView(props: { result: Result }) {
  const r = props.result;
  return (
    <div className="result">
      {r.text !== undefined && <p>{r.text}</p>}
      {r.value !== undefined && (
        <p>
          {String(r.value)} {r.unit ?? ''} {r.range ? `(ref ${r.range})` : ''}{' '}
          {r.flag && r.flag !== 'normal' ? <strong className="flag">{r.flag}</strong> : null}
        </p>
      )}
      {r.components && (
        <table className="components">
          <tbody>
            {Object.entries(r.components).map(([name, c]) => (
              <tr key={name}>
                <td>{name}</td>
                <td>
                  {String(c.value)} {c.unit ?? ''}
                </td>
                <td className="muted">{c.range ?? ''}</td>
                <td>{c.flag && c.flag !== 'normal' ? <strong className="flag">{c.flag}</strong> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

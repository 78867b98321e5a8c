/** One row per score: name, value (rounded to 2 places, a dash when null) and the reason it was given. */
export function ScoreTable(props: { scores: Array<{ name: string; value: number | null; detail: string }>; testId?: string }) {
  return (
    <table className="table scores" data-testid={props.testId}>
      <tbody>
        {props.scores.map((s) => (
          <tr key={s.name}>
            <th>{s.name}</th>
            <td className="num">{s.value === null ? '—' : String(Math.round(s.value * 100) / 100)}</td>
            <td className="detail">{s.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A verdict as a coloured label; the colour is a hint, the word is the meaning. */
export function Verdict(props: { verdict: string | null }) {
  const v = props.verdict ?? 'pending';
  return <span className={`verdict verdict-${v}`}>{v}</span>;
}

import { useState } from 'react';
import { api, type ScoreRow } from '../api';
import { GradeControl } from '../components/grade-control';
import { ScoreTable } from '../components/score-table';
import { Timeline } from '../components/timeline';
import { Verdict } from '../components/verdict';
import { money } from '../format';
import { Link } from '../router';
import { useData } from '../use-data';

/** One encounter's transcript, its verdict and the reasons for every score. */
export function EncounterPage(props: { id: string }) {
  const { data, error } = useData(() => api.encounter(props.id), [props.id]);
  const [label, setLabel] = useState<ScoreRow | null>(null);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const { encounter: e, events } = data;
  const scores = label ? [...data.scores.filter((s) => s.name !== label.name), label] : data.scores;
  const gradable = e.status === 'done' && e.verdict !== null && e.verdict !== 'error';
  return (
    <section>
      <p className="crumbs">
        <Link to={`/runs/${e.runId}`}>← run {e.runId}</Link>
      </p>
      <h1>
        {e.doctor} on <Link to={`/cases/${e.caseId}`}>{e.caseId}</Link>
      </h1>
      <p className="summary-line">
        <Verdict verdict={e.verdict} /> · {e.endReason ?? e.status} · {money(e.cost)} · {e.turns ?? '—'} turns · protocol {e.protocol} · seed{' '}
        <span className="mono">{e.seed}</span>
      </p>
      {e.status !== 'done' && (
        <p>
          This encounter is still running: <Link to={`/encounters/${e.id}/live`}>watch it live</Link>.
        </p>
      )}
      <div className="two-col">
        <div>
          <h2>Transcript</h2>
          <Timeline events={events} doctor={e.doctor} />
        </div>
        <aside>
          <h2>Scores</h2>
          {scores.length === 0 && <p className="muted">Not scored yet.</p>}
          <ScoreTable scores={orderScores(scores)} testId="scores" />
          {gradable && <GradeControl encounterId={e.id} current={scores.find((s) => s.name === 'human_label')} onSaved={setLabel} />}
        </aside>
      </div>
    </section>
  );
}

const FIRST = ['diagnosis', 'top1', 'top3', 'cost', 'turns'];

/** The verdict's own scores first, then the process scores by name. */
function orderScores<T extends { name: string }>(scores: T[]): T[] {
  const rank = (n: string) => (FIRST.includes(n) ? FIRST.indexOf(n) : FIRST.length);
  return [...scores].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

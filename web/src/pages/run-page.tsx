import { useEffect, useState } from 'react';
import { api } from '../api';
import { AccuracyCostChart } from '../components/accuracy-cost-chart';
import { CaseMatrix } from '../components/case-matrix';
import { Leaderboard } from '../components/leaderboard';
import { RubricTable } from '../components/rubric-table';
import { EncounterList } from '../components/encounter-list';
import { when } from '../format';
import { Link } from '../router';
import { useData } from '../use-data';

/** One run: leaderboard, accuracy against cost, the case-by-doctor matrix and its encounters. */
export function RunPage(props: { id: string }) {
  const { data, error, reload } = useData(() => api.run(props.id), [props.id]);
  const [cancelError, setCancelError] = useState<string>();
  const running = data?.run.status === 'running';
  useEffect(() => {
    if (!running) return;
    const t = setInterval(reload, 1500);
    return () => clearInterval(t);
  }, [running, reload]);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const { run, summary, encounters } = data;
  const done = encounters.filter((e) => e.status === 'done').length;
  const live = encounters.filter((e) => e.status === 'running');
  const cancel = () => api.cancelRun(run.id).then(reload, (e: Error) => setCancelError(e.message));
  return (
    <section>
      <h1>
        Run <span className="mono">{run.id}</span> <span className={`status status-${run.status}`}>{run.status}</span>
      </h1>
      <p className="muted">
        {done}/{run.total} encounters done · created {when(run.createdAt)} · doctors {((run.config.doctors as string[]) ?? []).join(', ')} · suites{' '}
        {((run.config.suites as string[]) ?? []).join(', ')} · protocols {((run.config.protocols as string[]) ?? []).join(', ')}
      </p>
      {run.active && (
        <p>
          <button onClick={cancel}>Cancel run</button> {cancelError && <span className="error">{cancelError}</span>}
        </p>
      )}
      {live.length > 0 && (
        <p>
          Live now:{' '}
          {live.map((e) => (
            <Link key={e.id} to={`/encounters/${e.id}/live`} className="pill">
              {e.doctor} on {e.caseId}
            </Link>
          ))}
        </p>
      )}
      <h2>Leaderboard</h2>
      <Leaderboard groups={summary.groups} />
      <p className="muted small">
        Accuracy is top-1 correct over scored encounters (errors counted apart) with a Wilson 95% interval; cost intervals are bootstrap (
        {summary.bootstrap.resamples} resamples).
      </p>
      <RubricTable groups={summary.groups} />
      <h2>Accuracy against cost</h2>
      <AccuracyCostChart groups={summary.groups} />
      <h2>Cases by doctor</h2>
      <CaseMatrix encounters={encounters} />
      <h2>Encounters</h2>
      <EncounterList encounters={encounters} />
    </section>
  );
}

import { useEffect, useState } from 'react';
import { api, followEvents, type EncounterEvent } from '../api';
import { Timeline } from '../components/timeline';
import { Verdict } from '../components/verdict';
import { Link } from '../router';
import { useData } from '../use-data';

/** A running encounter followed over server-sent events until it ends. */
export function LivePage(props: { id: string }) {
  const [events, setEvents] = useState<EncounterEvent[]>([]);
  const [done, setDone] = useState<{ verdict: string | null } | null>(null);
  const [error, setError] = useState<string>();
  const meta = useData(() => api.encounter(props.id), [props.id]);
  const doctor = meta.data?.encounter.doctor;
  useEffect(() => {
    setEvents([]);
    setDone(null);
    return followEvents(`/api/encounters/${encodeURIComponent(props.id)}/events/stream`, {
      event: (data) => {
        const e = JSON.parse(data) as EncounterEvent;
        setEvents((list) => (list.some((x) => x.seq === e.seq) ? list : [...list, e]));
      },
      done: (data) => setDone(JSON.parse(data)),
      error: setError,
    });
  }, [props.id]);
  return (
    <section>
      <h1>
        Live: {doctor ?? 'encounter'} {meta.data && <>on {meta.data.encounter.caseId}</>}
      </h1>
      <p className="muted mono small">{props.id}</p>
      <p data-testid="live-status">
        {done ? (
          <>
            Finished: <Verdict verdict={done.verdict} /> · <Link to={`/encounters/${props.id}`}>full transcript and scores</Link>
          </>
        ) : (
          <span className="live-dot">● live — {events.length} events so far</span>
        )}
      </p>
      {error && !done && <p className="error">{error}</p>}
      <Timeline events={events} doctor={doctor} />
    </section>
  );
}

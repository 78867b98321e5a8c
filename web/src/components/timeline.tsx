import type { EncounterEvent } from '../api';
import { money } from '../format';
import { ResultView } from './result-view';
import { MediaFigure } from './media-figure';

/**
 * The transcript as a timeline: who did or said what, each order with its
 * price and the running cost. Everything is React text, so markup in a case
 * or a model's reply is shown, never run.
 */
export function Timeline(props: { events: EncounterEvent[]; doctor?: string }) {
  let running = 0;
  return (
    <ol className="timeline" data-testid="timeline">
      {props.events.map((e) => {
        if (e.type === 'visit') running += e.fee;
        if (e.type === 'result') running += e.price;
        const row = describe(e, props.doctor ?? 'doctor');
        if (!row) return null;
        return (
          <li key={e.seq} className={`event event-${e.type} who-${row.who}`} data-type={e.type}>
            <div className="who">{row.label}</div>
            <div className="what">{row.body}</div>
            <div className="cost" title="running cost">
              {money(running)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function describe(e: EncounterEvent, doctor: string): { who: string; label: string; body: React.ReactNode } | null {
  switch (e.type) {
    case 'start':
      return {
        who: 'hospital',
        label: 'Arrival',
        body: (
          <>
            <p>{e.presentation}</p>
            <p className="muted">
              {e.patient.age} {e.patient.ageUnit}, {e.patient.sex} · protocol {e.protocol.name} · seed {e.seed}
            </p>
          </>
        ),
      };
    case 'action':
      return { who: 'doctor', label: doctor, body: <ActionText action={e.action} /> };
    case 'visit':
      return { who: 'hospital', label: 'Visit', body: <p>Visit fee {money(e.fee)}</p> };
    case 'answer':
      return {
        who: 'patient',
        label: 'Patient',
        body: (
          <>
            <p className="quote">“{e.question.text}”</p>
            <p>{e.text}</p>
          </>
        ),
      };
    case 'exam':
      return {
        who: 'examiner',
        label: 'Examination',
        body: (
          <p>
            <strong>{e.target}:</strong> {e.text}
          </p>
        ),
      };
    case 'result':
      return {
        who: 'lab',
        label: 'Lab',
        body: (
          <>
            <p>
              <strong>{e.name}</strong> <span className="price">{money(e.price)}</span>
            </p>
            <ResultView result={e.result} />
          </>
        ),
      };
    case 'image':
      return {
        who: 'hospital',
        label: e.turn === 0 ? 'Images' : 'Images shown',
        body: e.media.length ? (
          <>
            {e.media.map((m) => (
              <MediaFigure key={m.id} media={m} />
            ))}
          </>
        ) : (
          <p>{e.text}</p>
        ),
      };
    case 'unrecognised':
    case 'refused':
      return { who: 'hospital', label: 'Notice', body: <p>{e.text}</p> };
    case 'diagnosis':
      return {
        who: 'doctor',
        label: 'Final differential',
        body: (
          <>
            <ol className="differential">
              {e.differential.map((d, i) => (
                <li key={i}>
                  {d.name}
                  {d.probability !== undefined ? ` (${Math.round(d.probability * 100)}%)` : ''}
                </li>
              ))}
            </ol>
            {e.rationale && <p className="muted">{e.rationale}</p>}
          </>
        ),
      };
    case 'note':
      return {
        who: 'note',
        label: `Note · ${e.kind}`,
        body: <pre className="note">{typeof e.data === 'string' ? e.data : JSON.stringify(e.data, null, 2)}</pre>,
      };
    case 'error':
      return { who: 'error', label: 'Error', body: <p>{`${e.code}: ${e.message}`}</p> };
    case 'fhir':
      // An EHR task's call: the status, and the refusal's reason or what was stored.
      return {
        who: e.status >= 400 ? 'error' : 'hospital',
        label: `FHIR ${e.method} ${e.status}`,
        body: <p>{`${e.url}${e.diagnostics ? ` — ${e.diagnostics}` : e.stored ? ` — stored ${String(e.stored.resourceType)}/${String(e.stored.id)}` : ''}`}</p>,
      };
    case 'finish':
      return { who: 'doctor', label: 'Answer', body: <p>{JSON.stringify(e.answer)}</p> };
    case 'reply':
      return { who: 'doctor', label: 'Reply', body: <p>{e.text}</p> };
    case 'end':
      return { who: 'hospital', label: 'End', body: <p>{`Ended: ${e.reason} after ${e.turns} turns, ${money(e.cost)}`}</p> };
    default:
      return null;
  }
}

function ActionText(props: { action: Extract<EncounterEvent, { type: 'action' }>['action'] }) {
  const a = props.action;
  if (a.type === 'ask') return <p>Asks: {a.questions.map((q) => q.text).join(' · ')}</p>;
  if (a.type === 'examine') return <p>Examines: {a.targets.join(', ')}</p>;
  if (a.type === 'order') return <p>Orders: {a.tests.join(', ')}</p>;
  if (a.type === 'image') return <p>Requests images{a.ids?.length ? `: ${a.ids.join(', ')}` : ''}</p>;
  if (a.type === 'fhir') return <p>{`${a.method} ${a.url}`}</p>;
  if (a.type === 'finish') return <p>{`Finishes: ${JSON.stringify(a.answer)}`}</p>;
  if (a.type === 'respond') return <p>Replies to the conversation</p>;
  return <p>Diagnoses: {a.differential.map((d) => d.name).join(' › ')}</p>;
}

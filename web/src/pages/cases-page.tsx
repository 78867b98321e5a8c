import { useMemo, useState } from 'react';
import { api } from '../api';
import { Link } from '../router';
import { useData } from '../use-data';
import type { ShownMedia } from '../../../src/encounter/events.js';
import { MediaFigure } from '../components/media-figure';

/** The case browser: search and filter the shipped cases. */
export function CasesPage() {
  const { data, error } = useData(() => api.cases(), []);
  const [q, setQ] = useState('');
  const [specialty, setSpecialty] = useState('');
  const specialties = useMemo(() => [...new Set((data?.cases ?? []).map((c) => c.specialty))].sort(), [data]);
  const shown = (data?.cases ?? []).filter(
    (c) =>
      (!specialty || c.specialty === specialty) && (!q || `${c.id} ${c.title} ${c.presentation} ${c.tags.join(' ')}`.toLowerCase().includes(q.toLowerCase())),
  );
  return (
    <section>
      <h1>Cases</h1>
      <div className="filters">
        <input type="search" placeholder="Search cases…" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search cases" />
        <select value={specialty} onChange={(e) => setSpecialty(e.target.value)} aria-label="Specialty">
          <option value="">All specialties</option>
          {specialties.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <span className="muted">{shown.length} cases</span>
      </div>
      {error && <p className="error">{error}</p>}
      <table className="table" data-testid="cases">
        <thead>
          <tr>
            <th>Case</th>
            <th>Specialty</th>
            <th>Difficulty</th>
            <th>Presentation</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/cases/${c.id}`}>{c.title}</Link>
                <div className="mono small muted">{c.id}</div>
              </td>
              <td>{c.specialty}</td>
              <td>{c.difficulty}</td>
              <td className="small">{c.presentation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface Fact {
  id: string;
  category: string;
  topic: string;
  answer: string;
}

/** One case: its public face, and the hidden facts and answer only on request. */
export function CasePage(props: { id: string }) {
  const [reveal, setReveal] = useState(false);
  const { data, error } = useData(() => api.kase(props.id, reveal), [props.id, reveal]);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const c = data.case as Record<string, unknown> & {
    title: string;
    presentation: string;
    specialty: string;
    difficulty: string;
    tags: string[];
    patient: { age: number; sex: string };
  };
  const diagnosis = c.diagnosis as { name: string; icd10?: string; accept?: string[] } | undefined;
  const results = (c.results ?? {}) as Record<string, unknown>;
  return (
    <section>
      <p className="crumbs">
        <Link to="/cases">← cases</Link>
      </p>
      <h1>{c.title}</h1>
      <p className="muted">
        <span className="mono">{props.id}</span> · {c.specialty} · {c.difficulty} · {c.tags.join(', ')}
      </p>
      <p className="presentation">{c.presentation}</p>
      <p>
        <Link to={`/play?case=${encodeURIComponent(props.id)}`} className="button">
          Play this case
        </Link>{' '}
        {!data.revealed && <button onClick={() => setReveal(true)}>Reveal facts and diagnosis</button>}
      </p>
      {data.revealed && (
        <>
          <h2>Diagnosis</h2>
          <p>
            <strong>{diagnosis?.name}</strong> {diagnosis?.icd10 ? `(${diagnosis.icd10})` : ''}
            {diagnosis?.accept?.length ? <span className="muted"> · also accepted: {diagnosis.accept.join(', ')}</span> : null}
          </p>
          {((c.media as ShownMedia[] | undefined) ?? []).length > 0 && (
            <>
              <h2>Images</h2>
              {(c.media as ShownMedia[]).map((m) => (
                <MediaFigure key={m.id} media={m} />
              ))}
            </>
          )}
          <h2>Facts</h2>
          <table className="table">
            <tbody>
              {((c.facts as Fact[]) ?? []).map((f) => (
                <tr key={f.id}>
                  <td>{f.category}</td>
                  <td>{f.topic}</td>
                  <td>{f.answer}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Results</h2>
          <ul>
            {Object.entries(results).map(([id, r]) => (
              <li key={id}>
                <span className="mono">{id}</span>: {JSON.stringify(r)}
              </li>
            ))}
          </ul>
        </>
      )}
      {!data.revealed && <p className="muted small">Hidden until revealed: {(data.hidden ?? []).join(', ')}.</p>}
    </section>
  );
}

import { useMemo, useState, type FormEvent } from 'react';
import { api, type CatalogItem, type DoctorView, type PlayStart, type PlayStep } from '../api';
import { ResultView } from '../components/result-view';
import { ScoreTable } from '../components/score-table';
import { Verdict } from '../components/verdict';
import { money } from '../format';
import { Link } from '../router';
import { useData } from '../use-data';
import { MediaFigure } from '../components/media-figure';

const NAME_KEY = 'rounds-player';
const EXAM_TARGETS = ['general', 'vitals', 'heent', 'neck', 'cardiovascular', 'respiratory', 'abdomen', 'neuro', 'skin', 'msk', 'extremities'];

/** The human doctor's seat: choose a case, then interview, examine, order and diagnose. */
export function PlayPage() {
  const [session, setSession] = useState<PlayStart>();
  if (!session) return <PlaySetup onStart={setSession} />;
  return <PlaySeat session={session} onAgain={() => setSession(undefined)} />;
}

function PlaySetup(props: { onStart: (s: PlayStart) => void }) {
  const cases = useData(() => api.cases(), []);
  const suites = useData(() => api.suites(), []);
  const preselected = new URLSearchParams(window.location.search).get('case') ?? '';
  const [name, setName] = useState(localStorage.getItem(NAME_KEY) ?? '');
  const [mode, setMode] = useState<'case' | 'suite'>(preselected ? 'case' : 'suite');
  const [caseId, setCaseId] = useState(preselected);
  const [suite, setSuite] = useState('quick');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      localStorage.setItem(NAME_KEY, name);
      props.onStart(await api.play(mode === 'case' ? { name, caseId } : { name, suite }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="narrow">
      <h1>Play the doctor</h1>
      <p className="muted">
        You meet a simulated patient under the same rules, prices and scoring as the AI doctors. Your encounter is stored and appears on the leaderboards as{' '}
        <code>human:{name || '<name>'}</code>.
      </p>
      <form onSubmit={start} className="stack">
        <label>
          Your name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. ada"
            required
            pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}"
            data-testid="player-name"
          />
        </label>
        <fieldset>
          <legend>Case</legend>
          <label className="inline">
            <input type="radio" checked={mode === 'suite'} onChange={() => setMode('suite')} /> a random case from the suite{' '}
            <select value={suite} onChange={(e) => setSuite(e.target.value)} disabled={mode !== 'suite'} aria-label="Suite">
              {(suites.data?.suites ?? []).map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <input type="radio" checked={mode === 'case'} onChange={() => setMode('case')} data-testid="mode-case" /> this case{' '}
            <select value={caseId} onChange={(e) => setCaseId(e.target.value)} disabled={mode !== 'case'} aria-label="Case" data-testid="case-select">
              <option value="">choose…</option>
              {(cases.data?.cases ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.specialty}: {c.title}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <button type="submit" disabled={busy || !name || (mode === 'case' && !caseId)} data-testid="play-start">
          See the patient
        </button>
        {error && <p className="error">{error}</p>}
      </form>
    </section>
  );
}

function PlaySeat(props: { session: PlayStart; onAgain: () => void }) {
  const { session } = props;
  const [view, setView] = useState<DoctorView>(session.view);
  const [result, setResult] = useState<PlayStep['result']>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const act = async (action: unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.step(session.sessionId, action);
      setView(r.view);
      if (r.result) setResult(r.result);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const ended = result !== undefined;
  return (
    <section>
      <h1>Your patient</h1>
      <div className="patient-card">
        <p className="presentation" data-testid="presentation">
          {view.presentation}
        </p>
        <p className="muted">
          {view.patient.age} {view.patient.ageUnit}, {view.patient.sex} · turn {view.turn} of {view.protocol.maxTurns} · spent{' '}
          <strong data-testid="running-cost">{money(view.cost)}</strong>
          {view.budgetLeft !== null ? ` · ${money(view.budgetLeft)} left` : ''} ·{' '}
          {view.inVisit ? 'in a visit' : `next question or exam starts a visit (${money(view.protocol.visitFee)})`}
        </p>
        {view.media?.map((m) => (
          <MediaFigure key={m.id} media={m} />
        ))}
        {!ended && (view.imagesOnRequest ?? 0) > 0 && (
          <button disabled={busy} onClick={() => act({ type: 'image' })} data-testid="request-images">
            Request images ({view.imagesOnRequest}, free)
          </button>
        )}
      </div>
      <div className="two-col">
        <div>
          <h2>Encounter</h2>
          <Chat view={view} />
        </div>
        <aside>
          {ended ? <ResultPanel result={result!} encounterId={session.encounterId} onAgain={props.onAgain} /> : <Controls view={view} busy={busy} act={act} />}
          {error && <p className="error">{error}</p>}
        </aside>
      </div>
    </section>
  );
}

function Chat(props: { view: DoctorView }) {
  if (props.view.history.length === 0) return <p className="muted">Ask the patient a question to begin.</p>;
  return (
    <ol className="chat" data-testid="chat">
      {props.view.history.map((h) => (
        <li key={h.turn}>
          <div className="bubble doctor">
            {h.action.type === 'ask' && h.action.questions.map((q) => q.text).join(' ')}
            {h.action.type === 'examine' && `Examine: ${h.action.targets.join(', ')}`}
            {h.action.type === 'order' && `Order: ${h.action.tests.join(', ')}`}
            {h.action.type === 'diagnose' && `Diagnosis: ${h.action.differential.map((d) => d.name).join(' › ')}`}
            {h.action.type === 'image' && 'Request images'}
          </div>
          {h.items.map((it, i) => (
            <div key={i} className={`bubble ${it.kind === 'answer' ? 'patient' : it.kind === 'notice' ? 'notice' : 'hospital'}`}>
              {it.kind === 'answer' && it.text}
              {it.kind === 'exam' && (
                <>
                  <strong>{it.target}:</strong> {it.text}
                </>
              )}
              {it.kind === 'result' && (
                <>
                  <strong>{it.name}</strong> <span className="price">{money(it.price)}</span>
                  <ResultView result={it.result} />
                </>
              )}
              {it.kind === 'notice' && it.text}
              {it.kind === 'image' && <MediaFigure media={it.media} />}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

type Act = (action: unknown) => Promise<boolean>;

function Controls(props: { view: DoctorView; busy: boolean; act: Act }) {
  const [tab, setTab] = useState<'ask' | 'examine' | 'order' | 'diagnose'>('ask');
  return (
    <div className="controls">
      <div className="tabs" role="tablist">
        {(['ask', 'examine', 'order', 'diagnose'] as const).map((t) => (
          <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)} data-testid={`tab-${t}`}>
            {t}
          </button>
        ))}
      </div>
      {tab === 'ask' && <AskForm {...props} />}
      {tab === 'examine' && <ExamForm {...props} />}
      {tab === 'order' && <OrderForm {...props} />}
      {tab === 'diagnose' && <DiagnoseForm {...props} />}
    </div>
  );
}

function AskForm(props: { busy: boolean; act: Act }) {
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() && (await props.act({ type: 'ask', questions: [{ text: text.trim() }] }))) setText('');
  };
  return (
    <form onSubmit={submit} className="stack">
      <input
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Ask the patient… (several questions in one message are fine)"
        aria-label="Question"
        data-testid="ask-input"
        autoFocus
      />
      <button type="submit" disabled={props.busy || !text.trim()} data-testid="ask-send">
        Ask
      </button>
    </form>
  );
}

function ExamForm(props: { busy: boolean; act: Act; view: DoctorView }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const cap = props.view.protocol.maxExamsPerTurn;
  const toggle = (t: string) => setChosen((c) => (c.includes(t) ? c.filter((x) => x !== t) : [...c, t]));
  return (
    <div className="stack">
      <div className="chips">
        {EXAM_TARGETS.map((t) => (
          <button
            key={t}
            className={chosen.includes(t) ? 'chip on' : 'chip'}
            onClick={() => toggle(t)}
            data-testid={`exam-${t}`}
            aria-pressed={chosen.includes(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <button
        disabled={props.busy || chosen.length === 0}
        onClick={async () => {
          if (await props.act({ type: 'examine', targets: chosen })) setChosen([]);
        }}
        data-testid="exam-send"
      >
        Examine {chosen.length ? `(${chosen.length}${chosen.length > cap ? `, only ${cap} per turn` : ''})` : ''}
      </button>
    </div>
  );
}

function OrderForm(props: { busy: boolean; act: Act; view: DoctorView }) {
  const catalog = useData(() => api.catalog(), []);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<CatalogItem[]>([]);
  const prices = props.view.protocol.prices;
  const price = (t: CatalogItem) => prices[t.id] ?? t.price;
  const matches = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = catalog.data?.tests ?? [];
    return (needle ? all.filter((t) => [t.id, t.name, ...t.aliases].some((s) => s.toLowerCase().includes(needle))) : all).slice(0, 40);
  }, [q, catalog.data]);
  const total = chosen.reduce((s, t) => s + price(t), 0);
  return (
    <div className="stack">
      <input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Search tests (name, alias, id)…"
        aria-label="Search tests"
        data-testid="catalog-search"
      />
      <ul className="catalog" data-testid="catalog">
        {matches.map((t) => (
          <li key={t.id}>
            <button
              className="link"
              disabled={chosen.some((c) => c.id === t.id)}
              onClick={() => setChosen((c) => [...c, t])}
              data-testid={`catalog-${t.id}`}
              title={`${t.id} · price from ${t.priceSource}`}
            >
              {t.name}
            </button>{' '}
            <span className="muted small">{t.category}</span> <span className="price">{money(price(t))}</span>
          </li>
        ))}
      </ul>
      {chosen.length > 0 && (
        <div className="chips">
          {chosen.map((t) => (
            <button key={t.id} className="chip on" onClick={() => setChosen((c) => c.filter((x) => x.id !== t.id))} title="remove">
              {t.name} ×
            </button>
          ))}
        </div>
      )}
      <button
        disabled={props.busy || chosen.length === 0}
        onClick={async () => {
          if (await props.act({ type: 'order', tests: chosen.map((t) => t.id) })) setChosen([]);
        }}
        data-testid="order-send"
      >
        Order {chosen.length} test{chosen.length === 1 ? '' : 's'} ({money(total)})
      </button>
    </div>
  );
}

function DiagnoseForm(props: { busy: boolean; act: Act }) {
  const [items, setItems] = useState<string[]>(['']);
  const set = (i: number, v: string) => setItems((l) => l.map((x, j) => (j === i ? v : x)));
  const move = (i: number, d: -1 | 1) =>
    setItems((l) => {
      const j = i + d;
      if (j < 0 || j >= l.length) return l;
      const c = [...l];
      [c[i], c[j]] = [c[j], c[i]];
      return c;
    });
  const names = items.map((s) => s.trim()).filter(Boolean);
  return (
    <div className="stack">
      <p className="muted small">Your ranked differential: the first entry is scored as your diagnosis; the top three count for top-3.</p>
      <ol className="dx-list">
        {items.map((v, i) => (
          <li key={i}>
            <input
              value={v}
              onChange={(e) => set(i, e.target.value)}
              placeholder={i === 0 ? 'Most likely diagnosis' : 'Alternative'}
              aria-label={`Diagnosis ${i + 1}`}
              data-testid={`dx-${i}`}
            />
            <button className="icon" onClick={() => move(i, -1)} disabled={i === 0} aria-label="Move up">
              ↑
            </button>
            <button className="icon" onClick={() => move(i, 1)} disabled={i === items.length - 1} aria-label="Move down">
              ↓
            </button>
            <button className="icon" onClick={() => setItems((l) => (l.length > 1 ? l.filter((_, j) => j !== i) : l))} aria-label="Remove">
              ×
            </button>
          </li>
        ))}
      </ol>
      <button onClick={() => setItems((l) => [...l, ''])} disabled={items.length >= 10} data-testid="dx-add">
        Add an alternative
      </button>
      <button
        className="primary"
        disabled={props.busy || names.length === 0}
        onClick={() => props.act({ type: 'diagnose', differential: names.map((name) => ({ name })) })}
        data-testid="dx-submit"
      >
        Submit diagnosis
      </button>
    </div>
  );
}

function ResultPanel(props: { result: NonNullable<PlayStep['result']>; encounterId: string; onAgain: () => void }) {
  const r = props.result;
  return (
    <div className="result-panel" data-testid="play-result">
      <h2>
        Result: <Verdict verdict={r.verdict} />
      </h2>
      <p>
        The diagnosis was <strong data-testid="true-diagnosis">{r.diagnosis}</strong> ({r.title}).
      </p>
      <ScoreTable scores={r.scores} />
      <p>
        <Link to={`/encounters/${props.encounterId}`}>Open the stored transcript</Link> · <button onClick={props.onAgain}>Play another case</button>
      </p>
    </div>
  );
}

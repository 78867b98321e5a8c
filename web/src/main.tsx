import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, getToken, setToken } from './api';
import { Link, usePath } from './router';
import { useData } from './use-data';
import { RunsPage } from './pages/runs-page';
import { RunPage } from './pages/run-page';
import { EncounterPage } from './pages/encounter-page';
import { LivePage } from './pages/live-page';
import { CasePage, CasesPage } from './pages/cases-page';
import { PlayPage } from './pages/play-page';
import './style.css';

/** Client-side routes: a path pattern and its page. */
function route(path: string) {
  let m: RegExpExecArray | null;
  if (path === '/' || path === '/runs') return <RunsPage />;
  if ((m = /^\/runs\/([^/]+)$/.exec(path))) return <RunPage id={decodeURIComponent(m[1])} />;
  if ((m = /^\/encounters\/([^/]+)\/live$/.exec(path))) return <LivePage id={decodeURIComponent(m[1])} />;
  if ((m = /^\/encounters\/([^/]+)$/.exec(path))) return <EncounterPage id={decodeURIComponent(m[1])} />;
  if (path === '/cases') return <CasesPage />;
  if ((m = /^\/cases\/([^/]+)$/.exec(path))) return <CasePage id={decodeURIComponent(m[1])} />;
  if (path === '/play') return <PlayPage />;
  return (
    <p>
      No page here. <Link to="/">Back to the runs</Link>.
    </p>
  );
}

function TokenField() {
  const health = useData(() => api.health(), []);
  const [value, setValue] = useState(getToken());
  if (!health.data?.tokenRequired) return null;
  return (
    <label className="token">
      Token{' '}
      <input
        type="password"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setToken(e.target.value);
        }}
        placeholder="ROUNDS_TOKEN"
      />
    </label>
  );
}

function App() {
  const path = usePath();
  const section = path.split('/')[1] || 'runs';
  return (
    <>
      <header className="top">
        <Link to="/" className="brand">
          Rounds
        </Link>
        <nav>
          <Link to="/" className={section === 'runs' ? 'active' : ''}>
            Runs
          </Link>
          <Link to="/cases" className={section === 'cases' ? 'active' : ''}>
            Cases
          </Link>
          <Link to="/play" className={section === 'play' ? 'active' : ''}>
            Play
          </Link>
        </nav>
        <TokenField />
      </header>
      <main key={path}>{route(path)}</main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

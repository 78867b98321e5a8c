import { useEffect, useMemo, useState } from 'react';
import type { RunEncounter } from '../api';
import { money } from '../format';
import { Link } from '../router';
import { Verdict } from './verdict';

/** The list's view state; every field lives in the page's query string so a filtered view can be shared as a link. */
export interface ListView {
  verdict: string;
  doctor: string;
  specialty: string;
  case: string;
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
}
export type SortKey = 'case' | 'doctor' | 'verdict' | 'cost' | 'turns';
const SORTS: SortKey[] = ['case', 'doctor', 'verdict', 'cost', 'turns'];
const DEFAULT: ListView = { verdict: '', doctor: '', specialty: '', case: '', q: '', sort: 'case', dir: 'asc' };
/** Verdicts sorted best first, so "sort by verdict" groups correct, then partial, down to errors and pending. */
const VERDICT_RANK = ['correct', 'partial', 'incorrect', 'no-diagnosis', 'error', 'pending'];

export function readView(search: string): ListView {
  const p = new URLSearchParams(search);
  const sort = p.get('sort') as SortKey | null;
  return {
    verdict: p.get('verdict') ?? '',
    doctor: p.get('doctor') ?? '',
    specialty: p.get('specialty') ?? '',
    case: p.get('case') ?? '',
    q: p.get('q') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'case',
    dir: p.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

function writeView(v: ListView): void {
  const p = new URLSearchParams(window.location.search);
  for (const k of Object.keys(DEFAULT) as Array<keyof ListView>) {
    if (v[k] && v[k] !== DEFAULT[k]) p.set(k, v[k]);
    else p.delete(k);
  }
  const qs = p.toString();
  // replaceState: typing in the search box must not flood the back button with one entry per key.
  window.history.replaceState(null, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
}

const verdictOf = (e: RunEncounter) => e.verdict ?? 'pending';
const nullsLast = (a: number | null, b: number | null, dir: number) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : (a - b) * dir);

/** Filters and sorts in memory: one pass over the fetched list, fast enough for runs of thousands of encounters. */
export function applyView(list: readonly RunEncounter[], v: ListView): RunEncounter[] {
  const q = v.q.trim().toLowerCase();
  const out = list.filter(
    (e) =>
      (!v.verdict || verdictOf(e) === v.verdict) &&
      (!v.doctor || e.doctor === v.doctor) &&
      (!v.specialty || e.specialty === v.specialty) &&
      (!v.case || e.caseId === v.case) &&
      (!q || `${e.caseId}\n${e.doctor}\n${e.protocol}\n${e.specialty}`.toLowerCase().includes(q)),
  );
  const dir = v.dir === 'desc' ? -1 : 1;
  const byCase = (a: RunEncounter, b: RunEncounter) => a.caseId.localeCompare(b.caseId) || a.doctor.localeCompare(b.doctor) || a.seed.localeCompare(b.seed);
  const cmp: Record<SortKey, (a: RunEncounter, b: RunEncounter) => number> = {
    case: (a, b) => byCase(a, b) * dir,
    doctor: (a, b) => a.doctor.localeCompare(b.doctor) * dir || byCase(a, b),
    verdict: (a, b) => (VERDICT_RANK.indexOf(verdictOf(a)) - VERDICT_RANK.indexOf(verdictOf(b))) * dir || byCase(a, b),
    cost: (a, b) => nullsLast(a.cost, b.cost, dir) || byCase(a, b),
    turns: (a, b) => nullsLast(a.turns, b.turns, dir) || byCase(a, b),
  };
  return out.sort(cmp[v.sort]);
}

const uniq = (xs: string[]) => [...new Set(xs)].sort();

/** The run's encounters with verdict, doctor and specialty filters, a search box and sortable columns, kept in the URL. */
export function EncounterList(props: { encounters: RunEncounter[] }) {
  const [view, setView] = useState<ListView>(() => readView(window.location.search));
  useEffect(() => writeView(view), [view]);
  const set = (patch: Partial<ListView>) => setView((v) => ({ ...v, ...patch }));
  const shown = useMemo(() => applyView(props.encounters, view), [props.encounters, view]);
  const doctors = useMemo(() => uniq(props.encounters.map((e) => e.doctor)), [props.encounters]);
  const specialties = useMemo(() => uniq(props.encounters.map((e) => e.specialty)), [props.encounters]);
  const cases = useMemo(() => uniq(props.encounters.map((e) => e.caseId)), [props.encounters]);
  const verdicts = VERDICT_RANK.filter((v) => props.encounters.some((e) => verdictOf(e) === v));
  const head = (key: SortKey, label: string, className?: string) => {
    const active = view.sort === key;
    return (
      <th className={className} aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sort" data-sort={key} onClick={() => set({ sort: key, dir: active && view.dir === 'asc' ? 'desc' : 'asc' })}>
          {label}
          {active ? (view.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      </th>
    );
  };
  return (
    <>
      <div className="filters" data-testid="encounter-filters">
        <input
          type="search"
          placeholder="Search case, doctor, specialty…"
          aria-label="Search encounters"
          data-testid="filter-q"
          value={view.q}
          onChange={(e) => set({ q: e.target.value })}
        />
        <select aria-label="Verdict" data-testid="filter-verdict" value={view.verdict} onChange={(e) => set({ verdict: e.target.value })}>
          <option value="">All verdicts</option>
          {verdicts.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
        <select aria-label="Doctor" data-testid="filter-doctor" value={view.doctor} onChange={(e) => set({ doctor: e.target.value })}>
          <option value="">All doctors</option>
          {doctors.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
        <select aria-label="Specialty" data-testid="filter-specialty" value={view.specialty} onChange={(e) => set({ specialty: e.target.value })}>
          <option value="">All specialties</option>
          {specialties.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Case" data-testid="filter-case" value={view.case} onChange={(e) => set({ case: e.target.value })}>
          <option value="">All cases</option>
          {cases.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <span className="muted small" data-testid="filter-count">
          {shown.length} of {props.encounters.length}
        </span>
      </div>
      <table className="table" data-testid="encounters">
        <thead>
          <tr>
            {head('case', 'Case')}
            {head('doctor', 'Doctor')}
            <th>Protocol</th>
            <th>Specialty</th>
            <th>Seed</th>
            {head('verdict', 'Verdict')}
            {head('cost', 'Cost', 'num')}
            {head('turns', 'Turns', 'num')}
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.id} data-verdict={verdictOf(e)} data-doctor={e.doctor}>
              <td>
                <Link to={`/encounters/${e.id}`}>{e.caseId}</Link>
              </td>
              <td>{e.doctor}</td>
              <td>{e.protocol}</td>
              <td>{e.specialty}</td>
              <td className="mono">{e.seed}</td>
              <td>
                <Verdict verdict={e.verdict} />
              </td>
              <td className="num">{money(e.cost)}</td>
              <td className="num">{e.turns ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

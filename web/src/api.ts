import type { GroupSummary, RunSummary } from '../../src/report/aggregate.js';
import type { LeaderboardBoard, LeaderboardRow } from '../../src/report/leaderboard.js';
import type { EncounterEvent } from '../../src/encounter/events.js';
import type { DoctorView, Observation } from '../../src/encounter/view.js';
import type { EncounterRecord, RunRecord } from '../../src/store/types.js';

export type { GroupSummary, RunSummary, LeaderboardBoard, LeaderboardRow, EncounterEvent, DoctorView, Observation, EncounterRecord, RunRecord };

export type RunListItem = RunRecord & { done: number; active: boolean };
export type RunEncounter = EncounterRecord & { top1: number | null };
export interface RunDetail {
  run: RunRecord & { active: boolean };
  summary: RunSummary;
  encounters: RunEncounter[];
}
export interface ScoreRow {
  name: string;
  value: number | null;
  detail: string;
}
export interface EncounterDetailResponse {
  encounter: EncounterRecord;
  events: EncounterEvent[];
  scores: ScoreRow[];
}
export interface CaseSummary {
  id: string;
  title: string;
  specialty: string;
  difficulty: string;
  tags: string[];
  presentation: string;
}
export interface CatalogItem {
  id: string;
  name: string;
  aliases: string[];
  category: string;
  price: number;
  priceSource: string;
}
export interface PlayStart {
  sessionId: string;
  runId: string;
  encounterId: string;
  caseId: string | null;
  doctor: string;
  view: DoctorView;
}
export interface PlayStep {
  observation: Observation;
  view: DoctorView;
  ended: boolean;
  result?: { verdict: string; scores: ScoreRow[]; diagnosis: string; endReason: string | null; caseId: string; title: string };
}

const TOKEN_KEY = 'rounds-token';

/** The access token for an exposed server, kept in this browser only. */
export function getToken(): string {
  return localStorage.getItem(TOKEN_KEY) ?? '';
}
export function setToken(token: string): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** An API failure carrying the server's one-sentence message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiFailure(res.status, body?.error?.message ?? `Request failed (${res.status}).`);
  return body as T;
}

export const api = {
  health: () => call<{ ok: boolean; version: string; tokenRequired: boolean }>('/api/health'),
  runs: () => call<{ runs: RunListItem[] }>('/api/runs'),
  run: (id: string) => call<RunDetail>(`/api/runs/${encodeURIComponent(id)}`),
  cancelRun: (id: string) => call<{ status: string }>(`/api/runs/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: '{}' }),
  encounter: (id: string) => call<EncounterDetailResponse>(`/api/encounters/${encodeURIComponent(id)}`),
  label: (id: string, body: { correct: boolean; grader?: string; note?: string }) =>
    call<{ score: ScoreRow }>(`/api/encounters/${encodeURIComponent(id)}/label`, { method: 'POST', body: JSON.stringify(body) }),
  cases: (query = '') => call<{ cases: CaseSummary[] }>(`/api/cases${query}`),
  kase: (id: string, reveal: boolean) =>
    call<{ case: Record<string, unknown>; revealed: boolean; hidden?: string[] }>(`/api/cases/${encodeURIComponent(id)}${reveal ? '?reveal=1' : ''}`),
  catalog: () => call<{ tests: CatalogItem[] }>('/api/catalog'),
  suites: () => call<{ suites: Array<{ name: string; description: string }> }>('/api/suites'),
  leaderboard: () => call<{ boards: LeaderboardBoard[]; minCases: number }>('/api/leaderboard'),
  play: (body: { name: string; caseId?: string; suite?: string }) => call<PlayStart>('/api/play', { method: 'POST', body: JSON.stringify(body) }),
  step: (sessionId: string, action: unknown) =>
    call<PlayStep>(`/api/play/${encodeURIComponent(sessionId)}/step`, { method: 'POST', body: JSON.stringify({ action }) }),
};

/** Handlers of one encounter's event stream: each stored event, then the final `done`. */
export interface StreamHandlers {
  event: (data: string) => void;
  done: (data: string) => void;
  error: (message: string) => void;
}

/**
 * Follows a server-sent event stream; returns a function that stops it.
 * EventSource cannot send the token an exposed server asks for, so with a
 * token set the stream is read through fetch instead.
 */
export function followEvents(path: string, on: StreamHandlers): () => void {
  const token = getToken();
  if (!token) {
    const source = new EventSource(path);
    source.addEventListener('event', (m) => on.event((m as MessageEvent).data));
    source.addEventListener('done', (m) => {
      on.done((m as MessageEvent).data);
      source.close();
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) on.error('The event stream closed.');
    };
    return () => source.close();
  }
  const controller = new AbortController();
  void (async () => {
    try {
      const res = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => null);
        on.error(body?.error?.message ?? `The event stream failed (${res.status}).`);
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let type = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) type = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).replace(/^ /, '');
          }
          if (type === 'event') on.event(data);
          else if (type === 'done') {
            on.done(data);
            controller.abort();
            return;
          }
        }
      }
      on.error('The event stream closed.');
    } catch {
      if (!controller.signal.aborted) on.error('The event stream closed.');
    }
  })();
  return () => controller.abort();
}

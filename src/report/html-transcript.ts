import type { Result } from '../case/schema.js';
import type { Action } from '../encounter/actions.js';
import type { EncounterEvent } from '../encounter/events.js';
import type { EncounterDetail } from '../store/types.js';
import { encounterCost, encounterTurns } from './aggregate.js';
import { fixed, money, MISSING } from './format.js';
import { html, type SafeHtml } from './html-escape.js';
import { mediaFigure } from './html-media.js';

type Ev<T extends EncounterEvent['type']> = Extract<EncounterEvent, { type: T }>;

/** One doctor action and everything that came back from it, with the notes written just before it. */
interface TurnBlock {
  action: Ev<'action'> | null;
  notes: Ev<'note'>[];
  events: EncounterEvent[];
}

const SCORE_ORDER = ['diagnosis', 'top1', 'top3', 'cost', 'turns', 'questions', 'exams', 'tests', 'must_ask', 'must_order', 'must_not'];

/** Splits the event list into turns: a note belongs to the action that follows it (it is that action's deliberation). */
function toTurns(events: readonly EncounterEvent[]): { start: Ev<'start'> | null; blocks: TurnBlock[]; trailingNotes: Ev<'note'>[] } {
  let start: Ev<'start'> | null = null;
  const blocks: TurnBlock[] = [];
  let pending: Ev<'note'>[] = [];
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.type === 'start') start = e;
    else if (e.type === 'note') pending.push(e);
    else if (e.type === 'action') {
      blocks.push({ action: e, notes: pending, events: [] });
      pending = [];
    } else {
      // Events before any action (an error on the first step) get a block of their own.
      if (blocks.length === 0 || pending.length) {
        blocks.push({ action: null, notes: pending, events: [] });
        pending = [];
      }
      blocks[blocks.length - 1].events.push(e);
    }
  }
  return { start, blocks, trailingNotes: pending };
}

function actionLine(a: Action): SafeHtml {
  switch (a.type) {
    case 'ask':
      return html`<span class="act">Ask</span> ${a.questions.length} question${a.questions.length === 1 ? '' : 's'}`;
    case 'examine':
      return html`<span class="act">Examine</span> ${a.targets.join(', ')}`;
    case 'order':
      return html`<span class="act">Order</span> ${a.tests.join(', ')}`;
    case 'image':
      return html`<span class="act">Request images</span>${a.ids?.length ? ` ${a.ids.join(', ')}` : ''}`;
    case 'diagnose':
      return html`<span class="act">Diagnose</span> (${a.differential.length} in the differential)`;
    case 'fhir':
      return html`<span class="act">${a.method}</span> <code>${a.url}</code>`;
    case 'finish':
      return html`<span class="act">Finish</span> <code>${JSON.stringify(a.answer)}</code>`;
    case 'respond':
      return html`<span class="act">Reply</span> to the conversation`;
  }
}

function flag(f: string | undefined): SafeHtml | '' {
  return f ? html` <span class="flag flag-${f}">${f}</span>` : '';
}

function resultBody(r: Result): SafeHtml {
  const value =
    r.value !== undefined
      ? html`<div class="value">${String(r.value)}${r.unit ? ` ${r.unit}` : ''}${flag(r.flag)}${r.range ? html` <span class="muted">(${r.range})</span>` : ''}</div>`
      : r.flag
        ? html`<div class="value">${flag(r.flag)}</div>`
        : '';
  const components = r.components
    ? html`<table class="components"><thead><tr><th>Component</th><th>Value</th><th>Unit</th><th>Flag</th><th>Range</th></tr></thead><tbody>${Object.entries(
        r.components,
      ).map(
        ([name, c]) =>
          html`<tr${c.flag && c.flag !== 'normal' ? html` class="abn"` : ''}><td>${name}</td><td class="num">${String(c.value)}</td><td>${c.unit ?? ''}</td><td>${c.flag ?? ''}</td><td>${c.range ?? ''}</td></tr>`,
      )}</tbody></table>`
    : '';
  return html`${r.text ? html`<div class="report-text">${r.text}</div>` : ''}${value}${components}`;
}

/** A note's data as one short line and, when longer, the full JSON behind a toggle. */
function noteView(n: Ev<'note'>): SafeHtml {
  let text: string;
  try {
    text = typeof n.data === 'string' ? n.data : (JSON.stringify(n.data, null, 1) ?? String(n.data));
  } catch {
    text = String(n.data);
  }
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const head = html`<span class="note-tag">${n.author} · ${n.kind}</span>`;
  if (oneLine.length <= 140) return html`<div class="note">${head} <code>${oneLine}</code></div>`;
  const full = text.length > 8000 ? `${text.slice(0, 8000)}\n… (${text.length - 8000} more characters)` : text;
  return html`<details class="note"><summary>${head} <code>${oneLine.slice(0, 120)}…</code></summary><pre>${full}</pre></details>`;
}

function eventView(e: EncounterEvent): SafeHtml | '' {
  switch (e.type) {
    case 'visit':
      return html`<div class="visit">Visit fee <span class="price">${money(e.fee)}</span></div>`;
    case 'answer':
      return html`<div class="qa"><div class="q">${e.question.text}${e.question.topic ? html` <span class="muted">[${e.question.topic}]</span>` : ''}</div><div class="a">${e.text}</div><div class="why">${
        (e.factIds.length
          ? `facts: ${e.factIds.join(', ')} (${e.matched})`
          : e.matched === 'unclear'
            ? 'not understood: never scored as a negative'
            : 'no case fact: pertinent negative') + (e.rule ? ` · rule ${e.rule}${e.confidence !== undefined ? `, confidence ${e.confidence}` : ''}` : '')
      }</div></div>`;
    case 'exam':
      return html`<div class="exam"><b>${e.target}</b>${e.normal ? html` <span class="muted">(normal)</span>` : ''}: ${e.text}</div>`;
    case 'result':
      return html`<div class="result"><div class="result-head"><b>${e.name}</b> <span class="muted">${e.request !== e.testId ? `"${e.request}" → ${e.testId}` : e.testId}</span>${
        e.synthetic ? html` <span class="tag">not in case: lab-generated</span>` : ''
      }${
        e.decision && !['case', 'synthetic'].includes(e.decision)
          ? html` <span class="tag" title="${e.reason ?? ''}">${e.decision}${e.resolvedFrom?.length ? ` from ${e.resolvedFrom.join(', ')}` : ''}</span>`
          : ''
      } <span class="price">${money(e.price)}</span></div>${resultBody(e.result)}</div>`;
    case 'image':
      return e.media.length ? html`<div class="images">${e.media.map((m) => mediaFigure(m))}</div>` : html`<div class="muted">${e.text}</div>`;
    case 'unrecognised':
      return html`<div class="warn">Unrecognised order "${e.request}": ${e.text}</div>`;
    case 'refused':
      return html`<div class="warn">Refused (${e.reason}): ${e.text}</div>`;
    case 'diagnosis':
      return html`<div class="dx-note">Committed to the differential below.</div>`;
    case 'fhir': {
      // The EHR call as the transcript shows it: status, the refusal's diagnostic or the stored resource's id.
      const what = e.diagnostics ?? (e.stored ? `stored ${String(e.stored.resourceType)}/${String(e.stored.id)}` : fhirSummary(e.response));
      return html`<div class="${e.status >= 400 ? 'warn' : 'exam'}"><b>${e.method} ${e.status}</b> <code>${e.url}</code>: ${what}</div>`;
    }
    case 'finish':
      return html`<div class="dx-note">Answer: <code>${JSON.stringify(e.answer)}</code></div>`;
    case 'reply':
      return html`<div class="qa"><div class="a">${e.text}</div></div>`;
    case 'error':
      return html`<div class="err">Error ${e.code}: ${e.message}</div>`;
    case 'end':
      return html`<div class="end">Ended: ${e.reason} after ${e.turns} turn${e.turns === 1 ? '' : 's'}, total ${money(e.cost)}</div>`;
    default:
      return '';
  }
}

function fhirSummary(body: unknown): string {
  const b = body as { resourceType?: string; total?: number; entry?: unknown[]; id?: string } | undefined;
  if (!b || typeof b !== 'object') return 'no body';
  if (b.resourceType === 'Bundle') return `Bundle, ${b.entry?.length ?? 0} of ${b.total ?? '?'} entries`;
  return `${b.resourceType ?? 'resource'}${b.id ? `/${b.id}` : ''}`;
}

function turnCost(events: readonly EncounterEvent[]): number {
  let c = 0;
  for (const e of events) {
    if (e.type === 'visit') c += e.fee;
    else if (e.type === 'result') c += e.price;
  }
  return c;
}

function differential(dx: Ev<'diagnosis'> | undefined): SafeHtml | '' {
  if (!dx) return '';
  return html`<h4>Final differential</h4><ol class="differential">${dx.differential.map(
    (d) =>
      html`<li>${d.name}${d.icd10 ? html` <span class="muted">${d.icd10}</span>` : ''}${d.probability !== undefined ? html` <span class="prob">${fixed(d.probability * 100, 0)}%</span>` : ''}</li>`,
  )}</ol>${dx.rationale ? html`<p class="rationale"><b>Rationale:</b> ${dx.rationale}</p>` : ''}`;
}

function scoresTable(e: EncounterDetail): SafeHtml {
  const names = Object.keys(e.scores).sort((a, b) => {
    const ia = SCORE_ORDER.indexOf(a);
    const ib = SCORE_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  if (names.length === 0) return html`<p class="muted">No scores recorded.</p>`;
  return html`<table class="scores"><thead><tr><th>Score</th><th>Value</th><th>Detail</th></tr></thead><tbody>${names.map((n) => {
    const s = e.scores[n];
    return html`<tr><td>${n}</td><td class="num">${s.value === null ? MISSING : String(Number(s.value.toFixed(4)))}</td><td>${s.detail}</td></tr>`;
  })}</tbody></table>`;
}

/** The collapsed transcript of one encounter: presentation, each turn with what came back and the running cost, the differential, the verdict and every score's detail. */
export function renderEncounter(e: EncounterDetail): SafeHtml {
  const verdict = e.verdict ?? 'pending';
  const cost = encounterCost(e);
  const turns = encounterTurns(e);
  const summary = html`<summary><span class="verdict v-${verdict}">${verdict}</span> <b>${e.caseId}</b> <span class="muted">· ${e.protocol} · seed ${e.seed} · ${money(cost)} · ${turns === null ? MISSING : turns} turns</span></summary>`;
  const meta = html`<dl class="meta"><dt>Specialty</dt><dd>${e.specialty}</dd><dt>Difficulty</dt><dd>${e.difficulty}</dd><dt>Case diagnosis</dt><dd>${e.diagnosis}</dd><dt>End</dt><dd>${e.endReason ?? MISSING}</dd><dt>Encounter</dt><dd><code>${e.id}</code></dd></dl>`;

  let body: SafeHtml;
  if (!e.events) {
    body = html`<p class="muted">This report was built without the encounter's events; only its scores are shown.</p>`;
  } else {
    const { start, blocks, trailingNotes } = toTurns(e.events);
    let running = 0;
    const turnItems = blocks.map((b) => {
      running += turnCost(b.events);
      return html`<li class="turn"><div class="turn-head">${b.action ? html`<span class="turn-no">Turn ${b.action.turn}</span> ${actionLine(b.action.action)}` : html`<span class="turn-no">—</span>`}<span class="running">running ${money(running)}</span></div>${b.notes.map(noteView)}${b.events.map(eventView)}</li>`;
    });
    const p = start?.patient;
    const presentation = start
      ? html`<div class="presentation"><div class="muted">${p ? `${p.age} ${p.ageUnit === 'years' ? 'y' : p.ageUnit}, ${p.sex}${p.speaker !== 'self' ? `, history from the ${p.speaker}` : ''}` : ''}</div><p>${start.presentation}</p></div>`
      : html`<p class="muted">No start event.</p>`;
    const dx = e.events.find((x): x is Ev<'diagnosis'> => x.type === 'diagnosis');
    body = html`${presentation}<ol class="turns">${turnItems}</ol>${trailingNotes.map(noteView)}${differential(dx)}`;
  }
  return html`<details class="encounter" id="enc-${e.id}">${summary}<div class="enc-body">${meta}${body}<h4>Verdict: <span class="verdict v-${verdict}">${verdict}</span></h4>${scoresTable(e)}</div></details>`;
}
